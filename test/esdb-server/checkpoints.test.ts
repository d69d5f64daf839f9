// When a filtered `$all` subscription sends checkpoints, as EventStoreDB 23.10 does, and what a 22.10 node sends
// instead of `caught_up`. Sources: EventStore/EventStore
// src/EventStore.Core/Services/Transport/Grpc/Enumerators.AllSubscriptionFiltered.cs (catch-up pages of at most 32
// matches and maxSearchWindow examined events; a checkpoint after a page that is not the last once the examined
// count reaches checkpointIntervalMultiplier × maxSearchWindow, at the last event sent from the page or the page's
// start; none for the last page; then CaughtUp), src/EventStore.Core/Services/SubscriptionsService.cs (live: every
// committed event counts), src/EventStore.Core/Services/Storage/ReaderIndex/AllReader.cs (the page loop), and the
// same files at tag oss-v22.10.0 (a Checkpoint at the caught-up position instead of CaughtUp, for filtered and
// unfiltered `$all` subscriptions; none for a stream; live checkpoints repeat that position).
import { credentials } from '@grpc/grpc-js'
import { jsonEvent, streamNameFilter, type Position } from '@eventstore/db-client'
import serverFeaturesGrpc from '@eventstore/db-client/generated/serverfeatures_grpc_pb.js'
import type { SupportedMethods } from '@eventstore/db-client/generated/serverfeatures_pb.js'
import { describe, expect, it } from 'vitest'
import { clientOf, collect, eventLabels, watchSubscription, type Sighting } from './client-helpers.js'
import { startEsdbTestServer, type EsdbTestServer } from './index.js'
import { shared } from './protocol.js'

const event = (type: string) => jsonEvent({ type, data: {} })

// $all: the node's $epoch-information, 70 events of `noise`, then `orders-1`: 72 events, three pages of 32.
const seeded = async (server: EsdbTestServer) => {
  const client = clientOf(server)
  await client.appendToStream(
    'noise',
    Array.from({ length: 70 }, () => event('N')),
  )
  await client.appendToStream('orders-1', event('Placed'))
  const all = await collect(client.readAll())
  const positionAt = (index: number): bigint => {
    const position = all[index]?.event?.position.commit
    if (position === undefined) throw new Error(`no event at ${index.toString()}`)
    return position
  }
  return { client, positionAt }
}

const signals = (sightings: readonly Sighting[]): readonly string[] =>
  sightings.flatMap(sighting => {
    switch (sighting.kind) {
      case 'checkpoint':
        return [`checkpoint@${sighting.position.toString()}`]
      case 'caught-up':
        return ['caught-up']
      case 'event':
        return [sighting.label]
      default:
        return []
    }
  })

const ordersFilter = (checkpointReached: (subscription: unknown, position: Position) => void) =>
  streamNameFilter({ prefixes: ['orders-'], maxSearchWindow: 32, checkpointInterval: 1, checkpointReached })

const advertisedVersion = async (server: EsdbTestServer): Promise<string> => {
  const features = new serverFeaturesGrpc.ServerFeaturesClient(
    `127.0.0.1:${server.port.toString()}`,
    credentials.createInsecure(),
  )
  const supported = await new Promise<SupportedMethods>((resolve, reject) => {
    features.getSupportedMethods(new shared.Empty(), (error, response) => {
      if (error === null) resolve(response)
      else reject(error)
    })
  })
  features.close()
  return supported.getEventStoreServerVersion()
}

describe('filtered $all checkpoints at 23.10 (Enumerators.AllSubscriptionFiltered.cs)', () => {
  it('one per full search window during catch-up, at the page start when it matched nothing; none at the end', async () => {
    const server = await startEsdbTestServer()
    const { client, positionAt } = await seeded(server)
    const watch = watchSubscription()
    const subscription = client.subscribeToAll({ filter: ordersFilter(watch.checkpointReached) })
    watch.attach(subscription)
    await watch.until(sightings => sightings.some(sighting => sighting.kind === 'caught-up'))
    expect(signals(watch.sightings)).toEqual([
      // Page 1 (events 0–31) matched nothing: its start, Position.Start.
      'checkpoint@0',
      // Page 2 (events 32–63) matched nothing: its start, event 32.
      `checkpoint@${positionAt(32).toString()}`,
      // Page 3 reaches the end: its match, then caught_up without a checkpoint.
      'orders-1@0:Placed',
      'caught-up',
    ])
    await subscription.unsubscribe()
    await client.dispose()
    await server.close()
  })

  it('live, the examined count goes on from catch-up: 72 % 32 = 8, so the 24th new event checkpoints', async () => {
    const server = await startEsdbTestServer()
    const { client } = await seeded(server)
    const watch = watchSubscription()
    const subscription = client.subscribeToAll({ filter: ordersFilter(watch.checkpointReached) })
    watch.attach(subscription)
    await watch.until(sightings => sightings.some(sighting => sighting.kind === 'caught-up'))
    const before = watch.sightings.length
    await client.appendToStream(
      'noise',
      Array.from({ length: 23 }, () => event('N')),
    )
    const last = await client.appendToStream('orders-2', event('Placed'))
    await watch.until(sightings => eventLabels(sightings).includes('orders-2@0:Placed'))
    await watch.until(sightings => sightings.slice(before).some(sighting => sighting.kind === 'checkpoint'))
    expect(signals(watch.sightings.slice(before))).toEqual([
      'orders-2@0:Placed',
      `checkpoint@${(last.position?.commit ?? -1n).toString()}`,
    ])
    await subscription.unsubscribe()
    await client.dispose()
    await server.close()
  })
})

describe("a 22.10 node (option generation: '22.10')", () => {
  it('advertises 22.10.0 and ends a filtered catch-up with a checkpoint at the end of the log, no caught_up', async () => {
    const server = await startEsdbTestServer({ generation: '22.10' })
    expect(await advertisedVersion(server)).toBe('22.10.0')
    const { client, positionAt } = await seeded(server)
    const watch = watchSubscription()
    const subscription = client.subscribeToAll({ filter: ordersFilter(watch.checkpointReached) })
    watch.attach(subscription)
    await watch.until(sightings => sightings.filter(sighting => sighting.kind === 'checkpoint').length === 3)
    const end = await client.appendToStream('orders-2', event('Placed'))
    await watch.until(sightings => eventLabels(sightings).includes('orders-2@0:Placed'))
    const caughtUpAt = end.position?.commit ?? -1n
    expect(signals(watch.sightings)).toEqual([
      'checkpoint@0',
      `checkpoint@${positionAt(32).toString()}`,
      'orders-1@0:Placed',
      // The end of the log when it caught up, past the last event: where orders-2 was then written.
      `checkpoint@${caughtUpAt.toString()}`,
      'orders-2@0:Placed',
    ])
    await subscription.unsubscribe()
    await client.dispose()
    await server.close()
  })

  it('a stream subscription gets no caught_up: its live event comes right after the recorded ones', async () => {
    const server = await startEsdbTestServer({ generation: '22.10' })
    const client = clientOf(server)
    await client.appendToStream('old-stream', event('Recorded'))
    const watch = watchSubscription()
    const subscription = client.subscribeToStream('old-stream')
    watch.attach(subscription)
    await watch.until(sightings => eventLabels(sightings).length === 1)
    await client.appendToStream('old-stream', event('Live'))
    await watch.until(sightings => eventLabels(sightings).length === 2)
    expect(signals(watch.sightings)).toEqual(['old-stream@0:Recorded', 'old-stream@1:Live'])
    await subscription.unsubscribe()
    await client.dispose()
    await server.close()
  })
})
