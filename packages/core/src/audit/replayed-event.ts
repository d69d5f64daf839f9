import * as E from 'fp-ts/lib/Either.js'
import type { DomainEvent } from '../kernel/domain-event.js'
import type { StoredEvent, StoredRecord } from '../kernel/event-store.js'
import { decodeWith, formatDecodeFailure } from '../kernel/decode.js'
import type { EventRegistry } from '../kernel/registry.js'
import { EventMetadata } from '../shared/index.js'

/** A stored event read back whole: the event decoded (and upcast) by its registry, and all of its metadata. */
export interface ReplayedEvent<Event extends DomainEvent> {
  readonly event: Event
  readonly metadata: EventMetadata
}

const decodeMetadata = decodeWith(EventMetadata, 'metadata')

/**
 * Reads one record back for replay or audit: its metadata decoded whole (`EventMetadata`: ids, actor, instant, schema
 * version, hashes), its data by the registry at the schema version it was written with, upcast to the current one.
 * A corrupt record, or metadata or data that does not decode, is a reason, never a throw.
 */
export const replayedEventOf = <Event extends DomainEvent>(
  record: StoredRecord,
  registry: EventRegistry<Event>,
): E.Either<string, ReplayedEvent<Event>> => {
  if (record.kind === 'corrupt') return E.left(`the stored record is corrupt: ${record.reason}`)
  const metadata = EventMetadata.is(record.metadata) ? E.right(record.metadata) : decodeMetadata(record.metadata)
  if (E.isLeft(metadata)) return E.left(formatDecodeFailure(metadata.left))
  return replayedEventWith(record, metadata.right, registry)
}

/** `replayedEventOf` for an event whose metadata is already decoded: `metadata` must be the event's own. */
export const replayedEventWith = <Event extends DomainEvent>(
  record: StoredEvent,
  metadata: EventMetadata,
  registry: EventRegistry<Event>,
): E.Either<string, ReplayedEvent<Event>> => {
  const event = registry.decodeInPlace({ type: record.type, data: record.data, schemaVersion: metadata.schemaVersion })
  if (E.isLeft(event)) return E.left(formatDecodeFailure(event.left))
  return E.right({ event: event.right, metadata })
}
