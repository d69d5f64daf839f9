import { describe, expect, it } from 'vitest'
import { ListQueryError } from './errors.js'
import { applyListQuery, checkListQuery, compareCodePoints } from './list-query.js'
import type { KeyedDocument } from './projection.js'

const documents: readonly KeyedDocument[] = [
  { key: 'b', doc: { unit: 'Puskesmas Belawan', jp: 24, open: true } },
  { key: 'a', doc: { unit: 'Kecamatan Medan Belawan', jp: 8, open: false } },
  { key: 'c', doc: { unit: 'Puskesmas Belawan', jp: null } },
  { key: 'd', doc: { unit: 'Puskesmas Belawan' } },
  { key: 'e', doc: { unit: 'Dinas Kesehatan', jp: 24 } },
]
const keys = (listed: readonly KeyedDocument[]): readonly string[] => listed.map(({ key }) => key)

describe('a list query', () => {
  it('lists every document in key order when it asks for nothing', () => {
    expect(keys(applyListQuery(documents))).toEqual(['a', 'b', 'c', 'd', 'e'])
  })

  it('keeps the documents whose top-level field equals the value', () => {
    expect(keys(applyListQuery(documents, { where: { field: 'unit', equals: 'Puskesmas Belawan' } }))).toEqual([
      'b',
      'c',
      'd',
    ])
    expect(keys(applyListQuery(documents, { where: { field: 'jp', equals: null } }))).toEqual(['c'])
    expect(keys(applyListQuery(documents, { where: { field: 'open', equals: false } }))).toEqual(['a'])
  })

  it('orders by a field either way, documents without it last, ties by key, then limits', () => {
    expect(keys(applyListQuery(documents, { orderBy: { field: 'jp' } }))).toEqual(['a', 'b', 'e', 'c', 'd'])
    expect(keys(applyListQuery(documents, { orderBy: { field: 'jp', direction: 'desc' } }))).toEqual([
      'b',
      'e',
      'a',
      'c',
      'd',
    ])
    expect(keys(applyListQuery(documents, { orderBy: { field: 'jp', direction: 'desc' }, limit: 2 }))).toEqual([
      'b',
      'e',
    ])
  })

  it('refuses fields that are not plain top-level names and limits that are not whole numbers from 0', () => {
    expect(() => {
      checkListQuery({ where: { field: 'places.0.nip', equals: 'x' } })
    }).toThrow(ListQueryError)
    expect(() => {
      checkListQuery({ limit: 1.5 })
    }).toThrow(ListQueryError)
    expect(() => {
      checkListQuery({ orderBy: { field: 'fillRate' }, limit: 0 })
    }).not.toThrow()
  })
})

describe('comparing texts by code point', () => {
  it('puts characters above U+FFFF after those just below it, as UTF-8 bytes do', () => {
    const [below, above] = ['\uffee', '🏥']
    expect(compareCodePoints(below, above)).toBeLessThan(0)
    // UTF-16 code units order them the other way round.
    expect([above, below].sort()).toEqual([above, below])
    expect(compareCodePoints('abc', 'abd')).toBeLessThan(0)
    expect(compareCodePoints('ab', 'abc')).toBeLessThan(0)
    expect(compareCodePoints('é', 'é')).toBe(0)
  })
})
