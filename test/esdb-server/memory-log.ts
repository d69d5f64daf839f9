import { checkCommit } from './commit-check.js'
import {
  type Retention,
  decodeStreamMetadata,
  deletedStreamRevision,
  isMetastream,
  metadataEventType,
  metastreamOf,
  retentionOf,
  softDeletedMetadata,
  tombstoneEventType,
  unlimited,
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
  /** Where the next record starts (EventStoreDB's post-position); reads and subscriptions continue from it. */
  readonly postPosition: bigint
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
  /** The events a stream read shows: `$tb`, `$maxCount` and `$maxAge` applied, as EventStoreDB's IndexReader does. */
  readonly readStream: (streamName: string) => StreamLookup
  /** Whether a stream read would show this event of its stream now (its stream's retention applied). */
  readonly isVisible: (event: RecordedEvent) => boolean
  /** Every recorded event in commit order: what `$all` reads (no stream metadata applied, as in EventStoreDB). */
  readonly all: () => readonly RecordedEvent[]
  /** The position after the last record: where the next one will be written. */
  readonly endPosition: () => bigint
  /**
   * What a node writes each time it starts as leader (EventStoreDB's EpochManager.WriteEpochRecordWithRetry): an
   * epoch record, which takes room in the log but is no event, then a `$epoch-information` event describing it.
   */
  readonly writeEpoch: (leaderInstanceId: string) => RecordedEvent
  /** Calls `listener` with each event recorded from now on, in commit order; returns the way to stop. */
  readonly onRecorded: (listener: (event: RecordedEvent) => void) => () => void
}

interface StreamState {
  readonly events: RecordedEvent[]
  tombstoned: boolean
}

/** The stream EventStoreDB's EpochManager writes one event to at every start. */
export const epochInformationStream = '$epoch-information'

/** The type of those events (`SystemEventTypes.EpochInformation`). */
export const epochInformationEventType = '$epoch-information'

// EventStoreDB's metastreams keep only their last event (ESConsts.MetaStreamMaxCount = 1, ReadIndex.cs).
const metastreamRetention: Retention = { ...unlimited, maxCount: 1n }

