// One contract for every read-model store (in memory; SQLite in a file of its own and in the events file): atomic
// commits with their checkpoint, versions kept apart, serving and dropping, skipped events, and list queries that give
// the same documents in the same order in every store.
import fc from 'fast-check'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  CheckpointConflictError,
  inMemoryReadModelStore,
  type JsonValue,
  type KeyedDocument,
  type ListQuery,
  ListQueryError,
  type ProjectionBatch,
  type ReadModelStore,
} from '@pembina/projections'
import { sqliteEventStore, sqliteReadModelStore } from '@pembina/sqlite'
import { makeTempDir, type TempDir } from '../reliability/temp-dir.js'

let dir: TempDir
beforeEach(() => {
  dir = makeTempDir('pembina-read-models-')
})
afterEach(() => {
  dir.remove()
})

const stores: readonly (readonly [string, () => Promise<ReadModelStore>])[] = [
  ['in memory', () => Promise.resolve(inMemoryReadModelStore())],
  ['SQLite, a file of its own', () => Promise.resolve(sqliteReadModelStore({ path: dir.file('read-models.db') }))],
  [
    'SQLite, in the events file',
    async () => {
      const file = dir.file('events.db')
      await sqliteEventStore({ path: file }).close()
      return sqliteReadModelStore({ path: file, durability: 'normal' })
    },
  ],
]

const v1 = { name: 'rosters', version: 1 }
const v2 = { name: 'rosters', version: 2 }

const batch = (
  changes: ProjectionBatch['changes'],
  position: bigint,
  events: number,
  extra: Partial<ProjectionBatch> = {},
): ProjectionBatch => ({ changes, checkpoint: { position, events }, skipped: [], ...extra })

const skippedAt = (position: bigint) => ({
  streamName: 'enrollment-o-1',
  revision: Number(position),
  position,
  eventType: 'PlaceRequested',
  reason: `evolve threw at ${position}`,
})

