import { randomUUID } from 'node:crypto'
import { EventStoreDBClient } from '@eventstore/db-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CaughtUp, EventToAppend, StoredRecord, Subscription } from '@pembina/core'
import { type EsdbClient, eventStoreDbEventStore } from '@pembina/eventstoredb'
import { type EsdbTestServer, startEsdbTestServer } from '../esdb-server/index.js'
import { appended, take as takeWithin } from './deliveries.js'

let server: EsdbTestServer | undefined
let client: EventStoreDBClient | undefined
beforeAll(async () => {
  server = await startEsdbTestServer()
  client = EventStoreDBClient.connectionString(server.connectionString)
})
afterAll(async () => {
  await client?.dispose()
  await server?.close()
})

const connected = (): EventStoreDBClient => {
  if (client === undefined) throw new Error('the test server did not start')
  return client
}

/**
 * The client as a server before EventStoreDB 23.10 would leave it: no caught-up message on subscriptions and,
 * unless `checkpoints`, no checkpoints either (so only events tell where the subscription is).
 */
const olderServer = (real: EventStoreDBClient, checkpoints: boolean): EsdbClient => ({
  appendToStream: (...args: Parameters<EsdbClient['appendToStream']>) => real.appendToStream(...args),
  readStream: (...args: Parameters<EsdbClient['readStream']>) => real.readStream(...args),
  readAll: (...args: Parameters<EsdbClient['readAll']>) => real.readAll(...args),
  dispose: () => real.dispose(),
  subscribeToAll: options => {
    const { filter } = options
    // Checkpoints still come, but nobody hears them.
    const kept = checkpoints ? options : { ...options, filter: { ...filter, checkpointReached: () => undefined } }
    const subscription = real.subscribeToAll(kept)
    const emit = subscription.emit.bind(subscription)
    subscription.emit = (event: string | symbol, ...rest: unknown[]): boolean =>
      event === 'caughtUp' ? false : emit(event, ...rest)
    return subscription
  },
})

/**
 * The client with its backwards reads of `$all` (how a subscription finds the end of `$all`), once `hold` is called,
 * held until `release`, so a test can act while one is in flight.
 */
const heldHeadReads = (
  real: EventStoreDBClient,
): { readonly client: EsdbClient; readonly hold: () => void; readonly release: () => void } => {
  let holding = false
  let release = (): void => undefined
  const gate = new Promise<void>(resolve => {
    release = resolve
  })
  const client: EsdbClient = {
    appendToStream: (...args: Parameters<EsdbClient['appendToStream']>) => real.appendToStream(...args),
    readStream: (...args: Parameters<EsdbClient['readStream']>) => real.readStream(...args),
    subscribeToAll: (...args: Parameters<EsdbClient['subscribeToAll']>) => real.subscribeToAll(...args),
    dispose: () => real.dispose(),
    readAll: (...args: Parameters<EsdbClient['readAll']>) => {
      const read = real.readAll(...args)
      if (!holding || args[0].direction !== 'backwards') return read
      const iterate = read[Symbol.asyncIterator].bind(read)
      read[Symbol.asyncIterator] = () => {
        const iterator = iterate()
        const next = iterator.next.bind(iterator)
        return Object.assign(iterator, {
          next: async () => {
            await gate
            return next()
          },
        })
      }
      return read
    },
  }
  return {
    client,
    hold: () => {
      holding = true
    },
    release: () => {
      release()
    },
  }
}

const logged = (n: number): EventToAppend => ({
  eventId: randomUUID(),
  type: 'SessionLogged',
  data: { n },
  metadata: { test: 'catch-up' },
})

/** The next `count` deliveries, each within two seconds. */
const take = (subscription: Subscription, count: number) =>
  takeWithin(subscription[Symbol.asyncIterator](), count, 2_000)

const labels = (delivered: readonly (StoredRecord | CaughtUp)[]): readonly string[] =>
  delivered.map(d => (d.kind === 'event' ? `n${JSON.stringify(d.data)}` : d.kind))

