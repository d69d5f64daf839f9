// Catch-up subscriptions, as EventStoreDB documents them: starting points, caught_up, live events, filters, checkpoints.
import {
  END,
  eventTypeFilter,
  excludeSystemEvents,
  jsonEvent,
  START,
  StreamDeletedError,
  streamNameFilter,
} from '@eventstore/db-client'
import { describe, expect, it } from 'vitest'
import {
  testServerForThisFile,
  collect,
  eventLabels,
  firstError,
  watchSubscription,
  type Sighting,
} from './client-helpers.js'

const esdb = testServerForThisFile()

const event = (type: string) => jsonEvent({ type, data: {} })
const caughtUp = (sightings: readonly Sighting[]) => sightings.some(sighting => sighting.kind === 'caught-up')
const eventCount = (count: number) => (sightings: readonly Sighting[]) => eventLabels(sightings).length >= count

describe('subscribeToStream', () => {
  it('subscribeToStream from START delivers the recorded events, then caughtUp, then live events', async () => {
    await esdb.client.appendToStream('sub-stream', [event('A'), event('B')])
    const watch = watchSubscription()
    const subscription = esdb.client.subscribeToStream('sub-stream', { fromRevision: START })
    watch.attach(subscription)
    await watch.until(caughtUp)
    await esdb.client.appendToStream('sub-other', event('X'))
    await esdb.client.appendToStream('sub-stream', event('C'))
    await watch.until(eventCount(3))
    expect(watch.sightings.map(sighting => (sighting.kind === 'event' ? sighting.label : sighting.kind))).toEqual([
      'sub-stream@0:A',
      'sub-stream@1:B',
      'caught-up',
      'sub-stream@2:C',
    ])
    await subscription.unsubscribe()
  })

  it('subscribeToStream from a revision starts after that revision; from END only live events arrive', async () => {
    await esdb.client.appendToStream('sub-from', [event('A'), event('B'), event('C')])
    const fromRevision = watchSubscription()
    const fromEnd = watchSubscription()
    const afterFirst = esdb.client.subscribeToStream('sub-from', { fromRevision: 0n })
    const live = esdb.client.subscribeToStream('sub-from', { fromRevision: END })
    fromRevision.attach(afterFirst)
    fromEnd.attach(live)
    await Promise.all([fromRevision.until(caughtUp), fromEnd.until(caughtUp)])
    await esdb.client.appendToStream('sub-from', event('D'))
    await Promise.all([fromRevision.until(eventCount(3)), fromEnd.until(eventCount(1))])
    expect(eventLabels(fromRevision.sightings)).toEqual(['sub-from@1:B', 'sub-from@2:C', 'sub-from@3:D'])
    expect(eventLabels(fromEnd.sightings)).toEqual(['sub-from@3:D'])
    await Promise.all([afterFirst.unsubscribe(), live.unsubscribe()])
  })

  it('subscribeToStream to a stream that does not exist yet waits for its first event', async () => {
    const watch = watchSubscription()
    const subscription = esdb.client.subscribeToStream('sub-later')
    watch.attach(subscription)
    await watch.until(caughtUp)
    await esdb.client.appendToStream('sub-later', event('A'))
    await watch.until(eventCount(1))
    expect(eventLabels(watch.sightings)).toEqual(['sub-later@0:A'])
    await subscription.unsubscribe()
  })

  it('tombstoning a stream ends its subscription with StreamDeletedError', async () => {
    await esdb.client.appendToStream('sub-tombstone', event('A'))
    const watch = watchSubscription()
    watch.attach(esdb.client.subscribeToStream('sub-tombstone'))
    await watch.until(caughtUp)
    await esdb.client.tombstoneStream('sub-tombstone')
    await watch.until(sightings => sightings.some(sighting => sighting.kind === 'error'))
    expect(firstError(watch.sightings)).toBeInstanceOf(StreamDeletedError)
  })

  it('unsubscribe ends a subscription cleanly: no error, and later events are not delivered', async () => {
    const watch = watchSubscription()
    const subscription = esdb.client.subscribeToStream('sub-cancel')
    watch.attach(subscription)
    await watch.until(caughtUp)
    await subscription.unsubscribe()
    await esdb.client.appendToStream('sub-cancel', event('A'))
    // The same client keeps working after the cancel, and the cancelled subscription saw nothing.
    expect((await collect(esdb.client.readStream('sub-cancel'))).length).toBe(1)
    expect(eventLabels(watch.sightings)).toEqual([])
    expect(watch.sightings.some(sighting => sighting.kind === 'error')).toBe(false)
  })
})

