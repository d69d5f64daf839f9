import * as E from 'fp-ts/lib/Either.js'
import { eventStoreContract } from '@pembina/testkit'
import { describe, expect, it } from 'vitest'
import type { EventToAppend } from '../../kernel/event-store.js'
import { inMemoryEventStore } from './in-memory-event-store.js'

eventStoreContract('in-memory', () => inMemoryEventStore(), { countsEvents: true, locksWrites: true })

const event = (eventId: string, data: unknown): EventToAppend => ({ eventId, type: 'Tested', data, metadata: {} })

const readAll = async (store: ReturnType<typeof inMemoryEventStore>) => {
  const read = []
  for await (const record of store.readAll()) read.push(record)
  return read
}

describe('in-memory event store', () => {
  it('an append task writes the events it was given, even if the caller reuses the array before running it', async () => {
    const store = inMemoryEventStore()
    const events = [event('a', 1)]
    const task = store.append('test-1', events, 'no-stream')
    events.push(event('b', 2))
    expect(await task()).toMatchObject(E.right({ nextExpectedRevision: 0 }))
  })

  it('numbers global positions from 1, so reading after 0 reads everything', async () => {
    const store = inMemoryEventStore()
    await store.append('test-1', [event('a', 1), event('b', 2)], 'no-stream')()
    expect((await readAll(store)).map(r => r.position)).toEqual([1n, 2n])
  })

  it('what was written cannot be changed, neither through the appended value nor through a record read back', async () => {
    const store = inMemoryEventStore()
    const data = { places: [{ nip: '199203152019032004' }] }
    await store.append('test-1', [event('a', data)], 'no-stream')()
    data.places.push({ nip: '198507122010011002' })
    const [read] = await readAll(store)
    expect(read?.kind === 'event' && read.data).toEqual({ places: [{ nip: '199203152019032004' }] })
    const stored: unknown = read?.kind === 'event' ? read.data : undefined
    const places: unknown[] =
      typeof stored === 'object' && stored !== null && 'places' in stored && Array.isArray(stored.places)
        ? stored.places
        : []
    expect(places).toHaveLength(1)
    expect(() => places.push('tampered')).toThrow(TypeError)
    expect((await readAll(store))[0]).toMatchObject({ data: { places: [{ nip: '199203152019032004' }] } })
  })

  it('stores undefined data as null, as a JSON store would', async () => {
    const store = inMemoryEventStore()
    await store.append('test-1', [event('a', undefined)], 'no-stream')()
    expect(await readAll(store)).toMatchObject([{ data: null }])
  })

  it('refuses data that is not JSON as an invalid append naming the event, writing nothing', async () => {
    const store = inMemoryEventStore()
    const result = await store.append('test-1', [event('a', 1), event('b', { big: 1n })], 'no-stream')()
    expect(result).toMatchObject(
      E.left({
        _tag: 'InvalidAppend',
        streamName: 'test-1',
        eventId: 'b',
        reason: expect.stringMatching(/not JSON/) as string,
      }),
    )
    expect(await store.streamRevision('test-1')()).toEqual(E.right('no-stream'))
  })

  it('an empty append to a stream that does not exist answers revision -1 and writes nothing', async () => {
    const store = inMemoryEventStore()
    expect(await store.append('test-1', [], 'no-stream')()).toEqual(
      E.right({ nextExpectedRevision: -1, position: 0n, written: false }),
    )
  })

  it('a subscription from a position past the end delivers only events appended after that position', async () => {
    const store = inMemoryEventStore()
    await store.append('test-1', [event('a', 1)], 'no-stream')()
    const subscription = store.subscribe({ after: 3n })
    const feed = subscription[Symbol.asyncIterator]()
    expect((await feed.next()).value).toEqual({ kind: 'caught-up', position: null })
    await store.append('test-1', [event('b', 2), event('c', 3), event('d', 4)], 0)()
    expect((await feed.next()).value).toMatchObject({ kind: 'event', eventId: 'd', position: 4n })
    await subscription.close()
  })
})