describe('where a subscription says caught-up', () => {
  it('after every stored event, even when many are still buffered in the client', async () => {
    const store = eventStoreDbEventStore({ client: connected() })
    const category = `catchup${randomUUID().replaceAll('-', '')}`
    const events = Array.from({ length: 300 }, (_, n) => logged(n))
    const { position } = await appended(store, `${category}-1`, events, 'no-stream')
    const subscription = store.subscribe({ filter: { category } })
    try {
      const delivered = await take(subscription, 301)
      expect(delivered.slice(0, 300).map(d => (d.kind === 'event' ? d.eventId : d.kind))).toEqual(
        events.map(e => e.eventId),
      )
      expect(delivered[300]).toEqual({ kind: 'caught-up', position })
    } finally {
      await subscription.close()
      await store.close()
    }
  })

  it('on a server without the caught-up message, at a checkpoint past the end of $all read at the start', async () => {
    // A 23.10 node sends caught_up and no checkpoint at the end of a catch-up; a 22.10 node sends that checkpoint
    // (Enumerators.AllSubscriptionFiltered.cs at oss-v22.10.0), so this runs on the test server's 22.10 mode.
    const older = await startEsdbTestServer({ generation: '22.10' })
    const store = eventStoreDbEventStore({ connectionString: older.connectionString })
    const category = `catchup${randomUUID().replaceAll('-', '')}`
    const { position } = await appended(store, `${category}-1`, [logged(0), logged(1)], 'no-stream')
    // Other streams written after ours, so the subscription looks past our last event before reaching the end.
    await appended(store, `other${randomUUID().replaceAll('-', '')}-1`, [logged(9)], 'no-stream')
    const subscription = store.subscribe({ filter: { category } })
    try {
      const delivered = await take(subscription, 3)
      expect(labels(delivered)).toEqual(['n{"n":0}', 'n{"n":1}', 'caught-up'])
      expect(delivered[2]).toEqual({ kind: 'caught-up', position })
    } finally {
      await subscription.close()
      await store.close()
      await older.close()
    }
  })

  it('on a server with neither caught-up nor checkpoints, just before the first event stored after the start', async () => {
    const store = eventStoreDbEventStore({ client: olderServer(connected(), false) })
    const category = `catchup${randomUUID().replaceAll('-', '')}`
    const stream = `${category}-1`
    const { position } = await appended(store, stream, [logged(0)], 'no-stream')
    const subscription = store.subscribe({ filter: { category } })
    try {
      expect(labels(await take(subscription, 1))).toEqual(['n{"n":0}'])
      await appended(store, stream, [logged(1)], 0)
      const delivered = await take(subscription, 2)
      expect(delivered[0]).toEqual({ kind: 'caught-up', position })
      expect(labels(delivered)).toEqual(['caught-up', 'n{"n":1}'])
    } finally {
      await subscription.close()
      await store.close()
    }
  })

  it('from a position at the end of $all, at once, with no position', async () => {
    const store = eventStoreDbEventStore({ client: olderServer(connected(), false) })
    const category = `catchup${randomUUID().replaceAll('-', '')}`
    const { position } = await appended(store, `${category}-1`, [logged(0)], 'no-stream')
    const subscription = store.subscribe({ after: position, filter: { category } })
    try {
      expect(await take(subscription, 1)).toEqual([{ kind: 'caught-up', position: null }])
    } finally {
      await subscription.close()
      await store.close()
    }
  })

  it('with a filter no stream can match, at once, and the feed ends when closed', async () => {
    const store = eventStoreDbEventStore({ client: connected() })
    const subscription = store.subscribe({ filter: { category: 'enrollment', streamPrefix: 'complaint-' } })
    try {
      expect(await take(subscription, 1)).toEqual([{ kind: 'caught-up', position: null }])
      await subscription.close()
      expect(await subscription[Symbol.asyncIterator]().next()).toMatchObject({ done: true })
    } finally {
      await subscription.close()
      await store.close()
    }
  })

  it('never, once the subscription is closed while it was still reading the end of $all', async () => {
    const held = heldHeadReads(connected())
    const store = eventStoreDbEventStore({ client: held.client })
    const category = `catchup${randomUUID().replaceAll('-', '')}`
    const { position } = await appended(store, `${category}-1`, [logged(0)], 'no-stream')
    // From the end of $all: the marker would come at once, as soon as the end is read.
    held.hold()
    const subscription = store.subscribe({ after: position, filter: { category } })
    try {
      const first = subscription[Symbol.asyncIterator]().next()
      const closed = subscription.close()
      held.release()
      await closed
      expect(await first).toMatchObject({ done: true })
    } finally {
      held.release()
      await subscription.close()
      await store.close()
    }
  })
})
