import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import type { EventFilter, ExpectedRevision, StoredRecord, StreamRevision } from '@pembina/core'
import type { ClientExpectedRevision } from './client.js'

/** The client's expected revision for the port's: `any`, `no_stream`, `stream_exists` or an exact revision. */
export const toAppendExpectedRevision = (expected: ExpectedRevision): ClientExpectedRevision => {
  switch (expected) {
    case 'any':
      return 'any'
    case 'no-stream':
      return 'no_stream'
    case 'exists':
      return 'stream_exists'
    default:
      return BigInt(expected)
  }
}

/** The port's stream revision for the client's current revision (`no_stream` when the stream does not exist). */
export const toStreamRevision = (current: bigint | 'no_stream'): StreamRevision =>
  current === 'no_stream' ? 'no-stream' : Number(current)

/**
 * Which streams a filter lets through, as one stream-name prefix (EventStoreDB ORs prefixes, the port ANDs the
 * category and the prefix): `every` stream, those starting with `prefix`, or `none` when the two cannot both hold.
 */
export type StreamSelection =
  { readonly kind: 'every' } | { readonly kind: 'prefix'; readonly prefix: string } | { readonly kind: 'none' }

/** The one stream-name prefix that means the same as a filter's category and stream prefix together. */
export const streamSelection = (filter: EventFilter | undefined): StreamSelection => {
  const prefixes = [
    ...(filter?.category === undefined ? [] : [`${filter.category}-`]),
    ...(filter?.streamPrefix === undefined ? [] : [filter.streamPrefix]),
  ]
  const [first, second] = prefixes
  if (first === undefined) return { kind: 'every' }
  if (second === undefined || first.startsWith(second)) return { kind: 'prefix', prefix: first }
  if (second.startsWith(first)) return { kind: 'prefix', prefix: second }
  return { kind: 'none' }
}

/** Whether an event is EventStoreDB's own (a `$` stream or a `$` event type): never handed to the port. */
export const isSystemEvent = (streamName: string, type: string): boolean =>
  streamName.startsWith('$') || type.startsWith('$')

/** The metadata bytes written for a value: its JSON text, `null` for a value JSON cannot hold (`undefined`). */
export const encodeMetadata = (metadata: unknown): Uint8Array => {
  const text: unknown = JSON.stringify(metadata)
  return new TextEncoder().encode(typeof text === 'string' ? text : 'null')
}

