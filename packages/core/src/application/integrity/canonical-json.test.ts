import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { canonicalJson, formatNotJson, sha256Hex } from './canonical-json.js'

const text = (value: unknown): string => {
  const result = canonicalJson(value)
  return E.isRight(result) ? result.right : `!${formatNotJson(result.left)}`
}

describe('canonical JSON', () => {
  it('sorts object keys at every depth and writes no whitespace', () => {
    expect(text({ b: 1, a: { d: [true, null], c: 'x' } })).toBe('{"a":{"c":"x","d":[true,null]},"b":1}')
  })

  it('gives one text for values that differ only in key order', () => {
    expect(text({ nip: '1', at: 'x', roles: ['asn'] })).toBe(text({ roles: ['asn'], at: 'x', nip: '1' }))
  })

  it('orders keys by UTF-16 code units, as RFC 8785 does', () => {
    expect(text({ é: 1, z: 2, Z: 3, '\u{1F600}': 4, '\uFFFF': 5 })).toBe('{"Z":3,"z":2,"é":1,"\u{1F600}":4,"\uFFFF":5}')
  })

  it('writes numbers and strings as JSON.stringify does', () => {
    expect(text([0, -0, 1.5, 1e21, 'a"\n\u2028'])).toBe(JSON.stringify([0, 0, 1.5, 1e21, 'a"\n\u2028']))
  })

  it('names the path and the reason of every value that is not JSON', () => {
    const cases: readonly [unknown, string][] = [
      [undefined, 'undefined is not a JSON value'],
      [{ data: { reason: undefined } }, 'data.reason: undefined is not a JSON value'],
      [[1, () => 1], '1: function is not a JSON value'],
      [{ n: Number.NaN }, 'n: NaN is not a JSON number'],
      [{ n: Infinity }, 'n: Infinity is not a JSON number'],
      [{ big: 10n }, 'big: bigint is not a JSON value'],
      [{ s: Symbol('x') }, 's: symbol is not a JSON value'],
      [{ at: new Date(0) }, 'at: is [object Date], not a plain object'],
      [{ m: new Map() }, 'm: is [object Map], not a plain object'],
    ]
    for (const [value, problem] of cases) expect(text(value)).toBe(`!${problem}`)
  })

  it('rejects a sparse array hole as undefined', () => {
    const holey: unknown[] = [1]
    holey[2] = 3
    expect(text(holey)).toBe('!1: undefined is not a JSON value')
  })

  it('rejects a cycle, but accepts the same object twice side by side', () => {
    const shared = { a: 1 }
    expect(text({ x: shared, y: shared })).toBe('{"x":{"a":1},"y":{"a":1}}')
    const cyclic: Record<string, unknown> = {}
    cyclic.self = cyclic
    expect(text(cyclic)).toBe('!self: is a circular reference')
  })

  it('reports a throwing getter as a value, never throws', () => {
    const hostile = Object.defineProperty({}, 'boom', {
      enumerable: true,
      get: () => {
        throw new Error('no')
      },
    })
    expect(text(hostile)).toBe('!could not be read: Error: no')
  })

  it('accepts objects without a prototype', () => {
    const bare: Record<string, unknown> = Object.create(null) as Record<string, unknown>
    bare.b = 2
    bare.a = 1
    expect(text(bare)).toBe('{"a":1,"b":2}')
  })
})

describe('sha256Hex', () => {
  it('is the SHA-256 of the UTF-8 text in lower-case hex', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
    expect(sha256Hex('é')).toBe(sha256Hex('\u00e9'))
    expect(sha256Hex('')).toMatch(/^[0-9a-f]{64}$/)
  })
})
