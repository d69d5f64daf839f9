import type { Database, Statement } from 'better-sqlite3'
import * as t from 'io-ts'
import {
  type EventFilter,
  type ReadAllOptions,
  type ReadStreamOptions,
  type StoredRecord,
  StreamNotFoundError,
} from '@pembina/core'
import {
  decodeRow,
  eventColumns,
  EventTuple,
  StreamEventTuple,
  streamEventColumns,
  toRecord,
  toStreamRecord,
} from './rows.js'

/** A filter of the global order as SQL: a WHERE fragment over `category` and `stream_name`, and its parameters. */
export interface FilterClause {
  readonly sql: string
  readonly params: readonly string[]
}

/**
 * Translates a filter to SQL with exactly `matchesFilter`'s meaning: a category without '-' uses the indexed
 * `category` column; a category with '-' and a stream prefix compare the start of the stream name.
 */
export const filterClause = (filter: EventFilter | undefined): FilterClause => {
  const parts: string[] = []
  const params: string[] = []
  const prefixes: string[] = []
  if (filter?.category !== undefined) {
    if (filter.category.includes('-')) prefixes.push(`${filter.category}-`)
    else {
      parts.push('category = ?')
      params.push(filter.category)
    }
  }
  if (filter?.streamPrefix !== undefined) prefixes.push(filter.streamPrefix)
  for (const prefix of prefixes) {
    // substr and length count characters alike, whatever the text holds.
    parts.push('substr(stream_name, 1, length(?)) = ?')
    params.push(prefix, prefix)
  }
  return { sql: parts.map(part => ` AND ${part}`).join(''), params }
}

const HeadPosition = t.type({ position: t.union([t.bigint, t.null]) })
const Count = t.type({ count: t.bigint })

/** The statements reads run, each a small named function over one prepared query. */
export interface ReadQueries {
  /** Up to `limit` events of a stream from revision `from` on, in revision order. */
  readonly streamRows: (streamName: string, from: number, limit: number) => readonly StreamEventTuple[]
  /** Up to `limit` events of a stream from revision `from` up to `to`, in revision order. */
  readonly streamForwards: (streamName: string, from: number, to: number, limit: number) => readonly StreamEventTuple[]
  /** Up to `limit` events of a stream from revision `from` down, in reverse revision order. */
  readonly streamBackwards: (streamName: string, from: number, limit: number) => readonly StreamEventTuple[]
  /**
   * Up to `limit` records after position `after` and up to `upTo` that pass the filter, in global order (an event
   * whose data or metadata is not JSON as a corrupt record).
   */
  readonly allPage: (after: bigint, upTo: bigint, filter: FilterClause, limit: number) => readonly StoredRecord[]
  /** The global position of the last event stored, or 0 when there is none. */
  readonly headPosition: () => bigint
  /** How many events after position `after` pass the filter (a count over the position or category index). */
  readonly countAfter: (after: bigint, filter: FilterClause) => number
}

// The codec's `is` is the fast path (a row of the shape this package wrote); `decodeRow` only reports a bad one.
const recordsOf = (rows: readonly unknown[]): readonly StoredRecord[] =>
  rows.map(row => toRecord(EventTuple.is(row) ? row : decodeRow(EventTuple, row, 'event')))

// Checked in place: the rows are returned as they are when every one has the shape (the common case, no copy).
const streamTuples = (rows: readonly unknown[]): readonly StreamEventTuple[] =>
  rows.every((row): row is StreamEventTuple => StreamEventTuple.is(row))
    ? rows
    : rows.map(row => decodeRow(StreamEventTuple, row, 'event'))

// A statement prepared once per filter shape (the filter's SQL), the first time that shape is asked for.
const perFilter = (
  db: Database,
  query: (filterSql: string) => string,
  raw: boolean,
): ((clause: FilterClause) => Statement) => {
  const prepared = new Map<string, Statement>()
  return clause => {
    const known = prepared.get(clause.sql)
    if (known !== undefined) return known
    const statement = db.prepare(query(clause.sql)).raw(raw)
    prepared.set(clause.sql, statement)
    return statement
  }
}

/**
 * A statement with a `LIMIT` for reads of `pageSize` rows, the limit written into its text: SQLite runs a bound
 * `LIMIT ?` markedly slower than a literal one (about 5 µs more per stream read, measured), and most reads ask for a
 * whole page; a read of fewer rows takes the statement with the bound limit.
 */
const pagedStatement = (db: Database, pageSize: number, query: (limit: string) => string, raw: boolean) => {
  const page = db.prepare(query(String(pageSize))).raw(raw)
  const bound = db.prepare(query('?')).raw(raw)
  return (limit: number, ...params: readonly unknown[]): unknown[] =>
    limit === pageSize ? page.all(...params) : bound.all(...params, limit)
}