/** The JSON text of event data, or why it has none (a bigint, a cycle, `undefined`). */
export const encodeData = (data: unknown): E.Either<string, string> => {
  try {
    const text: unknown = JSON.stringify(data)
    return typeof text === 'string' ? E.right(text) : E.left('it has no JSON form')
  } catch (error) {
    return E.left(error instanceof Error ? error.message : String(error))
  }
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Whether an event id is a UUID, the only form EventStoreDB stores. */
export const isUuid = (eventId: string): boolean => uuidPattern.test(eventId)

/** A recorded event as the client hands it over, decoded before use. */
const RecordedEvent = t.type({
  streamId: t.string,
  id: t.string,
  revision: t.bigint,
  type: t.string,
  isJson: t.boolean,
  data: t.unknown,
  metadata: t.unknown,
})

/** A recorded event of the client, decoded. */
export type RecordedEvent = t.TypeOf<typeof RecordedEvent>

/** Decodes what the client read, or says why it is not an event. */
export const decodeRecordedEvent = (value: unknown): E.Either<string, RecordedEvent> =>
  // A type guard rather than decode: it checks the same fields without building a copy of every event read.
  RecordedEvent.is(value) ? E.right(value) : E.left('the client returned a record without stream, id, revision or type')

/**
 * The port's record for a recorded event at a global position. Data that is not JSON (a binary content type)
 * or metadata the client could not parse (it then hands back the bytes) makes a corrupt record in its place;
 * absent metadata (written by another tool) reads as null, as the adapter writes metadata `undefined`.
 */
export const toStoredRecord = (event: RecordedEvent, position: bigint): StoredRecord => {
  const place = { streamName: event.streamId, revision: Number(event.revision), position }
  if (!event.isJson) return { kind: 'corrupt', ...place, reason: 'data is not JSON: the event is binary' }
  if (event.metadata instanceof Uint8Array) return { kind: 'corrupt', ...place, reason: 'metadata is not valid JSON' }
  return {
    kind: 'event',
    ...place,
    eventId: event.id,
    type: event.type,
    data: event.data,
    metadata: event.metadata === undefined ? null : event.metadata,
  }
}

const ClientError = t.type({ type: t.string })
const GrpcError = t.type({ code: t.number })
const CurrentRevision = t.union([t.bigint, t.literal('no_stream')])
// @eventstore/db-client 6.x names the stream's revision `actualVersion`, @kurrent/kurrentdb-client 1.x `actualState`.
const WrongExpectedVersion = t.union([
  t.type({ type: t.literal('wrong-expected-version'), actualVersion: CurrentRevision }),
  t.type({ type: t.literal('wrong-expected-version'), actualState: CurrentRevision }),
])

/** What a client error means to the adapter. */
export type ErrorMeaning =
  | { readonly kind: 'conflict'; readonly actual: StreamRevision }
  | { readonly kind: 'not-found' }
  | { readonly kind: 'unavailable' }
  /** The append is over the server's maximum append size (`limit`, when it said) or its gRPC message limit. */
  | { readonly kind: 'too-large'; readonly limit: number | undefined }
  | { readonly kind: 'failed' }

// The client's error types of a server that cannot be reached now but may be soon (a restart, a new leader).
const passing = new Set(['unavailable', 'deadline-exceeded', 'timeout', 'not-leader'])
// The same as gRPC status codes (DEADLINE_EXCEEDED, UNAVAILABLE): the client passes some calls' errors on
// unconverted, such as the server-features probe it makes before the first append on a new connection.
const passingCodes = new Set([4, 14])
// gRPC RESOURCE_EXHAUSTED: what a server answers a message over its receive limit (the client calls it unknown).
const resourceExhausted = 8
const TooLarge = t.type({ type: t.literal('maximum-append-size-exceeded'), maxAppendSize: t.number })

/** Classifies an error the client threw by its `type` (the client's error classes carry one) or its gRPC code. */
export const errorMeaning = (error: unknown): ErrorMeaning => {
  const conflict = WrongExpectedVersion.decode(error)
  if (E.isRight(conflict)) {
    const actual = 'actualVersion' in conflict.right ? conflict.right.actualVersion : conflict.right.actualState
    return { kind: 'conflict', actual: toStreamRevision(actual) }
  }
  const tooLarge = TooLarge.decode(error)
  if (E.isRight(tooLarge)) return { kind: 'too-large', limit: tooLarge.right.maxAppendSize }
  const grpc = GrpcError.decode(error)
  if (E.isRight(grpc) && grpc.right.code === resourceExhausted) return { kind: 'too-large', limit: undefined }
  // KurrentDB 25's per-event limit (MaxAppendEventSize), which neither client knows: an unknown error naming it.
  if (error instanceof Error && /maximum ?append ?event ?size/i.test(error.message))
    return { kind: 'too-large', limit: undefined }
  const typed = ClientError.decode(error)
  if (E.isLeft(typed))
    return E.isRight(grpc) && passingCodes.has(grpc.right.code) ? { kind: 'unavailable' } : { kind: 'failed' }
  if (typed.right.type === 'stream-not-found' || typed.right.type === 'stream-deleted') return { kind: 'not-found' }
  return passing.has(typed.right.type) ? { kind: 'unavailable' } : { kind: 'failed' }
}

/** The delay before retry number `attempt` (1-based): doubling from `initialMs`, never above `maxMs`. */
export const backoffDelay = (attempt: number, initialMs: number, maxMs: number): number =>
  Math.min(maxMs, initialMs * 2 ** Math.max(0, attempt - 1))

const Resolved = t.partial({ event: t.unknown, commitPosition: t.bigint })
const Positioned = t.partial({ position: t.type({ commit: t.bigint }) })

/** A read or delivered event with its global (commit) position. */
export interface PositionedEvent {
  readonly event: RecordedEvent
  readonly position: bigint
}

/**
 * Decodes one item of a client read or subscription: the recorded event and its commit position (the event's own,
 * or the one the server put beside it). Fails when either is missing.
 */
export const decodeResolvedEvent = (value: unknown): E.Either<string, PositionedEvent> => {
  if (!Resolved.is(value) || value.event === undefined) return E.left('the client returned an item without an event')
  const event = decodeRecordedEvent(value.event)
  if (E.isLeft(event)) return event
  const own = Positioned.is(value.event) ? value.event.position?.commit : undefined
  const position = own ?? value.commitPosition
  if (position === undefined) return E.left(`the server gave no position for event ${event.right.id}`)
  return E.right({ event: event.right, position })
}
