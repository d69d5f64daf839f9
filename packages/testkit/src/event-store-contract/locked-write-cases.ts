import * as E from 'fp-ts/lib/Either.js'
import type { EventStore, EventToAppend, LockedWriteResult, StoredRecord } from '@pembina/core'
import { expect, it } from 'vitest'
import type { ContractContext } from './fixtures.js'
import { appendOk, asEvents, collect, idsOf, testEvent, testEvents } from './fixtures.js'

type ReadAndAppend = NonNullable<EventStore['readAndAppend']>

/** The store's locked write, failing the test when the store does not offer one. */
const lockedWrite = (store: EventStore): ReadAndAppend => {
  if (store.readAndAppend === undefined) throw new Error('the store declared it reads and appends under one lock')
  return store.readAndAppend
}

/** Runs a locked write and returns its result, failing the test when it fails. */
const lockedOk = async <A>(
  store: EventStore,
  streamName: string,
  fromRevision: number,
  write: Parameters<ReadAndAppend>[2] & ((records: Iterable<StoredRecord>) => { readonly value: A }),
): Promise<LockedWriteResult<A>> => {
  const result = await lockedWrite(store)(streamName, fromRevision, write)()
  if (E.isLeft(result)) throw new Error(`the locked write to ${streamName} failed: ${result.left._tag}`)
  return result.right
}

/** The revisions and data of the records a locked write was given. */
const seen = (records: Iterable<StoredRecord>): readonly (readonly [number, unknown])[] =>
  asEvents([...records]).map(record => [record.revision, record.data])

/**
 * Declares the cases of `readAndAppend`, for a store that offers it: the records from a revision, an append after
 * them under the same lock, every failure writing nothing, and writers on one stream taking turns.
 */
export const lockedWriteCases = (ctx: ContractContext): void => {
  it('hands the write the records from a revision on (none for a missing stream), and appends after them', async () => {
    const store = await ctx.open()
    const stream = ctx.uniqueStream()
    const first = await lockedOk(store, stream, 0, records => ({
      value: seen(records),
      append: { events: testEvents(3), expected: 'no-stream' },
    }))
    expect(first.value).toEqual([])
    expect(first.appended).toMatchObject({ nextExpectedRevision: 2, written: true })
    const next = testEvents(1, 3)
    const second = await lockedOk(store, stream, 1, records => ({
      value: seen(records),
      append: { events: next, expected: 2 },
    }))
    expect(second.value).toEqual([
      [1, { n: 1 }],
      [2, { n: 2 }],
    ])
    expect(second.appended).toMatchObject({ nextExpectedRevision: 3, written: true })
    const read = asEvents(await collect(store.readStream(stream)))
    expect(read.map(record => record.data)).toEqual([{ n: 0 }, { n: 1 }, { n: 2 }, { n: 3 }])
    expect(read[3]?.position).toBe(second.appended?.position)
  })

  it('writes nothing when the write answers no events, and hands back its value', async () => {
    const store = await ctx.open()
    const stream = ctx.uniqueStream()
    await appendOk(store, stream, testEvents(1), 'no-stream')
    const result = await lockedOk(store, stream, 0, records => ({ value: seen(records).length }))
    expect(result).toEqual({ value: 1, appended: null })
    expect(await store.streamRevision(stream)()).toEqual(E.right(0))
  })

  it('refuses, writing nothing, an append at a revision the stream is not at, a batch that is not JSON, and a write that throws', async () => {
    const store = await ctx.open()
    const stream = ctx.uniqueStream()
    await appendOk(store, stream, testEvents(2), 'no-stream')
    const locked = lockedWrite(store)
    const stale = await locked(stream, 0, () => ({ value: 0, append: { events: testEvents(1), expected: 0 } }))()
    expect(stale).toEqual(E.left({ _tag: 'ConcurrencyConflict', streamName: stream, expected: 0, actual: 1 }))
    const bigint: EventToAppend = testEvent({ n: 10n })
    const notJson = await locked(stream, 0, () => ({ value: 0, append: { events: [bigint], expected: 1 } }))()
    expect(notJson).toMatchObject(E.left({ _tag: 'InvalidAppend', streamName: stream, eventId: bigint.eventId }))
    const thrown = new Error('the decision failed')
    const throwing = await locked(stream, 0, () => {
      throw thrown
    })()
    expect(throwing).toMatchObject(E.left({ _tag: 'StoreUnavailable', cause: thrown }))
    expect(await store.streamRevision(stream)()).toEqual(E.right(1))
  })

  it('answers `written: false` for events already in the stream at the revisions the append gives them', async () => {
    const store = await ctx.open()
    const stream = ctx.uniqueStream()
    const events = testEvents(2)
    await appendOk(store, stream, events, 'no-stream')
    const again = await lockedOk(store, stream, 0, () => ({ value: 0, append: { events, expected: 'no-stream' } }))
    expect(again.appended).toMatchObject({ nextExpectedRevision: 1, written: false })
    expect(idsOf(asEvents(await collect(store.readStream(stream))))).toEqual(idsOf(events))
  })

  it('lets writers on one stream take turns: each reads what the one before appended', async () => {
    const store = await ctx.open()
    const stream = ctx.uniqueStream()
    const writers = Array.from({ length: 5 }, (_, writer) =>
      lockedOk(store, stream, 0, records => {
        const read = asEvents([...records])
        const last = read[read.length - 1]
        return {
          value: read.length,
          append: { events: [testEvent({ writer })], expected: last === undefined ? 'no-stream' : last.revision },
        }
      }),
    )
    const results = await Promise.all(writers)
    expect(results.map(result => result.value).sort()).toEqual([0, 1, 2, 3, 4])
    expect(await store.streamRevision(stream)()).toEqual(E.right(4))
  })
}
