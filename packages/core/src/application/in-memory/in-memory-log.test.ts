import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { storedJson } from './in-memory-log.js'

// What a durable store gives back for a value: its JSON text read back (null where JSON has no text at all).
const throughJsonText = (value: unknown): unknown => {
  const text: unknown = JSON.stringify(value)
  return typeof text === 'string' ? JSON.parse(text) : null
}

const frozenAllTheWay = (value: unknown): boolean =>
  typeof value !== 'object' || value === null || (Object.isFrozen(value) && Object.values(value).every(frozenAllTheWay))

describe('a value as the in-memory store keeps it', () => {
  it('is what its JSON text reads back as, keys in the same order, frozen all the way down', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.anything({ withNullPrototype: true, withSparseArray: true })), value => {
        let expected: unknown
        try {
          expected = throughJsonText(value)
        } catch {
          expect(() => storedJson(value)).toThrow()
          return
        }
        const stored = storedJson(value)
        expect(stored).toStrictEqual(expected)
        expect(JSON.stringify(stored)).toBe(JSON.stringify(expected))
        expect(frozenAllTheWay(stored)).toBe(true)
      }),
      { numRuns: 500, seed: 20261206 },
    )
  })

  it('keeps the cases plain copying cannot: -0, toJSON, a __proto__ key, holes, undefined and dates', () => {
    const holey: number[] = []
    holey[0] = 1
    holey[2] = 3
    const cases: readonly unknown[] = [
      -0,
      { n: -0 },
      { at: new Date(0) },
      { toJSON: () => 'replaced' },
      JSON.parse('{"__proto__": {"polluted": true}}'),
      holey,
      { gone: undefined, kept: 1 },
      [undefined, () => 1],
      '\uD800 lone',
    ]
    for (const value of cases) expect(storedJson(value)).toStrictEqual(throughJsonText(value))
    expect(Object.getPrototypeOf(storedJson(JSON.parse('{"__proto__": {"x": 1}}')))).toBe(Object.prototype)
  })
})