describe.each(stores)('a read-model store (%s)', (_name, open) => {
  let store: ReadModelStore
  beforeEach(async () => {
    store = await open()
  })
  afterEach(async () => {
    await store.close()
  })

  it('commits documents with their checkpoint, and keeps each version apart', async () => {
    expect(await store.checkpoint(v1)).toBeUndefined()
    await store.commit(
      v1,
      batch(
        [
          { key: 'a', doc: { n: 1 } },
          { key: 'b', doc: [1, 'two', null] },
        ],
        5n,
        2,
      ),
    )
    await store.commit(v2, batch([{ key: 'a', doc: { n: 2 } }], 3n, 1))
    expect(await store.checkpoint(v1)).toEqual({ position: 5n, events: 2 })
    expect(await store.getVersioned(v1, 'a')).toEqual({ n: 1 })
    expect(await store.getVersioned(v1, 'b')).toEqual([1, 'two', null])
    expect(await store.getVersioned(v2, 'a')).toEqual({ n: 2 })
    expect(await store.getVersioned(v2, 'b')).toBeUndefined()
    await store.commit(
      v1,
      batch(
        [
          { key: 'a', doc: undefined },
          { key: 'c', doc: 'text' },
        ],
        9n,
        4,
        { after: 5n },
      ),
    )
    expect(await store.getVersioned(v1, 'a')).toBeUndefined()
    expect(await store.getVersioned(v1, 'c')).toBe('text')
    expect(await store.checkpoint(v1)).toEqual({ position: 9n, events: 4 })
  })

  it('serves queries from the serving version only, and from none before one is served', async () => {
    await store.commit(v1, batch([{ key: 'a', doc: { n: 1 } }], 1n, 1))
    await store.commit(v2, batch([{ key: 'a', doc: { n: 2 } }], 1n, 1))
    expect(await store.serving('rosters')).toBeUndefined()
    expect(await store.get('rosters', 'a')).toBeUndefined()
    expect(await store.list('rosters')).toEqual([])
    await store.serve(v1)
    expect(await store.get('rosters', 'a')).toEqual({ n: 1 })
    await store.serve(v2)
    expect(await store.serving('rosters')).toBe(2)
    expect(await store.list('rosters')).toEqual([{ key: 'a', doc: { n: 2 } }])
  })

  it('refuses a batch whose checkpoint moved on, and writes none of it', async () => {
    await store.commit(v1, batch([{ key: 'a', doc: 1 }], 4n, 1, { after: null }))
    const stale = store.commit(
      v1,
      batch(
        [
          { key: 'a', doc: 2 },
          { key: 'b', doc: 3 },
        ],
        8n,
        2,
        { after: null },
      ),
    )
    await expect(stale).rejects.toBeInstanceOf(CheckpointConflictError)
    await expect(store.commit(v2, batch([], 1n, 0, { after: 3n }))).rejects.toThrow(/checkpoint is absent/)
    expect(await store.getVersioned(v1, 'a')).toBe(1)
    expect(await store.getVersioned(v1, 'b')).toBeUndefined()
    expect(await store.checkpoint(v1)).toEqual({ position: 4n, events: 1 })
    expect(await store.checkpoint(v2)).toBeUndefined()
  })

  it('keeps skipped events for audit, in global order, per version', async () => {
    await store.commit(v1, batch([], 7n, 0, { skipped: [skippedAt(7n), skippedAt(3n)] }))
    await store.commit(v1, batch([], 12n, 0, { skipped: [skippedAt(12n)] }))
    await store.commit(v2, batch([], 2n, 0, { skipped: [skippedAt(2n)] }))
    expect(await store.skipped(v1)).toEqual([skippedAt(3n), skippedAt(7n), skippedAt(12n)])
    expect(await store.skipped(v2)).toEqual([skippedAt(2n)])
  })

  it('drops a version whole: documents, checkpoint, skipped events, and its serving', async () => {
    await store.commit(v1, batch([{ key: 'a', doc: 1 }], 1n, 1, { skipped: [skippedAt(1n)] }))
    await store.commit(v2, batch([{ key: 'a', doc: 2 }], 1n, 1))
    await store.serve(v1)
    await store.drop(v1)
    expect(await store.getVersioned(v1, 'a')).toBeUndefined()
    expect(await store.checkpoint(v1)).toBeUndefined()
    expect(await store.skipped(v1)).toEqual([])
    expect(await store.serving('rosters')).toBeUndefined()
    expect(await store.getVersioned(v2, 'a')).toBe(2)
  })

  it('keeps global positions beyond 2^53 exactly', async () => {
    const far = 2n ** 62n + 7n
    await store.commit(v1, batch([], far, 3, { skipped: [skippedAt(far)] }))
    expect((await store.checkpoint(v1))?.position).toBe(far)
    expect((await store.skipped(v1))[0]?.position).toBe(far)
  })

  it('hands documents back as JSON: unicode, nesting and numbers intact, and not shared with the writer', async () => {
    const doc = { name: 'Dinas Kesehatan Kota Medan – Belawan 🏥', nested: { list: [1.5, -0.25, true, null] }, n: 1e21 }
    await store.commit(v1, batch([{ key: 'ü-🏥', doc }], 1n, 1))
    await store.serve(v1)
    const read = await store.get('rosters', 'ü-🏥')
    expect(read).toEqual(doc)
    expect(read).not.toBe(doc)
  })

  it('lists by a top-level field, strict about JSON types: 1 is not true, null is not missing', async () => {
    const docs: readonly KeyedDocument[] = [
      { key: 'a', doc: { f: 1 } },
      { key: 'b', doc: { f: true } },
      { key: 'c', doc: { f: '1' } },
      { key: 'd', doc: { f: null } },
      { key: 'e', doc: {} },
      { key: 'f', doc: [1] },
    ]
    await store.commit(v1, batch(docs, 1n, 1))
    await store.serve(v1)
    const keys = async (query: ListQuery): Promise<readonly string[]> =>
      (await store.list('rosters', query)).map(({ key }) => key)
    expect(await keys({ where: { field: 'f', equals: 1 } })).toEqual(['a'])
    expect(await keys({ where: { field: 'f', equals: true } })).toEqual(['b'])
    expect(await keys({ where: { field: 'f', equals: '1' } })).toEqual(['c'])
    expect(await keys({ where: { field: 'f', equals: null } })).toEqual(['d'])
    expect(await keys({ orderBy: { field: 'f' } })).toEqual(['a', 'b', 'c', 'd', 'e', 'f'])
    expect(await keys({ orderBy: { field: 'f', direction: 'desc' } })).toEqual(['c', 'a', 'b', 'd', 'e', 'f'])
    expect(await keys({ orderBy: { field: 'f' }, limit: 2 })).toEqual(['a', 'b'])
  })

  it('refuses a list by a field that is not a plain top-level name', async () => {
    await expect(store.list('rosters', { where: { field: 'a.b', equals: 1 } })).rejects.toBeInstanceOf(ListQueryError)
    await expect(store.list('rosters', { orderBy: { field: "x'); DROP" } })).rejects.toBeInstanceOf(ListQueryError)
    await expect(store.list('rosters', { limit: -1 })).rejects.toBeInstanceOf(ListQueryError)
  })

  it('rejects every call once closed', async () => {
    await store.close()
    await expect(store.get('rosters', 'a')).rejects.toThrow(/closed/)
    await expect(store.commit(v1, batch([], 1n, 1))).rejects.toThrow(/closed/)
  })
})

