import * as E from 'fp-ts/lib/Either.js'
import type { Decider } from '../../kernel/decider.js'
import { decodeGuarded, decodeWith, formatDecodeFailure } from '../../kernel/decode.js'
import { type DomainEvent } from '../../kernel/domain-event.js'
import { EventMetadata, EventMetadataHead } from '../../shared/event-metadata.js'
import {
  type EventStore,
  type StreamRevision,
  StreamNotFoundError,
  type StoredRecord,
} from '../../kernel/event-store.js'
import type { EventRegistry } from '../../kernel/registry.js'
import { type ChainHead, verifyLink } from '../integrity/hash-chain.js'
import type { ChainKeyring } from '../integrity/chain-keys.js'
import { isImmutable } from './immutable-records.js'
import { corrupt, type HandleCorruptStream, type LoadFailure, unavailable } from './load-failure.js'
import { recentCommands } from './recent-commands.js'
import type { WrittenEvent } from './written-event.js'

/** A stream as a handler loaded it: the folded state, where the stream is, and a command's earlier outcome in it. */
export interface LoadedStream<Event extends DomainEvent, State> {
  readonly state: State
  readonly revision: StreamRevision
  /** The last event's hash: the `prevHash` of the next event written. */
  readonly lastHash: string | null
  /** The events an earlier call with the same command id wrote, in order (empty when none did). */
  readonly earlier: readonly WrittenEvent<Event>[]
  /** The global position of the last of `earlier`. */
  readonly earlierPosition: bigint | null
  /** How many events this load folded (after its base, when it started from a snapshot). */
  readonly folded: number
  /** The ids of the most recent commands folded into `state`, oldest first, at most the limit asked for. */
  readonly recentCommandIds: readonly string[]
}

/** Where a load starts other than the stream's beginning: a snapshot's state at a revision it verified. */
export interface LoadBase<State> {
  readonly state: State
  readonly revision: number
  readonly lastHash: string
  readonly recentCommandIds: readonly string[]
}

/** What checking a stored record came to: its metadata head and its event. */
export interface CheckedRecord<Event extends DomainEvent> {
  readonly head: EventMetadataHead
  readonly event: Event
}

/**
 * What checking each record a store marked as never changing (`markImmutable`) came to, kept by a handler so such a
 * record is decoded once, not on every load.
 */
export type CheckedRecords<Event extends DomainEvent> = WeakMap<StoredRecord, CheckedRecord<Event>>

/**
 * How a fold starts: from a base (else the initial state), how many recent command ids it keeps (default none), and
 * where it keeps what checking records that never change came to (default nowhere).
 */
export interface FoldOptions<Event extends DomainEvent, State> {
  readonly base?: LoadBase<State>
  readonly recentLimit?: number
  readonly checked?: CheckedRecords<Event>
  /**
   * Verify each record's link in the stream's hash chain before folding it (`verifyOnLoad`): its hash recomputed from
   * its content and its link to the one before (or to the base's `lastHash`); a break is a corrupt stream.
   */
  readonly verify?: ChainCheck
}

/**
 * How a load verifies the hash chain of what it folds (`verifyOnLoad`): every event's hash and link, and, given the
 * chain's keyring, every event's MAC under it.
 */
export interface ChainCheck {
  readonly keys?: ChainKeyring
}

const decodeHead = decodeGuarded(EventMetadataHead, 'metadata')

/** A fold of a stream's records in progress: each record read goes in with `add`, the loaded stream comes out of `done`. */
interface StreamFold<Event extends DomainEvent, State> {
  /** Folds one record; a corrupt record, bad metadata or an event the registry cannot decode is the failure. */
  readonly add: (record: StoredRecord) => HandleCorruptStream | undefined
  readonly done: () => LoadedStream<Event, State>
}