// Roughly the size of an epoch system record in the transaction file.
const epochRecordSize = 128n

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

  const retentionOfStream = (streamName: string): Retention => {
    if (isMetastream(streamName)) return metastreamRetention
    const metadata = lastMetadataOf(streamName)
    return metadata === undefined ? unlimited : retentionOf(metadata.data)
  }
  const isSoftDeleted = (streamName: string): boolean =>
    !isMetastream(streamName) && retentionOfStream(streamName).truncateBefore === deletedStreamRevision

  // IndexReader.ReadStreamEventsForward/Backward: the lowest revision shown is the larger of `$tb` and
  // last - `$maxCount` + 1; `$maxAge` then hides every event created before now - maxAge.
  const visibleFilter = (streamName: string): ((event: RecordedEvent) => boolean) => {
    const retention = retentionOfStream(streamName)
    const last = currentRevision(streamName) ?? -1n
    const lowest = [
      retention.truncateBefore ?? 0n,
      retention.maxCount === undefined ? 0n : last - retention.maxCount + 1n,
    ].reduce((a, b) => (a > b ? a : b))
    const oldest = retention.maxAgeTicks === undefined ? undefined : environment.nowTicks() - retention.maxAgeTicks
    return event => event.revision >= lowest && (oldest === undefined || event.created >= oldest)
  }

  const record = (streamName: string, revision: bigint, event: ProposedEvent): RecordedEvent => {
    const postPosition = nextPosition + recordSize(event, streamName)
    const recorded: RecordedEvent = {
      ...event,
      streamName,
      revision,
      position: nextPosition,
      postPosition,
      created: environment.nowTicks(),
    }
    nextPosition = postPosition
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

  const metadataEvent = (data: Uint8Array): ProposedEvent => ({
    id: environment.newEventId(),
    type: metadataEventType,
    contentType: 'application/json',
    data,
    customMetadata: new Uint8Array(),
  })

  // StorageWriterService.SoftUndeleteStream: the stream's current metadata with `$tb` set to where it restarts.
  const undeleteEvent = (streamName: string): ProposedEvent => {
    const previous = lastMetadataOf(streamName)
    const recreateFrom = (currentRevision(streamName) ?? -1n) + 1n
    return metadataEvent(
      withTruncateBefore(previous === undefined ? {} : decodeStreamMetadata(previous.data), recreateFrom),
    )
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
    // StorageWriterService.WritePrepares: a write to a soft-deleted stream undeletes it (new metadata hides only
    // the revisions written before), and so does a write to its metastream, after the new metadata is in.
    const original = isMetastream(streamName) ? streamName.slice(2) : undefined
    const undeletesOriginal = original !== undefined && isSoftDeleted(original)
    const undeleteSelf = softDeleted ? undeleteEvent(streamName) : undefined
    const recorded = write(streamName, events)
    const undelete =
      undeleteSelf !== undefined
        ? write(metastreamOf(streamName), [undeleteSelf])
        : undeletesOriginal
          ? write(streamName, [undeleteEvent(original)])
          : []
    notify([...recorded, ...undelete])
    return { kind: 'written', last: recorded.at(-1) }
  }

  // The commit check a delete or tombstone makes (StorageWriterService.Handle(WriteDelete)): the append check with
  // one new event id, so a soft-deleted stream takes `no_stream` and refuses `stream_exists` as deleted.
  const deletionCheck = (streamName: string, expected: ExpectedRevision): WriteOutcome | undefined => {
    const stored = streams.get(streamName)?.events ?? []
    const decision = checkCommit(
      {
        events: stored,
        tombstoned: isTombstoned(streamName),
        softDeleted: isSoftDeleted(streamName),
        hasMetadata: (streams.get(metastreamOf(streamName))?.events.length ?? 0) > 0,
      },
      expected,
      [{ ...metadataEvent(new Uint8Array()), id: environment.newEventId() }],
    )
    switch (decision.kind) {
      case 'stream-deleted':
        return { kind: 'stream-deleted' }
      case 'wrong-expected-version':
        return { kind: 'wrong-expected-version', currentRevision: stored.at(-1)?.revision }
      case 'idempotent':
      case 'ok':
        return undefined
    }
  }

  // A soft delete of a stream with neither events nor metadata is a wrong expected version whatever was expected
  // (current -1), and it replaces the whole metadata with `{"$tb":Int64.MaxValue}`: `$maxCount`, `$acl` and custom
  // keys are gone (StorageWriterService.Handle(WriteDelete), "SOFT DELETE").
  const softDelete: MemoryLog['softDelete'] = (streamName, expected) => {
    const refused = deletionCheck(streamName, expected)
    if (refused !== undefined) return refused
    const metastream = metastreamOf(streamName)
    if (currentRevision(streamName) === undefined && currentRevision(metastream) === undefined)
      return { kind: 'wrong-expected-version', currentRevision: undefined }
    const recorded = write(metastream, [metadataEvent(softDeletedMetadata())])
    notify(recorded)
    return { kind: 'written', last: recorded.at(-1) }
  }

  const tombstone: MemoryLog['tombstone'] = (streamName, expected) => {
    const refused = deletionCheck(streamName, expected)
    if (refused !== undefined) return refused
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
    if (events.length === 0 || isSoftDeleted(streamName)) return { kind: 'not-found' }
    return { kind: 'found', events: events.filter(visibleFilter(streamName)) }
  }

  let lastEpoch: { readonly position: bigint; readonly number: number } | undefined
  const writeEpoch: MemoryLog['writeEpoch'] = leaderInstanceId => {
    const epochPosition = nextPosition
    nextPosition += epochRecordSize
    const epochNumber = lastEpoch === undefined ? 0 : lastEpoch.number + 1
    const information = epochInformation({
      epochPosition,
      epochNumber,
      epochId: environment.newEventId(),
      prevEpochPosition: lastEpoch?.position ?? -1n,
      timeStamp: environment.nowTicks(),
      leaderInstanceId,
    })
    lastEpoch = { position: epochPosition, number: epochNumber }
    const recorded = write(epochInformationStream, [
      {
        id: environment.newEventId(),
        type: epochInformationEventType,
        contentType: 'application/json',
        data: information,
        customMetadata: new Uint8Array(),
      },
    ])
    notify(recorded)
    const [written] = recorded
    if (written === undefined) throw new Error('The epoch information was not written')
    return written
  }

  return {
    append,
    softDelete,
    tombstone,
    readStream,
    isVisible: event =>
      (isMetastream(event.streamName) ? true : !isSoftDeleted(event.streamName)) &&
      visibleFilter(event.streamName)(event),
    all: () => log,
    endPosition: () => nextPosition,
    writeEpoch,
    onRecorded: listener => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}

interface EpochFields {
  readonly epochPosition: bigint
  readonly epochNumber: number
  readonly epochId: string
  readonly prevEpochPosition: bigint
  /** .NET ticks since the Unix epoch. */
  readonly timeStamp: bigint
  readonly leaderInstanceId: string
}

// A UTC instant in Newtonsoft's ISO format with seven fractional digits, from .NET ticks since the Unix epoch.
const isoFromTicks = (ticks: bigint): string => {
  const milliseconds = ticks / 10_000n
  const fraction = (ticks % 10_000_000n).toString().padStart(7, '0')
  return `${new Date(Number(milliseconds)).toISOString().slice(0, 19)}.${fraction}Z`
}

/**
 * The body of a `$epoch-information` event: EpochRecord.AsSerialized, an `EpochRecordDto` through EventStoreDB's
 * Json.ToJsonBytes (camel-case names, indented, ISO dates).
 */
const epochInformation = (epoch: EpochFields): Uint8Array =>
  Buffer.from(
    [
      '{',
      `  "epochPosition": ${epoch.epochPosition.toString()},`,
      `  "epochNumber": ${epoch.epochNumber.toString()},`,
      `  "epochId": "${epoch.epochId}",`,
      `  "prevEpochPosition": ${epoch.prevEpochPosition.toString()},`,
      `  "timeStamp": "${isoFromTicks(epoch.timeStamp)}",`,
      `  "leaderInstanceId": "${epoch.leaderInstanceId}"`,
      '}',
    ].join('\n'),
    'utf8',
  )
