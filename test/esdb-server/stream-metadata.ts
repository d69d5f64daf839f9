import * as t from 'io-ts'
import { isRight } from 'fp-ts/lib/Either.js'

/** EventStoreDB's `EventNumber.DeletedStream` (Int64.MaxValue): a `$tb` this large marks a soft-deleted stream. */
export const deletedStreamRevision = 9223372036854775807n

/** Event type of the events EventStoreDB keeps in a `$$<stream>` metadata stream. */
export const metadataEventType = '$metadata'

/** Event type of the tombstone a hard delete writes. */
export const tombstoneEventType = '$streamDeleted'

/** The name of the metadata stream of a stream, as EventStoreDB spells it. */
export const metastreamOf = (streamName: string): string => `$$${streamName}`

/** True for `$$<stream>` names. */
export const isMetastream = (streamName: string): boolean => streamName.startsWith('$$')

// Stream metadata is a JSON object whose reserved keys start with `$`; only `$tb` matters to this server.
const MetadataObject = t.UnknownRecord
const TruncateBefore = t.type({ $tb: t.number })

const parseJson = (bytes: Uint8Array): unknown => {
  try {
    return JSON.parse(Buffer.from(bytes).toString('utf8'))
  } catch {
    return undefined
  }
}

/** The keys of a `$metadata` event body, or an empty object when the body is not a JSON object. */
export const decodeStreamMetadata = (bytes: Uint8Array): Readonly<Record<string, unknown>> => {
  const decoded = MetadataObject.decode(parseJson(bytes))
  return isRight(decoded) ? decoded.right : {}
}

/**
 * The `$tb` (truncate before) revision of a `$metadata` event body: events below it are invisible to stream reads.
 * JSON numbers past 2^53 lose precision, so any value that large is read as the soft-delete marker.
 */
export const truncateBeforeOf = (bytes: Uint8Array): bigint | undefined => {
  const decoded = TruncateBefore.decode(parseJson(bytes))
  if (!isRight(decoded)) return undefined
  const tb = decoded.right.$tb
  if (!Number.isFinite(tb) || tb < 0) return undefined
  return tb > Number.MAX_SAFE_INTEGER ? deletedStreamRevision : BigInt(Math.trunc(tb))
}

/**
 * A `$metadata` body equal to `previous` with `$tb` replaced, written as JSON text by hand so the Int64 soft-delete
 * marker keeps every digit.
 */
export const withTruncateBefore = (previous: Readonly<Record<string, unknown>>, truncateBefore: bigint): Uint8Array => {
  const rest = Object.fromEntries(Object.entries(previous).filter(([key]) => key !== '$tb'))
  const others = JSON.stringify(rest).slice(1, -1)
  const text = `{"$tb":${truncateBefore.toString()}${others === '' ? '' : `,${others}`}}`
  return Buffer.from(text, 'utf8')
}
