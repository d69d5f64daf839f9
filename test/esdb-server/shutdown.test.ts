// What a client sees when the node goes away. A graceful shutdown of EventStoreDB 23.10 denies read and write
// requests as NotReady (src/EventStore.Core/Services/VNode/ClusterVNodeController.cs, ShuttingDown is not a
// serving state; RpcExceptions.ServerNotReady: UNAVAILABLE "Server Is Not Ready") and drops every subscription
// without a status (src/EventStore.Core/Services/SubscriptionsService.cs, Handle(BecomeShuttingDown): Unsubscribed,
// on which Enumerators.*Subscription stop writing), so a subscription ends when the HTTP server closes the
// connection. A node that dies resets its connections. With the `relay` option the test server closes the
// connections itself (front-door.ts): in order for `graceful`, by a TCP reset for `kill`.
import { jsonEvent, UnavailableError } from '@eventstore/db-client'
import { describe, expect, it } from 'vitest'
import { clientOf, failureOf, firstError, watchSubscription } from './client-helpers.js'
import { startEsdbTestServer } from './index.js'

const caughtUp = (sightings: ReturnType<typeof watchSubscription>['sightings']) =>
  sightings.some(sighting => sighting.kind === 'caught-up')
const failed = (sightings: ReturnType<typeof watchSubscription>['sightings']) =>
  sightings.some(sighting => sighting.kind === 'error')

describe('stopping the server (ClusterVNodeController.cs, SubscriptionsService.cs)', () => {
  it('graceful, with the relay: subscriptions are dropped and end as their connection closes (UNAVAILABLE)', async () => {
    const server = await startEsdbTestServer({ relay: true })
    const client = clientOf(server)
    await client.appendToStream('graceful', jsonEvent({ type: 'Kept', data: {} }))
    const all = watchSubscription()
    const stream = watchSubscription()
    all.attach(client.subscribeToAll())
    stream.attach(client.subscribeToStream('graceful'))
    await all.until(caughtUp)
    await stream.until(caughtUp)
    await server.stop({ mode: 'graceful' })
    await all.until(failed)
    await stream.until(failed)
    for (const watch of [all, stream]) {
      expect(firstError(watch.sightings)).toBeInstanceOf(UnavailableError)
      // No status from the server: the client saw the connection go.
      expect(String(firstError(watch.sightings))).not.toMatch(/shutting down/i)
    }
    // Nothing listens until the next start.
    expect(await failureOf(client.readStream('graceful'))).toBeInstanceOf(UnavailableError)
    await server.start()
    const again = clientOf(server)
    await again.appendToStream('graceful', jsonEvent({ type: 'After', data: {} }), { expectedRevision: 0n })
    await Promise.all([client.dispose(), again.dispose()])
    await server.close()
  }, 30_000)

  it('kill: every connection is reset; subscriptions and a read cut halfway fail UNAVAILABLE (ECONNRESET)', async () => {
    const server = await startEsdbTestServer({ relay: true })
    const client = clientOf(server)
    // Enough data that the read is still on the wire when the node dies (HTTP/2 flow control holds the rest back).
    const big = 'x'.repeat(2_000)
    for (let batch = 0; batch < 10; batch += 1)
      await client.appendToStream(
        'killed',
        Array.from({ length: 200 }, () => jsonEvent({ type: 'Big', data: { big } })),
      )
    const watch = watchSubscription()
    watch.attach(client.subscribeToAll({ fromPosition: 'end' }))
    await watch.until(caughtUp)
    let read = 0
    const reading = (async () => {
      for await (const event of client.readStream('killed')) {
        if (event.event?.type === 'Big') read += 1
        if (read === 1) await server.stop({ mode: 'kill' })
      }
    })()
    const readFailure = await reading.then(
      () => undefined,
      (error: unknown) => error,
    )
    expect(readFailure).toBeInstanceOf(UnavailableError)
    expect(String(readFailure)).toMatch(/ECONNRESET/)
    expect(read).toBeLessThan(2_000)
    await watch.until(failed)
    expect(firstError(watch.sightings)).toBeInstanceOf(UnavailableError)
    expect(String(firstError(watch.sightings))).toMatch(/ECONNRESET/)
    await server.start()
    expect(await failureOf(clientOf(server).readStream('killed'))).toBeUndefined()
    await client.dispose()
    await server.close()
  }, 30_000)

  it('graceful without the relay: the server answers UNAVAILABLE itself; kill needs the relay', async () => {
    const server = await startEsdbTestServer()
    const client = clientOf(server)
    const watch = watchSubscription()
    watch.attach(client.subscribeToAll())
    await watch.until(caughtUp)
    await server.stop()
    await watch.until(failed)
    expect(firstError(watch.sightings)).toBeInstanceOf(UnavailableError)
    await server.start()
    await expect(server.stop({ mode: 'kill' })).rejects.toThrow(/relay/)
    await client.dispose()
    await server.close()
  }, 30_000)
})
