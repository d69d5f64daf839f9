import * as t from 'io-ts'
import { type DomainEvent, refine, textLine, wholeNumber } from '../kernel/index.js'
import { Actor } from './actor.js'
import { Instant } from './time.js'

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
  /**
   * In a keyed chain, the MAC of `hash` under the chain key (`chainMac`): proof the event was written by a holder of
   * the key. Absent when the handler that wrote it had no key.
   */
  readonly mac?: { readonly keyId: string; readonly value: string }
}

/** Codec for a SHA-256 hash as 64 lower-case hex digits. */
export const Sha256Hex = refine(
  t.string,
  (s): s is string => /^[0-9a-f]{64}$/.test(s),
  'Sha256Hex',
  'must be a SHA-256 hash of 64 lower-case hex digits',
)

/** Codec for the schema version an event was written with: a whole number from 1. */
export const SchemaVersion = wholeNumber(1, Number.MAX_SAFE_INTEGER, 'SchemaVersion')

const Identifier = refine(t.string, (s): s is string => s !== '', 'Identifier', 'must be a non-empty string')
// A command's ids come from outside (an Idempotency-Key header, a request id): one line a store can keep, bounded.
const CommandIdentifier = textLine(200, 'CommandIdentifier')

const EventMetadataRequired = t.strict(
  {
    eventId: Identifier,
    commandId: Identifier,
    correlationId: Identifier,
    causationId: Identifier,
    actor: Actor,
    occurredAt: Instant,
    schemaVersion: SchemaVersion,
    prevHash: t.union([Sha256Hex, t.null]),
    hash: Sha256Hex,
  },
  'EventMetadata',
)

/** Codec for the MAC of an event's hash in a keyed chain: the key's id and HMAC-SHA-256 as 64 hex digits. */
export const EventMac = t.strict({ keyId: textLine(64, 'ChainKeyId'), value: Sha256Hex }, 'EventMac')

const EventMetadataFields = t.intersection(
  [EventMetadataRequired, t.exact(t.partial({ mac: EventMac }))],
  'EventMetadata',
)

/** Codec for stored event metadata: what a store returns is decoded with it before anything trusts it. */
export const EventMetadata: t.Type<EventMetadata, t.OutputOf<typeof EventMetadataFields>> = EventMetadataFields

/**
 * Codec for the part of an event's metadata that comes from the command that wrote it (its ids, who and when), the same
 * for every event of the command: checked once per command before its events are built.
 */
export const CommandMetadata = t.type(
  {
    commandId: CommandIdentifier,
    correlationId: CommandIdentifier,
    causationId: CommandIdentifier,
    actor: Actor,
    occurredAt: Instant,
  },
  'CommandMetadata',
)
/** What every event of a command takes from it: its ids, actor and instant. */
export type CommandMetadata = t.TypeOf<typeof CommandMetadata>

/** The plain codec of `EventMetadataHead`'s fields; `EventMetadataHead` decodes the same with a faster guard. */
export const EventMetadataHeadFields = t.type(
  {
    commandId: Identifier,
    schemaVersion: SchemaVersion,
    hash: Sha256Hex,
  },
  'EventMetadataHead',
)
/** The part of stored metadata a fold needs: which command wrote the event, its schema version, its chain hash. */
export type EventMetadataHead = t.TypeOf<typeof EventMetadataHeadFields>

const sha256Pattern = /^[0-9a-f]{64}$/

// The guard of `EventMetadataHeadFields`, written out: it runs for every event a command handler folds.
const isEventMetadataHead = (u: unknown): u is EventMetadataHead =>
  typeof u === 'object' &&
  u !== null &&
  'commandId' in u &&
  'schemaVersion' in u &&
  'hash' in u &&
  typeof u.commandId === 'string' &&
  u.commandId !== '' &&
  typeof u.schemaVersion === 'number' &&
  Number.isSafeInteger(u.schemaVersion) &&
  u.schemaVersion >= 1 &&
  typeof u.hash === 'string' &&
  sha256Pattern.test(u.hash)

/**
 * Codec for the part of stored metadata a command handler needs to fold a stream (which command wrote the event,
 * its schema version, its chain hash): decoding it alone keeps loading cheap. Audits decode `EventMetadata` whole.
 */
export const EventMetadataHead: t.Type<EventMetadataHead, t.OutputOf<typeof EventMetadataHeadFields>> = new t.Type(
  'EventMetadataHead',
  isEventMetadataHead,
  (u, c) => EventMetadataHeadFields.validate(u, c),
  head => EventMetadataHeadFields.encode(head),
)

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
