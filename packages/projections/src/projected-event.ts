import * as E from 'fp-ts/lib/Either.js'
import {
  aggregates,
  type Category,
  type DecodeFailure,
  type EventFilter,
  formatDecodeFailure,
  matchesFilter,
  type PembinaEvent,
  type SerializedEvent,
  type StoredRecord,
} from '@pembina/core'
import { lazilyDecodedMetadata, schemaVersionOf } from './lazy-metadata.js'
import type { ProjectedEvent } from './projection.js'

type DecodeEvent = (stored: SerializedEvent) => E.Either<DecodeFailure, PembinaEvent>

// Each of Pembina's categories decodes (and upcasts) with its aggregate's registry, without a copy of an event stored
// as its codec writes it (`decodeInPlace`).
const registries = new Map<Category, DecodeEvent>(
  aggregates.map((each): [Category, DecodeEvent] => [each.category, stored => each.events.decodeInPlace(stored)]),
)

const categories = [...registries.keys()]
const dashCode = '-'.charCodeAt(0)

/** The Pembina category of a stream (the part of its name before the first dash), or undefined for another stream. */
export const pembinaCategoryOf = (streamName: string): Category | undefined => {
  // Compared in place rather than sliced out and looked up: this runs for every record a projector reads.
  for (const category of categories)
    if (streamName.startsWith(category) && streamName.charCodeAt(category.length) === dashCode) return category
  return undefined
}

/**
 * Decodes a stored record into the event a projection sees: the data by the registry of the stream's category,
 * upcast from the schema version in the metadata to the current version; the rest of the metadata is decoded whole
 * when it is first read (see `lazilyDecodedMetadata`). A corrupt record, a stream outside Pembina's categories, metadata
 * without a valid schema version, or data that does not decode is a reason, never a throw.
 */
export const projectedEventOf = (record: StoredRecord): E.Either<string, ProjectedEvent> => {
  if (record.kind === 'corrupt') return E.left(`the stored record is corrupt: ${record.reason}`)
  const category = pembinaCategoryOf(record.streamName)
  if (category === undefined) return E.left(`stream ${record.streamName} is not in one of Pembina's categories`)
  const schemaVersion = schemaVersionOf(record.metadata)
  if (E.isLeft(schemaVersion)) return E.left(schemaVersion.left)
  const decode = registries.get(category)
  if (decode === undefined) return E.left(`stream ${record.streamName} is not in one of Pembina's categories`)
  const event = decode({ type: record.type, data: record.data, schemaVersion: schemaVersion.right })
  if (E.isLeft(event)) return E.left(formatDecodeFailure(event.left))
  return E.right({
    streamName: record.streamName,
    revision: record.revision,
    position: record.position,
    event: event.right,
    metadata: lazilyDecodedMetadata(record.metadata),
  })
}

/** Which records a projection reads, as a filter the store applies, and a check of each record it delivers. */
export interface RecordSelection {
  /** The filter passed to the store's subscription (server-side where the store offers it). */
  readonly filter: EventFilter | undefined
  /** Whether a delivered record is one the projection reads (the store's filter may be wider than the projection's). */
  readonly includes: (streamName: string) => boolean
}

/**
 * The records a projection reads: one category is filtered by the store; several, or none (all of Pembina's
 * categories), are read unfiltered and picked here, so streams of other applications in the same store are passed by.
 */
export const recordSelection = (categories: readonly string[] | undefined): RecordSelection => {
  if (categories === undefined) return { filter: undefined, includes: name => pembinaCategoryOf(name) !== undefined }
  const [only, ...others] = categories
  if (only !== undefined && others.length === 0) {
    const filter: EventFilter = { category: only }
    // `matchesFilter`'s test for a category, with the prefix built once rather than for every record.
    const prefix = `${only}-`
    return { filter, includes: name => name.startsWith(prefix) }
  }
  const filters = categories.map((category): EventFilter => ({ category }))
  return { filter: undefined, includes: name => filters.some(filter => matchesFilter(name, filter)) }
}
