import type * as TE from 'fp-ts/lib/TaskEither.js'
import type { InvalidArgument } from './store-arguments.js'

/**
 * What an append expects of the stream, as EventStoreDB defines it: anything, no stream yet, an existing
 * stream, or exactly this revision of its last event (zero-based).
 */
export type ExpectedRevision = 'any' | 'no-stream' | 'exists' | number

/** The revision a stream is at: the zero-based revision of its last event, or `no-stream`. */
export type StreamRevision = number | 'no-stream'

/** An event to write: its id (idempotency key), type, and JSON data and metadata. */
export interface EventToAppend {
  readonly eventId: string
  readonly type: string
  readonly data: unknown
  readonly metadata: unknown
}

/** An event as read back from a store, with its place in its stream and in the store's global order. */
export interface StoredEvent {
  readonly kind: 'event'
  readonly streamName: string
  /** Zero-based revision of the event in its stream. */
  readonly revision: number
  /** Position in the global order: increasing, not necessarily contiguous. */
  readonly position: bigint
  readonly eventId: string
  readonly type: string
  readonly data: unknown
  readonly metadata: unknown
}

/** A stored record that could not be read as an event (broken JSON, unknown type): reported, never thrown. */
export interface CorruptRecord {
  readonly kind: 'corrupt'
  readonly streamName: string
  readonly revision: number
  readonly position: bigint
  readonly reason: string
}

/** What a read yields: an event, or a corrupt record in its place. */
export type StoredRecord = StoredEvent | CorruptRecord

/** A subscription's signal that it has delivered everything stored so far and now waits for new events. */
export interface CaughtUp {
  readonly kind: 'caught-up'
  /** The global position of the last record delivered, or null when none was. */
  readonly position: bigint | null
}

/** What was written: the stream's new revision and the global position of its last event. */
export interface AppendResult {
  readonly nextExpectedRevision: number
  readonly position: bigint
  /** False when every event id was already in the stream at those revisions: an idempotent re-append. */
  readonly written: boolean
}

/** The stream was not at the expected revision; `actual` says where it is. */
export interface ConcurrencyConflict {
  readonly _tag: 'ConcurrencyConflict'
  readonly streamName: string
  readonly expected: ExpectedRevision
  readonly actual: StreamRevision
}

/** The store could not be reached or failed; nothing was written. */
export interface StoreUnavailable {
  readonly _tag: 'StoreUnavailable'
  readonly message: string
  readonly cause?: unknown
}

/**
 * The batch cannot be stored as it is, whatever the stream holds: an event id it carries twice, an id the store
 * cannot hold (not a UUID on EventStoreDB, already stored in another stream on SQLite), or data or metadata that
 * is not JSON. Nothing was written, and the same batch will always be refused: fix the events, do not retry.
 */
export interface InvalidAppend {
  readonly _tag: 'InvalidAppend'
  readonly streamName: string
  /** The event at fault. */
  readonly eventId: string
  /** What is wrong with it, in words a person can read. */
  readonly reason: string
  readonly cause?: unknown
}

/** Why an append failed. A failed append wrote nothing: a command's events land all or none. */
export type AppendError = ConcurrencyConflict | StoreUnavailable | InvalidAppend

/** An `InvalidAppend` for one event of a batch. */
export const invalidAppend = (streamName: string, eventId: string, reason: string, cause?: unknown): InvalidAppend =>
  cause === undefined
    ? { _tag: 'InvalidAppend', streamName, eventId, reason }
    : { _tag: 'InvalidAppend', streamName, eventId, reason, cause }

/** One line a person can read for an `InvalidAppend`: the stream, the event and the reason. */
export const formatInvalidAppend = (invalid: InvalidAppend): string =>
  `appending to ${invalid.streamName}: event ${invalid.eventId} ${invalid.reason}; nothing was written`

/** Which events a read of the global order includes. */
export interface EventFilter {
  /** Only streams of this category (`enrollment` matches `enrollment-*`). */
  readonly category?: string
  /** Only streams whose name starts with this. */
  readonly streamPrefix?: string
}

