// The adapter's subscriptions against a node before 23.10, which sends no `caught_up`: the test server in its
// 22.10 mode ends a `$all` catch-up with a checkpoint at the end of the log instead, as EventStoreDB 22.10 does
// (EventStore/EventStore src/EventStore.Core/Services/Transport/Grpc/Enumerators.AllSubscriptionFiltered.cs at tag
// oss-v22.10.0, PumpLiveMessages), and advertises 22.10.0. The adapter then says caught-up from the checkpoint
// that reaches the end of `$all` it read at the start (packages/eventstoredb/src/catch-up.ts, subscribe.ts).
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CaughtUp, EventStore, EventToAppend, StoredRecord, Subscription } from '@pembina/core'
import { eventStoreDbEventStore } from '@pembina/eventstoredb'
import { type EsdbTestServer, startEsdbTestServer } from '../esdb-server/index.js'
import { appended, take as takeWithin } from './deliveries.js'

let server: EsdbTestServer | undefined
beforeAll(async () => {
  server = await startEsdbTestServer({ generation: '22.10' })
})
afterAll(async () => {
  await server?.close()
})

const openStore = (): EventStore => {
  if (server === undefined) throw new Error('the 22.10 test server did not start')
  return eventStoreDbEventStore({ connectionString: server.connectionString })
}

const logged = (n: number): EventToAppend => ({
  eventId: randomUUID(),
  type: 'SessionLogged',
  data: { n },
  metadata: { test: 'pre-23.10' },
})

/** The next `count` deliveries, each within ten seconds (a restart's backoff included). */
const take = (iterator: AsyncIterator<StoredRecord | CaughtUp>, count: number) => takeWithin(iterator, count, 10_000)

const labels = (delivered: readonly (StoredRecord | CaughtUp)[]): readonly string[] =>
  delivered.map(d => (d.kind === 'event' ? `n${JSON.stringify(d.data)}` : d.kind))

const newCategory = (): string => `old${randomUUID().replaceAll('-', '')}`

const closing = async (subscription: Subscription, store: EventStore): Promise<void> => {
  await subscription.close()
  await store.close()
}

describe('subscriptions on a 22.10 node (no caught_up message)', () => {
  it('say caught-up after the stored events, at the checkpoint that reaches the end of $all', async () => {
    const store = openStore()
    const category = newCategory()
    const { position } = await appended(store, `${category}-1`, [logged(0), logged(1)], 'no-stream')
    // Other streams written after ours, so the subscription looks past our last event before reaching the end.
    await appended(store, `${newCategory()}-1`, [logged(9)], 'no-stream')
    const subscription = store.subscribe({ filter: { category } })
    try {
      const delivered = await take(subscription[Symbol.asyncIterator](), 3)
      expect(labels(delivered)).toEqual(['n{"n":0}', 'n{"n":1}', 'caught-up'])
      expect(delivered[2]).toEqual({ kind: 'caught-up', position })
    } finally {
      await closing(subscription, store)
    }
  }, 30_000)

  it('say caught-up after every stored event when the catch-up spans many search windows, then go live', async () => {
    const store = openStore()
    const category = newCategory()
    const stream = `${category}-1`
    const events = Array.from({ length: 100 }, (_, n) => logged(n))
    const { position } = await appended(store, stream, events, 'no-stream')
    // Many events of another stream after ours: pages that match nothing, each with its checkpoint.
    await appended(
      store,
      `${newCategory()}-1`,
      Array.from({ length: 80 }, (_, n) => logged(n)),
      'no-stream',
    )
    const subscription = store.subscribe({ filter: { category } })
    const iterator = subscription[Symbol.asyncIterator]()
    try {
      const delivered = await take(iterator, 101)
      expect(delivered.slice(0, 100).map(d => (d.kind === 'event' ? d.eventId : d.kind))).toEqual(
        events.map(e => e.eventId),
      )
      expect(delivered[100]).toEqual({ kind: 'caught-up', position })
      await appended(store, stream, [logged(100)], 99)
      expect(labels(await take(iterator, 1))).toEqual(['n{"n":100}'])
    } finally {
      await closing(subscription, store)
    }
  }, 30_000)

  it('say caught-up at once, with no position, from a position at the end of $all', async () => {
    const store = openStore()
    const category = newCategory()
    const { position } = await appended(store, `${category}-1`, [logged(0)], 'no-stream')
    const subscription = store.subscribe({ after: position, filter: { category } })
    try {
      expect(await take(subscription[Symbol.asyncIterator](), 1)).toEqual([{ kind: 'caught-up', position: null }])
    } finally {
      await closing(subscription, store)
    }
  }, 30_000)

  it('carry on across a restart (which writes a new epoch) with no gap and no duplicate', async () => {
    if (server === undefined) throw new Error('the 22.10 test server did not start')
    const store = openStore()
    const category = newCategory()
    const stream = `${category}-1`
    await appended(store, stream, [logged(0)], 'no-stream')
    const subscription = store.subscribe({ filter: { category } })
    const iterator = subscription[Symbol.asyncIterator]()
    try {
      expect(labels(await take(iterator, 2))).toEqual(['n{"n":0}', 'caught-up'])
      await server.stop()
      await server.start()
      await appended(store, stream, [logged(1)], 0)
      expect(labels(await take(iterator, 1))).toEqual(['n{"n":1}'])
    } finally {
      await closing(subscription, store)
    }
  }, 30_000)
})
