import type { CorruptRecord, StoredRecord } from '@pembina/core'
import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'

/** The columns a read of the global order selects, in the order `EventTuple` decodes them. */
export const eventColumns = 'position, stream_name, revision, event_id, type, data, metadata'

/** The columns a read of one stream selects: the stream's name is known, so it is not read back per row. */
export const streamEventColumns = 'position, revision, event_id, type, data, metadata'

/**
 * A row of a read of one stream as better-sqlite3's raw mode returns it: the columns of `streamEventColumns`, in that
 * order (integers as bigint).
 */
export type StreamEventTuple = readonly [
  position: bigint,
  revision: bigint,
  eventId: string,
  type: string,
  data: string,
  metadata: string,
]

/**
 * A row of a read of the global order as better-sqlite3's raw mode returns it: the columns of `eventColumns`, in
 * that order (integers as bigint). Raw rows skip the object the driver would build per row, a large share of a read.
 */
export type EventTuple = readonly [
  position: bigint,
  streamName: string,
  revision: bigint,
  eventId: string,
  type: string,
  data: string,
  metadata: string,
]

// io-ts types tuples of at most five members, so these six- and seven-column rows have codecs over a guard of their
// own: an array of exactly the columns' JavaScript types.
const tupleCodec = <Row extends readonly unknown[]>(
  name: string,
  columns: readonly ('bigint' | 'string')[],
): t.Type<Row, Row> => {
  const is = (u: unknown): u is Row =>
    Array.isArray(u) && u.length === columns.length && columns.every((type, i) => typeof u[i] === type)
  return new t.Type<Row, Row, unknown>(name, is, (u, c) => (is(u) ? t.success(u) : t.failure(u, c)), t.identity)
}

/** Codec of a raw row of the global order (`EventTuple`). */
export const EventTuple = tupleCodec<EventTuple>('EventTuple', [
  'bigint',
  'string',
  'bigint',
  'string',
  'string',
  'string',
  'string',
])

/** Codec of a raw row of a stream read (`StreamEventTuple`). */
export const StreamEventTuple = tupleCodec<StreamEventTuple>('StreamEventTuple', [
  'bigint',
  'bigint',
  'string',
  'string',
  'string',
  'string',
])

/** Decodes a value read from SQLite, throwing when the table does not have the shape this package wrote. */
export const decodeRow = <A>(codec: t.Decoder<unknown, A>, value: unknown, what: string): A => {
  const decoded = codec.decode(value)
  if (E.isLeft(decoded)) throw new Error(`unexpected ${what} row shape: ${JSON.stringify(value, bigintAsString)}`)
  return decoded.right
}

const bigintAsString = (_key: string, value: unknown): unknown => (typeof value === 'bigint' ? String(value) : value)

/** The JSON text stored for a value; JSON has no `undefined`, so an absent value is stored (and read) as null. */
export const encodeJson = (value: unknown): string => {
  const text: unknown = JSON.stringify(value)
  return typeof text === 'string' ? text : 'null'
}

const notJson = (column: string, error: unknown): string =>
  `${column} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`

const corrupt = (position: bigint, streamName: string, revision: bigint, reason: string): CorruptRecord => ({
  kind: 'corrupt',
  streamName,
  revision: Number(revision),
  position,
  reason,
})

/** The event a row stores, or a corrupt record when its data or metadata is not JSON. */
const recordOf = (
  position: bigint,
  streamName: string,
  revision: bigint,
  eventId: string,
  type: string,
  dataText: string,
  metadataText: string,
): StoredRecord => {
  let data: unknown
  let metadata: unknown
  try {
    data = JSON.parse(dataText)
  } catch (error) {
    return corrupt(position, streamName, revision, notJson('data', error))
  }
  try {
    metadata = JSON.parse(metadataText)
  } catch (error) {
    return corrupt(position, streamName, revision, notJson('metadata', error))
  }
  return { kind: 'event', streamName, revision: Number(revision), position, eventId, type, data, metadata }
}

/** Turns a row of a stream into the event it stores, or into a corrupt record when its data or metadata is not JSON. */
export const toStreamRecord = (
  [position, revision, eventId, type, data, metadata]: StreamEventTuple,
  streamName: string,
): StoredRecord => recordOf(position, streamName, revision, eventId, type, data, metadata)

/** Turns a raw row of the global order into the event it stores, or into a corrupt record. */
export const toRecord = ([position, streamName, revision, eventId, type, data, metadata]: EventTuple): StoredRecord =>
  recordOf(position, streamName, revision, eventId, type, data, metadata)