const arbField = fc.constantFrom('status', 'jp', 'start', 'open')
const arbFieldValue: fc.Arbitrary<JsonValue> = fc.oneof(
  fc.integer({ min: -3, max: 3 }),
  fc.double({ min: -3, max: 3, noNaN: true, noDefaultInfinity: true }).map(n => (Object.is(n, -0) ? 0 : n)),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom('open', 'closed', 'Open', 'éclair', 'z', '🏥', '\uffff', ''),
  fc.constantFrom<JsonValue>([1, 2], { a: 1 }, []),
)
const arbDocument: fc.Arbitrary<JsonValue> = fc.oneof(
  { weight: 9, arbitrary: fc.dictionary(arbField, arbFieldValue, { maxKeys: 4 }) },
  { weight: 1, arbitrary: fc.constantFrom<JsonValue>([1], 'text', 3) },
)
// Keys mix letters of both cases, an accented letter, a character above U+FFFF and one just below it.
const arbKey = fc
  .array(fc.constantFrom('a', 'B', 'z', '0', 'é', '🏥', '\uffee'), { minLength: 1, maxLength: 4 })
  .map(parts => parts.join(''))
const arbQuery: fc.Arbitrary<ListQuery> = fc.record(
  {
    where: fc.record({ field: arbField, equals: fc.constantFrom('open', 1, 2, true, false, null, 'z') }),
    orderBy: fc.record({ field: arbField, direction: fc.constantFrom<'asc' | 'desc'>('asc', 'desc') }),
    limit: fc.integer({ min: 0, max: 12 }),
  },
  { requiredKeys: [] },
)

describe('list queries', () => {
  it('give the same documents in the same order in memory and in SQLite, for any documents and query', async () => {
    const sqlite = sqliteReadModelStore({ path: dir.file('list.db'), durability: 'normal' })
    let run = 0
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.uniqueArray(fc.tuple(arbKey, arbDocument), {
            selector: ([key]) => key,
            maxLength: 20,
          }),
          fc.array(arbQuery, { minLength: 1, maxLength: 5 }),
          async (documents, queries) => {
            const memory = inMemoryReadModelStore()
            // A version per run: a failing run (and the shrinking after it) never sees another run's documents.
            const version = { name: 'listed', version: ++run }
            const changes = documents.map(([key, doc]) => ({ key, doc }))
            for (const store of [memory, sqlite]) {
              await store.commit(version, batch(changes, 1n, 1))
              await store.serve(version)
            }
            for (const query of queries)
              expect(await sqlite.list('listed', query)).toEqual(await memory.list('listed', query))
          },
        ),
        { numRuns: 200, seed: 20_261_128 },
      )
    } finally {
      await sqlite.close()
    }
  })
})
