import * as E from 'fp-ts/lib/Either.js'
import type { StateSnapshots } from '../../kernel/aggregate.js'
import type { Decider } from '../../kernel/decider.js'
import { decodeWith, formatDecodeFailure } from '../../kernel/decode.js'
import type { DomainEvent } from '../../kernel/domain-event.js'
import type { EventStore } from '../../kernel/event-store.js'
import type { EventRegistry } from '../../kernel/registry.js'
import type { SnapshotStore, StoredSnapshot } from '../../kernel/snapshot-store.js'
import type { ChainKeyring } from '../integrity/chain-keys.js'
import { loadFromBase } from './base-load.js'
import type { LoadFailure } from './load-failure.js'
import { snapshotCommandLimit } from './recent-commands.js'
import { snapshotDigestProblem } from './snapshot-save.js'
import { type ChainCheck, type LoadBase, type LoadedStream, loadStream } from './stream-load.js'

/**
 * Opt-in snapshots for a command handler: where they are kept, and how many events must have been folded since the
 * last snapshot before a command writes a new one (after any outcome of a load). The version of the state's shape and
 * its codec come from the aggregate (`aggregate.snapshots`): only an aggregate that offers them can be snapshotted.
 *
 * Idempotency: a snapshot keeps the ids of the last 1,000 commands folded into it (`snapshotCommandLimit`). A repeated
 * command id found after the snapshot returns its first outcome, as without snapshots; one found only in the
 * snapshot returns `written: false` with the stream's current revision and no events (they are in the stream, at or
 * before the snapshot's revision: read them there). A command retried after more than 1,000 later commands on its
 * stream is decided again against the current state: an idempotent decision yields no events (`written: false`);
 * one that yields events again gets the same event ids, which a store refuses as already in the stream (a
 * concurrency conflict while the stream has not moved), so it is never written twice: the handler then reads the
 * whole stream, finds them, and returns its first outcome. Records before the snapshot are not read again: a corrupt
 * one there goes unnoticed until a full read (an audit, or `verifyChain`).
 */
export interface SnapshotOptions {
  readonly store: SnapshotStore
  readonly every: number
  /**
   * The largest state saved, in UTF-8 bytes of its JSON (default `defaultMaxSnapshotBytes`, 1,048,576: EventStoreDB's
   * largest append); a larger one is not saved (span attribute `pembina.snapshot.skipped`), never failing a command.
   */
  readonly maxBytes?: number
}

/**
 * Snapshots as a handler keeps them: its options, and the aggregate's state version and codec (a stored state that
 * does not decode with it is ignored and the stream is loaded in full).
 */
export type Snapshotting<State> = SnapshotOptions &
  StateSnapshots<State> & {
    /** The keyring of a keyed chain: snapshots are saved with a keyed digest, and only those are used. */
    readonly keys?: ChainKeyring
  }

/** How a load used snapshots: none was stored, one was used, or one was ignored (and why). */
export type SnapshotUse =
  | { readonly status: 'none' }
  | { readonly status: 'used'; readonly revision: number }
  | { readonly status: 'ignored'; readonly reason: string }

/** A stream loaded for a command, through a snapshot where one fits. */
export interface SnapshotLoad<Event extends DomainEvent, State> {
  readonly stream: LoadedStream<Event, State>
  readonly use: SnapshotUse
  /**
   * True when the command id is not among the events read but is among the snapshot's recent command ids: the
   * command was handled before the snapshot, and its events are in the stream at or before the snapshot's revision.
   */
  readonly handledBefore: boolean
}

const ignored = (reason: string): SnapshotUse => ({ status: 'ignored', reason })

const readSnapshot = async (
  store: SnapshotStore,
  streamName: string,
): Promise<E.Either<SnapshotUse, StoredSnapshot | null>> => {
  try {
    const loaded = await store.load(streamName)()
    return E.isLeft(loaded) ? E.left(ignored(`snapshot store unavailable: ${loaded.left.message}`)) : loaded
  } catch (cause) {
    return E.left(ignored(`snapshot store unavailable: ${cause instanceof Error ? cause.message : String(cause)}`))
  }
}

/** The base a snapshot offers, or why it does not fit this stream and codec. */
const baseOf = <State>(
  snapshot: StoredSnapshot,
  streamName: string,
  options: Snapshotting<State>,
): E.Either<SnapshotUse, LoadBase<State>> => {
  if (snapshot.streamName !== streamName) return E.left(ignored(`it is of stream ${snapshot.streamName}`))
  if (snapshot.snapshotVersion !== options.version)
    return E.left(ignored(`it is version ${snapshot.snapshotVersion}, not ${options.version}`))
  if (!Number.isSafeInteger(snapshot.revision) || snapshot.revision < 0 || snapshot.lastHash === null)
    return E.left(ignored('it names no event of the stream'))
  const digestProblem = snapshotDigestProblem(snapshot, options.keys)
  if (digestProblem !== undefined) return E.left(ignored(digestProblem))
  const state = decodeWith(options.codec, 'snapshot state')(snapshot.state)
  if (E.isLeft(state)) return E.left(ignored(`its state does not decode: ${formatDecodeFailure(state.left)}`))
  const { revision, lastHash, recentCommandIds } = snapshot
  return E.right({ state: state.right, revision, lastHash, recentCommandIds })
}

/**
 * Loads a stream for a command through its snapshot: the stream is read from the snapshot's revision, whose event
 * must still carry the snapshot's `lastHash` (the chain head commits to every event before it); the events after it
 * are folded over the snapshot's state. A snapshot that is missing, of another version or stream, whose state does
 * not decode or whose head the stream no longer has, is ignored and the stream is loaded in full.
 */
export const loadWithSnapshot = async <Command, Event extends DomainEvent, State, Reject>(
  store: EventStore,
  decider: Decider<Command, Event, State, Reject, never>,
  registry: EventRegistry<Event>,
  streamName: string,
  commandId: string,
  options: Snapshotting<State>,
  verify?: ChainCheck,
): Promise<E.Either<LoadFailure, SnapshotLoad<Event, State>>> => {
  const full = async (use: SnapshotUse): Promise<E.Either<LoadFailure, SnapshotLoad<Event, State>>> =>
    E.map((stream: LoadedStream<Event, State>) => ({ stream, use, handledBefore: false }))(
      await loadStream(store, decider, registry, streamName, commandId, snapshotCommandLimit, verify),
    )
  const found = await readSnapshot(options.store, streamName)
  if (E.isLeft(found)) return full(found.left)
  if (found.right === null) return full({ status: 'none' })
  const base = baseOf(found.right, streamName, options)
  if (E.isLeft(base)) return full(base.left)
  const loaded = await loadFromBase(
    store,
    decider,
    registry,
    streamName,
    commandId,
    base.right,
    snapshotCommandLimit,
    verify,
  )
  if (E.isLeft(loaded)) return loaded
  if (!loaded.right.fits) return full(ignored(loaded.right.reason))
  const { stream } = loaded.right
  return E.right({
    stream,
    use: { status: 'used', revision: base.right.revision },
    handledBefore: stream.earlier.length === 0 && base.right.recentCommandIds.includes(commandId),
  })
}
