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

// Stream metadata is a JSON object whose reserved keys start with `$`.
const MetadataObject = t.UnknownRecord

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
 * What a stream's metadata says about which of its events reads still show (EventStoreDB's `StreamMetadata`):
 * `$tb` (truncate before), `$maxCount` and `$maxAge` (in seconds, kept here in .NET ticks).
 */
export interface Retention {
  readonly truncateBefore: bigint | undefined
  readonly maxCount: bigint | undefined
  readonly maxAgeTicks: bigint | undefined
}

/** No limit at all: a stream without metadata. */
export const unlimited: Retention = { truncateBefore: undefined, maxCount: undefined, maxAgeTicks: undefined }

const ticksPerSecond = 10_000_000n

// A JSON number as a whole non-negative Int64; values past 2^53 lost their digits in JSON.parse and stand for the
// largest one (only the soft-delete marker is ever that large).
const wholeNumber = (value: unknown): bigint | undefined => {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) return undefined
  return value > Number.MAX_SAFE_INTEGER ? deletedStreamRevision : BigInt(Math.trunc(value))
}

/**
 * The retention a `$metadata` body asks for. EventStoreDB refuses a `$maxCount` or `$maxAge` that is not positive
 * (`StreamMetadata`'s constructor), so such values count as absent here.
 */
export const retentionOf = (bytes: Uint8Array): Retention => {
  const metadata = decodeStreamMetadata(bytes)
  const maxCount = wholeNumber(metadata['$maxCount'])
  const maxAge = wholeNumber(metadata['$maxAge'])
  return {
    truncateBefore: wholeNumber(metadata['$tb']),
    maxCount: maxCount === undefined || maxCount === 0n ? undefined : maxCount,
    maxAgeTicks: maxAge === undefined || maxAge === 0n ? undefined : maxAge * ticksPerSecond,
  }
}

/**
 * The `$tb` (truncate before) revision of a `$metadata` event body: events below it are invisible to stream reads.
 * JSON numbers past 2^53 lose precision, so any value that large is read as the soft-delete marker.
 */
export const truncateBeforeOf = (bytes: Uint8Array): bigint | undefined => retentionOf(bytes).truncateBefore

/** The body EventStoreDB's soft delete writes: `new StreamMetadata(truncateBefore: EventNumber.DeletedStream)`. */
export const softDeletedMetadata = (): Uint8Array => Buffer.from(`{"$tb":${deletedStreamRevision.toString()}}`, 'utf8')

/**
 * A `$metadata` body equal to `previous` with `$tb` set, as EventStoreDB's `SoftUndeleteRawMeta` does it on a
 * JSON object: an existing `$tb` is replaced where it stands, otherwise `$tb` is added last. Written by hand so an
 * Int64 keeps every digit.
 */
export const withTruncateBefore = (previous: Readonly<Record<string, unknown>>, truncateBefore: bigint): Uint8Array => {
  const entries = Object.entries(previous)
  const fields = entries.map(([key, value]) =>
    key === '$tb' ? `"$tb":${truncateBefore.toString()}` : `${JSON.stringify(key)}:${JSON.stringify(value)}`,
  )
  if (!entries.some(([key]) => key === '$tb')) fields.push(`"$tb":${truncateBefore.toString()}`)
  return Buffer.from(`{${fields.join(',')}}`, 'utf8')
}
