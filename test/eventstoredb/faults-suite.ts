// The adapter while the server goes away and comes back, on one client package (faults.test.ts, faults-kurrent.test.ts).
import { randomUUID } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type AppendResult,
  type CaughtUp,
  enrollment,
  type EventStore,
  type EventToAppend,
  type StoredRecord,
} from '@pembina/core'
import { eventStoreDbEventStore } from '@pembina/eventstoredb'
import type { EsdbTestServer } from '../esdb-server/index.js'
import type { ClientUnderTest } from './clients.js'

const sessionLogged = (n: number): EventToAppend => ({
  eventId: randomUUID(),
  type: 'SessionLogged',
  data: { n },
  metadata: { test: 'faults' },
})

const within = async <T>(promise: Promise<T>, ms: number, what: string): Promise<T> => {
  let timer: NodeJS.Timeout | undefined
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          reject(new Error(`${what}: nothing within ${ms} ms`))
        }, ms)
      }),
    ])
  } finally {
    clearTimeout(timer)
  }
}

/** Registers the cases through `client`'s package, on a test server of their own that they stop and start. */
export const faultsSuite = ({ clientPackage, startServer }: ClientUnderTest): void => {
  let server: EsdbTestServer | undefined
  beforeAll(async () => {
    server = await startServer()
  })
  afterAll(async () => {
    await server?.close()
  })

  const running = (): EsdbTestServer => {
    if (server === undefined) throw new Error('the test server did not start')
    return server
  }

  describe(`the EventStoreDB adapter through ${clientPackage} when the server goes away`, () => {
    it('a subscription resumes after the server restarts: every event once, in order, none lost', async () => {
      const test = running()
      const store = eventStoreDbEventStore({
        connectionString: test.connectionString,
        clientPackage,
        retry: { attempts: 20, initialDelayMs: 50, maxDelayMs: 200 },
        resubscribe: { initialDelayMs: 50, maxDelayMs: 200 },
      })
      const category = `mentorship${randomUUID().replaceAll('-', '')}`
      const stream = `${category}-1`
      const events = Array.from({ length: 9 }, (_, n) => sessionLogged(n))
      const subscription = store.subscribe({ filter: { category } })
      const iterator = subscription[Symbol.asyncIterator]()
      const next = async (): Promise<StoredRecord | CaughtUp> => {
        const step = await within(iterator.next(), 15_000, 'waiting for the subscription')
        if (step.done === true) throw new Error('the subscription ended')
        return step.value
      }
      try {
        expect(await next()).toEqual({ kind: 'caught-up', position: null })
        const delivered: StoredRecord[] = []
        // Before the stop: three events, delivered live.
        expect(E.isRight(await store.append(stream, events.slice(0, 3), 'no-stream')())).toBe(true)
        for (let i = 0; i < 3; i += 1) delivered.push(assertRecord(await next()))
        const pending = next() // waiting while the server is lost
        await test.stop()
        await new Promise(resolve => setTimeout(resolve, 300))
        await test.start()
        expect(E.isRight(await store.append(stream, events.slice(3, 6), 2)())).toBe(true)
        delivered.push(assertRecord(await pending))
        for (let i = 0; i < 2; i += 1) delivered.push(assertRecord(await next()))
        // A second outage while the feed is idle, then more events.
        await test.stop()
        await test.start()
        expect(E.isRight(await store.append(stream, events.slice(6), 5)())).toBe(true)
        for (let i = 0; i < 3; i += 1) delivered.push(assertRecord(await next()))
        expect(delivered.map(r => (r.kind === 'event' ? r.eventId : r.kind))).toEqual(events.map(e => e.eventId))
        expect(delivered.map(r => r.revision)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8])
        // Nothing more: no duplicate comes after the last event.
        const extra = iterator.next()
        const quiet = await Promise.race([extra.then(() => 'delivered'), new Promise(r => setTimeout(r, 500, 'quiet'))])
        expect(quiet).toBe('quiet')
      } finally {
        await subscription.close()
        await store.close()
      }
    }, 60_000)

    it('a subscription opened while the server is down waits for it, then catches up and follows', async () => {
      const test = running()
      const store = eventStoreDbEventStore({
        connectionString: test.connectionString,
        clientPackage,
        retry: { attempts: 3, initialDelayMs: 20, maxDelayMs: 50 },
        resubscribe: { initialDelayMs: 50, maxDelayMs: 200 },
      })
      const category = `mentorship${randomUUID().replaceAll('-', '')}`
      const stream = `${category}-1`
      const stored = [sessionLogged(0), sessionLogged(1)]
      let down = false
      try {
        const { position } = await appendedOk(store, stream, stored, 'no-stream')
        await test.stop()
        down = true
        const subscription = store.subscribe({ filter: { category } })
        const iterator = subscription[Symbol.asyncIterator]()
        const first = iterator.next()
        await new Promise(resolve => setTimeout(resolve, 400)) // several tries fail meanwhile
        await test.start()
        down = false
        const rest = [await within(first, 15_000, 'first delivery')]
        for (let i = 0; i < 2; i += 1) rest.push(await within(iterator.next(), 15_000, 'catching up'))
        const delivered = rest.flatMap(step => (step.done === true ? [] : [step.value]))
        expect(delivered.map(d => (d.kind === 'event' ? d.eventId : d.kind))).toEqual([
          ...stored.map(e => e.eventId),
          'caught-up',
        ])
        expect(delivered[2]).toEqual({ kind: 'caught-up', position })
        const live = sessionLogged(2)
        await appendedOk(store, stream, [live], 1)
        const next = await within(iterator.next(), 15_000, 'the live event')
        expect(next.done !== true && next.value.kind === 'event' && next.value.eventId).toBe(live.eventId)
        await subscription.close()
      } finally {
        if (down) await test.start()
        await store.close()
      }
    }, 60_000)

    it('an append while the server is down fails with StoreUnavailable after the retries, and writes nothing', async () => {
      const test = running()
      const store = eventStoreDbEventStore({
        connectionString: test.connectionString,
        clientPackage,
        retry: { attempts: 3, initialDelayMs: 50, maxDelayMs: 100 },
      })
      const stream = enrollment.streamName(randomUUID())
      let down = false
      try {
        expect(E.isRight(await store.append(stream, [sessionLogged(0)], 'no-stream')())).toBe(true)
        await test.stop()
        down = true
        const started = performance.now()
        const failed = await store.append(stream, [sessionLogged(1), sessionLogged(2)], 0)()
        expect(E.isLeft(failed) && failed.left._tag).toBe('StoreUnavailable')
        expect(performance.now() - started).toBeGreaterThanOrEqual(150) // it waited between its three tries
        const read = async (): Promise<number> => {
          let count = 0
          for await (const record of store.readStream(stream)) if (record.kind === 'event') count += 1
          return count
        }
        await expect(read()).rejects.toMatchObject({ name: 'StoreUnavailableError' })
        await test.start()
        down = false
        expect(await store.streamRevision(stream)()).toEqual(E.right(0))
      } finally {
        // Serve again for the tests after this one even when an expectation failed mid-outage.
        if (down) await test.start()
        await store.close()
      }
    }, 60_000)
  })
}

const appendedOk = async (
  store: EventStore,
  stream: string,
  events: readonly EventToAppend[],
  expected: number | 'no-stream',
): Promise<AppendResult> => {
  const result = await store.append(stream, events, expected)()
  if (E.isLeft(result)) throw new Error(`append failed: ${result.left._tag}`)
  return result.right
}

const assertRecord = (delivered: StoredRecord | CaughtUp): StoredRecord => {
  if (delivered.kind === 'caught-up') throw new Error('a second caught-up')
  return delivered
}
