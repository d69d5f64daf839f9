import * as E from 'fp-ts/lib/Either.js'
import { decodeWith, EventMetadata, formatDecodeFailure, SchemaVersion } from '@pembina/core'
import { EventMetadataError } from './errors.js'

const decodeMetadata = decodeWith(EventMetadata, 'metadata')

const isRecord = (value: unknown): value is { readonly [field: string]: unknown } =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * The part of stored metadata a projector needs before anything else, the schema version (decoding the data depends
 * on it); without a valid one, the reasons the full decode of `EventMetadata` gives.
 */
export const schemaVersionOf = (stored: unknown): E.Either<string, number> => {
  const schemaVersion = isRecord(stored) ? stored.schemaVersion : undefined
  if (SchemaVersion.is(schemaVersion)) return E.right(schemaVersion)
  const decoded = decodeMetadata(stored)
  return E.left(E.isLeft(decoded) ? formatDecodeFailure(decoded.left) : 'metadata: schemaVersion is not valid')
}

/**
 * What a metadata proxy stands on: the stored metadata and, once read, its decoded value (always a decoded copy: the
 * codec's `is` ignores fields it does not know, such as an actor's display name an older handler stored, which the
 * decode strips, and converts what it converts, a NIP written with spaces). The proxy's target is this cell rather
 * than the stored object, so that the proxy's invariants hold whatever a store hands out, a frozen object included:
 * the cell has no property a trap must report.
 */
interface MetadataCell {
  readonly stored: unknown
  // Written once, on the first read: the memo of the decode.
  decoded: EventMetadata | undefined
}

const decodedMetadata = (cell: MetadataCell): EventMetadata => {
  if (cell.decoded !== undefined) return cell.decoded
  const result = decodeMetadata(cell.stored)
  if (E.isLeft(result)) throw new EventMetadataError(result.left)
  cell.decoded = result.right
  return result.right
}

// Every way of reading the metadata goes through its decoded value; nothing may change it.
const readDecoded: ProxyHandler<MetadataCell> = {
  get: (cell, field) => {
    const value: unknown = Reflect.get(decodedMetadata(cell), field)
    return value
  },
  has: (cell, field) => Reflect.has(decodedMetadata(cell), field),
  ownKeys: cell => Reflect.ownKeys(decodedMetadata(cell)),
  getOwnPropertyDescriptor: (cell, field) => {
    const found = Reflect.getOwnPropertyDescriptor(decodedMetadata(cell), field)
    // Reported configurable, as a property the cell itself does not have must be.
    return found === undefined ? undefined : { ...found, configurable: true }
  },
  set: () => false,
  defineProperty: () => false,
  deleteProperty: () => false,
}

/**
 * Stored metadata as a projection sees it: decoded whole, as `EventMetadata`, when it is first read, so that a
 * projection that never reads metadata does not pay for checking every field of every event (a tenth of a rebuild).
 * Any read of metadata that does not decode (a field, its keys, a spread, `JSON.stringify`) throws an
 * `EventMetadataError`; an assignment to it throws a `TypeError`.
 */
export const lazilyDecodedMetadata = (stored: unknown): EventMetadata => {
  const metadata: unknown = new Proxy<MetadataCell>({ stored, decoded: undefined }, readDecoded)
  // The proxy answers every read with the decoded value, or throws: to whoever reads it, it is an EventMetadata.
  return metadata as EventMetadata
}
