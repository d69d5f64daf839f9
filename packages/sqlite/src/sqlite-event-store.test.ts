import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  type CaughtUp,
  type EventToAppend,
  type StoredRecord,
  StoreUnavailableError,
  StreamNotFoundError,
} from '@pembina/core'
import { type SqliteEventStore, type SqliteEventStoreOptions, sqliteEventStore } from './index.js'

let dir = ''
const stores: SqliteEventStore[] = []
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pembina-sqlite-'))
})
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close()
  rmSync(dir, { recursive: true, force: true })
})

const open = (options: Partial<SqliteEventStoreOptions> = {}): SqliteEventStore => {
  const store = sqliteEventStore({ path: join(dir, 'events.db'), ...options })
  stores.push(store)
  return store
}

let counter = 0
const event = (data: unknown = {}, metadata: unknown = { by: 'test' }): EventToAppend => {
  counter += 1
  return { eventId: `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`, type: 'Tested', data, metadata }
}
const events = (count: number): readonly EventToAppend[] => Array.from({ length: count }, (_, n) => event({ n }))

const collect = async <T>(iterable: AsyncIterable<T>): Promise<readonly T[]> => {
  const items: T[] = []
  for await (const item of iterable) items.push(item)
  return items
}
const revisions = (records: readonly StoredRecord[]): readonly number[] => records.map(r => r.revision)

