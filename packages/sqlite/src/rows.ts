import type { CorruptRecord, StoredRecord } from '@pembina/core'
import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'

/** The columns a read of the global order selects, in the order `EventRow` decodes them. */
export const eventColumns = 'position, stream_name, revision, event_id, type, data, metadata'

/** The columns a read of one stream selects: the stream's name is known, so it is not read back per row. */
export const streamEventColumns = 'position, revision, event_id, type, data, metadata'

/** One row of the `events` table as a stream read returns it (integers as bigint). */
export const StreamEventRow = t.type({
  position: t.bigint,
  revision: t.bigint,
  event_id: t.string,
  type: t.string,
  data: t.string,
  metadata: t.string,
})

/** A decoded row of a stream read. */
export type StreamEventRow = t.TypeOf<typeof StreamEventRow>

/** One row of the `events` table as a read of the global order returns it (integers as bigint). */
export const EventRow = t.type({ ...StreamEventRow.props, stream_name: t.string })

/** A decoded row of the `events` table. */
export type EventRow = t.TypeOf<typeof EventRow>

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

type Parsed = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly reason: string }

const parseJson = (text: string, column: string): Parsed => {
  try {
    const value: unknown = JSON.parse(text)
    return { ok: true, value }
  } catch (error) {
    return {
      ok: false,
      reason: `${column} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
    }
  }
}

const corrupt = (row: StreamEventRow, streamName: string, reason: string): CorruptRecord => ({
  kind: 'corrupt',
  streamName,
  revision: Number(row.revision),
  position: row.position,
  reason,
})

/** Turns a row of a stream into the event it stores, or into a corrupt record when its data or metadata is not JSON. */
export const toStreamRecord = (row: StreamEventRow, streamName: string): StoredRecord => {
  const data = parseJson(row.data, 'data')
  if (!data.ok) return corrupt(row, streamName, data.reason)
  const metadata = parseJson(row.metadata, 'metadata')
  if (!metadata.ok) return corrupt(row, streamName, metadata.reason)
  return {
    kind: 'event',
    streamName,
    revision: Number(row.revision),
    position: row.position,
    eventId: row.event_id,
    type: row.type,
    data: data.value,
    metadata: metadata.value,
  }
}

/** Turns a row of the global order into the event it stores, or into a corrupt record. */
export const toRecord = (row: EventRow): StoredRecord => toStreamRecord(row, row.stream_name)

/** The category of a stream as stored for indexed reads: the part before the first '-', or null without one. */
export const categoryOf = (streamName: string): string | null => {
  const dash = streamName.indexOf('-')
  return dash < 0 ? null : streamName.slice(0, dash)
}
