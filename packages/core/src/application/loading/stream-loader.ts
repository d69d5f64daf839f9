import type { Span } from '@opentelemetry/api'
import * as E from 'fp-ts/lib/Either.js'
import type { Decider } from '../../kernel/decider.js'
import type { DomainEvent } from '../../kernel/domain-event.js'
import type { EventStore } from '../../kernel/event-store.js'
import type { EventRegistry } from '../../kernel/registry.js'
import { loadFromBase } from './base-load.js'
import type { LoadFailure } from './load-failure.js'
import { recentCommands, snapshotCommandLimit } from './recent-commands.js'
import { loadWithSnapshot, type SnapshotLoad, type Snapshotting, type SnapshotUse } from './snapshot-load.js'
import { nextSnapshot, saveSnapshotTraced, snapshotUseText } from './snapshot-save.js'
import type { StateCache } from './state-cache.js'
import { type ChainCheck, type LoadedStream, loadStream } from './stream-load.js'
import type { WrittenEvent } from './written-event.js'

/** What a handler's loads need: its store and aggregate, and the snapshots and state cache it was given, if any. */
export interface StreamLoaderOptions<Command, Event extends DomainEvent, State, Reject> {
  readonly store: EventStore
  readonly decider: Decider<Command, Event, State, Reject, never>
  readonly registry: EventRegistry<Event>
  readonly snapshots: Snapshotting<State> | undefined
  readonly cache: StateCache<State> | undefined
  /** Verify the hash chain of every event folded (`verifyOnLoad`). */
  readonly verify?: ChainCheck | undefined
}

/** A load of a command's stream, reporting on the command's span how it used the cache and snapshots. */
export type StreamLoad<Event extends DomainEvent, State> = (
  streamName: string,
  commandId: string,
  span: Span,
) => Promise<E.Either<LoadFailure, SnapshotLoad<Event, State>>>

/** How a command handler reads its streams through its cache and snapshots, and keeps both up to date. */
export interface StreamLoader<Event extends DomainEvent, State> {
  /** The stream from the cache where it still fits, else from a snapshot where one fits, else read in full. */
  readonly load: StreamLoad<Event, State>
  /** The stream read from its first event, past any cache entry or snapshot, for a command it may hold already. */
  readonly loadWhole: StreamLoad<Event, State>
  /** Keeps the stream after a command's written events in the cache: their fold over the loaded state. */
  readonly noteWritten: (
    streamName: string,
    commandId: string,
    stream: LoadedStream<Event, State>,
    written: readonly WrittenEvent<Event>[],
  ) => void
  /**
   * Saves a snapshot after a command's outcome when enough events were folded since the last one, unless the load
   * came from the cache; a failed save is only reported on the span.
   */
  readonly saveSnapshot: (
    span: Span,
    streamName: string,
    commandId: string,
    loaded: SnapshotLoad<Event, State>,
    written: readonly WrittenEvent<Event>[],
  ) => Promise<void>
}

const noSnapshot: SnapshotUse = { status: 'none' }
// A load from the state cache; compared by identity, so a cached load never saves a snapshot.
const fromCache: SnapshotUse = { status: 'none' }

/** Builds the loads of one command handler over its store, cache and snapshots. */
export const streamLoader = <Command, Event extends DomainEvent, State, Reject>(
  options: StreamLoaderOptions<Command, Event, State, Reject>,
): StreamLoader<Event, State> => {
  const { store, decider, registry, snapshots, cache } = options
  const { verify } = options
  const cachedCommands = cache?.commandLimit ?? 0

  /** Keeps a loaded or written stream in the cache, if there is one and the stream has an event. */
  const remember = (streamName: string, stream: LoadedStream<Event, State>): void => {
    if (cache === undefined || stream.revision === 'no-stream' || stream.lastHash === null) return
    const { state, revision, lastHash, recentCommandIds } = stream
    cache.set(streamName, { state, revision, lastHash, recentCommandIds })
  }

  /** The stream through the cache: undefined when it is not cached, no longer fits, or the command may be repeated. */
  const loadCached = async (
    streamName: string,
    commandId: string,
    span: Span,
  ): Promise<E.Either<LoadFailure, SnapshotLoad<Event, State>> | undefined> => {
    const entry = cache?.get(streamName)
    if (cache === undefined || entry === undefined) {
      if (cache !== undefined) span.setAttribute('pembina.cache', 'miss')
      return undefined
    }
    const loaded = await loadFromBase(store, decider, registry, streamName, commandId, entry, cachedCommands, verify)
    if (E.isLeft(loaded)) {
      cache.delete(streamName)
      return loaded
    }
    if (!loaded.right.fits) {
      cache.delete(streamName)
      span.setAttribute('pembina.cache', `stale: ${loaded.right.reason}`)
      return undefined
    }
    const { stream } = loaded.right
    if (stream.earlier.length === 0 && entry.recentCommandIds.includes(commandId)) {
      span.setAttribute('pembina.cache', 'repeated command: loaded in full')
      return undefined
    }
    span.setAttribute('pembina.cache', 'hit')
    remember(streamName, stream)
    return E.right({ stream, use: fromCache, handledBefore: false })
  }

  const loadUncached: StreamLoad<Event, State> = async (streamName, commandId, span) => {
    if (snapshots === undefined)
      return E.map((stream: LoadedStream<Event, State>) => ({ stream, use: noSnapshot, handledBefore: false }))(
        await loadStream(store, decider, registry, streamName, commandId, cachedCommands, verify),
      )
    const loaded = await loadWithSnapshot(store, decider, registry, streamName, commandId, snapshots, verify)
    if (E.isRight(loaded)) {
      span.setAttribute('pembina.snapshot.load', snapshotUseText(loaded.right.use))
      span.setAttribute('pembina.snapshot.folded', loaded.right.stream.folded)
    }
    return loaded
  }

  return {
    load: async (streamName, commandId, span) => {
      const cached = await loadCached(streamName, commandId, span)
      if (cached !== undefined) return cached
      const loaded = await loadUncached(streamName, commandId, span)
      if (E.isRight(loaded)) remember(streamName, loaded.right.stream)
      return loaded
    },
    loadWhole: async (streamName, commandId) => {
      const recentLimit = snapshots === undefined ? cachedCommands : snapshotCommandLimit
      const loaded = await loadStream(store, decider, registry, streamName, commandId, recentLimit, verify)
      if (E.isRight(loaded)) remember(streamName, loaded.right)
      return E.map((stream: LoadedStream<Event, State>) => ({ stream, use: noSnapshot, handledBefore: false }))(loaded)
    },
    noteWritten: (streamName, commandId, stream, written) => {
      const last = written[written.length - 1]
      if (cache === undefined || last === undefined) return
      let state = stream.state
      for (const { event } of written) state = decider.evolve(state, event)
      const recent = recentCommands(cachedCommands, stream.recentCommandIds)
      recent.note(commandId)
      remember(streamName, {
        ...stream,
        state,
        revision: last.revision,
        lastHash: last.metadata.hash,
        recentCommandIds: recent.ids(),
      })
    },
    saveSnapshot: async (span, streamName, commandId, loaded, written) => {
      if (snapshots === undefined || loaded.use === fromCache) return
      await saveSnapshotTraced(
        span,
        snapshots.store,
        () => nextSnapshot(snapshots, decider, streamName, commandId, loaded, written),
        snapshots.maxBytes,
      )
    },
  }
}
