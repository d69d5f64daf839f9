// Closing a store after reads left before their end, over a real connection (the server in another process). The
// 6.x client's dispose() waits for every gRPC call it made to finish; a read whose Readable was destroyed when the
// loop over it was left stopped pulling from its call, which then never finished, so close() never settled.
import { randomUUID } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { EventToAppend } from '@pembina/core'
import { eventStoreDbEventStore } from '@pembina/eventstoredb'
import type { EsdbTestServer } from '../esdb-server/index.js'
import { startEsdbTestServerProcess } from './server-process.js'

let server: EsdbTestServer | undefined
beforeAll(async () => {
  server = await startEsdbTestServerProcess()
})
afterAll(async () => {
  await server?.close()
})

const settlesWithin = async (promise: Promise<void>, ms: number): Promise<boolean> => {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<false>(resolve => {
    timer = setTimeout(() => {
      resolve(false)
    }, ms)
  })
  try {
    return await Promise.race([promise.then(() => true as const), late])
  } finally {
    clearTimeout(timer)
  }
}

const event = (n: number): EventToAppend => ({ eventId: randomUUID(), type: 'Read', data: { n }, metadata: null })

describe('closing the store through @eventstore/db-client', () => {
  it('settles after reads left early (a limit, a break) and a read to the end', async () => {
    if (server === undefined) throw new Error('the test server did not start')
    const store = eventStoreDbEventStore({
      connectionString: server.connectionString,
      clientPackage: '@eventstore/db-client',
    })
    const stream = `close-${randomUUID()}`
    for (let from = 0; from < 1_000; from += 500) {
      const batch = Array.from({ length: 500 }, (_, i) => event(from + i))
      expect(E.isRight(await store.append(stream, batch, from === 0 ? 'no-stream' : from - 1)())).toBe(true)
    }
    let read = 0
    for await (const record of store.readStream(stream, { limit: 100 })) if (record.kind === 'event') read += 1
    for await (const record of store.readStream(stream)) if (record.kind === 'event' && record.revision >= 9) break
    for await (const record of store.readStream(stream)) if (record.kind === 'event') read += 1
    expect(read).toBe(1_100)
    // Five seconds, far more than a close takes (milliseconds); before, it never settled.
    expect(await settlesWithin(store.close(), 5_000)).toBe(true)
  }, 30_000)
})
