import { ListQueryError } from './errors.js'
import type { JsonValue, KeyedDocument, ListQuery } from './projection.js'

// The meaning of a `ListQuery`, shared by every read-model store so that a query lists the same documents in the same
// order whichever store serves it. The SQLite store says the same in SQL (json_type, json_extract, BINARY collation).

const fieldName = /^[A-Za-z_][A-Za-z0-9_]*$/

/** Checks a list query: fields are plain top-level names (letters, digits, `_`), the limit a whole number from 0. */
export const checkListQuery = (query: ListQuery): void => {
  for (const field of [query.where?.field, query.orderBy?.field])
    if (field !== undefined && !fieldName.test(field))
      throw new ListQueryError(`cannot list by "${field}": a field is a top-level name of letters, digits and _`)
  if (query.limit !== undefined && (!Number.isSafeInteger(query.limit) || query.limit < 0))
    throw new ListQueryError(`a list limit is a whole number from 0, not ${String(query.limit)}`)
}

const isObject = (value: JsonValue): value is { readonly [key: string]: JsonValue } =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** A top-level field of a document, or undefined when the document is not an object or has no such field. */
export const fieldOf = (doc: JsonValue, field: string): JsonValue | undefined =>
  isObject(doc) && Object.hasOwn(doc, field) ? doc[field] : undefined

/** Whether a document's field holds exactly the value: same JSON type and value (1 is not true, null is not missing). */
export const matchesWhere = (doc: JsonValue, where: NonNullable<ListQuery['where']>): boolean => {
  const value = fieldOf(doc, where.field)
  return value !== undefined && value === where.equals
}

/** Compares strings by Unicode code point, which is the order of their UTF-8 bytes (SQLite's BINARY collation). */
export const compareCodePoints = (a: string, b: string): number => {
  const length = Math.min(a.length, b.length)
  for (let i = 0; i < length; i++) {
    let x = a.charCodeAt(i)
    let y = b.charCodeAt(i)
    if (x === y) continue
    // Surrogates (D800-DFFF) encode code points above FFFF: lift them above E000-FFFF, which UTF-16 puts after them.
    if (x >= 0xd800) x += x >= 0xe000 ? -0x800 : 0x2000
    if (y >= 0xd800) y += y >= 0xe000 ? -0x800 : 0x2000
    return x - y
  }
  return a.length - b.length
}

type SortValue = { readonly rank: 0; readonly number: number } | { readonly rank: 1; readonly text: string }

// Numbers (and booleans, as 1 and 0) sort before text; strings sort as text, objects and arrays as their JSON text.
const sortValueOf = (value: JsonValue | undefined): SortValue | undefined => {
  if (value === undefined || value === null) return undefined
  if (typeof value === 'number') return { rank: 0, number: value }
  if (typeof value === 'boolean') return { rank: 0, number: value ? 1 : 0 }
  if (typeof value === 'string') return { rank: 1, text: value }
  return { rank: 1, text: JSON.stringify(value) }
}

const compareSortValues = (a: SortValue, b: SortValue): number => {
  if (a.rank === 0 && b.rank === 0) return a.number - b.number
  if (a.rank === 1 && b.rank === 1) return compareCodePoints(a.text, b.text)
  return a.rank - b.rank
}

/**
 * Filters, orders and limits documents as a `ListQuery` says: documents whose order field is missing or null come
 * last in either direction; ties, and lists without an order, go by key.
 */
export const applyListQuery = (
  documents: readonly KeyedDocument[],
  query: ListQuery = {},
): readonly KeyedDocument[] => {
  checkListQuery(query)
  const { where, orderBy, limit } = query
  const sign = orderBy?.direction === 'desc' ? -1 : 1
  const matching = where === undefined ? [...documents] : documents.filter(({ doc }) => matchesWhere(doc, where))
  const keyed = matching.map(document => ({
    document,
    value: orderBy === undefined ? undefined : sortValueOf(fieldOf(document.doc, orderBy.field)),
  }))
  keyed.sort((a, b) => {
    if (a.value !== undefined && b.value !== undefined) {
      const byValue = compareSortValues(a.value, b.value) * sign
      if (byValue !== 0) return byValue
    } else if (a.value !== undefined || b.value !== undefined) return a.value === undefined ? 1 : -1
    return compareCodePoints(a.document.key, b.document.key)
  })
  const ordered = keyed.map(({ document }) => document)
  return limit === undefined ? ordered : ordered.slice(0, limit)
}