describe('subscribeToAll', () => {
  it('subscribeToAll from a position starts after it and includes system events', async () => {
    const first = await esdb.client.appendToStream('all-from', event('A'))
    await esdb.client.setStreamMetadata('all-from', { note: 'n' })
    const watch = watchSubscription()
    const subscription = esdb.client.subscribeToAll({ fromPosition: first.position ?? START })
    watch.attach(subscription)
    await watch.until(caughtUp)
    await esdb.client.appendToStream('all-from', event('B'))
    await watch.until(eventCount(2))
    expect(eventLabels(watch.sightings)).toEqual(['$$all-from@0:$metadata', 'all-from@1:B'])
    await subscription.unsubscribe()
  })

  it('subscribeToAll with a stream prefix filter delivers only matching events and checkpoints', async () => {
    const start = await esdb.client.appendToStream('noise-0', event('N'))
    const watch = watchSubscription()
    const subscription = esdb.client.subscribeToAll({
      fromPosition: start.position ?? START,
      filter: streamNameFilter({
        prefixes: ['orders-'],
        maxSearchWindow: 2,
        checkpointInterval: 1,
        checkpointReached: watch.checkpointReached,
      }),
    })
    watch.attach(subscription)
    await watch.until(caughtUp)
    await esdb.client.appendToStream('orders-1', event('Placed'))
    const noise = await esdb.client.appendToStream('noise-1', event('N'))
    await esdb.client.appendToStream('noise-2', event('N'))
    const last = await esdb.client.appendToStream('orders-2', event('Placed'))
    await watch.until(eventCount(2))
    await watch.until(sightings =>
      sightings.some(sighting => sighting.kind === 'checkpoint' && sighting.position === last.position?.commit),
    )
    expect(eventLabels(watch.sightings)).toEqual(['orders-1@0:Placed', 'orders-2@0:Placed'])
    const checkpoints = watch.sightings.flatMap(sighting => (sighting.kind === 'checkpoint' ? [sighting.position] : []))
    // No checkpoint on catching up at 23.10 (caught_up instead), then one at every second event committed live,
    // matching or not (EventStore/EventStore src/EventStore.Core/Services/SubscriptionsService.cs).
    expect(checkpoints).toEqual([noise.position?.commit, last.position?.commit])
    await subscription.unsubscribe()
  })

  it('subscribeToAll with an event type regex filter, e.g. excludeSystemEvents, skips $-prefixed types', async () => {
    const start = await esdb.client.appendToStream('types-0', event('Start'))
    const system = watchSubscription()
    const shipped = watchSubscription()
    const withoutSystem = esdb.client.subscribeToAll({
      fromPosition: start.position ?? START,
      filter: excludeSystemEvents(),
    })
    const onlyShipped = esdb.client.subscribeToAll({
      fromPosition: start.position ?? START,
      filter: eventTypeFilter({ regex: '^Ship' }),
    })
    system.attach(withoutSystem)
    shipped.attach(onlyShipped)
    await esdb.client.setStreamMetadata('types-1', { note: 'n' })
    await esdb.client.appendToStream('types-1', [event('Shipped'), event('Packed')])
    await Promise.all([system.until(eventCount(2)), shipped.until(eventCount(1))])
    expect(eventLabels(system.sightings)).toEqual(['types-1@0:Shipped', 'types-1@1:Packed'])
    expect(eventLabels(shipped.sightings)).toEqual(['types-1@0:Shipped'])
    await Promise.all([withoutSystem.unsubscribe(), onlyShipped.unsubscribe()])
  })

  it('subscribeToAll from END delivers only events recorded after it went live', async () => {
    await esdb.client.appendToStream('end-0', event('Old'))
    const watch = watchSubscription()
    const subscription = esdb.client.subscribeToAll({
      fromPosition: END,
      filter: streamNameFilter({ prefixes: ['end-'] }),
    })
    watch.attach(subscription)
    await watch.until(caughtUp)
    await esdb.client.appendToStream('end-1', event('New'))
    await watch.until(eventCount(1))
    expect(eventLabels(watch.sightings)).toEqual(['end-1@0:New'])
    await subscription.unsubscribe()
  })
})
