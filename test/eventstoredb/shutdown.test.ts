// The adapter when the EventStoreDB node goes away, gracefully or by dying: the test server with its TCP relay
// (test/esdb-server/front-door.ts) closes the connections as a node does (see test/esdb-server/shutdown.test.ts for
// what the client itself reports: UNAVAILABLE either way). Every failure must come out as StoreUnavailable, and a
// subscription must carry on after the node is back: no crash, no hang, no gap, no duplicate; and the store must
// close (with the relay, a read's end arrives apart from its events, as over any real network).
import { randomUUID } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  type CaughtUp,
  type EventStore,
  type EventToAppend,
  type StoredRecord,
  StoreUnavailableError,
} from '@pembina/core'
import { eventStoreDbEventStore } from '@pembina/eventstoredb'
import { type EsdbTestServer, startEsdbTestServer } from '../esdb-server/index.js'
import { appended, take as takeWithin } from './deliveries.js'

const logged = (n: number, padding = ''): EventToAppend => ({
  eventId: randomUUID(),
  type: 'SessionLogged',
  data: { n, padding },
  metadata: { test: 'shutdown' },
})

const openStore = (server: EsdbTestServer): EventStore =>
  eventStoreDbEventStore({
    connectionString: server.connectionString,
    retry: { attempts: 2, initialDelayMs: 20 },
    resubscribe: { initialDelayMs: 20, maxDelayMs: 200 },
  })

/** The next `count` deliveries, each within ten seconds. */
const take = (iterator: AsyncIterator<StoredRecord | CaughtUp>, count: number) => takeWithin(iterator, count, 10_000)

const labels = (delivered: readonly (StoredRecord | CaughtUp)[]): readonly string[] =>
  delivered.map(d =>
    d.kind === 'event' && typeof d.data === 'object' && d.data !== null && 'n' in d.data
      ? `n${String(d.data.n)}`
      : d.kind,
  )

describe.each(['graceful', 'kill'] as const)('the adapter when the node stops (%s)', mode => {
  it('answers StoreUnavailable while the node is down, then works again once it is back', async () => {
    const server = await startEsdbTestServer({ relay: true })
    const store = openStore(server)
    const stream = `down${randomUUID().replaceAll('-', '')}-1`
    try {
      await appended(store, stream, [logged(0)], 'no-stream')
      await server.stop({ mode })
      const append = await store.append(stream, [logged(1)], 0)()
      expect(E.isLeft(append) && append.left._tag).toBe('StoreUnavailable')
      await expect(
        (async () => {
          for await (const record of store.readStream(stream)) if (record.kind === 'event') return
        })(),
      ).rejects.toBeInstanceOf(StoreUnavailableError)
      await server.start()
      await appended(store, stream, [logged(1)], 0)
    } finally {
      await store.close()
      await server.close()
    }
  }, 30_000)

  it('keeps a subscription going across the stop and the restart, with no gap and no duplicate', async () => {
    const server = await startEsdbTestServer({ relay: true })
    const store = openStore(server)
    const category = `follow${randomUUID().replaceAll('-', '')}`
    const stream = `${category}-1`
    const subscription = store.subscribe({ filter: { category } })
    const iterator = subscription[Symbol.asyncIterator]()
    try {
      await appended(store, stream, [logged(0)], 'no-stream')
      expect(labels(await take(iterator, 2))).toEqual(expect.arrayContaining(['n0', 'caught-up']))
      await server.stop({ mode })
      await server.start()
      await appended(store, stream, [logged(1)], 0)
      expect(labels(await take(iterator, 1))).toEqual(['n1'])
    } finally {
      await subscription.close()
      await store.close()
      await server.close()
    }
  }, 30_000)
})

describe('the adapter when the node dies in the middle of a read', () => {
  it('a stream read cut halfway by a connection reset fails with StoreUnavailableError, not a crash or a hang', async () => {
    const server = await startEsdbTestServer({ relay: true })
    const store = openStore(server)
    const stream = `cut${randomUUID().replaceAll('-', '')}-1`
    const padding = 'x'.repeat(2_000)
    try {
      for (let batch = 0; batch < 10; batch += 1)
        await appended(
          store,
          stream,
          Array.from({ length: 200 }, (_, n) => logged(batch * 200 + n, padding)),
          batch === 0 ? 'no-stream' : batch * 200 - 1,
        )
      let read = 0
      const failure = await (async () => {
        for await (const record of store.readStream(stream)) {
          if (record.kind === 'event') read += 1
          if (read === 1) await server.stop({ mode: 'kill' })
        }
      })().then(
        () => undefined,
        (error: unknown) => error,
      )
      expect(failure).toBeInstanceOf(StoreUnavailableError)
      expect(read).toBeLessThan(2_000)
    } finally {
      await store.close()
      await server.close()
    }
  }, 30_000)
})
