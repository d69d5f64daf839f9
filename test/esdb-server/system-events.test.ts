// What a node writes to `$all` itself: at every start (a fresh database and each restart) EventStoreDB 23.10 writes
// an epoch record (not an event: it takes log room before the first event) and then a `$epoch-information` event
// in the `$epoch-information` stream describing that epoch. Sources: EventStore/EventStore
// src/EventStore.Core/Services/Storage/EpochManager/EpochManager.cs (WriteEpochRecordWithRetry,
// WriteEpochInformationWithRetry), src/EventStore.Core/TransactionLog/LogRecords/EpochRecord.cs (AsSerialized).
// An insecure node (no TLS, as this server) runs without internal authentication (ClusterVNode.cs: passthrough
// providers), so no `$user-admin`/`$users` events; projections are not run by this server, so no
// `$ProjectionsInitialized`; `$scavenges` is written only by a scavenge.
import { jsonEvent, excludeSystemEvents } from '@eventstore/db-client'
import { describe, expect, it } from 'vitest'
import { clientOf, collect, describeEvent, eventLabels, watchSubscription } from './client-helpers.js'
import { startEsdbTestServer } from './index.js'

interface EpochInformation {
  readonly epochPosition: number
  readonly epochNumber: number
  readonly epochId: string
  readonly prevEpochPosition: number
  readonly timeStamp: string
  readonly leaderInstanceId: string
}

const isEpochInformation = (value: unknown): value is EpochInformation =>
  typeof value === 'object' && value !== null && 'epochNumber' in value && 'prevEpochPosition' in value

describe('system events a node writes at start (EpochManager.cs)', () => {
  it('a fresh node’s $all is not empty: its first event is $epoch-information@0, after the epoch record', async () => {
    const server = await startEsdbTestServer()
    const client = clientOf(server)
    const all = await collect(client.readAll())
    expect(all.map(describeEvent)).toEqual(['$epoch-information@0:$epoch-information'])
    const first = all[0]?.event
    if (first === undefined) throw new Error('expected the epoch information')
    // Position 0 holds the epoch record, which is no event.
    expect(first.position.commit).toBeGreaterThan(0n)
    expect(first.isJson).toBe(true)
    const data: unknown = first.data
    if (!isEpochInformation(data)) throw new Error('expected an EpochRecordDto')
    expect(data).toMatchObject({ epochPosition: 0, epochNumber: 0, prevEpochPosition: -1 })
    expect(data.timeStamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z$/)
    await client.dispose()
    await server.close()
  })

  it('each restart writes the next epoch, pointing at the previous one, after the events already there', async () => {
    const server = await startEsdbTestServer()
    const client = clientOf(server)
    await client.appendToStream('before', jsonEvent({ type: 'Before', data: {} }))
    await server.stop()
    await server.start()
    const again = clientOf(server)
    const all = await collect(again.readAll())
    expect(all.map(describeEvent)).toEqual([
      '$epoch-information@0:$epoch-information',
      'before@0:Before',
      '$epoch-information@1:$epoch-information',
    ])
    const [first, , second] = all.map(resolved => resolved.event?.data)
    if (!isEpochInformation(first) || !isEpochInformation(second)) throw new Error('expected two EpochRecordDtos')
    expect(second.epochNumber).toBe(1)
    expect(second.prevEpochPosition).toBe(first.epochPosition)
    expect(second.epochPosition).toBeGreaterThan(Number(all[1]?.event?.position.commit ?? 0n))
    expect(second.epochPosition).toBeLessThan(Number(all[2]?.event?.position.commit ?? 0n))
    expect(second.leaderInstanceId).toBe(first.leaderInstanceId)
    await Promise.all([client.dispose(), again.dispose()])
    await server.close()
  })

  it('excludeSystemEvents hides them from a subscription, which still catches up', async () => {
    const server = await startEsdbTestServer()
    const client = clientOf(server)
    const watch = watchSubscription()
    const subscription = client.subscribeToAll({ filter: excludeSystemEvents() })
    watch.attach(subscription)
    await watch.until(sightings => sightings.some(sighting => sighting.kind === 'caught-up'))
    await client.appendToStream('seen', jsonEvent({ type: 'Seen', data: {} }))
    await watch.until(sightings => eventLabels(sightings).length === 1)
    expect(eventLabels(watch.sightings)).toEqual(['seen@0:Seen'])
    await subscription.unsubscribe()
    await client.dispose()
    await server.close()
  })
})
