import * as E from 'fp-ts/lib/Either.js'
import {
  type Category,
  competencyEvents,
  complaintEvents,
  type DecodeFailure,
  decodeWith,
  type DomainEvent,
  enrollmentEvents,
  EventMetadata,
  type EventFilter,
  type EventRegistry,
  type EventSchema,
  formatDecodeFailure,
  matchesFilter,
  mentorshipEvents,
  type PembinaEvent,
  type SerializedEvent,
  type StoredRecord,
} from '@pembina/core'
import type { ProjectedEvent } from './projection.js'

type DecodeEvent = (stored: SerializedEvent) => E.Either<DecodeFailure, PembinaEvent>

/**
 * A registry's decoder with a fast path: data stored at the current schema version that already has the event's
 * type (the codec's `is` holds: every field present and valid) is taken as it is, without the copy a full decode
 * makes; anything else (an older version to upcast, a value the codec must convert, a bad field) goes through the
 * registry's full decode, which also reports what is wrong. The two agree on every event Pembina writes: the only
 * difference is that the fast path leaves in place fields the codec does not know, which Pembina never stores.
 */
const fastDecoder = <Event extends PembinaEvent & DomainEvent>(registry: EventRegistry<Event>): DecodeEvent => {
  const schemas = new Map<string, EventSchema<Event>>(registry.schemas.map(schema => [schema.type, schema]))
  return stored => {
    const schema = schemas.get(stored.type)
    if (schema !== undefined && stored.schemaVersion === schema.version) {
      const candidate = { type: stored.type, data: stored.data }
      if (schema.codec.is(candidate)) return E.right(candidate)
    }
    return registry.decode(stored)
  }
}

// Each of Pembina's categories decodes (and upcasts) with its aggregate's registry.
const registries: Readonly<Record<Category, DecodeEvent>> = {
  enrollment: fastDecoder(enrollmentEvents),
  mentorship: fastDecoder(mentorshipEvents),
  competency: fastDecoder(competencyEvents),
  complaint: fastDecoder(complaintEvents),
}

const isCategory = (name: string): name is Category => Object.hasOwn(registries, name)

/** The Pembina category of a stream (the part of its name before the first dash), or undefined for another stream. */
export const pembinaCategoryOf = (streamName: string): Category | undefined => {
  const dash = streamName.indexOf('-')
  const category = dash < 0 ? '' : streamName.slice(0, dash)
  return isCategory(category) ? category : undefined
}

const decodeMetadata = decodeWith(EventMetadata, 'metadata')

// The same fast path for metadata: well-formed metadata is taken as stored, anything else is decoded for its reasons.
const metadataOf = (value: unknown): E.Either<string, EventMetadata> => {
  if (EventMetadata.is(value)) return E.right(value)
  const decoded = decodeMetadata(value)
  return E.isLeft(decoded) ? E.left(formatDecodeFailure(decoded.left)) : E.right(decoded.right)
}

/**
 * Decodes a stored record into the event a projection sees: the metadata whole (with its schema version), the data by
 * the registry of the stream's category, upcast to the current version. A corrupt record, a stream outside Pembina's
 * categories, or anything that does not decode is a reason, never a throw.
 */
export const projectedEventOf = (record: StoredRecord): E.Either<string, ProjectedEvent> => {
  if (record.kind === 'corrupt') return E.left(`the stored record is corrupt: ${record.reason}`)
  const category = pembinaCategoryOf(record.streamName)
  if (category === undefined) return E.left(`stream ${record.streamName} is not in one of Pembina's categories`)
  const metadata = metadataOf(record.metadata)
  if (E.isLeft(metadata)) return E.left(metadata.left)
  const event = registries[category]({
    type: record.type,
    data: record.data,
    schemaVersion: metadata.right.schemaVersion,
  })
  if (E.isLeft(event)) return E.left(formatDecodeFailure(event.left))
  return E.right({
    streamName: record.streamName,
    revision: record.revision,
    position: record.position,
    event: event.right,
    metadata: metadata.right,
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
    return { filter, includes: name => matchesFilter(name, filter) }
  }
  const filters = categories.map((category): EventFilter => ({ category }))
  return { filter: undefined, includes: name => filters.some(filter => matchesFilter(name, filter)) }
}
