// Stream retention metadata as EventStoreDB 23.10 applies it when reading: `$tb`, `$maxCount` and `$maxAge` hide
// events from stream reads (forwards and backwards) and stream subscriptions, never from `$all` (until a scavenge).
// Source: EventStore/EventStore src/EventStore.Core/Services/Storage/ReaderIndex/IndexReader.cs
// (ReadStreamEventsForwardInternal / ReadStreamEventsBackwardInternal: the lowest revision shown is
// max($tb, last - $maxCount + 1); $maxAge drops events created before now - maxAge), AllReader.cs (no metadata),
// ReadIndex.cs with ESConsts.MetaStreamMaxCount = 1 (a `$$` stream shows only its last event).
import { BACKWARDS, END, jsonEvent } from '@eventstore/db-client'
import { afterAll, describe, expect, it } from 'vitest'
import { clientOf, collect, describeEvent, eventLabels, watchSubscription } from './client-helpers.js'
import { startEsdbTestServer, type EsdbTestServer } from './index.js'

const event = (type: string) => jsonEvent({ type, data: {} })
const ticksPerSecond = 10_000_000n

// A node whose clock the test moves.
let now = 17_000_000_000_000_000n
const servers: EsdbTestServer[] = []
const started = async () => {
  const server = await startEsdbTestServer({ nowTicks: () => now })
  servers.push(server)
  return { server, client: clientOf(server) }
}
afterAll(async () => {
  await Promise.all(servers.map(server => server.close()))
})

const labels = async (reads: AsyncIterable<Parameters<typeof describeEvent>[0]>) =>
  (await collect(reads)).map(describeEvent)

describe('stream retention (IndexReader.cs)', () => {
  it('$maxCount hides all but the last N events from stream reads, forwards and backwards, but not from $all', async () => {
    const { client } = await started()
    await client.appendToStream('counted', [event('E0'), event('E1'), event('E2'), event('E3'), event('E4')])
    await client.setStreamMetadata('counted', { maxCount: 2 })
    expect(await labels(client.readStream('counted'))).toEqual(['counted@3:E3', 'counted@4:E4'])
    expect(await labels(client.readStream('counted', { direction: BACKWARDS, fromRevision: END }))).toEqual([
      'counted@4:E4',
      'counted@3:E3',
    ])
    const all = (await labels(client.readAll())).filter(label => label.startsWith('counted@'))
    expect(all).toHaveLength(5)
    await client.dispose()
  })

  it('$tb and $maxCount together: the larger lower bound wins', async () => {
    const { client } = await started()
    await client.appendToStream('both', [event('E0'), event('E1'), event('E2'), event('E3'), event('E4')])
    await client.setStreamMetadata('both', { maxCount: 4, truncateBefore: 3 })
    expect(await labels(client.readStream('both'))).toEqual(['both@3:E3', 'both@4:E4'])
    await client.setStreamMetadata('both', { maxCount: 1, truncateBefore: 2 })
    expect(await labels(client.readStream('both'))).toEqual(['both@4:E4'])
    await client.dispose()
  })

  it('$maxAge hides events created longer ago than it (seconds) on the node clock, but not from $all', async () => {
    const { client } = await started()
    await client.appendToStream('aged', [event('Old0'), event('Old1')])
    now += 100n * ticksPerSecond
    await client.appendToStream('aged', event('New'))
    await client.setStreamMetadata('aged', { maxAge: 60 })
    now += 30n * ticksPerSecond
    // Old0 and Old1 are 130 s old, New 30 s.
    expect(await labels(client.readStream('aged'))).toEqual(['aged@2:New'])
    expect(await labels(client.readStream('aged', { direction: BACKWARDS, fromRevision: END }))).toEqual(['aged@2:New'])
    now += 60n * ticksPerSecond
    // Every event is too old: the stream exists but shows nothing (no StreamNotFound).
    expect(await labels(client.readStream('aged'))).toEqual([])
    expect((await labels(client.readAll())).filter(label => label.startsWith('aged@'))).toHaveLength(3)
    await client.dispose()
  })

  it('a stream subscription catches up on the retained events only', async () => {
    const { client } = await started()
    await client.appendToStream('followed', [event('E0'), event('E1'), event('E2')])
    await client.setStreamMetadata('followed', { maxCount: 1 })
    const watch = watchSubscription()
    const subscription = client.subscribeToStream('followed')
    watch.attach(subscription)
    await watch.until(sightings => sightings.some(sighting => sighting.kind === 'caught-up'))
    await client.appendToStream('followed', event('E3'))
    await watch.until(sightings => eventLabels(sightings).length === 2)
    expect(eventLabels(watch.sightings)).toEqual(['followed@2:E2', 'followed@3:E3'])
    await subscription.unsubscribe()
    await client.dispose()
  })

  it('a $$ metadata stream shows only its last event (MetaStreamMaxCount = 1)', async () => {
    const { client } = await started()
    await client.appendToStream('meta', event('E0'))
    await client.setStreamMetadata('meta', { maxCount: 10 })
    await client.setStreamMetadata('meta', { maxCount: 20 })
    expect(await labels(client.readStream('$$meta'))).toEqual(['$$meta@1:$metadata'])
    expect((await client.getStreamMetadata('meta')).metadata).toEqual({ maxCount: 20 })
    await client.dispose()
  })
})