/** Prepares the read statements on a connection (filtered reads are prepared once per filter shape). */
export const readQueries = (db: Database, pageSize: number): ReadQueries => {
  const forwards = pagedStatement(
    db,
    pageSize,
    limit =>
      `SELECT ${streamEventColumns} FROM events WHERE stream_name = ? AND revision >= ? AND revision <= ? ORDER BY revision LIMIT ${limit}`,
    true,
  )
  const fromOn = pagedStatement(
    db,
    pageSize,
    limit =>
      `SELECT ${streamEventColumns} FROM events WHERE stream_name = ? AND revision >= ? ORDER BY revision LIMIT ${limit}`,
    true,
  )
  const backwards = pagedStatement(
    db,
    pageSize,
    limit =>
      `SELECT ${streamEventColumns} FROM events WHERE stream_name = ? AND revision <= ? ORDER BY revision DESC LIMIT ${limit}`,
    true,
  )
  const head = db.prepare('SELECT max(position) AS position FROM events')
  const allPages = new Map<string, ReturnType<typeof pagedStatement>>()
  // One statement per filter shape (the filter's SQL), prepared the first time that shape is asked for.
  const allStatement = (clause: FilterClause): ReturnType<typeof pagedStatement> => {
    const known = allPages.get(clause.sql)
    if (known !== undefined) return known
    const statement = pagedStatement(
      db,
      pageSize,
      limit =>
        `SELECT ${eventColumns} FROM events WHERE position > ? AND position <= ?${clause.sql} ORDER BY position LIMIT ${limit}`,
      true,
    )
    allPages.set(clause.sql, statement)
    return statement
  }
  const countStatement = perFilter(db, sql => `SELECT count(*) AS count FROM events WHERE position > ?${sql}`, false)
  return {
    streamRows: (streamName, from, limit) => streamTuples(fromOn(limit, streamName, from)),
    streamForwards: (streamName, from, to, limit) => streamTuples(forwards(limit, streamName, from, to)),
    streamBackwards: (streamName, from, limit) => streamTuples(backwards(limit, streamName, from)),
    allPage: (after, upTo, clause, limit) => recordsOf(allStatement(clause)(limit, after, upTo, ...clause.params)),
    headPosition: () => decodeRow(HeadPosition, head.get(), 'head position').position ?? 0n,
    countAfter: (after, clause) =>
      Number(decodeRow(Count, countStatement(clause).get(after, ...clause.params), 'event count').count),
  }
}

/** What a read needs: the queries, the page size, the head of a stream, and a guard that types SQLite errors. */
export interface ReadContext {
  readonly queries: ReadQueries
  readonly pageSize: number
  readonly streamHead: (streamName: string) => { readonly revision: number } | undefined
  /** Runs a query, turning any failure (or a closed store) into a `StoreUnavailableError`. */
  readonly guard: <A>(action: string, run: () => A) => A
}

/** Resolves on the event loop's next turn, so a long read lets timers and I/O run between its pages. */
export const nextTurn = (): Promise<void> =>
  new Promise(resolve => {
    setImmediate(resolve)
  })

/** How many records a read may still yield: its limit, or no bound. */
export const readLimit = (limit: number | undefined): number =>
  limit === undefined ? Number.POSITIVE_INFINITY : Math.max(0, Math.floor(limit))

/**
 * Reads a stream page by page (never more than a page of rows in memory), forwards or backwards from a
 * revision. A forward read whose first page is not full needs nothing else (the common case: one query); a
 * longer read stops at the stream's last event as of its first page, read before the first event is handed over.
 */
export async function* readStreamRecords(
  context: ReadContext,
  streamName: string,
  options: ReadStreamOptions = {},
): AsyncGenerator<StoredRecord> {
  const { queries, guard, pageSize } = context
  const action = `reading stream ${streamName} from`
  const backwards = options.direction === 'backwards'
  let remaining = readLimit(options.limit)
  let head: { readonly revision: number } | undefined
  // A read that runs no page query (backwards, or a limit of 0) still fails for a missing stream or a closed store.
  if (backwards || remaining === 0) {
    head = guard(action, () => context.streamHead(streamName))
    if (head === undefined) throw new StreamNotFoundError(streamName)
  }
  let cursor =
    backwards && head !== undefined
      ? Math.min(head.revision, options.fromRevision ?? head.revision)
      : Math.max(0, options.fromRevision ?? 0)
  while (remaining > 0 && (backwards ? cursor >= 0 : head === undefined || cursor <= head.revision)) {
    const size = Math.min(pageSize, remaining)
    const from = cursor
    const upTo = head?.revision ?? Number.MAX_SAFE_INTEGER
    const rows = guard(action, () =>
      backwards
        ? queries.streamBackwards(streamName, from, size)
        : queries.streamForwards(streamName, from, upTo, size),
    )
    // An empty first page is a missing stream only if the stream has no event at all.
    if (rows.length === 0 && head === undefined && guard(action, () => context.streamHead(streamName)) === undefined)
      throw new StreamNotFoundError(streamName)
    // A full first page the limit lets the read go past: fix where the read ends now, before the reader runs (and
    // perhaps appends), so the read stops at the events stored when it started.
    if (rows.length === size && remaining > size) head ??= guard(action, () => context.streamHead(streamName))
    for (const row of rows) yield toStreamRecord(row, streamName)
    const last = rows[rows.length - 1]
    if (last === undefined || rows.length < size) return
    remaining -= rows.length
    const [, lastRevision] = last
    cursor = backwards ? Number(lastRevision) - 1 : Number(lastRevision) + 1
    await nextTurn()
  }
}

const lowestPosition = -9_223_372_036_854_775_808n

/** Reads the global order page by page after a position, up to the last event when the read started. */
export async function* readAllRecords(
  context: ReadContext,
  options: ReadAllOptions = {},
): AsyncGenerator<StoredRecord> {
  const { queries, guard, pageSize } = context
  const end = guard('reading all events from', () => queries.headPosition())
  const clause = filterClause(options.filter)
  // From the very start, not from 0: a position below 1 is never given, so an event found there was moved by hand,
  // and reading it (out of its stream's order) lets an audit find it rather than leaving it unseen by every reader.
  let after = options.after ?? lowestPosition
  let remaining = readLimit(options.limit)
  while (remaining > 0 && after < end) {
    const size = Math.min(pageSize, remaining)
    const from = after
    const records = guard('reading all events from', () => queries.allPage(from, end, clause, size))
    for (const record of records) yield record
    const last = records[records.length - 1]
    if (last === undefined || records.length < size) return
    remaining -= records.length
    after = last.position
    await nextTurn()
  }
}