/** Options of a stream read. */
export interface ReadStreamOptions {
  readonly direction?: 'forwards' | 'backwards'
  /** Inclusive start: the first revision read (default: the first event forwards, the last backwards). */
  readonly fromRevision?: number
  readonly limit?: number
}

/** Options of a read of the global order. */
export interface ReadAllOptions {
  /** Exclusive start: read events after this position (default: from the beginning). */
  readonly after?: bigint
  readonly filter?: EventFilter
  readonly limit?: number
}

/** Options of a subscription. */
export interface SubscribeOptions {
  /** Exclusive start: deliver events after this position (default: from the beginning). */
  readonly after?: bigint
  readonly filter?: EventFilter
}

/** Options of a count of the global order. */
export interface CountOptions {
  /** Exclusive start: count events after this position (default: from the beginning). */
  readonly after?: bigint
  readonly filter?: EventFilter
}

/** A live feed: stored records after the start, then `caught-up`, then new records as they are appended, until closed. */
export interface Subscription extends AsyncIterable<StoredRecord | CaughtUp> {
  /** Ends the feed; a pending iteration finishes. */
  readonly close: () => Promise<void>
}

/** What a write under a stream's lock decided: a value for its caller, and the events to append (none: nothing). */
export interface LockedWrite<A> {
  readonly value: A
  /** The events to append, right after revision `expected` of the stream; absent when nothing is to be written. */
  readonly append?: { readonly events: readonly EventToAppend[]; readonly expected: ExpectedRevision }
}

/** What a locked write came to: the caller's value, and where its append left the stream (null: nothing appended). */
export interface LockedWriteResult<A> {
  readonly value: A
  readonly appended: AppendResult | null
}

/**
 * The port every store implements (in memory, SQLite, EventStoreDB). Appends return TaskEither; reads are
 * AsyncIterables that stream in bounded memory, reject with `StreamNotFoundError` for a stream that does not
 * exist and with `StoreUnavailableError` when the store fails.
 */
export interface EventStore {
  readonly append: (
    streamName: string,
    events: readonly EventToAppend[],
    expected: ExpectedRevision,
  ) => TE.TaskEither<AppendError, AppendResult>
  readonly readStream: (streamName: string, options?: ReadStreamOptions) => AsyncIterable<StoredRecord>
  readonly readAll: (options?: ReadAllOptions) => AsyncIterable<StoredRecord>
  readonly subscribe: (options?: SubscribeOptions) => Subscription
  /**
   * How many events lie after a position and pass a filter, offered only by stores that count without reading the
   * events (in memory, SQLite); EventStoreDB has no such count, so its adapter leaves it out. A projector uses it to
   * report how far behind it is while catching up.
   */
  readonly countAfter?: (options?: CountOptions) => TE.TaskEither<StoreUnavailable | InvalidArgument, number>
  /**
   * Reads a stream and appends to it under one write lock, so that no other writer comes between the read and the
   * append: `write` receives the stream's records from `fromRevision` on, in order (none when the stream does not
   * exist), runs synchronously inside the lock, and answers what to append (a throw from it writes nothing and comes
   * back as `StoreUnavailable`, carrying it). The append follows
   * `append`'s rules (the expected revision, idempotent re-appends, `InvalidAppend`); nothing is written when it
   * fails or `write` answers none. Offered by stores that serialise their writers anyway (SQLite, in memory); on a
   * store without it a command handler reads, then appends with the expected revision and retries on a conflict.
   */
  readonly readAndAppend?: <A>(
    streamName: string,
    fromRevision: number,
    write: (records: Iterable<StoredRecord>) => LockedWrite<A>,
  ) => TE.TaskEither<AppendError, LockedWriteResult<A>>
  /** The revision a stream is at, without reading its events. */
  readonly streamRevision: (streamName: string) => TE.TaskEither<StoreUnavailable, StreamRevision>
  /** Releases the store's resources; further calls fail. */
  readonly close: () => Promise<void>
}

