import * as t from 'io-ts'
import { describe, expect, it } from 'vitest'
import { sameBy, sameJson } from './equality.js'

describe('equality as JSON sees it', () => {
  it('ignores key order and absent-versus-undefined, and tells 0 from 1 but not from -0', () => {
    expect(sameJson({ a: 1, b: [1, 2] }, { b: [1, 2], a: 1, c: undefined })).toBe(true)
    expect(sameJson({ a: 1 }, { a: 1, c: null })).toBe(false)
    expect(sameJson([1, 2], [2, 1])).toBe(false)
    expect(sameJson(0, -0)).toBe(true)
    expect(sameJson(0, 1)).toBe(false)
  })

  it('derived from a codec, compares every field the codec writes and nothing else', () => {
    const Terms = t.exact(t.intersection([t.type({ capacity: t.number }), t.partial({ passMark: t.number })]))
    const same = sameBy(Terms)
    expect(same({ capacity: 30 }, { capacity: 30 })).toBe(true)
    expect(same({ capacity: 30, passMark: 70 }, { capacity: 30 })).toBe(false)
    const withExtra = { capacity: 30, note: 'not a term' }
    expect(same(withExtra, { capacity: 30 })).toBe(true)
  })
})
