import type { Actor } from '../shared/actor.js'
import type { Instant } from '../shared/time.js'

/** What travels beside every event's data: identity, causality, who and when, schema version and the hash chain. */
export interface EventMetadata {
  readonly eventId: string
  readonly commandId: string
  readonly correlationId: string
  readonly causationId: string
  readonly actor: Actor
  readonly occurredAt: Instant
  readonly schemaVersion: number
  /** The previous event's hash in the same stream; null for the first event. */
  readonly prevHash: string | null
  readonly hash: string
}

/** An event as the domain sees it: a past-tense type and its data. */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  readonly type: Type
  readonly data: Data
}

/** An event as a store holds it: the event, its metadata, its place in its stream and in the global order. */
export interface RecordedEvent<Event extends DomainEvent = DomainEvent> {
  readonly streamName: string
  /** Zero-based position of the event in its stream. */
  readonly revision: number
  /** Position in the store's global order (monotonic, not necessarily contiguous). */
  readonly position: bigint
  readonly event: Event
  readonly metadata: EventMetadata
}
