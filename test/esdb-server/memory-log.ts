import { checkCommit } from './commit-check.js'
import {
  decodeStreamMetadata,
  deletedStreamRevision,
  isMetastream,
  metadataEventType,
  metastreamOf,
  tombstoneEventType,
  truncateBeforeOf,
  withTruncateBefore,
} from './stream-metadata.js'

/** The expected-revision check an append, delete or tombstone asks for. */
export type ExpectedRevision =
  | { readonly kind: 'any' }
  | { readonly kind: 'no-stream' }
  | { readonly kind: 'stream-exists' }
  | { readonly kind: 'exact'; readonly revision: bigint }

/** An event as a client proposes it, before the log gives it a revision and a position. */
export interface ProposedEvent {
  readonly id: string
  readonly type: string
  readonly contentType: string
  readonly data: Uint8Array
  readonly customMetadata: Uint8Array
}

/** An event as the log recorded it. Commit and prepare positions are equal in this single-node log. */
export interface RecordedEvent extends ProposedEvent {
  readonly streamName: string
  readonly revision: bigint
  readonly position: bigint
  /** .NET ticks (100 ns) since the Unix epoch, as EventStoreDB's gRPC API reports `created`. */
  readonly created: bigint
}

/** What a write did: its last recorded event, or why it was refused. */
export type WriteOutcome =
  | { readonly kind: 'written'; readonly last: RecordedEvent | undefined }
  | { readonly kind: 'wrong-expected-version'; readonly currentRevision: bigint | undefined }
  | { readonly kind: 'stream-deleted' }

/** What a stream read finds: the visible events, nothing, or a tombstone. */
export type StreamLookup =
  | { readonly kind: 'found'; readonly events: readonly RecordedEvent[] }
  | { readonly kind: 'not-found' }
  | { readonly kind: 'deleted' }

/** The clock and id source the log stamps system events with. */
export interface LogEnvironment {
  /** Now, in .NET ticks since the Unix epoch. */
  readonly nowTicks: () => bigint
  /** A fresh event id (UUID string) for the system events the log writes itself. */
  readonly newEventId: () => string
}

/** The in-memory transaction log of the test server: every stream, `$all`, and listeners for new events. */
export interface MemoryLog {
  readonly append: (streamName: string, expected: ExpectedRevision, events: readonly ProposedEvent[]) => WriteOutcome
  readonly softDelete: (streamName: string, expected: ExpectedRevision) => WriteOutcome
  readonly tombstone: (streamName: string, expected: ExpectedRevision) => WriteOutcome
  readonly readStream: (streamName: string) => StreamLookup
  /** The lowest revision of the stream that stream reads and subscriptions show (its `$tb`, or 0). */
  readonly visibleFrom: (streamName: string) => bigint
  /** Every recorded event in commit order: what `$all` reads. */
  readonly all: () => readonly RecordedEvent[]
  /** Calls `listener` with each event recorded from now on, in commit order; returns the way to stop. */
  readonly onRecorded: (listener: (event: RecordedEvent) => void) => () => void
}

interface StreamState {
  readonly events: RecordedEvent[]
  tombstoned: boolean
}

// Deletes and tombstones check the expected revision plainly: EventStoreDB has no retry detection for them.
const satisfies = (expected: ExpectedRevision, current: bigint | undefined, softDeleted: boolean): boolean => {
  switch (expected.kind) {
    case 'any':
      return true
    case 'no-stream':
      return current === undefined || softDeleted
    case 'stream-exists':
      return current !== undefined && !softDeleted
    case 'exact':
      return current === expected.revision
  }
}

// A rough record size, so positions grow with the payload like offsets in EventStoreDB's transaction file.
const recordSize = (event: ProposedEvent, streamName: string): bigint =>
  BigInt(64 + streamName.length + event.type.length + event.data.length + event.customMetadata.length)

