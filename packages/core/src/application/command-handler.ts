import { context as otelContext, type Span, SpanStatusCode, trace, type Tracer } from '@opentelemetry/api'
import * as E from 'fp-ts/lib/Either.js'
import type * as TE from 'fp-ts/lib/TaskEither.js'
import type { Decider } from '../kernel/decider.js'
import type { DomainEvent } from '../kernel/domain-event.js'
import type {
  AppendError,
  AppendResult,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  InvalidAppend,
} from '../kernel/event-store.js'
import type { EventRegistry } from '../kernel/registry.js'
import type {
  CommandContext,
  HandledCommand,
  HandleFailure,
  HandleInvalidEvent,
  HandleResult,
  WrittenEvent,
} from './handle-outcome.js'
import { newEvents } from './new-events.js'
import { backoffDelay, defaultRetryPolicy, type RetryPolicy, timerSleep } from './retry-backoff.js'
import { recentCommands, snapshotCommandLimit } from './recent-commands.js'
import {
  loadFromBase,
  loadWithSnapshot,
  type SnapshotLoad,
  type SnapshotOptions,
  type SnapshotUse,
} from './snapshot-load.js'
import { nextSnapshot, saveSnapshotTraced, snapshotUseText } from './snapshot-save.js'
import type { StateCache } from './state-cache.js'
import { type LoadedStream, type LoadFailure, loadStream } from './stream-load.js'

/** What a command handler is built from: a store, an aggregate (decider and event registry) and where its streams are. */
export interface CommandHandlerOptions<Command extends HandledCommand, Event extends DomainEvent, State, Reject> {
  readonly store: EventStore
  readonly decider: Decider<Command, Event, State, Reject>
  readonly registry: EventRegistry<Event>
  /** The stream a command addresses, e.g. `command => \`enrollment-${command.data.offeringId}\``. */
  readonly streamName: (command: Command) => string
  /** How conflicts are retried (defaults: `defaultRetryPolicy`). */
  readonly retry?: Partial<RetryPolicy>
  /** Waits between retries (default: a timer); tests inject one that does not wait. */
  readonly sleep?: (ms: number) => Promise<void>
  /** Where spans go (default: `trace.getTracer('@pembina/core')`, a no-op unless the host registers an SDK). */
  readonly tracer?: Tracer
  /** Opt-in snapshots for long streams (none by default); see `SnapshotOptions` for what they change. */
  readonly snapshots?: SnapshotOptions<State>
  /**
   * An in-process cache of folded states (`stateCache()`; none by default): a stream in it is read only from its
   * cached revision, whose hash must still match, instead of from the start. A command id found only among the cached
   * ids is loaded in full, so it still gets its first outcome back; one older than the cache's `commandLimit` most
   * recent commands of its stream is decided again, and its events, with the same ids, are never written twice: the
   * store refuses them, the handler reads the whole stream and returns the first outcome. With a cache, snapshots are
   * saved only by loads that missed it.
   */
  readonly cache?: StateCache<State>
}

/** Handles an aggregate's commands: load, fold, decide, append with the expected revision, retry on conflict. */
export interface CommandHandler<Command extends HandledCommand, Event extends DomainEvent, Reject> {
  readonly handle: (
    command: Command,
    context: CommandContext,
  ) => TE.TaskEither<HandleFailure<Reject>, HandleResult<Event>>
}

const noSnapshot: SnapshotUse = { status: 'none' }
// A load from the state cache; compared by identity, so a cached load never saves a snapshot.
const fromCache: SnapshotUse = { status: 'none' }

type Outcome<Event extends DomainEvent, Reject> = E.Either<HandleFailure<Reject>, HandleResult<Event>>

const outcomeName = <Event extends DomainEvent, Reject>(outcome: Outcome<Event, Reject>): string =>
  E.isLeft(outcome)
    ? outcome.left.kind
    : outcome.right.written
      ? 'written'
      : outcome.right.events.length > 0
        ? 'duplicate'
        : 'unchanged'

