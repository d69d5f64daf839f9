// The EventStoreDB test server in a process of its own, driven by server-process.ts over IPC: `stop`, `start` and
// `close` messages, each answered once done.
import * as t from 'io-ts'
import * as E from 'fp-ts/lib/Either.js'
import { startEsdbTestServer } from '../esdb-server/index.js'

const Request = t.type({ id: t.number, op: t.union([t.literal('stop'), t.literal('start'), t.literal('close')]) })

const send = (message: unknown): void => {
  process.send?.(message)
}

const maxAppendSize = process.argv[2] === undefined ? undefined : Number(process.argv[2])
const server = await startEsdbTestServer(maxAppendSize === undefined ? {} : { maxAppendSize })
process.on('message', (message: unknown) => {
  const request = Request.decode(message)
  if (E.isLeft(request)) return
  const { id, op } = request.right
  const done = op === 'stop' ? server.stop() : op === 'start' ? server.start() : server.close()
  done.then(
    () => {
      send({ id, ok: true })
      if (op === 'close') process.disconnect()
    },
    (error: unknown) => {
      send({ id, ok: false, error: String(error) })
    },
  )
})
// The parent going away ends this process too.
process.on('disconnect', () => {
  void server.close().then(() => process.exit(0))
})
send({ started: server.port })
