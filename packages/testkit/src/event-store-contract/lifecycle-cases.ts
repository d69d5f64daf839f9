import { type StoredRecord, StoreUnavailableError } from '@pembina/core'
import * as E from 'fp-ts/lib/Either.js'
import { expect, it } from 'vitest'
import type { ContractContext } from './fixtures.js'
import { appendOk, asEvents, collect, idsOf, testEvent, testEvents, within } from './fixtures.js'

const awkwardData = {
  text: 'Pembinaan ASN di Belawan, Kota Medan — “kutipan”, 日本語, emoji 🇮🇩👩🏽‍💼, escapes \\ " \n \t \u0001',
  numbers: [0, 1, -1, 1.5, -273.15, 1e21, 1e-7, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER],
  flags: [true, false, null],
  empty: { object: {}, array: [], string: '' },
  nested: { a: { b: { c: { d: [{ e: 'deep' }, [1, [2, [3]]]] } } } },
  'key with spaces / and "quotes"': 'value',
  ünïcödé: 'kunci',
}

const awkwardMetadata = {
  correlationId: 'corr-1',
  actor: { nip: '199001012015031001', roles: ['pembina'] },
  occurredAt: '2025-03-01T08:00:00.000+07:00',
  schemaVersion: 2,
  hash: 'f'.repeat(64),
}

