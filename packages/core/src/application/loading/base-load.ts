import * as E from 'fp-ts/lib/Either.js'
import type { Decider } from '../../kernel/decider.js'
import { decodeWith } from '../../kernel/decode.js'
import type { DomainEvent } from '../../kernel/domain-event.js'
import { type EventStore, type StoredRecord, StreamNotFoundError } from '../../kernel/event-store.js'
import type { EventRegistry } from '../../kernel/registry.js'
import { EventMetadataHead } from '../../shared/event-metadata.js'
import { confirmChainHead } from '../integrity/hash-chain.js'
import { corrupt, type LoadFailure, unavailable } from './load-failure.js'
import { type ChainCheck, foldRecords, type LoadBase, type LoadedStream } from './stream-load.js'

/** Whether the record is the snapshot's last event: the same revision and the same hash, which commits to its past. */
const isChainHead = (record: StoredRecord, base: LoadBase<unknown>): boolean => {
  if (record.kind !== 'event' || record.revision !== base.revision) return false
  const metadata = decodeWith(EventMetadataHead, 'metadata')(record.metadata)
  return E.isRight(metadata) && metadata.right.hash === base.lastHash
}

/** A load from a base: the stream folded over it, or why the stream no longer fits it. */
export type BaseLoad<Event extends DomainEvent, State> =
  | { readonly fits: true; readonly stream: LoadedStream<Event, State> }
  | { readonly fits: false; readonly reason: string }

/**
 * Loads a stream from a base the caller holds (a snapshot, a cached state): the stream is read from the base's
 * revision, whose event must still carry the base's `lastHash` (the chain head commits to every event before it), and
 * the events after it are folded over the base's state, keeping up to `recentLimit` command ids.
 */
export const loadFromBase = async <Command, Event extends DomainEvent, State, Reject>(
  store: EventStore,
  decider: Decider<Command, Event, State, Reject, never>,
  registry: EventRegistry<Event>,
  streamName: string,
  commandId: string,
  base: LoadBase<State>,
  recentLimit: number,
  verify?: ChainCheck,
): Promise<E.Either<LoadFailure, BaseLoad<Event, State>>> => {
  const records = store.readStream(streamName, { fromRevision: base.revision })[Symbol.asyncIterator]()
  let head: IteratorResult<StoredRecord>
  try {
    head = await records.next()
  } catch (cause) {
    if (cause instanceof StreamNotFoundError) return E.right({ fits: false, reason: 'the stream no longer exists' })
    return E.left(unavailable(streamName, cause))
  }
  if (head.done === true || !isChainHead(head.value, base)) {
    await records.return?.()
    const reason = `the stream no longer has its last event (revision ${base.revision}, lastHash)`
    return E.right({ fits: false, reason })
  }
  if (verify !== undefined) {
    // The base's own event is not folded again, but it must still be the event its state was folded from.
    const kept = { streamName, revision: base.revision, hash: base.lastHash, events: 1 }
    const confirmed = confirmChainHead(kept, head.value, verify.keys)
    if (E.isLeft(confirmed)) {
      await records.return?.()
      return E.left(corrupt(head.value, `its hash chain is broken: ${confirmed.left.detail}`))
    }
  }
  const rest: AsyncIterable<StoredRecord> = { [Symbol.asyncIterator]: () => records }
  const loaded = await foldRecords(rest, decider, registry, streamName, commandId, {
    base,
    recentLimit,
    ...(verify === undefined ? {} : { verify }),
  })
  return E.map((stream: LoadedStream<Event, State>): BaseLoad<Event, State> => ({ fits: true, stream }))(loaded)
}
