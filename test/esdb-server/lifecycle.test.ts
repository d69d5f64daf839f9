// The test server's own contract: advertised features, stop() failing open calls, start() on the same port and data.
import { credentials } from '@grpc/grpc-js'
import { jsonEvent, UnavailableError } from '@eventstore/db-client'
import serverFeaturesGrpc from '@eventstore/db-client/generated/serverfeatures_grpc_pb.js'
import type { SupportedMethods } from '@eventstore/db-client/generated/serverfeatures_pb.js'
import { describe, expect, it } from 'vitest'
import { clientOf, collect, describeEvent, failureOf, firstError, watchSubscription } from './client-helpers.js'
import { startEsdbTestServer } from './index.js'
import { shared } from './protocol.js'

describe('the EventStoreDB test server', () => {
  it('binds 127.0.0.1 on a free port and gives the client an insecure connection string', async () => {
    const server = await startEsdbTestServer()
    expect(server.port).toBeGreaterThan(0)
    expect(server.connectionString).toBe(`esdb://127.0.0.1:${server.port.toString()}?tls=false`)
    await server.close()
  })

  it('ServerFeatures.GetSupportedMethods advertises version 23.10.0 and exactly the implemented methods', async () => {
    const server = await startEsdbTestServer()
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
    expect(supported.getEventStoreServerVersion()).toBe('23.10.0')
    expect(supported.getMethodsList().map(method => `${method.getServiceName()}/${method.getMethodName()}`)).toEqual([
      'event_store.client.streams.streams/read',
      'event_store.client.streams.streams/append',
      'event_store.client.streams.streams/batchappend',
      'event_store.client.streams.streams/delete',
      'event_store.client.streams.streams/tombstone',
      'event_store.client.server_features.serverfeatures/getsupportedmethods',
    ])
    await server.close()
  })

  it('stop() ends a live subscription with an error; start() serves the same data on the same port', async () => {
    const server = await startEsdbTestServer()
    const client = clientOf(server)
    await client.appendToStream('kept', jsonEvent({ type: 'Kept', data: {} }))
    const watch = watchSubscription()
    watch.attach(client.subscribeToAll())
    await watch.until(sightings => sightings.some(sighting => sighting.kind === 'caught-up'))

    await server.stop()
    await watch.until(sightings => sightings.some(sighting => sighting.kind === 'error'))
    expect(firstError(watch.sightings)).toBeInstanceOf(UnavailableError)
    expect(await failureOf(client.readStream('kept'))).toBeInstanceOf(UnavailableError)

    const port = server.port
    await server.start()
    expect(server.port).toBe(port)
    const again = clientOf(server)
    expect((await collect(again.readStream('kept'))).map(describeEvent)).toEqual(['kept@0:Kept'])
    await again.appendToStream('kept', jsonEvent({ type: 'After', data: {} }), { expectedRevision: 0n })
    await Promise.all([client.dispose(), again.dispose()])
    await server.close()
  })

  it('close() stops for good: start() afterwards is refused', async () => {
    const server = await startEsdbTestServer()
    await server.close()
    await expect(server.start()).rejects.toThrow(/closed/)
  })
})
