// 409 on a conflict after the handler's retries, provoked deterministically by a store whose appends meet another
// writer a given number of times; and the mapping of every other failure to its status.
import type { EventStore } from '@pembina/core'
import { sqliteEventStore } from '@pembina/sqlite'
import * as E from 'fp-ts/lib/Either.js'
import { afterEach, describe, expect, it } from 'vitest'
import { registryCommands } from '../../examples/http-service/load/scenario.js'
import { failureAnswer } from '../../examples/http-service/src/answers.js'
import { commandIdOf, startTestService, storedEvents, type TestService } from './support.js'

/**
 * An SQLite store without its locked read-and-append (as EventStoreDB has none), whose first `conflicts` appends are
 * refused as if another writer had just appended to the stream.
 */
const contendedStore = (path: string, conflicts: number): EventStore => {
  const store = sqliteEventStore({ path })
  let left = conflicts
  return {
    readStream: store.readStream,
    readAll: store.readAll,
    subscribe: store.subscribe,
    streamRevision: store.streamRevision,
    countAfter: store.countAfter,
    close: store.close,
    append: (streamName, events, expected) => {
      if (left <= 0) return store.append(streamName, events, expected)
      left--
      return () => Promise.resolve(E.left({ _tag: 'ConcurrencyConflict' as const, streamName, expected, actual: 0 }))
    },
  }
}

const retry = { attempts: 3, backoffMs: 1, maxBackoffMs: 1 }
const [establish] = registryCommands(0)
if (establish === undefined) throw new Error('the registry starts with a unit')

let running: TestService | undefined
afterEach(async () => {
  await running?.cleanup()
  running = undefined
}, 30_000)

describe('conflicts', { timeout: 30_000 }, () => {
  it('a stream still changed by another writer after the retries is 409, nothing written; the retry goes through', async () => {
    running = await startTestService(path => ({ events: contendedStore(path, retry.attempts), retry }))
    const reply = await running.client.send(establish)
    expect(reply.status).toBe(409)
    expect(reply.body).toMatchObject({ error: 'conflict', streamName: 'unit-pemko-medan', attempts: 3 })
    expect(await storedEvents(running.path)).toEqual([])
    // A conflict is not kept: once the other writer is gone, the same request goes through, under the same key.
    expect((await running.client.send(establish)).status).toBe(201)
  })

  it('a conflict that clears within the retries is written once, and answered 201', async () => {
    running = await startTestService(path => ({ events: contendedStore(path, 2), retry }))
    const reply = await running.client.send(establish)
    expect(reply.status).toBe(201)
    const written = (await storedEvents(running.path)).filter(event => commandIdOf(event) === establish.key)
    expect(written.map(event => event.type)).toEqual(['UnitEstablished'])
  })
})

describe('the status of each failure', { timeout: 30_000 }, () => {
  const streamName = 'complaint-blw-2026-000001'
  it.each([
    [{ kind: 'conflict', streamName, attempts: 5, expected: 3, actual: 4 } as const, 409, 'conflict'],
    [{ kind: 'unavailable', streamName, message: 'disk I/O error' } as const, 503, 'unavailable'],
    [{ kind: 'corrupt-stream', streamName, revision: 2, reason: 'bad JSON' } as const, 500, 'corrupt-stream'],
    [{ kind: 'invalid-event', streamName, eventType: 'ComplaintFiled', reason: 'no' } as const, 500, 'invalid-event'],
    [{ kind: 'not-sealed', streamName, reason: 'subject-not-found', message: 'no filing' } as const, 404, 'not-found'],
    [{ kind: 'not-sealed', streamName, reason: 'unavailable', message: 'key store' } as const, 503, 'unavailable'],
  ])('%o is %i', (failure, status, error) => {
    const answer = failureAnswer(failure)
    expect(answer.status).toBe(status)
    expect(answer.body).toMatchObject({ error })
    if (status === 503) expect(answer.headers).toEqual({ 'retry-after': '1' })
  })

  it('an erased data subject is a rejection, 422, with its Indonesian term', () => {
    const answer = failureAnswer({ kind: 'not-sealed', streamName, reason: 'subject-erased', message: 'erased' })
    expect(answer).toEqual({
      status: 422,
      body: {
        error: 'rejected',
        code: 'subject-erased',
        message: 'erased',
        term: 'data pribadi telah dihapus',
        streamName,
      },
    })
  })
})
