import * as t from 'io-ts'

/** A whole number written in a query string (`?limit=20`), from `min` to `max`. */
export const wholeNumberText = (min: number, max: number, name: string): t.Type<number, string> =>
  new t.Type<number, string>(
    name,
    (u): u is number => typeof u === 'number' && Number.isSafeInteger(u) && u >= min && u <= max,
    (u, c) => {
      const n = typeof u === 'string' && /^\d{1,15}$/.test(u) ? Number(u) : Number.NaN
      return Number.isSafeInteger(n) && n >= min && n <= max
        ? t.success(n)
        : t.failure(u, c, `must be a whole number from ${min} to ${max}`)
    },
    String,
  )

/** The most items a page holds, and how many when the query does not say. */
export const maxPageSize = 500
export const defaultPageSize = 50

/** Codec of the paging of a list: `offset` (from 0) and `limit` (1 to 500, 50 by default). */
export const PageQuery = t.partial({
  offset: wholeNumberText(0, Number.MAX_SAFE_INTEGER, 'Offset'),
  limit: wholeNumberText(1, maxPageSize, 'Limit'),
})
export type PageQuery = t.TypeOf<typeof PageQuery>

/** One page of a list: its items, how many the whole list holds, and the offset of the next page (null at the end). */
export interface Page<Item> {
  readonly items: readonly Item[]
  readonly total: number
  readonly offset: number
  readonly limit: number
  readonly nextOffset: number | null
}

/** The page of a list a query asks for. */
export const pageOf = <Item>(items: readonly Item[], query: PageQuery): Page<Item> => {
  const offset = query.offset ?? 0
  const limit = query.limit ?? defaultPageSize
  return {
    items: items.slice(offset, offset + limit),
    total: items.length,
    offset,
    limit,
    nextOffset: offset + limit < items.length ? offset + limit : null,
  }
}