/** Raised by a read of a stream that does not exist. */
export class StreamNotFoundError extends Error {
  override readonly name = 'StreamNotFoundError'
  constructor(readonly streamName: string) {
    super(`stream ${streamName} does not exist`)
  }
}

/** Raised by a read when the store cannot be reached or fails. */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError'
}

/** Whether a stream name matches a filter. */
export const matchesFilter = (streamName: string, filter: EventFilter | undefined): boolean =>
  filter === undefined ||
  ((filter.category === undefined || streamName.startsWith(`${filter.category}-`)) &&
    (filter.streamPrefix === undefined || streamName.startsWith(filter.streamPrefix)))

/** Whether a stream at `actual` satisfies what an append expects. */
export const satisfiesExpected = (expected: ExpectedRevision, actual: StreamRevision): boolean => {
  switch (expected) {
    case 'any':
      return true
    case 'no-stream':
      return actual === 'no-stream'
    case 'exists':
      return actual !== 'no-stream'
    default:
      return actual === expected
  }
}

/**
 * Why a batch cannot be appended as it is, whatever the stream holds: an event id it carries twice (one of the two
 * could never be stored). Every store refuses such a batch with this `InvalidAppend`, and writes nothing.
 */
export const repeatedEventId = (streamName: string, events: readonly EventToAppend[]): InvalidAppend | undefined => {
  // Most commands write one event: no set to build for it.
  if (events.length < 2) return undefined
  const seen = new Set<string>()
  for (const { eventId } of events) {
    if (seen.has(eventId)) return invalidAppend(streamName, eventId, 'appears twice in one append')
    seen.add(eventId)
  }
  return undefined
}

// Half of a character, alone: text that is not well-formed UTF-16. A store that writes UTF-8 (SQLite, EventStoreDB's
// protocol) keeps U+FFFD in its place, so what it gives back would differ from what it acknowledged.
const loneSurrogate = /\p{Cs}/u

/** Whether a string, or any key or string inside a JSON-like value, holds a lone surrogate. */
const holdsLoneSurrogate = (value: unknown): boolean => {
  const pending: unknown[] = [value]
  const seen = new WeakSet<object>()
  while (pending.length > 0) {
    const item = pending.pop()
    if (typeof item === 'string') {
      if (loneSurrogate.test(item)) return true
    } else if (typeof item === 'object' && item !== null && !seen.has(item)) {
      // A value met twice (or a cycle, which no JSON has and which the store refuses) is looked at once.
      seen.add(item)
      if (Array.isArray(item)) for (const element of item as readonly unknown[]) pending.push(element)
      else
        for (const [key, element] of Object.entries(item)) {
          if (loneSurrogate.test(key)) return true
          pending.push(element)
        }
    }
  }
  return false
}

/**
 * Why a batch cannot be appended as it is, whatever the stream holds, or `undefined`: an event id it carries twice,
 * or text that is not well-formed Unicode (a lone surrogate) in the stream name, an event's id or type, or anywhere
 * in its data or metadata, which some stores cannot keep byte for byte. Every store refuses such a batch with this
 * `InvalidAppend` and writes nothing, so no store ever changes a string it acknowledged.
 */
export const unstorableBatch = (streamName: string, events: readonly EventToAppend[]): InvalidAppend | undefined => {
  const repeated = repeatedEventId(streamName, events)
  if (repeated !== undefined) return repeated
  const first = events[0]
  if (first !== undefined && loneSurrogate.test(streamName))
    return invalidAppend(streamName, first.eventId, 'is for a stream whose name is not well-formed Unicode text')
  for (const event of events) {
    const where = loneSurrogate.test(event.eventId)
      ? 'its id'
      : loneSurrogate.test(event.type)
        ? 'its type'
        : holdsLoneSurrogate(event.data)
          ? 'its data'
          : holdsLoneSurrogate(event.metadata)
            ? 'its metadata'
            : undefined
    if (where !== undefined)
      return invalidAppend(
        streamName,
        event.eventId,
        `has text that is not well-formed Unicode (a lone surrogate) in ${where}`,
      )
  }
  return undefined
}
