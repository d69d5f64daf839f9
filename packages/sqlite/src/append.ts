import type { Database } from 'better-sqlite3'
import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import {
  type AppendError,
  type AppendResult,
  type EventToAppend,
  type ExpectedRevision,
  type StreamRevision,
  invalidAppend,
  satisfiesExpected,
} from '@pembina/core'
import { decodeRow, encodeJson } from './rows.js'

/** An event ready to insert: its JSON already encoded, so nothing fails inside the write transaction. */
export interface EncodedEvent {
  readonly eventId: string
  readonly type: string
  readonly data: string
  readonly metadata: string
}

const StreamHead = t.type({ revision: t.bigint, position: t.bigint })
const EventLocation = t.type({ stream_name: t.string, revision: t.bigint, position: t.bigint })

interface Location {
  readonly streamName: string
  readonly revision: number
  readonly position: bigint
}

/** The statements an append runs, each a small named function over one prepared query. */
export interface AppendQueries {
  /** The last event of a stream, or undefined when the stream does not exist. */
  readonly streamHead: (streamName: string) => { readonly revision: number; readonly position: bigint } | undefined
  /** Where an event id is stored, or undefined when it is not. */
  readonly eventLocation: (eventId: string) => Location | undefined
  /** Inserts one event and answers its global position. */
  readonly insertEvent: (streamName: string, revision: number, event: EncodedEvent) => bigint
}

/** Prepares the append statements on a connection. */
export const appendQueries = (db: Database): AppendQueries => {
  const head = db.prepare('SELECT revision, position FROM events WHERE stream_name = ? ORDER BY revision DESC LIMIT 1')
  const location = db.prepare('SELECT stream_name, revision, position FROM events WHERE event_id = ?')
  const insert = db.prepare(
    'INSERT INTO events (stream_name, revision, event_id, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)',
  )
  return {
    streamHead: streamName => {
      const row: unknown = head.get(streamName)
      if (row === undefined) return undefined
      const decoded = decodeRow(StreamHead, row, 'stream head')
      return { revision: Number(decoded.revision), position: decoded.position }
    },
    eventLocation: eventId => {
      const row: unknown = location.get(eventId)
      if (row === undefined) return undefined
      const decoded = decodeRow(EventLocation, row, 'event location')
      return { streamName: decoded.stream_name, revision: Number(decoded.revision), position: decoded.position }
    },
    insertEvent: (streamName, revision, event) => {
      const result = insert.run(streamName, revision, event.eventId, event.type, event.data, event.metadata)
      return BigInt(result.lastInsertRowid)
    },
  }
}

/** Encodes each event's data and metadata as JSON text, failing on the first value JSON cannot hold. */
export const encodeEvents = (
  events: readonly EventToAppend[],
): E.Either<{ readonly eventId: string; readonly cause: unknown }, readonly EncodedEvent[]> => {
  const encoded: EncodedEvent[] = []
  for (const event of events) {
    try {
      encoded.push({
        eventId: event.eventId,
        type: event.type,
        data: encodeJson(event.data),
        metadata: encodeJson(event.metadata),
      })
    } catch (cause) {
      return E.left({ eventId: event.eventId, cause })
    }
  }
  return E.right(encoded)
}

/** Whether SQLite refused an insert because its event id is stored already (the UNIQUE index on `event_id`). */
export const isDuplicateEventId = (error: unknown): boolean =>
  error instanceof Error &&
  'code' in error &&
  error.code === 'SQLITE_CONSTRAINT_UNIQUE' &&
  error.message.includes('events.event_id')

/**
 * Why a batch an insert found a stored id in cannot be appended: its first event stored in another stream, named with
 * that stream; else the store's failure. Throws what SQLite throws while looking.
 */
export const eventStoredElsewhere = (
  queries: AppendQueries,
  streamName: string,
  events: readonly EncodedEvent[],
  cause: unknown,
): AppendError => {
  for (const event of events) {
    const at = queries.eventLocation(event.eventId)
    if (at !== undefined && at.streamName !== streamName)
      return invalidAppend(streamName, event.eventId, `is already stored in stream ${at.streamName}`, cause)
  }
  return {
    _tag: 'StoreUnavailable',
    message: `appending to ${streamName}: an event id of this append is already stored`,
    cause,
  }
}

// Where a re-append of `events` must find them: right after the expected revision, or where the first one is.
const reappendStart = (expected: ExpectedRevision, first: Location): number =>
  typeof expected === 'number' ? expected + 1 : expected === 'no-stream' ? 0 : first.revision

/**
 * How an append looks for its event ids among stored events: `optimistic` only when the stream is not where the
 * append expects it (a retry usually is), leaving a duplicate id to the UNIQUE constraint, which rolls the
 * transaction back so the caller can run it again `checked`; `checked` looks every id up first.
 */
export type IdCheck = 'optimistic' | 'checked'

/**
 * Appends a command's events to a stream; the caller runs it inside one IMMEDIATE transaction, so the expected
 * revision check and the inserts see and hold the same stream. Events already in the stream at the revisions
 * this append would give them are an idempotent re-append (`written: false`); any other event already in the
 * stream is a conflict.
 */
export const appendInTransaction = (
  queries: AppendQueries,
  streamName: string,
  events: readonly EncodedEvent[],
  expected: ExpectedRevision,
  idCheck: IdCheck = 'checked',
): E.Either<AppendError, AppendResult> =>
  appendAtHead(queries, streamName, events, expected, idCheck, queries.streamHead(streamName))

/** The last event of a stream, as an append needs it: its revision and position; undefined for no stream. */
export type StreamHead = { readonly revision: number; readonly position: bigint } | undefined

/** `appendInTransaction` with the stream's head already known to the caller (read inside the same transaction). */
export const appendAtHead = (
  queries: AppendQueries,
  streamName: string,
  events: readonly EncodedEvent[],
  expected: ExpectedRevision,
  idCheck: IdCheck,
  head: StreamHead,
): E.Either<AppendError, AppendResult> => {
  const actual: StreamRevision = head === undefined ? 'no-stream' : head.revision
  if (idCheck === 'optimistic' && satisfiesExpected(expected, actual))
    return insertAll(queries, streamName, events, head)
  const conflict = E.left<AppendError>({ _tag: 'ConcurrencyConflict', streamName, expected, actual })
  const known = events
    .map(event => queries.eventLocation(event.eventId))
    .map(at => (at?.streamName === streamName ? at : undefined))
  const first = known[0]
  if (known.some(at => at !== undefined)) {
    if (first === undefined) return conflict
    const start = reappendStart(expected, first)
    const last = known[known.length - 1]
    if (last === undefined || !known.every((at, i) => at?.revision === start + i)) return conflict
    return E.right({ nextExpectedRevision: last.revision, position: last.position, written: false })
  }
  if (!satisfiesExpected(expected, actual)) return conflict
  return insertAll(queries, streamName, events, head)
}

const insertAll = (
  queries: AppendQueries,
  streamName: string,
  events: readonly EncodedEvent[],
  head: StreamHead,
): E.Either<AppendError, AppendResult> => {
  if (events.length === 0)
    return E.right({ nextExpectedRevision: head?.revision ?? -1, position: head?.position ?? 0n, written: false })
  const next = head === undefined ? 0 : head.revision + 1
  let position = 0n
  for (const [i, event] of events.entries()) position = queries.insertEvent(streamName, next + i, event)
  return E.right({ nextExpectedRevision: next + events.length - 1, position, written: true })
}