const streamFold = <Command, Event extends DomainEvent, State, Reject>(
  decider: Decider<Command, Event, State, Reject, never>,
  registry: EventRegistry<Event>,
  streamName: string,
  commandId: string,
  options: FoldOptions<Event, State>,
): StreamFold<Event, State> => {
  const { base } = options
  // The end of the chain verified so far, when the fold verifies: the base's event, or nothing before the first.
  let chain: ChainHead | null =
    base === undefined ? null : { streamName, revision: base.revision, hash: base.lastHash, events: 0 }
  let state = base?.state ?? decider.initialState
  let revision: StreamRevision = base?.revision ?? 'no-stream'
  let lastHash: string | null = base?.lastHash ?? null
  const earlier: WrittenEvent<Event>[] = []
  let earlierPosition: bigint | null = null
  let folded = 0
  const recent = recentCommands(options.recentLimit ?? 0, base?.recentCommandIds)
  return {
    add: record => {
      if (record.kind === 'corrupt') return corrupt(record, record.reason)
      const known = options.checked?.get(record)
      let head: EventMetadataHead
      let event: Event
      if (known === undefined) {
        if (options.verify !== undefined) {
          const link = verifyLink(chain, record, options.verify.keys)
          if (E.isLeft(link)) return corrupt(record, `its hash chain is broken: ${link.left.detail}`)
          chain = link.right
        }
        const decodedHead = decodeHead(record.metadata)
        if (E.isLeft(decodedHead)) return corrupt(record, formatDecodeFailure(decodedHead.left))
        const { schemaVersion } = decodedHead.right
        const decoded = registry.decodeInPlace({ type: record.type, data: record.data, schemaVersion })
        if (E.isLeft(decoded)) return corrupt(record, formatDecodeFailure(decoded.left))
        head = decodedHead.right
        event = decoded.right
        if (options.checked !== undefined && isImmutable(record)) options.checked.set(record, { head, event })
      } else {
        ;({ head, event } = known)
        // Checked before by this handler, verified then if it verifies: the chain moves on past it.
        if (options.verify !== undefined)
          chain = { streamName, revision: record.revision, hash: head.hash, events: (chain?.events ?? 0) + 1 }
      }
      state = decider.evolve(state, event)
      revision = record.revision
      lastHash = head.hash
      folded += 1
      recent.note(head.commandId)
      if (head.commandId === commandId) {
        // Only a command's own earlier events are reported back: only they need their whole metadata decoded.
        const metadata = decodeWith(EventMetadata, 'metadata')(record.metadata)
        if (E.isLeft(metadata)) return corrupt(record, formatDecodeFailure(metadata.left))
        earlier.push({ revision: record.revision, event, metadata: metadata.right })
        earlierPosition = record.position
      }
      return undefined
    },
    done: () => ({ state, revision, lastHash, earlier, earlierPosition, folded, recentCommandIds: recent.ids() }),
  }
}

/**
 * Folds records read forwards, one at a time (memory holds the state, not the stream), over a base or the initial
 * state. A missing stream is empty; a corrupt record, bad metadata or an event the registry cannot decode stops it.
 */
export const foldRecords = async <Command, Event extends DomainEvent, State, Reject>(
  records: AsyncIterable<StoredRecord>,
  decider: Decider<Command, Event, State, Reject, never>,
  registry: EventRegistry<Event>,
  streamName: string,
  commandId: string,
  options: FoldOptions<Event, State> = {},
): Promise<E.Either<LoadFailure, LoadedStream<Event, State>>> => {
  const fold = streamFold(decider, registry, streamName, commandId, options)
  try {
    for await (const record of records) {
      const failed = fold.add(record)
      if (failed !== undefined) return E.left(failed)
    }
  } catch (cause) {
    if (!(cause instanceof StreamNotFoundError)) return E.left(unavailable(streamName, cause))
  }
  return E.right(fold.done())
}

/**
 * Folds records already at hand, as `foldRecords` does, without waiting between them: for a read under a store's
 * write lock (`readAndAppend`), where the fold and the decision run inside the lock. A failing read throws through.
 */
export const foldRecordsNow = <Command, Event extends DomainEvent, State, Reject>(
  records: Iterable<StoredRecord>,
  decider: Decider<Command, Event, State, Reject, never>,
  registry: EventRegistry<Event>,
  streamName: string,
  commandId: string,
  options: FoldOptions<Event, State> = {},
): E.Either<HandleCorruptStream, LoadedStream<Event, State>> => {
  const fold = streamFold(decider, registry, streamName, commandId, options)
  for (const record of records) {
    const failed = fold.add(record)
    if (failed !== undefined) return E.left(failed)
  }
  return E.right(fold.done())
}

/** Reads a whole stream forwards and folds it (see `foldRecords`). */
export const loadStream = <Command, Event extends DomainEvent, State, Reject>(
  store: EventStore,
  decider: Decider<Command, Event, State, Reject, never>,
  registry: EventRegistry<Event>,
  streamName: string,
  commandId: string,
  recentLimit = 0,
  verify?: ChainCheck,
): Promise<E.Either<LoadFailure, LoadedStream<Event, State>>> =>
  foldRecords(store.readStream(streamName), decider, registry, streamName, commandId, {
    recentLimit,
    ...(verify === undefined ? {} : { verify }),
  })
