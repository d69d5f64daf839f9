import { StreamNotFoundError } from '@pembina/core'
import { expect, it } from 'vitest'
import type { ContractContext } from './fixtures.js'
import { appendOk, asEvents, collect, idsOf, testEvent, testEvents } from './fixtures.js'

const positionsIncrease = (positions: readonly bigint[]): boolean =>
  positions.every((position, i) => i === 0 || position > (positions[i - 1] ?? position))

/** Declares the cases of reading one stream and the global order. */
export const readCases = (ctx: ContractContext): void => {
  it('reads a stream forwards: every event in order with its stream, revision, id, type, data and metadata', async () => {
    const store = await ctx.open()
    const stream = ctx.uniqueStream()
    const events = [testEvent({ n: 0 }, 'First'), testEvent({ n: 1 }, 'Second'), testEvent({ n: 2 }, 'Third')]
    await appendOk(store, stream, events, 'no-stream')
    const read = asEvents(await collect(store.readStream(stream)))
    expect(
      read.map(({ kind, streamName, revision, eventId, type, data, metadata }) => ({
        kind,
        streamName,
        revision,
        eventId,
        type,
        data,
        metadata,
      })),
    ).toEqual(events.map((event, revision) => ({ kind: 'event', streamName: stream, revision, ...event })))
    expect(positionsIncrease(read.map(e => e.position))).toBe(true)
  })

  it('reads a stream backwards from its last event', async () => {
    const store = await ctx.open()
    const stream = ctx.uniqueStream()
    const events = testEvents(4)
    await appendOk(store, stream, events, 'no-stream')
    const read = asEvents(await collect(store.readStream(stream, { direction: 'backwards' })))
    expect(read.map(e => e.revision)).toEqual([3, 2, 1, 0])
    expect(idsOf(read)).toEqual(idsOf([...events].reverse()))
  })

  it('reads a stream from a revision, inclusive, in either direction', async () => {
    const store = await ctx.open()
    const stream = ctx.uniqueStream()
    await appendOk(store, stream, testEvents(5), 'no-stream')
    const forwards = asEvents(await collect(store.readStream(stream, { fromRevision: 2 })))
    expect(forwards.map(e => e.revision)).toEqual([2, 3, 4])
    const backwards = asEvents(await collect(store.readStream(stream, { direction: 'backwards', fromRevision: 2 })))
    expect(backwards.map(e => e.revision)).toEqual([2, 1, 0])
  })

  it('a stream read yields at most `limit` events', async () => {
    const store = await ctx.open()
    const stream = ctx.uniqueStream()
    await appendOk(store, stream, testEvents(6), 'no-stream')
    const revisions = async (options: Parameters<typeof store.readStream>[1]): Promise<readonly number[]> =>
      asEvents(await collect(store.readStream(stream, options))).map(e => e.revision)
    expect(await revisions({ limit: 2 })).toEqual([0, 1])
    expect(await revisions({ limit: 2, fromRevision: 3 })).toEqual([3, 4])
    expect(await revisions({ limit: 2, direction: 'backwards' })).toEqual([5, 4])
    expect(await revisions({ limit: 3, direction: 'backwards', fromRevision: 1 })).toEqual([1, 0])
    expect(await revisions({ limit: 10 })).toEqual([0, 1, 2, 3, 4, 5])
  })

  it('a limit of 0 yields nothing, in every read, and a missing stream is still not found', async () => {
    const store = await ctx.open()
    const category = ctx.uniqueCategory()
    const stream = ctx.uniqueStream(category)
    await appendOk(store, stream, testEvents(3), 'no-stream')
    expect(await collect(store.readStream(stream, { limit: 0 }))).toEqual([])
    expect(await collect(store.readStream(stream, { limit: 0, direction: 'backwards' }))).toEqual([])
    expect(await collect(store.readAll({ filter: { category }, limit: 0 }))).toEqual([])
    const missing = ctx.uniqueStream()
    for (const direction of ['forwards', 'backwards'] as const)
      await expect(collect(store.readStream(missing, { limit: 0, direction }))).rejects.toBeInstanceOf(
        StreamNotFoundError,
      )
  })

  it('reading forwards from past the end of a stream yields nothing', async () => {
    const store = await ctx.open()
    const stream = ctx.uniqueStream()
    await appendOk(store, stream, testEvents(2), 'no-stream')
    expect(await collect(store.readStream(stream, { fromRevision: 2 }))).toEqual([])
  })

  it('reading a stream that does not exist rejects with StreamNotFoundError naming it', async () => {
    const store = await ctx.open()
    const stream = ctx.uniqueStream()
    for (const direction of ['forwards', 'backwards'] as const) {
      const error: unknown = await collect(store.readStream(stream, { direction })).then(
        () => undefined,
        (e: unknown) => e,
      )
      expect(error).toBeInstanceOf(StreamNotFoundError)
      expect(error).toMatchObject({ streamName: stream })
    }
  })

  it('reads all events in global order across streams, positions strictly increasing and as appends reported', async () => {
    const store = await ctx.open()
    const category = ctx.uniqueCategory()
    const [a, b] = [ctx.uniqueStream(category), ctx.uniqueStream(category)]
    const writes = [
      { stream: a, events: testEvents(2), expected: 'no-stream' as const },
      { stream: b, events: testEvents(1), expected: 'no-stream' as const },
      { stream: a, events: testEvents(1), expected: 1 },
    ]
    const positions: bigint[] = []
    for (const write of writes)
      positions.push((await appendOk(store, write.stream, write.events, write.expected)).position)
    const read = asEvents(await collect(store.readAll({ filter: { category } })))
    expect(idsOf(read)).toEqual(idsOf(writes.flatMap(w => w.events)))
    expect(read.map(e => [e.streamName, e.revision])).toEqual([
      [a, 0],
      [a, 1],
      [b, 0],
      [a, 2],
    ])
    expect(positionsIncrease(read.map(e => e.position))).toBe(true)
    expect([read[1]?.position, read[2]?.position, read[3]?.position]).toEqual(positions)
  })

  it('reads all without a filter, in global order, from a position', async () => {
    const store = await ctx.open()
    const [a, b] = [ctx.uniqueStream(), ctx.uniqueStream()]
    const start = (await appendOk(store, a, testEvents(1), 'no-stream')).position
    const wanted = [...testEvents(1), ...testEvents(1)]
    await appendOk(store, b, wanted.slice(0, 1), 'no-stream')
    await appendOk(store, a, wanted.slice(1), 0)
    const found: string[] = []
    // Other writers may share the store: skip their events and stop once ours are seen.
    for await (const record of store.readAll({ after: start })) {
      expect(record.position > start).toBe(true)
      if (record.kind === 'event' && idsOf(wanted).includes(record.eventId)) found.push(record.eventId)
      if (found.length === wanted.length) break
    }
    expect(found).toEqual(idsOf(wanted))
  })

  it('a category filter keeps only streams of that category', async () => {
    const store = await ctx.open()
    const category = ctx.uniqueCategory()
    const inCategory = ctx.uniqueStream(category)
    await appendOk(store, inCategory, testEvents(1), 'no-stream')
    await appendOk(store, `${category}x-1`, testEvents(1), 'no-stream')
    await appendOk(store, ctx.uniqueStream(), testEvents(1), 'no-stream')
    await appendOk(store, inCategory, testEvents(1), 0)
    const read = asEvents(await collect(store.readAll({ filter: { category } })))
    expect(read.map(e => [e.streamName, e.revision])).toEqual([
      [inCategory, 0],
      [inCategory, 1],
    ])
  })

  it('a stream prefix filter keeps only streams whose name starts with it, and combines with a category', async () => {
    const store = await ctx.open()
    const category = ctx.uniqueCategory()
    const [ab, ac, b] = [`${category}-ab`, `${category}-ac`, `${category}-b`]
    for (const stream of [ab, b, ac]) await appendOk(store, stream, testEvents(1), 'no-stream')
    const streamsOf = async (filter: { readonly category?: string; readonly streamPrefix?: string }) =>
      asEvents(await collect(store.readAll({ filter }))).map(e => e.streamName)
    expect(await streamsOf({ streamPrefix: `${category}-a` })).toEqual([ab, ac])
    expect(await streamsOf({ streamPrefix: `${category}-a`, category })).toEqual([ab, ac])
    expect(await streamsOf({ streamPrefix: b, category })).toEqual([b])
    expect(await streamsOf({ streamPrefix: `${category}-a`, category: ctx.uniqueCategory() })).toEqual([])
  })

  it('reads all after a position, exclusive, and at most `limit` matching events', async () => {
    const store = await ctx.open()
    const category = ctx.uniqueCategory()
    const stream = ctx.uniqueStream(category)
    await appendOk(store, stream, testEvents(5), 'no-stream')
    await appendOk(store, ctx.uniqueStream(), testEvents(3), 'no-stream')
    await appendOk(store, stream, testEvents(2, 5), 4)
    const all = asEvents(await collect(store.readAll({ filter: { category } })))
    const after = all[1]?.position
    const rest = asEvents(
      await collect(store.readAll({ filter: { category }, ...(after === undefined ? {} : { after }) })),
    )
    expect(rest.map(e => e.revision)).toEqual([2, 3, 4, 5, 6])
    const limited = asEvents(
      await collect(store.readAll({ filter: { category }, after: all[3]?.position ?? 0n, limit: 2 })),
    )
    expect(limited.map(e => e.revision)).toEqual([4, 5])
    expect(await collect(store.readAll({ filter: { category }, after: all[6]?.position ?? 0n }))).toEqual([])
  })
}