const tracedAppend = async (
  tracer: Tracer,
  parent: Span,
  store: EventStore,
  streamName: string,
  events: readonly EventToAppend[],
  expected: ExpectedRevision,
): Promise<E.Either<AppendError, AppendResult>> => {
  const span = tracer.startSpan(
    'pembina.append',
    {
      attributes: {
        'pembina.stream': streamName,
        'pembina.events': events.length,
        'pembina.expected_revision': String(expected),
      },
    },
    trace.setSpan(otelContext.active(), parent),
  )
  try {
    const result = await store.append(streamName, events, expected)()
    span.setAttribute(
      'pembina.outcome',
      E.isLeft(result) ? result.left._tag : result.right.written ? 'written' : 'already-written',
    )
    if (E.isLeft(result)) span.setStatus({ code: SpanStatusCode.ERROR, message: result.left._tag })
    return result
  } catch (cause) {
    // A store should return its failures; one that rejects instead is still reported as unavailable, not lost.
    span.setAttribute('pembina.outcome', 'StoreUnavailable')
    span.setStatus({ code: SpanStatusCode.ERROR, message: String(cause) })
    return E.left({ _tag: 'StoreUnavailable', message: cause instanceof Error ? cause.message : String(cause), cause })
  } finally {
    span.end()
  }
}

/** A batch the store refused as invalid, as the handler reports it: the event's type, and the store's reason. */
const refusedByStore = (error: InvalidAppend, events: readonly EventToAppend[]): HandleInvalidEvent => ({
  kind: 'invalid-event',
  streamName: error.streamName,
  eventType: events.find(event => event.eventId === error.eventId)?.type ?? 'unknown',
  reason: `the store refused event ${error.eventId}: ${error.reason}`,
})

/**
 * Builds a command handler. Each `handle` loads the command's stream, refuses to decide on a corrupt one, returns the
 * first outcome again for a command id already in the stream, otherwise decides and appends the events with full
 * metadata and hash chain at the loaded revision, reloading and retrying (with backoff) when another writer got there
 * first. Event ids are uuid v5 of the command id and index, so a repeated command can never write twice.
 */
