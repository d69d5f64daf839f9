// Rebuilding a projection under a new version: the new version replays the history into documents of its own while
// the old one keeps serving, takes over once caught up, and the old version is dropped.
import { describe, expect, it } from 'vitest'
import { inMemoryEventStore } from '@pembina/core'
import { dumpReadModel, inMemoryReadModelStore, rebuild, startProjector } from '@pembina/projections'
import { observedStore, referenceDump } from './read-model-probes.js'
import { appendRequests, eventually, requestCounts, sleep } from './test-events.js'

const name = 'request-counts'

describe('a rebuild', () => {
  it('replays into the new version while the old one serves, swaps once caught up, then drops the old version', async () => {
    const events = inMemoryEventStore()
    await appendRequests(events, 40)
    const served: (number | undefined)[] = []
    const readModels = observedStore(inMemoryReadModelStore(), async ({ projection }) => {
      // What queries see while version 2 writes its batches.
      if (projection.version === 2) served.push(await readModels.serving(name))
    })
    const v1 = startProjector({ events, readModels, projection: requestCounts(), commitDelayMs: 5 })
    await v1.caughtUp
    const oldDump = await dumpReadModel(readModels, name)

    const v2 = requestCounts({ version: 2, weight: 2 })
    const { projector, replaced } = await rebuild({ events, readModels, projection: v2, batchSize: 7, retiring: v1 })

    expect(replaced).toBe(1)
    expect(served.length).toBeGreaterThan(1)
    expect(new Set(served)).toEqual(new Set([1]))
    expect(oldDump).toBe(await referenceDump(events, requestCounts()))
    expect(await readModels.serving(name)).toBe(2)
    expect(await dumpReadModel(readModels, name)).toBe(await referenceDump(events, v2))
    expect(v1.status().phase).toBe('stopped')
    expect(await readModels.checkpoint({ name, version: 1 })).toBeUndefined()
    expect(await readModels.getVersioned({ name, version: 1 }, 'offering:off-0')).toBeUndefined()

    // The new version goes on live.
    await appendRequests(events, 5, 5, 40)
    await eventually(() => projector.status().position === 45n)
    expect(await dumpReadModel(readModels, name)).toBe(await referenceDump(events, v2))
    await projector.stop()
  })

  it('refuses to rebuild the version that serves already', async () => {
    const events = inMemoryEventStore()
    const readModels = inMemoryReadModelStore()
    await appendRequests(events, 3)
    await startProjector({ events, readModels, projection: requestCounts(), live: false }).done
    await expect(rebuild({ events, readModels, projection: requestCounts(), live: false })).rejects.toThrow(
      /serves already: a rebuild needs a new version/,
    )
  })

  it('leaves the old version serving when the new one fails before catching up, and resumes on a second try', async () => {
    const events = inMemoryEventStore()
    const readModels = inMemoryReadModelStore()
    await appendRequests(events, 20)
    await startProjector({ events, readModels, projection: requestCounts(), live: false }).done
    const broken = requestCounts({ version: 2, failOn: 'off-4', weight: 2 })
    await expect(rebuild({ events, readModels, projection: broken, live: false, batchSize: 2 })).rejects.toThrow(
      /request-counts v2 stopped at enrollment-off-4/,
    )
    expect(await readModels.serving(name)).toBe(1)
    expect(await dumpReadModel(readModels, name)).toBe(await referenceDump(events, requestCounts()))
    const partial = await readModels.checkpoint({ name, version: 2 })
    expect(partial?.position).toBe(4n)

    const fixed = requestCounts({ version: 2, weight: 2 })
    const { replaced } = await rebuild({ events, readModels, projection: fixed, live: false })
    expect(replaced).toBe(1)
    expect(await dumpReadModel(readModels, name)).toBe(await referenceDump(events, fixed))
  })

  it('stops the new version when the swap fails, so nothing it started keeps running once the rebuild rejects', async () => {
    const events = inMemoryEventStore()
    const store = inMemoryReadModelStore()
    await appendRequests(events, 10)
    await startProjector({ events, readModels: store, projection: requestCounts(), live: false }).done
    // The store refuses the swap (busy, closed, a disk error): the rebuild cannot hand the new version over.
    const readModels = { ...store, serve: () => Promise.reject(new Error('the store is busy')) }
    const open = new Set<object>()
    const watched = {
      ...events,
      subscribe: (options?: Parameters<typeof events.subscribe>[0]) => {
        const subscription = events.subscribe(options)
        open.add(subscription)
        return {
          [Symbol.asyncIterator]: () => subscription[Symbol.asyncIterator](),
          close: async () => {
            open.delete(subscription)
            await subscription.close()
          },
        }
      },
    }
    await expect(rebuild({ events: watched, readModels, projection: requestCounts({ version: 2 }) })).rejects.toThrow(
      /the store is busy/,
    )
    expect(open.size).toBe(0)
    expect(await store.serving(name)).toBe(1)
    // Nothing goes on writing into the version that never served.
    const written = await store.checkpoint({ name, version: 2 })
    await appendRequests(events, 3, 5, 10)
    await sleep(50)
    expect(await store.checkpoint({ name, version: 2 })).toEqual(written)
  })

  it('makes a projector of the dropped version elsewhere fail at its next commit instead of writing into it again', async () => {
    const events = inMemoryEventStore()
    const readModels = inMemoryReadModelStore()
    await appendRequests(events, 10)
    const elsewhere = startProjector({ events, readModels, projection: requestCounts(), commitDelayMs: 5 })
    await elsewhere.caughtUp
    await rebuild({ events, readModels, projection: requestCounts({ version: 2 }), live: false })
    await appendRequests(events, 1, 5, 10)
    await expect(elsewhere.done).rejects.toThrow(/checkpoint is absent/)
    expect(await readModels.checkpoint({ name, version: 1 })).toBeUndefined()
  })
})