/** Creates an empty log; all state lives in the returned object, so a restarted server can keep serving it. */
export const createMemoryLog = (environment: LogEnvironment): MemoryLog => {
  const streams = new Map<string, StreamState>()
  const log: RecordedEvent[] = []
  const listeners = new Set<(event: RecordedEvent) => void>()
  let nextPosition = 0n

  const stateOf = (streamName: string): StreamState => {
    const existing = streams.get(streamName)
    if (existing !== undefined) return existing
    const created: StreamState = { events: [], tombstoned: false }
    streams.set(streamName, created)
    return created
  }
  const currentRevision = (streamName: string): bigint | undefined => streams.get(streamName)?.events.at(-1)?.revision
  const isTombstoned = (streamName: string): boolean =>
    streams.get(streamName)?.tombstoned === true ||
    (isMetastream(streamName) && streams.get(streamName.slice(2))?.tombstoned === true)

  const lastMetadataOf = (streamName: string): RecordedEvent | undefined =>
    streams
      .get(metastreamOf(streamName))
      ?.events.findLast(event => event.type === metadataEventType && event.contentType === 'application/json')

  const visibleFrom = (streamName: string): bigint => {
    const metadata = lastMetadataOf(streamName)
    return (metadata === undefined ? undefined : truncateBeforeOf(metadata.data)) ?? 0n
  }
  const isSoftDeleted = (streamName: string): boolean => visibleFrom(streamName) === deletedStreamRevision

  const record = (streamName: string, revision: bigint, event: ProposedEvent): RecordedEvent => {
    const recorded: RecordedEvent = {
      ...event,
      streamName,
      revision,
      position: nextPosition,
      created: environment.nowTicks(),
    }
    nextPosition += recordSize(event, streamName)
    log.push(recorded)
    return recorded
  }

  const notify = (events: readonly RecordedEvent[]): void => {
    for (const event of events) for (const listener of [...listeners]) listener(event)
  }

  // Appends without checks; returns what it recorded so the caller can notify once the whole write is in.
  const write = (streamName: string, events: readonly ProposedEvent[]): readonly RecordedEvent[] => {
    const state = stateOf(streamName)
    return events.map(event => {
      const revision = (state.events.at(-1)?.revision ?? -1n) + 1n
      const recorded = record(streamName, revision, event)
      state.events.push(recorded)
      return recorded
    })
  }

  const metadataEvent = (streamName: string, truncateBefore: bigint): ProposedEvent => {
    const previous = lastMetadataOf(streamName)
    return {
      id: environment.newEventId(),
      type: metadataEventType,
      contentType: 'application/json',
      data: withTruncateBefore(previous === undefined ? {} : decodeStreamMetadata(previous.data), truncateBefore),
      customMetadata: new Uint8Array(),
    }
  }

  const append: MemoryLog['append'] = (streamName, expected, events) => {
    const stored = streams.get(streamName)?.events ?? []
    const softDeleted = isSoftDeleted(streamName)
    const decision = checkCommit(
      {
        events: stored,
        tombstoned: isTombstoned(streamName),
        softDeleted,
        hasMetadata: (streams.get(metastreamOf(streamName))?.events.length ?? 0) > 0,
      },
      expected,
      events,
    )
    switch (decision.kind) {
      case 'stream-deleted':
        return { kind: 'stream-deleted' }
      case 'wrong-expected-version':
        return { kind: 'wrong-expected-version', currentRevision: stored.at(-1)?.revision }
      case 'idempotent':
        return { kind: 'written', last: decision.last }
      case 'ok':
        break
    }
    if (events.length === 0) return { kind: 'written', last: stored.at(-1) }
    // Appending to a soft-deleted stream undeletes it: new metadata hides only the revisions written before.
    const undelete = softDeleted
      ? write(metastreamOf(streamName), [metadataEvent(streamName, (stored.at(-1)?.revision ?? -1n) + 1n)])
      : []
    const recorded = write(streamName, events)
    notify([...undelete, ...recorded])
    return { kind: 'written', last: recorded.at(-1) }
  }

  const softDelete: MemoryLog['softDelete'] = (streamName, expected) => {
    if (isTombstoned(streamName)) return { kind: 'stream-deleted' }
    const current = currentRevision(streamName)
    if (!satisfies(expected, current, isSoftDeleted(streamName)))
      return { kind: 'wrong-expected-version', currentRevision: current }
    const recorded = write(metastreamOf(streamName), [metadataEvent(streamName, deletedStreamRevision)])
    notify(recorded)
    return { kind: 'written', last: recorded.at(-1) }
  }

  const tombstone: MemoryLog['tombstone'] = (streamName, expected) => {
    if (isTombstoned(streamName)) return { kind: 'stream-deleted' }
    const current = currentRevision(streamName)
    if (!satisfies(expected, current, isSoftDeleted(streamName)))
      return { kind: 'wrong-expected-version', currentRevision: current }
    const state = stateOf(streamName)
    state.tombstoned = true
    const recorded = record(streamName, deletedStreamRevision, {
      id: environment.newEventId(),
      type: tombstoneEventType,
      contentType: 'application/octet-stream',
      data: new Uint8Array(),
      customMetadata: new Uint8Array(),
    })
    notify([recorded])
    return { kind: 'written', last: recorded }
  }

  const readStream: MemoryLog['readStream'] = streamName => {
    if (isTombstoned(streamName)) return { kind: 'deleted' }
    const events = streams.get(streamName)?.events ?? []
    const from = visibleFrom(streamName)
    if (events.length === 0 || from === deletedStreamRevision) return { kind: 'not-found' }
    return { kind: 'found', events: events.filter(event => event.revision >= from) }
  }

  return {
    append,
    softDelete,
    tombstone,
    readStream,
    visibleFrom,
    all: () => log,
    onRecorded: listener => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}