export const commandHandler = <Command extends HandledCommand, Event extends DomainEvent, State, Reject>(
  options: CommandHandlerOptions<Command, Event, State, Reject>,
): CommandHandler<Command, Event, Reject> => {
  const { store, decider, registry } = options
  const policy: RetryPolicy = { ...defaultRetryPolicy, ...options.retry }
  const attempts = Number.isFinite(policy.attempts)
    ? Math.max(1, Math.floor(policy.attempts))
    : defaultRetryPolicy.attempts
  const sleep = options.sleep ?? timerSleep
  const tracer = options.tracer ?? trace.getTracer('@pembina/core')
  const { snapshots, cache } = options
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
    const loaded = await loadFromBase(store, decider, registry, streamName, commandId, entry, cachedCommands)
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

  const loadUncached = async (
    streamName: string,
    commandId: string,
    span: Span,
  ): Promise<E.Either<LoadFailure, SnapshotLoad<Event, State>>> => {
    if (snapshots === undefined)
      return E.map((stream: SnapshotLoad<Event, State>['stream']) => ({
        stream,
        use: noSnapshot,
        handledBefore: false,
      }))(await loadStream(store, decider, registry, streamName, commandId, cachedCommands))
    const loaded = await loadWithSnapshot(store, decider, registry, streamName, commandId, snapshots)
    if (E.isRight(loaded)) {
      span.setAttribute('pembina.snapshot.load', snapshotUseText(loaded.right.use))
      span.setAttribute('pembina.snapshot.folded', loaded.right.stream.folded)
    }
    return loaded
  }

  type Load = (
    streamName: string,
    commandId: string,
    span: Span,
  ) => Promise<E.Either<LoadFailure, SnapshotLoad<Event, State>>>

  const load: Load = async (streamName, commandId, span) => {
    const cached = await loadCached(streamName, commandId, span)
    if (cached !== undefined) return cached
    const loaded = await loadUncached(streamName, commandId, span)
    if (E.isRight(loaded)) remember(streamName, loaded.right.stream)
    return loaded
  }

  /** The stream read from its first event, past any cache entry or snapshot, for a command it may hold already. */
  const loadWhole: Load = async (streamName, commandId) => {
    const recentLimit = snapshots === undefined ? cachedCommands : snapshotCommandLimit
    const loaded = await loadStream(store, decider, registry, streamName, commandId, recentLimit)
    if (E.isRight(loaded)) remember(streamName, loaded.right)
    return E.map((stream: LoadedStream<Event, State>) => ({ stream, use: noSnapshot, handledBefore: false }))(loaded)
  }

  /** The stream after this command's events, for the cache: their fold over the loaded state. */
  const afterWrite = (
    commandId: string,
    stream: LoadedStream<Event, State>,
    written: readonly WrittenEvent<Event>[],
  ): LoadedStream<Event, State> => {
    const last = written[written.length - 1]
    if (last === undefined) return stream
    let state = stream.state
    for (const { event } of written) state = decider.evolve(state, event)
    const recent = recentCommands(cachedCommands, stream.recentCommandIds)
    recent.note(commandId)
    return {
      ...stream,
      state,
      revision: last.revision,
      lastHash: last.metadata.hash,
      recentCommandIds: recent.ids(),
    }
  }

  const run = async (
    command: Command,
    context: CommandContext,
    streamName: string,
    span: Span,
  ): Promise<Outcome<Event, Reject>> => {
    // Becomes the whole-stream read when the store refused this command's events although the stream had not moved:
    // their ids are in it already, before the cached revision or the snapshot, where only a whole read finds them.
    let loadNext: Load = load
    for (let attempt = 1; ; attempt++) {
      span.setAttribute('pembina.attempts', attempt)
      if (attempt > 1) await sleep(backoffDelay(policy, context.commandId, attempt - 1))
      const loaded = await loadNext(streamName, context.commandId, span)
      if (E.isLeft(loaded)) return loaded
      const { stream, handledBefore } = loaded.right
      // Every outcome after a load may leave a snapshot behind; a failed save is only reported on the span.
      const finish = async (
        outcome: Outcome<Event, Reject>,
        written: readonly WrittenEvent<Event>[] = [],
      ): Promise<Outcome<Event, Reject>> => {
        if (snapshots !== undefined && loaded.right.use !== fromCache)
          await saveSnapshotTraced(span, snapshots.store, () =>
            nextSnapshot(snapshots, decider, streamName, context.commandId, loaded.right, written),
          )
        return outcome
      }
      const last = stream.earlier[stream.earlier.length - 1]
      if (last !== undefined)
        return finish(
          E.right({
            streamName,
            events: stream.earlier,
            nextExpectedRevision: last.revision,
            position: stream.earlierPosition,
            written: false,
            attempts: attempt,
          }),
        )
      const unchanged: HandleResult<Event> = {
        streamName,
        events: [],
        nextExpectedRevision: stream.revision,
        position: null,
        written: false,
        attempts: attempt,
      }
      // Handled before the snapshot: its events are in the stream, but this load did not read them.
      if (handledBefore) return finish(E.right(unchanged))
      const decision = decider.decide(command, stream.state)
      if (E.isLeft(decision)) return finish(E.left({ kind: 'rejected', streamName, rejection: decision.left }))
      if (decision.right.length === 0) return finish(E.right(unchanged))
      const head = { streamName, revision: stream.revision, lastHash: stream.lastHash }
      const built = newEvents(registry, command, context, head, decision.right)
      if (E.isLeft(built)) return built
      const appended = await tracedAppend(tracer, span, store, streamName, built.right.toAppend, stream.revision)
      if (E.isRight(appended) && appended.right.written)
        remember(streamName, afterWrite(context.commandId, stream, built.right.written))
      if (E.isRight(appended))
        return finish(
          E.right({
            streamName,
            events: built.right.written,
            nextExpectedRevision: appended.right.nextExpectedRevision,
            position: appended.right.position,
            written: appended.right.written,
            attempts: attempt,
          }),
          appended.right.written ? built.right.written : [],
        )
      const error = appended.left
      if (error._tag === 'StoreUnavailable')
        return E.left({ kind: 'unavailable', streamName, message: error.message, cause: error.cause })
      if (error._tag === 'InvalidAppend') return E.left(refusedByStore(error, built.right.toAppend))
      if (attempt >= attempts)
        return E.left({ kind: 'conflict', streamName, attempts, expected: error.expected, actual: error.actual })
      loadNext = error.actual === stream.revision ? loadWhole : load
    }
  }

  return {
    handle: (command, context) => async () => {
      const span = tracer.startSpan(`pembina.handle ${command.type}`, {
        attributes: { 'pembina.command.type': command.type, 'pembina.command.id': context.commandId },
      })
      try {
        const streamName = options.streamName(command)
        span.setAttribute('pembina.stream', streamName)
        const outcome = await run(command, context, streamName, span)
        span.setAttribute('pembina.outcome', outcomeName(outcome))
        if (E.isLeft(outcome) && outcome.left.kind !== 'rejected')
          span.setStatus({ code: SpanStatusCode.ERROR, message: outcome.left.kind })
        return outcome
      } catch (cause) {
        span.recordException(cause instanceof Error ? cause : String(cause))
        span.setStatus({ code: SpanStatusCode.ERROR, message: String(cause) })
        throw cause
      } finally {
        span.end()
      }
    },
  }
}
