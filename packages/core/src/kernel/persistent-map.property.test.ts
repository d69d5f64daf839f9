import * as E from 'fp-ts/lib/Either.js'
import fc from 'fast-check'
import * as t from 'io-ts'
import { describe, expect, it } from 'vitest'
import {
  emptyMap,
  mapEntries,
  mapFromRecord,
  mapGet,
  mapSet,
  mapToRecord,
  mapValues,
  type PersistentMap,
  persistentMap,
} from './persistent-map.js'

const runs = { seed: 20261128, numRuns: 300 }

// Few distinct keys make overwrites common; up to 400 entries forces leaves to split several levels deep.
const arbKey = fc.oneof(
  fc.string({ maxLength: 6 }),
  fc.integer({ min: 0, max: 2_000 }).map(n => `k-${n}`),
)
const arbWrites = fc.array(fc.tuple(arbKey, fc.integer()), { maxLength: 400 })

const build = (writes: readonly (readonly [string, number])[]): PersistentMap<number> =>
  writes.reduce<PersistentMap<number>>((map, [key, value]) => mapSet(map, key, value), emptyMap())

describe('persistent map', () => {
  it('behaves like a Map: every key reads its last value, the size counts distinct keys', () => {
    fc.assert(
      fc.property(arbWrites, fc.array(arbKey, { maxLength: 20 }), (writes, probes) => {
        const model = new Map(writes)
        const map = build(writes)
        expect(map.size).toBe(model.size)
        for (const key of [...model.keys(), ...probes]) expect(mapGet(map, key)).toBe(model.get(key))
        expect(Object.fromEntries(mapEntries(map))).toEqual(Object.fromEntries(model))
        expect(mapValues(map).length).toBe(model.size)
      }),
      runs,
    )
  })

  it('leaves the map it was given unchanged (persistence)', () => {
    fc.assert(
      fc.property(arbWrites, arbKey, fc.integer(), (writes, key, value) => {
        const before = build(writes)
        const snapshot = JSON.stringify(before)
        const after = mapSet(before, key, value)
        expect(JSON.stringify(before)).toBe(snapshot)
        expect(mapGet(after, key)).toBe(value)
      }),
      runs,
    )
  })

  it('has one shape per set of entries, whatever the order of insertion, and survives JSON', () => {
    fc.assert(
      fc.property(arbWrites, fc.integer(), (writes, seed) => {
        const distinct = [...new Map(writes)]
        // A deterministic shuffle of the distinct entries (the seed picks the permutation).
        const shuffled = distinct
          .map((entry, i) => ({ entry, rank: Math.imul(i + 1, seed | 1) >>> 0 }))
          .toSorted((a, b) => a.rank - b.rank)
          .map(({ entry }) => entry)
        const other = build(shuffled)
        expect(other).toEqual(build(distinct))
        expect(JSON.parse(JSON.stringify(other))).toEqual(other)
      }),
      runs,
    )
  })

  it('encodes as a record independent of insertion order and decodes back to an equal map; a bad value is refused', () => {
    const codec = persistentMap(t.number)
    fc.assert(
      fc.property(arbWrites, writes => {
        const map = build(writes)
        const record = codec.encode(map)
        const reordered = codec.encode(build([...new Map(writes)].toReversed()))
        expect(JSON.stringify(reordered)).toBe(JSON.stringify(record))
        expect(record).toEqual(mapToRecord(map))
        expect(codec.decode(JSON.parse(JSON.stringify(record)))).toEqual(E.right(map))
        expect(mapFromRecord(record)).toEqual(map)
      }),
      runs,
    )
    expect(E.isLeft(codec.decode({ a: 'one' }))).toBe(true)
  })

  it('copies one path per write, not the whole map', () => {
    const map = build(Array.from({ length: 5_000 }, (_, i) => [`source-${i}`, i] as const))
    const next = mapSet(map, 'source-new', 1)
    // Count nodes the two versions share: all but the few on the written path.
    const nodes = (root: PersistentMap<number>['root']): Set<unknown> => {
      const seen = new Set<unknown>()
      const visit = (node: PersistentMap<number>['root']): void => {
        seen.add(node)
        if ('children' in node) for (const child of node.children) if (child !== null) visit(child)
      }
      visit(root)
      return seen
    }
    const before = nodes(map.root)
    const changed = [...nodes(next.root)].filter(node => !before.has(node))
    expect(before.size).toBeGreaterThan(300)
    expect(changed.length).toBeLessThanOrEqual(4)
  })
})
