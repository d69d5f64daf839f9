// The projection engine on the in-memory stores: catch-up then live, batches committed with their checkpoint,
// bounded read-ahead, restarts that apply every event once, and the status it reports.
import { describe, expect, it } from 'vitest'
import { type EventStore, inMemoryEventStore } from '@pembina/core'
import {
  CheckpointConflictError,
  dumpReadModel,
  inMemoryReadModelStore,
  type Projection,
  type Projector,
  startProjector,
} from '@pembina/projections'
import { countingStore, observedStore, referenceDump } from './read-model-probes.js'
import { appendRaw, appendRequests, eventually, type RequestCount, requestCounts } from './test-events.js'

const name = 'request-counts'

/** The projection with a counter of `evolve` calls, to tell whether any event was applied twice. */
const countingEvolve = (
  projection: Projection<RequestCount>,
): { projection: Projection<RequestCount>; calls: () => number } => {
  let calls = 0
  return {
    calls: () => calls,
    projection: {
      ...projection,
      evolve: (doc, event, key) => {
        calls++
        return projection.evolve(doc, event, key)
      },
    },
  }
}

describe('a projector', () => {
  it('applies the stored history, serves its version once caught up, and then follows new events live', async () => {
    const events = inMemoryEventStore()
    const readModels = inMemoryReadModelStore()
    await appendRequests(events, 23)
    const projector = startProjector({
      events,
      readModels,
      projection: requestCounts(),
      batchSize: 4,
      commitDelayMs: 5,
    })
    expect(await readModels.serving(name)).toBeUndefined()

    const caughtUp = await projector.caughtUp
    expect(caughtUp).toMatchObject({ phase: 'live', position: 23n, events: 23, pending: 0, lag: 0 })
    expect(await readModels.serving(name)).toBe(1)
    expect(await dumpReadModel(readModels, name)).toBe(await referenceDump(events, requestCounts()))

    await appendRequests(events, 3, 5, 23)
    await eventually(() => projector.status().position === 26n)
    expect(await dumpReadModel(readModels, name)).toBe(await referenceDump(events, requestCounts()))
    expect(await readModels.get(name, 'offering:off-0')).toMatchObject({ requests: 6 })

    const stopped = await projector.stop()
    expect(stopped).toMatchObject({ phase: 'stopped', position: 26n, events: 26 })
    await expect(projector.done).resolves.toMatchObject({ phase: 'stopped' })
  })

  it('commits each batch of at most batchSize events with the checkpoint of its last event, and never reads more than a batch ahead', async () => {
    const events = countingStore(inMemoryEventStore())
    await appendRequests(events, 50)
    const inFlight: number[] = []
    const readModels = observedStore(inMemoryReadModelStore(), ({ batch }) => {
      // At a commit, what was pulled from the store and not yet committed is this batch.
      inFlight.push(events.pulled() - batch.checkpoint.events)
    })
    const projector = startProjector({ events, readModels, projection: requestCounts(), batchSize: 8, live: false })
    await projector.done

    const batches = readModels.commits.map(({ batch }) => batch)
    expect(batches.map(batch => batch.checkpoint.events)).toEqual([8, 16, 24, 32, 40, 48, 50])
    expect(batches.map(batch => batch.checkpoint.position)).toEqual([8n, 16n, 24n, 32n, 40n, 48n, 50n])
    expect(batches.map(batch => batch.after)).toEqual([null, 8n, 16n, 24n, 32n, 40n, 48n])
    // 5 offerings and 4 ASN: a batch writes each document it touched once, however many of its events touched it.
    for (const batch of batches) expect(batch.changes.length).toBeLessThanOrEqual(9)
    expect(Math.max(...inFlight)).toBe(0)
    expect(events.subscriptions).toEqual([{ filter: { category: 'enrollment' } }])
  })

  it('resumes after its checkpoint when restarted, applying every event exactly once across the runs', async () => {
    const events = countingStore(inMemoryEventStore())
    const readModels = inMemoryReadModelStore()
    const counted = countingEvolve(requestCounts())
    await appendRequests(events, 30)
    await startProjector({ events, readModels, projection: counted.projection, batchSize: 7, live: false }).done
    await appendRequests(events, 12, 5, 30)
    const second = await startProjector({
      events,
      readModels,
      projection: counted.projection,
      batchSize: 7,
      live: false,
    }).done

    expect(second).toMatchObject({ position: 42n, events: 42 })
    expect(events.subscriptions[1]).toEqual({ after: 30n, filter: { category: 'enrollment' } })
    // Each request touches two documents: one evolve per document per event, no more.
    expect(counted.calls()).toBe(42 * 2)
    expect(await dumpReadModel(readModels, name)).toBe(await referenceDump(events, requestCounts()))
  })

  it('commits a live batch that is not full once its oldest event has waited commitDelayMs', async () => {
    const events = inMemoryEventStore()
    const readModels = observedStore(inMemoryReadModelStore())
    const projector = startProjector({
      events,
      readModels,
      projection: requestCounts(),
      batchSize: 100,
      commitDelayMs: 20,
    })
    await projector.caughtUp
    await appendRequests(events, 2)
    await eventually(() => projector.status().position === 2n, 2_000)
    expect(readModels.commits.at(-1)?.batch.checkpoint).toEqual({ position: 2n, events: 2 })
    await projector.stop()
  })

  it('reports events per second on its clock, and while live the events read but not yet committed as its lag', async () => {
    const events = inMemoryEventStore()
    const readModels = inMemoryReadModelStore()
    await appendRequests(events, 40)
    let clock = 0
    const now = (): number => (clock += 1)
    const projector = startProjector({
      events,
      readModels,
      projection: requestCounts(),
      batchSize: 10,
      commitDelayMs: 10_000,
      now,
    })
    const caughtUp = await projector.caughtUp
    expect(caughtUp.eventsPerSecond).toBeGreaterThan(0)
    expect(caughtUp.lag).toBe(0)
    await appendRequests(events, 3, 5, 40)
    // The commit delay is 10 s on this clock's scale: the three events wait, read and uncommitted.
    await eventually(() => projector.status().pending === 3)
    expect(projector.status()).toMatchObject({ lag: 3, position: 40n })
    const stopped = await projector.stop()
    expect(stopped).toMatchObject({ position: 43n, pending: 0 })
  })

  it('while catching up on a store that counts, reports as lag the events of its categories not yet committed', async () => {
    const events = inMemoryEventStore()
    await appendRequests(events, 30)
    // Events of a category the projection does not read are not behind it.
    await appendRaw(events, 'complaint-c-1', [{ eventId: 'other-1', type: 'Other', data: {}, metadata: {} }])
    const lags: (number | null | 'not started')[] = []
    let projector: Projector | undefined
    const readModels = observedStore(inMemoryReadModelStore(), () => {
      lags.push(projector === undefined ? 'not started' : projector.status().lag)
    })
    projector = startProjector({ events, readModels, projection: requestCounts(), batchSize: 10 })
    await projector.caughtUp
    // Before each of the three commits, the events after the checkpoint less those committed so far.
    expect(lags).toEqual([30, 20, 10])
    expect(projector.status().lag).toBe(0)

    // A restart counts from its checkpoint.
    await projector.stop()
    await appendRequests(events, 4, 5, 30)
    lags.length = 0
    projector = startProjector({ events, readModels, projection: requestCounts(), batchSize: 10, live: false })
    await projector.done
    expect(lags).toEqual([4])
  })

  it('reports no lag while catching up on a store that cannot count the events ahead', async () => {
    const store = inMemoryEventStore()
    // The port without the optional count, as the EventStoreDB adapter offers it.
    const events: EventStore = {
      append: store.append,
      readStream: store.readStream,
      readAll: store.readAll,
      subscribe: store.subscribe,
      streamRevision: store.streamRevision,
      close: store.close,
    }
    await appendRequests(events, 25)
    const lags: (number | null)[] = []
    // Commits run after startProjector has returned (its first step awaits the checkpoint).
    const readModels = observedStore(inMemoryReadModelStore(), () => {
      lags.push(projector.status().lag)
    })
    const projector: Projector = startProjector({ events, readModels, projection: requestCounts(), batchSize: 10 })
    const caughtUp = await projector.caughtUp
    expect(lags).toEqual([null, null, null])
    expect(caughtUp.lag).toBe(0)
    await projector.stop()
  })

  it('stopped before it catches up, rejects caughtUp and ends with what it committed', async () => {
    const events = inMemoryEventStore()
    await appendRequests(events, 20)
    const readModels = inMemoryReadModelStore()
    const projector = startProjector({ events, readModels, projection: requestCounts(), batchSize: 3 })
    const stopped = await projector.stop()
    expect(stopped.phase).toBe('stopped')
    await expect(projector.caughtUp).rejects.toThrow(/stopped before catching up/)
    expect((await readModels.checkpoint({ name, version: 1 }))?.position ?? null).toBe(stopped.position)
    expect(await readModels.serving(name)).toBeUndefined()
  })

  it('reads only its categories: streams of other categories and of other applications are passed by', async () => {
    const events = inMemoryEventStore()
    await appendRequests(events, 6)
    await appendRaw(events, 'billing-2026-1', [{ eventId: 'b-1', type: 'InvoiceSent', data: { x: 1 }, metadata: {} }])
    const mentorshipOnly: Projection<RequestCount> = {
      ...requestCounts(),
      name: 'mentorship-only',
      categories: ['mentorship'],
    }
    const counts = requestCounts()
    // The same projection without categories: it reads every Pembina stream.
    const everything: Projection<RequestCount> = {
      name: 'everything',
      version: counts.version,
      document: counts.document,
      keysOf: counts.keysOf,
      evolve: counts.evolve,
    }
    const readModels = inMemoryReadModelStore()
    await startProjector({ events, readModels, projection: mentorshipOnly, live: false }).done
    const all = await startProjector({ events, readModels, projection: everything, live: false }).done
    expect(await readModels.list('mentorship-only')).toEqual([])
    expect(all).toMatchObject({ events: 6, position: 7n })
    expect(await dumpReadModel(readModels, 'everything')).toBe(await referenceDump(events, everything))
  })

  it('run twice at once on one version, one of the two is refused at commit and the documents stay exact', async () => {
    const events = inMemoryEventStore()
    await appendRequests(events, 30)
    const readModels = inMemoryReadModelStore()
    const options = { events, readModels, projection: requestCounts(), batchSize: 5, live: false }
    const outcomes = await Promise.allSettled([startProjector(options).done, startProjector(options).done])
    const refused = outcomes.filter(outcome => outcome.status === 'rejected')
    expect(refused).toHaveLength(1)
    expect(refused[0]?.status === 'rejected' && refused[0].reason).toBeInstanceOf(CheckpointConflictError)
    await startProjector(options).done
    expect(await dumpReadModel(readModels, name)).toBe(await referenceDump(events, requestCounts()))
  })

  it('fails when the event store ends its subscription underneath it', async () => {
    const events = inMemoryEventStore()
    await appendRequests(events, 3)
    const projector = startProjector({ events, readModels: inMemoryReadModelStore(), projection: requestCounts() })
    await projector.caughtUp
    await events.close()
    await expect(projector.done).rejects.toThrow(/ended the subscription/)
    expect(projector.status().phase).toBe('failed')
  })

  it('refuses a projection without a name or with a version that is not a whole number from 1', () => {
    const options = { events: inMemoryEventStore(), readModels: inMemoryReadModelStore() }
    expect(() => startProjector({ ...options, projection: { ...requestCounts(), name: '' } })).toThrow(RangeError)
    expect(() => startProjector({ ...options, projection: requestCounts({ version: 0 }) })).toThrow(RangeError)
    expect(() => startProjector({ ...options, projection: requestCounts({ version: 1.5 }) })).toThrow(RangeError)
  })

  it('refuses a numeric option that is not a number in its range, naming it (NaN would remove the read-ahead bound)', () => {
    const options = { events: inMemoryEventStore(), readModels: inMemoryReadModelStore(), projection: requestCounts() }
    for (const batchSize of [Number.NaN, 0, 1.5, Number.POSITIVE_INFINITY, -1])
      expect(() => startProjector({ ...options, batchSize })).toThrow(
        /batchSize must be a whole number from 1 to 100000/,
      )
    expect(() => startProjector({ ...options, commitDelayMs: Number.NaN })).toThrow(/commitDelayMs must be a number/)
  })
})
