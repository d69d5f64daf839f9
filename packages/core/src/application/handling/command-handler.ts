import { type Span, trace } from '@opentelemetry/api'
import * as E from 'fp-ts/lib/Either.js'
import type * as TE from 'fp-ts/lib/TaskEither.js'
import type { DomainEvent } from '../../kernel/domain-event.js'
import type { AppendError, ConcurrencyConflict } from '../../kernel/event-store.js'
import { type CheckedRecords, type LoadedStream, streamLoader, type WrittenEvent } from '../loading/index.js'
import { decideOn, type Outcome } from './decision.js'
import type { CommandContext, HandleConflict, HandledCommand, HandleFailure, HandleResult } from './handle-outcome.js'
import { type CommandHandlerOptions, snapshotting } from './handler-options.js'
import { defaultMaxCommandBytes, type NewEvents, newEvents } from './new-events.js'
import { backoffDelay, defaultRetryPolicy, type RetryPolicy, timerSleep } from './retry-backoff.js'
import { refusedAppend, tracedAppend } from './traced-append.js'
import { tracedHandle } from './traced-handle.js'
import { lockedAttempt } from './locked-attempt.js'
import { chainKeyring } from '../integrity/index.js'
import type { PersonnelFacts } from '../../shared/personnel-facts.js'

/** The failure of a command whose every attempt met a conflict. */
const conflictAfter = (
  streamName: string,
  attempts: number,
  { expected, actual }: ConcurrencyConflict,
): HandleConflict => ({
  kind: 'conflict',
  streamName,
  attempts,
  expected,
  actual,
})

/** Handles an aggregate's commands: load, fold, decide, append with the expected revision, retry on conflict. */
export interface CommandHandler<Command extends HandledCommand, Event extends DomainEvent, Reject> {
  readonly handle: (
    command: Command,
    context: CommandContext,
  ) => TE.TaskEither<HandleFailure<Reject>, HandleResult<Event>>
}

/**
 * Builds a command handler. Each `handle` loads the command's stream, refuses to decide on a corrupt one, returns the
 * first outcome again for a command id already in the stream, otherwise decides and appends the events with full
 * metadata and hash chain at the loaded revision, reloading and retrying (with backoff) when another writer got there
 * first. Event ids are uuid v5 of the command id and index, so a repeated command can never write twice.
 */
export const commandHandler = <Command extends HandledCommand, Event extends DomainEvent, State, Reject, Config>(
  options: CommandHandlerOptions<Command, Event, State, Reject, Config>,
): CommandHandler<Command, Event, Reject> => {
  const { store, aggregate, cache, directory } = options
  const { factsNeeded } = aggregate
  const decider = aggregate.decider(options.config)
  const registry = aggregate.events
  const keys = options.chainKeys === undefined ? undefined : chainKeyring(options.chainKeys)
  const snapshots = snapshotting(aggregate, options.snapshots, keys)
  const verify = options.verifyOnLoad === true ? (keys === undefined ? {} : { keys }) : undefined
  const maxCommandBytes = options.maxCommandBytes ?? defaultMaxCommandBytes
  const loader = streamLoader({ store, decider, registry, snapshots, cache, verify })
  // A store that reads and appends under one write lock runs each attempt as one step; the cache and snapshots read
  // part of a stream outside the store, so a handler with either reads, then appends with the expected revision.
  const readAndAppend = cache === undefined && snapshots === undefined ? store.readAndAppend : undefined
  // Records a store hands out unchanged on every read (the in-memory store's) are checked once for all commands.
  const checked: CheckedRecords<Event> = new WeakMap()
  const policy: RetryPolicy = { ...defaultRetryPolicy, ...options.retry }
  const attempts = Number.isFinite(policy.attempts)
    ? Math.max(1, Math.floor(policy.attempts))
    : defaultRetryPolicy.attempts
  const sleep = options.sleep ?? timerSleep
  const tracer = options.tracer ?? trace.getTracer('@pembina/core')

  /** Appends a command's events at the revision they were decided on; written ones are noted in the cache. */
  const append = async (
    span: Span,
    streamName: string,
    commandId: string,
    stream: LoadedStream<Event, State>,
    built: NewEvents<Event>,
    attempt: number,
  ): Promise<E.Either<AppendError, HandleResult<Event>>> => {
    const appended = await tracedAppend(tracer, span, store, streamName, built.toAppend, stream.revision)
    if (E.isLeft(appended)) return appended
    const { written, nextExpectedRevision, position } = appended.right
    if (written) loader.noteWritten(streamName, commandId, stream, built.written)
    return E.right({ streamName, events: built.written, nextExpectedRevision, position, written, attempts: attempt })
  }

  const run = async (
    command: Command,
    context: CommandContext,
    streamName: string,
    span: Span,
  ): Promise<Outcome<Event, Reject>> => {
    const { commandId } = context
    // The personnel facts are read once, as of the command's instant: they do not change between attempts.
    let facts: PersonnelFacts | undefined
    if (directory !== undefined && factsNeeded !== undefined) {
      const read = await directory.factsFor(factsNeeded(command), command.at)
      if (E.isLeft(read)) return read
      facts = read.right
    }
    // Becomes the whole-stream read when the store refused this command's events although the stream had not moved:
    // their ids are in it already, before the cached revision or the snapshot, where only a whole read finds them.
    let load = loader.load
    for (let attempt = 1; ; attempt++) {
      span.setAttribute('pembina.attempts', attempt)
      if (attempt > 1) await sleep(backoffDelay(policy, commandId, attempt - 1))
      if (readAndAppend !== undefined) {
        const locked = {
          readAndAppend,
          tracer,
          span,
          decider,
          registry,
          command,
          context,
          streamName,
          attempt,
          checked,
          verify,
          maxCommandBytes,
          keys,
          ...(facts === undefined ? {} : { facts }),
        }
        const outcome = await lockedAttempt(locked)
        if (E.isRight(outcome)) return outcome.right
        if (attempt >= attempts) return E.left(conflictAfter(streamName, attempts, outcome.left))
        continue
      }
      const loaded = await load(streamName, commandId, span)
      if (E.isLeft(loaded)) return loaded
      const { stream } = loaded.right
      // Every outcome after a load may leave a snapshot behind.
      const finish = async (outcome: Outcome<Event, Reject>, written: readonly WrittenEvent<Event>[] = []) => {
        await loader.saveSnapshot(span, streamName, commandId, loaded.right, written)
        return outcome
      }
      const decision = decideOn(decider, command, streamName, loaded.right, attempt, facts)
      if (decision.kind === 'settled') return finish(decision.outcome)
      const head = { streamName, revision: stream.revision, lastHash: stream.lastHash }
      const built = newEvents(registry, command, context, head, decision.events, maxCommandBytes, keys)
      if (E.isLeft(built)) return built
      const appended = await append(span, streamName, commandId, stream, built.right, attempt)
      if (E.isRight(appended)) return finish(appended, appended.right.written ? appended.right.events : [])
      const error = appended.left
      if (error._tag !== 'ConcurrencyConflict') return E.left(refusedAppend(streamName, error, built.right.toAppend))
      if (attempt >= attempts) return E.left(conflictAfter(streamName, attempts, error))
      load = error.actual === stream.revision ? loader.loadWhole : loader.load
    }
  }

  return {
    handle: (command, context) => () =>
      tracedHandle(
        tracer,
        command,
        context,
        () => aggregate.streamOf(command),
        (streamName, span) => run(command, context, streamName, span),
      ),
  }
}
