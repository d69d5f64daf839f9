import * as E from 'fp-ts/lib/Either.js'
import { expect, it } from 'vitest'
import type { ContractContext } from './fixtures.js'
import { appendConflict, appendOk, asEvents, collect, idsOf, testEvent, testEvents } from './fixtures.js'

/** Declares the cases of appending with an expected revision, conflicts, atomicity and idempotency. */
export const appendCases = (ctx: ContractContext): void => {
  it('appends with `any` to a new stream and to an existing one', async () => {
    const store = await ctx.open()
    const stream = ctx.uniqueStream()
    expect(await appendOk(store, stream, testEvents(1), 'any')).toMatchObject({
      nextExpectedRevision: 0,
      written: true,
    })
    expect(await appendOk(store, stream, testEvents(2), 'any')).toMatchObject({
      nextExpectedRevision: 2,
      written: true,
    })
  })

  it('appends with `no-stream` only while the stream does not exist, and a conflict names the actual revision', async () => {
    const store = await ctx.open()
    const stream = ctx.uniqueStream()
    expect(await appendOk(store, stream, testEvents(2), 'no-stream')).toMatchObject({ nextExpectedRevision: 1 })
    const conflict = await appendConflict(store, stream, testEvents(1), 'no-stream')
    expect(conflict).toEqual({ _tag: 'ConcurrencyConflict', streamName: stream, expected: 'no-stream', actual: 1 })
  })

  it('appends with `exists` only to a stream that exists', async () => {
    const store = await ctx.open()
    const stream = ctx.uniqueStream()
    const conflict = await appendConflict(store, stream, testEvents(1), 'exists')
    expect(conflict).toEqual({
      _tag: 'ConcurrencyConflict',
      streamName: stream,
      expected: 'exists',
      actual: 'no-stream',
    })
    await appendOk(store, stream, testEvents(1), 'any')
    expect(await appendOk(store, stream, testEvents(1), 'exists')).toMatchObject({ nextExpectedRevision: 1 })
  })

  it('appends with an exact revision only when the stream is at it, and a conflict names the actual revision', async () => {
    const store = await ctx.open()
    const stream = ctx.uniqueStream()
    expect(await appendConflict(store, stream, testEvents(1), 0)).toMatchObject({ expected: 0, actual: 'no-stream' })
    await appendOk(store, stream, testEvents(3), 'no-stream')
    expect(await appendConflict(store, stream, testEvents(1), 1)).toMatchObject({ expected: 1, actual: 2 })
    expect(await appendConflict(store, stream, testEvents(1), 5)).toMatchObject({ expected: 5, actual: 2 })
    expect(await appendOk(store, stream, testEvents(2), 2)).toMatchObject({ nextExpectedRevision: 4, written: true })
  })

  it('a conflicting append writes nothing', async () => {
    const store = await ctx.open()
    const category = ctx.uniqueCategory()
    const stream = ctx.uniqueStream(category)
    const first = testEvents(2)
    await appendOk(store, stream, first, 'no-stream')
    await appendConflict(store, stream, testEvents(3), 0)
    await appendConflict(store, stream, testEvents(3), 'no-stream')
    expect(await store.streamRevision(stream)()).toEqual(E.right(1))
    expect(idsOf(asEvents(await collect(store.readStream(stream))))).toEqual(idsOf(first))
    expect(idsOf(asEvents(await collect(store.readAll({ filter: { category } }))))).toEqual(idsOf(first))
  })

  it("a command's events land together, at consecutive revisions and increasing positions", async () => {
    const store = await ctx.open()
    const stream = ctx.uniqueStream()
    const result = await appendOk(store, stream, testEvents(4), 'no-stream')
    const read = asEvents(await collect(store.readStream(stream)))
    expect(read.map(e => e.revision)).toEqual([0, 1, 2, 3])
    for (const [i, event] of read.entries())
      if (i > 0) expect(event.position > (read[i - 1]?.position ?? 0n)).toBe(true)
    expect(result).toEqual({ nextExpectedRevision: 3, position: read[3]?.position, written: true })
  })

  it('re-appending the same event ids at the same revisions is idempotent: written false, nothing duplicated', async () => {
    const store = await ctx.open()
    const stream = ctx.uniqueStream()
    const head = testEvents(1)
    const batch = testEvents(2, 1)
    await appendOk(store, stream, head, 'no-stream')
    const first = await appendOk(store, stream, batch, 0)
    const again = { ...first, written: false }
    expect(await appendOk(store, stream, batch, 0)).toEqual(again)
    expect(await appendOk(store, stream, batch, 'any')).toEqual(again)
    expect(await appendOk(store, stream, batch, 'exists')).toEqual(again)
    const headResult = await appendOk(store, stream, head, 'no-stream')
    expect(headResult).toMatchObject({ nextExpectedRevision: 0, written: false })
    expect(idsOf(asEvents(await collect(store.readStream(stream))))).toEqual(idsOf([...head, ...batch]))
  })

  it('an append that repeats only some already written event ids conflicts and writes nothing', async () => {
    const store = await ctx.open()
    const stream = ctx.uniqueStream()
    const written = testEvents(2)
    await appendOk(store, stream, written, 'no-stream')
    const overlapping = [...written.slice(1), testEvent({ n: 9 })]
    expect(await appendConflict(store, stream, overlapping, 'any')).toMatchObject({ streamName: stream, actual: 1 })
    expect(await appendConflict(store, stream, [written[1] ?? testEvent(), testEvent()], 0)).toMatchObject({
      actual: 1,
    })
    expect(await appendConflict(store, stream, written.slice(1), 'no-stream')).toMatchObject({ actual: 1 })
    expect(idsOf(asEvents(await collect(store.readStream(stream))))).toEqual(idsOf(written))
  })

  it('an append carrying one event id twice is refused as a whole (InvalidAppend), naming the id, and writes nothing', async () => {
    const store = await ctx.open()
    const stream = ctx.uniqueStream()
    const twice = testEvent({ n: 1 })
    for (const batch of [
      [twice, twice],
      [twice, testEvent({ n: 2 }), twice],
    ]) {
      const result = await store.append(stream, batch, 'any')()
      expect(result).toMatchObject(E.left({ _tag: 'InvalidAppend', streamName: stream, eventId: twice.eventId }))
    }
    expect(await store.streamRevision(stream)()).toEqual(E.right('no-stream'))
  })

  it('an append with data or metadata that is not JSON is refused whole, naming the event; nothing is written', async () => {
    const store = await ctx.open()
    const stream = ctx.uniqueStream()
    for (const bad of [testEvent({ big: 1n }), { ...testEvent(), metadata: { big: 1n } }]) {
      const result = await store.append(stream, [testEvent({ n: 1 }), bad], 'any')()
      expect(result).toMatchObject(E.left({ _tag: 'InvalidAppend', streamName: stream, eventId: bad.eventId }))
    }
    expect(await store.streamRevision(stream)()).toEqual(E.right('no-stream'))
  })

  it('an append with text that is not well-formed Unicode (a lone surrogate) anywhere is refused whole, naming the event; nothing is written', async () => {
    const store = await ctx.open()
    const stream = ctx.uniqueStream()
    const good = testEvent({ n: 1 })
    const bad = [
      testEvent({ text: 'kata \ud800' }),
      testEvent({ list: [{ deep: 'x\udc00y' }] }),
      testEvent({ ['kunci\udbff']: 1 }),
      { ...testEvent(), metadata: { actor: '\udfff' } },
      testEvent({}, 'Type\ud800'),
    ]
    for (const event of bad) {
      const result = await store.append(stream, [good, event], 'any')()
      expect(result).toMatchObject(E.left({ _tag: 'InvalidAppend', streamName: stream, eventId: event.eventId }))
    }
    const badStream = `${stream}\ud800`
    expect(await store.append(badStream, [good], 'any')()).toMatchObject(
      E.left({ _tag: 'InvalidAppend', streamName: badStream, eventId: good.eventId }),
    )
    expect(await store.streamRevision(stream)()).toEqual(E.right('no-stream'))
    // A pair of surrogates is one character, written and read back as it was.
    const emoji = testEvent({ text: 'senyum \ud83d\ude00' })
    await appendOk(store, stream, [emoji], 'any')
    expect(asEvents(await collect(store.readStream(stream)))).toMatchObject([{ data: { text: 'senyum 😀' } }])
  })

  it('after appends that failed (a conflict, a batch refused), new events get positions above every earlier one', async () => {
    const store = await ctx.open()
    const stream = ctx.uniqueStream()
    await appendOk(store, stream, testEvents(3), 'no-stream')
    const seen = asEvents(await collect(store.readAll())).map(event => event.position)
    const highest = seen.reduce((max, position) => (position > max ? position : max), 0n)
    expect(await appendConflict(store, stream, testEvents(2, 10), 'no-stream')).toMatchObject({ actual: 2 })
    const refused = await store.append(stream, [testEvent({ n: 20 }), testEvent({ text: 'x\ud800' })], 2)()
    expect(refused).toMatchObject(E.left({ _tag: 'InvalidAppend' }))
    const next = await appendOk(store, stream, testEvents(2, 30), 2)
    expect(next.position > highest).toBe(true)
    // A reader resuming after every position it saw reads exactly the new events, in order.
    const resumed = asEvents(await collect(store.readAll({ after: highest })))
    expect(resumed.map(event => [event.streamName, event.revision])).toEqual([
      [stream, 3],
      [stream, 4],
    ])
    expect(resumed.every(event => event.position > highest)).toBe(true)
  })

  it('of concurrent appends with the same expected revision exactly one wins', async () => {
    const store = await ctx.open()
    const stream = ctx.uniqueStream()
    await appendOk(store, stream, testEvents(1), 'no-stream')
    const contenders = Array.from({ length: 10 }, (_, i) => testEvents(2, 10 * i))
    const results = await Promise.all(contenders.map(events => store.append(stream, events, 0)()))
    const winners = results.flatMap((result, i) => (E.isRight(result) ? [contenders[i] ?? []] : []))
    expect(winners).toHaveLength(1)
    for (const result of results)
      if (E.isLeft(result)) expect(result.left).toMatchObject({ _tag: 'ConcurrencyConflict', expected: 0 })
    const read = asEvents(await collect(store.readStream(stream)))
    expect(idsOf(read.slice(1))).toEqual(idsOf(winners[0] ?? []))
  })

  it('of concurrent creations of one stream exactly one wins', async () => {
    const store = await ctx.open()
    const stream = ctx.uniqueStream()
    const results = await Promise.all(
      Array.from({ length: 10 }, () => store.append(stream, testEvents(1), 'no-stream')()),
    )
    expect(results.filter(E.isRight)).toHaveLength(1)
    expect(await store.streamRevision(stream)()).toEqual(E.right(0))
  })

  it('tells the revision of a stream, or `no-stream`', async () => {
    const store = await ctx.open()
    const stream = ctx.uniqueStream()
    expect(await store.streamRevision(stream)()).toEqual(E.right('no-stream'))
    await appendOk(store, stream, testEvents(3), 'no-stream')
    expect(await store.streamRevision(stream)()).toEqual(E.right(2))
  })

  it('an empty append writes nothing but still checks the expected revision', async () => {
    const store = await ctx.open()
    const stream = ctx.uniqueStream()
    await appendOk(store, stream, testEvents(2), 'no-stream')
    expect(await appendOk(store, stream, [], 'any')).toMatchObject({ nextExpectedRevision: 1, written: false })
    expect(await appendConflict(store, stream, [], 0)).toMatchObject({ actual: 1 })
    expect(await store.streamRevision(stream)()).toEqual(E.right(1))
  })

  it('an empty append to a missing stream answers revision -1 at position 0, creates nothing, and checks', async () => {
    const store = await ctx.open()
    const stream = ctx.uniqueStream()
    for (const expected of ['no-stream', 'any'] as const)
      expect(await appendOk(store, stream, [], expected)).toEqual({
        nextExpectedRevision: -1,
        position: 0n,
        written: false,
      })
    expect(await appendConflict(store, stream, [], 'exists')).toMatchObject({ actual: 'no-stream' })
    expect(await store.streamRevision(stream)()).toEqual(E.right('no-stream'))
  })

  it("keeps what was written apart from the caller's arrays and objects, and from what readers do", async () => {
    const store = await ctx.open()
    const stream = ctx.uniqueStream()
    const data = { list: [1, 2], nested: { name: 'Rina' } }
    const events = [testEvent(data)]
    const original = structuredClone(data)
    await appendOk(store, stream, events, 'no-stream')
    events.push(testEvent({ extra: true }))
    data.list.push(3)
    data.nested.name = 'Budi'
    const [first] = asEvents(await collect(store.readStream(stream)))
    expect(first?.data).toEqual(original)
    const read = first?.data
    if (typeof read === 'object' && read !== null && !Object.isFrozen(read)) Object.assign(read, { list: [] })
    const [second] = asEvents(await collect(store.readStream(stream)))
    expect(second?.data).toEqual(original)
    expect(await store.streamRevision(stream)()).toEqual(E.right(0))
  })
}