/** Declares the cases of data fidelity, large streams, closing the store and corrupt records. */
export const lifecycleCases = (ctx: ContractContext): void => {
  it('data and metadata round-trip exactly through stream reads, global reads and subscriptions', async () => {
    const store = await ctx.open()
    const category = ctx.uniqueCategory()
    const stream = ctx.uniqueStream(category)
    const events = [
      { ...testEvent(awkwardData, 'Awkward'), metadata: awkwardMetadata },
      { ...testEvent([1, 'two', { three: 3 }], 'ArrayData'), metadata: {} },
      { ...testEvent('just a string', 'StringData'), metadata: null },
      { ...testEvent(42, 'NumberData'), metadata: [] },
    ]
    await appendOk(store, stream, events, 'no-stream')
    const payloads = events.map(({ type, data, metadata }) => ({ type, data, metadata }))
    const payloadsOf = (read: readonly { type: string; data: unknown; metadata: unknown }[]) =>
      read.map(({ type, data, metadata }) => ({ type, data, metadata }))
    expect(payloadsOf(asEvents(await collect(store.readStream(stream))))).toStrictEqual(payloads)
    expect(payloadsOf(asEvents(await collect(store.readAll({ filter: { category } }))))).toStrictEqual(payloads)
    const subscription = store.subscribe({ filter: { category } })
    const iterator = subscription[Symbol.asyncIterator]()
    const delivered = []
    for (let i = 0; i < events.length; i += 1) {
      const next = await within(iterator.next(), ctx.deliveryTimeoutMs, 'waiting for the subscription')
      if (next.done !== true && next.value.kind === 'event') delivered.push(next.value)
    }
    expect(payloadsOf(delivered)).toStrictEqual(payloads)
    await subscription.close()
  })

  it(
    'a large stream reads as a stream: iterated whole, left early, and bounded by `limit`',
    async () => {
      const store = await ctx.open()
      const category = ctx.uniqueCategory()
      const stream = ctx.uniqueStream(category)
      const size = ctx.largeStreamSize
      for (let from = 0; from < size; from += ctx.appendBatchSize) {
        const batch = testEvents(Math.min(ctx.appendBatchSize, size - from), from)
        await appendOk(store, stream, batch, from === 0 ? 'no-stream' : from - 1)
      }
      // Counted, never collected: a store that streams reads holds one page at a time.
      let expected = 0
      for await (const record of store.readStream(stream)) {
        if (record.kind !== 'event' || record.revision !== expected) throw new Error(`out of order at ${expected}`)
        expected += 1
      }
      expect(expected).toBe(size)
      let early = 0
      for await (const record of store.readStream(stream, { direction: 'backwards' })) {
        expect(record.revision).toBe(size - 1 - early)
        early += 1
        if (early === 100) break
      }
      expect(early).toBe(100)
      const tail = asEvents(await collect(store.readStream(stream, { direction: 'backwards', limit: 10 })))
      expect(tail.map(e => e.revision)).toEqual(Array.from({ length: 10 }, (_, i) => size - 1 - i))
      const head = asEvents(await collect(store.readAll({ filter: { category }, limit: 10 })))
      expect(head.map(e => e.revision)).toEqual(Array.from({ length: 10 }, (_, i) => i))
      expect(await store.streamRevision(stream)()).toEqual(E.right(size - 1))
    },
    ctx.largeStreamTimeoutMs,
  )

  it('a closed store refuses appends and reads', async () => {
    const store = await ctx.open()
    const stream = ctx.uniqueStream()
    await appendOk(store, stream, testEvents(1), 'no-stream')
    await ctx.closeNow(store)
    const append = await store.append(stream, testEvents(1), 0)()
    expect(E.isLeft(append) && append.left._tag).toBe('StoreUnavailable')
    const revision = await store.streamRevision(stream)()
    expect(E.isLeft(revision) && revision.left._tag).toBe('StoreUnavailable')
    await expect(collect(store.readStream(stream))).rejects.toBeInstanceOf(StoreUnavailableError)
    await expect(collect(store.readAll())).rejects.toBeInstanceOf(StoreUnavailableError)
  })

  it('closing the store settles a pending subscription', async () => {
    const store = await ctx.open()
    const subscription = store.subscribe({ filter: { category: ctx.uniqueCategory() } })
    const iterator = subscription[Symbol.asyncIterator]()
    expect(await within(iterator.next(), ctx.deliveryTimeoutMs, 'waiting for caught-up')).toMatchObject({
      value: { kind: 'caught-up' },
    })
    const pending = iterator.next().then(
      next => next.done,
      (error: unknown) => error instanceof StoreUnavailableError,
    )
    await ctx.closeNow(store)
    expect(await within(pending, ctx.deliveryTimeoutMs, 'waiting for the subscription to end')).toBe(true)
  })

  const writeCorruptRecord = ctx.writeCorruptRecord
  // Only a store that can hold a corrupt record (a file, a server) declares this case; the in-memory store cannot.
  if (writeCorruptRecord !== undefined)
    it('a corrupt record is reported in its place with its stream, revision and position, and reading goes on', async () => {
      const store = await ctx.open()
      const category = ctx.uniqueCategory()
      const stream = ctx.uniqueStream(category)
      const [before, after] = [testEvents(1), testEvents(1, 2)]
      await appendOk(store, stream, before, 'no-stream')
      await writeCorruptRecord(store, stream)
      await appendOk(store, stream, after, 1)
      const expectShape = (read: readonly StoredRecord[]): void => {
        expect(read.map(r => [r.kind, r.streamName, r.revision])).toEqual([
          ['event', stream, 0],
          ['corrupt', stream, 1],
          ['event', stream, 2],
        ])
        const corrupt = read[1]
        expect(corrupt?.kind === 'corrupt' && corrupt.reason.length > 0).toBe(true)
        expect(read.every((r, i) => i === 0 || r.position > (read[i - 1]?.position ?? r.position))).toBe(true)
      }
      expectShape(await collect(store.readStream(stream)))
      expectShape(await collect(store.readAll({ filter: { category } })))
      const events = (await collect(store.readStream(stream))).flatMap(r => (r.kind === 'event' ? [r] : []))
      expect(idsOf(events)).toEqual(idsOf([...before, ...after]))
      const subscription = store.subscribe({ filter: { category } })
      const iterator = subscription[Symbol.asyncIterator]()
      const delivered: StoredRecord[] = []
      for (let i = 0; i < 3; i += 1) {
        const next = await within(iterator.next(), ctx.deliveryTimeoutMs, 'waiting for the subscription')
        if (next.done !== true && next.value.kind !== 'caught-up') delivered.push(next.value)
      }
      expectShape(delivered)
      await subscription.close()
    })
}
