// The EventStoreDB test server in a child process, for tests of @kurrent/kurrentdb-client: the test server is built
// on @eventstore/db-client's generated protobuf classes, and the two packages' classes share one global namespace
// (`proto.event_store.client`), so a process that loads both lets the one loaded last replace the other's classes
// (the 6.x classes lack fields the 1.x client sets; the 1.x classes' serializers call getters the 6.x objects lack).
// A server in its own process keeps each package alone in its process, as a real server would.
import { fork } from 'node:child_process'
import { resolve } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import type { EsdbTestServer } from '../esdb-server/index.js'

const repositoryRoot = resolve(import.meta.dirname, '../..')
const childExecArgv = ['--conditions=@pembina/source', '--import', 'tsx']
const closeGraceMs = 3_000

const Started = t.type({ started: t.number })
const Answer = t.intersection([t.type({ id: t.number, ok: t.boolean }), t.partial({ error: t.string })])

/** Starts the test server in a child process on 127.0.0.1 (a free port); the same interface as in process. */
export const startEsdbTestServerProcess = (
  options: { readonly maxAppendSize?: number } = {},
): Promise<EsdbTestServer> =>
  new Promise((resolveServer, reject) => {
    const args = options.maxAppendSize === undefined ? [] : [options.maxAppendSize.toString()]
    const child = fork(resolve(import.meta.dirname, 'server-child.ts'), args, {
      execArgv: childExecArgv,
      cwd: repositoryRoot,
      stdio: 'inherit',
    })
    const pending = new Map<number, { readonly done: () => void; readonly failed: (error: Error) => void }>()
    let nextId = 0
    let exited = false
    const request = (op: 'stop' | 'start' | 'close'): Promise<void> =>
      exited
        ? Promise.resolve()
        : new Promise((done, failed) => {
            nextId += 1
            pending.set(nextId, { done, failed })
            child.send({ id: nextId, op })
          })
    child.on('message', (message: unknown) => {
      const started = Started.decode(message)
      if (E.isRight(started)) {
        const port = started.right.started
        resolveServer({
          port,
          connectionString: `esdb://127.0.0.1:${port.toString()}?tls=false`,
          stop: () => request('stop'),
          start: () => request('start'),
          close: async () => {
            // A server that does not answer within a few seconds is ended: the process is this test's own.
            const killer = setTimeout(() => child.kill('SIGKILL'), closeGraceMs)
            await request('close').catch(() => undefined)
            await exit
            clearTimeout(killer)
          },
        })
        return
      }
      const answer = Answer.decode(message)
      if (E.isLeft(answer)) return
      const waiting = pending.get(answer.right.id)
      pending.delete(answer.right.id)
      if (answer.right.ok) waiting?.done()
      else waiting?.failed(new Error(answer.right.error ?? 'the test server process failed'))
    })
    const exit = new Promise<void>(done => {
      child.on('exit', () => {
        exited = true
        for (const waiting of pending.values()) waiting.failed(new Error('the test server process exited'))
        pending.clear()
        done()
      })
    })
    child.on('error', reject)
    void exit.then(() => {
      reject(new Error('the test server process exited before it started'))
    })
  })