describe('sqliteEventStore', () => {
  it('runs in WAL mode with synchronous FULL by default and NORMAL when asked', () => {
    expect(open().pragmas()).toEqual({ journalMode: 'wal', synchronous: 'full', busyTimeoutMs: 5000 })
    const normal = open({ durability: 'normal', busyTimeoutMs: 250 })
    expect(normal.pragmas()).toEqual({ journalMode: 'wal', synchronous: 'normal', busyTimeoutMs: 250 })
  })

  it('gives back the data and metadata that were appended, with revisions and increasing positions', async () => {
    const store = open()
    const data = { nip: '198001012005011001', jp: 12.5, tags: ['a', null], nested: { ok: true }, text: 'Belawan ✓' }
    const first = await store.append('enrollment-1', [event(data), event([1, 2, 3], null)], 'no-stream')()
    expect(first).toEqual(E.right({ nextExpectedRevision: 1, position: 2n, written: true }))
    const read = await collect(store.readStream('enrollment-1'))
    expect(read).toMatchObject([
      {
        kind: 'event',
        streamName: 'enrollment-1',
        revision: 0,
        position: 1n,
        type: 'Tested',
        data,
        metadata: { by: 'test' },
      },
      { kind: 'event', revision: 1, position: 2n, data: [1, 2, 3], metadata: null },
    ])
  })

  it('stores an undefined value as null, since JSON cannot spell undefined', async () => {
    const store = open()
    await store.append('s-1', [{ ...event(), data: undefined, metadata: undefined }], 'any')()
    expect(await collect(store.readStream('s-1'))).toMatchObject([{ data: null, metadata: null }])
  })

  it('refuses data that is not JSON as an invalid append naming the event, without writing anything', async () => {
    const store = open()
    const bad = event({ big: 1n })
    const result = await store.append('s-1', [event(), bad], 'any')()
    expect(result).toMatchObject(
      E.left({
        _tag: 'InvalidAppend',
        streamName: 's-1',
        eventId: bad.eventId,
        reason: expect.stringMatching(/not JSON/) as string,
      }),
    )
    expect(await store.streamRevision('s-1')()).toEqual(E.right('no-stream'))
  })

  it('reports a conflict with the actual revision, for each kind of expectation', async () => {
    const store = open()
    expect(await store.append('s-1', [event()], 'exists')()).toEqual(
      E.left({ _tag: 'ConcurrencyConflict', streamName: 's-1', expected: 'exists', actual: 'no-stream' }),
    )
    await store.append('s-1', events(3), 'no-stream')()
    expect(await store.append('s-1', [event()], 'no-stream')()).toEqual(
      E.left({ _tag: 'ConcurrencyConflict', streamName: 's-1', expected: 'no-stream', actual: 2 }),
    )
    expect(await store.append('s-1', [event()], 1)()).toEqual(
      E.left({ _tag: 'ConcurrencyConflict', streamName: 's-1', expected: 1, actual: 2 }),
    )
    expect(await store.append('s-1', [event()], 2)()).toEqual(
      E.right({ nextExpectedRevision: 3, position: 4n, written: true }),
    )
  })

  it('treats the same events at the same revisions as an idempotent re-append that writes nothing', async () => {
    const store = open()
    const batch = events(2)
    await store.append('s-1', [event()], 'no-stream')()
    expect(await store.append('s-1', batch, 0)()).toEqual(
      E.right({ nextExpectedRevision: 2, position: 3n, written: true }),
    )
    expect(await store.append('s-1', batch, 0)()).toEqual(
      E.right({ nextExpectedRevision: 2, position: 3n, written: false }),
    )
    expect(await store.append('s-1', batch, 'any')()).toEqual(
      E.right({ nextExpectedRevision: 2, position: 3n, written: false }),
    )
    expect(E.isLeft(await store.append('s-1', batch, 1)())).toBe(true)
    expect(await store.streamRevision('s-1')()).toEqual(E.right(2))
  })

  it('refuses an event id already stored in another stream, writing nothing', async () => {
    const store = open()
    const shared = event()
    await store.append('s-1', [shared], 'any')()
    const result = await store.append('s-2', [event(), shared], 'any')()
    expect(result).toMatchObject(
      E.left({
        _tag: 'InvalidAppend',
        streamName: 's-2',
        eventId: shared.eventId,
        reason: 'is already stored in stream s-1',
      }),
    )
    expect(await store.streamRevision('s-2')()).toEqual(E.right('no-stream'))
  })

  it('answers an empty append with the current revision and writes nothing', async () => {
    const store = open()
    expect(await store.append('s-1', [], 'no-stream')()).toEqual(
      E.right({ nextExpectedRevision: -1, position: 0n, written: false }),
    )
    await store.append('s-1', events(2), 'any')()
    expect(await store.append('s-1', [], 1)()).toEqual(
      E.right({ nextExpectedRevision: 1, position: 2n, written: false }),
    )
  })

  it('reads a stream forwards and backwards, from a revision, with a limit, across pages', async () => {
    const store = open({ pageSize: 3 })
    await store.append('s-1', events(10), 'no-stream')()
    await store.append('other-1', events(2), 'no-stream')()
    expect(revisions(await collect(store.readStream('s-1')))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
    expect(revisions(await collect(store.readStream('s-1', { fromRevision: 4, limit: 4 })))).toEqual([4, 5, 6, 7])
    expect(revisions(await collect(store.readStream('s-1', { direction: 'backwards' })))).toEqual([
      9, 8, 7, 6, 5, 4, 3, 2, 1, 0,
    ])
    expect(
      revisions(await collect(store.readStream('s-1', { direction: 'backwards', fromRevision: 5, limit: 4 }))),
    ).toEqual([5, 4, 3, 2])
    expect(await collect(store.readStream('s-1', { fromRevision: 10 }))).toEqual([])
    expect(await collect(store.readStream('s-1', { limit: 0 }))).toEqual([])
  })

  it('reads and appends under one lock across pages: every record once, in order, from a revision, appended after the last', async () => {
    const store = open({ pageSize: 2 })
    await store.append('test-1', events(5), 'no-stream')()
    const seen: number[] = []
    const result = await store.readAndAppend('test-1', 1, records => {
      for (const record of records) seen.push(record.revision)
      return { value: seen.length, append: { events: events(1), expected: 4 } }
    })()
    expect(seen).toEqual([1, 2, 3, 4])
    expect(result).toMatchObject(E.right({ value: 4, appended: { nextExpectedRevision: 5, written: true } }))
    const onePage = await store.readAndAppend('test-1', 5, records => ({ value: [...records].length }))()
    expect(onePage).toEqual(E.right({ value: 1, appended: null }))
  })

  it('refuses, writing nothing, a locked append carrying an event id stored in another stream, even after a new one', async () => {
    const store = open()
    const stored = event({ n: 0 })
    await store.append('test-1', [stored], 'no-stream')()
    const result = await store.readAndAppend('test-2', 0, () => ({
      value: null,
      append: { events: [event({ n: 1 }), stored], expected: 'no-stream' },
    }))()
    expect(result).toMatchObject(E.left({ _tag: 'InvalidAppend', eventId: stored.eventId, streamName: 'test-2' }))
    expect(E.isLeft(result) && result.left._tag === 'InvalidAppend' && result.left.reason).toContain('test-1')
    expect(await store.streamRevision('test-2')()).toEqual(E.right('no-stream'))
  })

  it('rejects a read of a stream that does not exist with StreamNotFoundError', async () => {
    await expect(collect(open().readStream('missing-1'))).rejects.toBeInstanceOf(StreamNotFoundError)
  })

  it('a read with a limit of 0 still tells a missing stream, and a closed store, by rejecting', async () => {
    const store = open()
    await expect(collect(store.readStream('missing-1', { limit: 0 }))).rejects.toBeInstanceOf(StreamNotFoundError)
    await store.append('s-1', events(1), 'no-stream')()
    expect(await collect(store.readStream('s-1', { limit: 0 }))).toEqual([])
    await store.close()
    await expect(collect(store.readStream('s-1', { limit: 0 }))).rejects.toBeInstanceOf(StoreUnavailableError)
  })

  it('a stream read longer than a page stops at the events stored when it started, whatever the reader appends', async () => {
    const store = open({ pageSize: 2 })
    await store.append('s-1', events(3), 'no-stream')()
    const read: number[] = []
    for await (const record of store.readStream('s-1')) {
      read.push(record.revision)
      // A reader that appends to the stream it reads, as a process manager might.
      if (record.revision === 0) await store.append('s-1', events(2), 'any')()
    }
    expect(read).toEqual([0, 1, 2])
  })

  it('reads all events in global order after a position, filtered by category or stream prefix', async () => {
    const store = open({ pageSize: 2 })
    await store.append('enrollment-a', events(2), 'any')()
    await store.append('complaint-b', events(2), 'any')()
    await store.append('enrollment-c-1', events(1), 'any')()
    await store.append('enrollment', events(1), 'any')()
    const names = (records: readonly StoredRecord[]): readonly string[] =>
      records.map(r => `${r.streamName}@${r.position}`)
    expect(names(await collect(store.readAll({ filter: { category: 'enrollment' } })))).toEqual([
      'enrollment-a@1',
      'enrollment-a@2',
      'enrollment-c-1@5',
    ])
    expect(names(await collect(store.readAll({ filter: { category: 'enrollment-c' } })))).toEqual(['enrollment-c-1@5'])
    expect(names(await collect(store.readAll({ filter: { streamPrefix: 'enrollment' } })))).toHaveLength(4)
    expect(names(await collect(store.readAll({ after: 2n, limit: 2 })))).toEqual(['complaint-b@3', 'complaint-b@4'])
    expect(await collect(store.readAll({ after: 6n }))).toEqual([])
  })

  it('subscribes: catches up, says caught-up, then delivers live appends until closed', async () => {
    const store = open({ pageSize: 2 })
    await store.append('s-1', events(3), 'any')()
    const subscription = store.subscribe({ after: 1n, filter: { category: 's' } })
    const seen: (StoredRecord | CaughtUp)[] = []
    const done = (async () => {
      for await (const item of subscription) {
        seen.push(item)
        if (item.kind === 'caught-up') {
          await store.append('t-1', [event()], 'any')()
          await store.append('s-1', [event()], 'any')()
        }
        if (item.kind === 'event' && item.revision === 3) await subscription.close()
      }
    })()
    await done
    expect(
      seen.map(item =>
        item.kind === 'caught-up' ? `caught-up@${item.position}` : `${item.revision}@${item.position}`,
      ),
    ).toEqual(['1@2', '2@3', 'caught-up@3', '3@5'])
  })

  it('delivers to a subscription the events another store object appends to the same file, by polling', async () => {
    const reader = open({ pollIntervalMs: 10 })
    const writer = open()
    const subscription = reader.subscribe()
    const iterator = subscription[Symbol.asyncIterator]()
    expect((await iterator.next()).value).toEqual({ kind: 'caught-up', position: null })
    const next = iterator.next()
    await writer.append('s-1', [event({ from: 'writer' })], 'any')()
    expect((await next).value).toMatchObject({ kind: 'event', data: { from: 'writer' } })
    await subscription.close()
    expect(await iterator.next()).toEqual({ done: true, value: undefined })
  })

  it('ends a waiting subscription when the store closes, and fails further calls', async () => {
    const store = open()
    const iterator = store.subscribe()[Symbol.asyncIterator]()
    await iterator.next()
    const pending = iterator.next()
    await store.close()
    expect(await pending).toEqual({ done: true, value: undefined })
    expect(E.isLeft(await store.append('s-1', [event()], 'any')())).toBe(true)
    expect(E.isLeft(await store.streamRevision('s-1')())).toBe(true)
    await expect(collect(store.readAll())).rejects.toBeInstanceOf(StoreUnavailableError)
    await expect(collect(store.readStream('s-1'))).rejects.toBeInstanceOf(StoreUnavailableError)
  })

  it('keeps what was appended after the store is closed and opened again', async () => {
    const first = open()
    await first.append('s-1', events(3), 'no-stream')()
    await first.close()
    const again = open()
    expect(await again.streamRevision('s-1')()).toEqual(E.right(2))
    expect(await collect(again.readAll())).toHaveLength(3)
  })
})
