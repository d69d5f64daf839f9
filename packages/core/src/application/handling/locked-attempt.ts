import type { Span, Tracer } from '@opentelemetry/api'
import * as E from 'fp-ts/lib/Either.js'
import type { Decider } from '../../kernel/decider.js'
import type { PersonnelFacts } from '../../shared/personnel-facts.js'
import type { DomainEvent } from '../../kernel/domain-event.js'
import type {
  AppendError,
  AppendResult,
  ConcurrencyConflict,
  EventStore,
  LockedWrite,
  LockedWriteResult,
  StoredRecord,
} from '../../kernel/event-store.js'
import type { EventRegistry } from '../../kernel/registry.js'
import type { ChainKeyring } from '../integrity/index.js'
import { type ChainCheck, type CheckedRecords, foldRecordsNow, type LoadedStream } from '../loading/index.js'
import { decideOn, type Outcome } from './decision.js'
import type { CommandContext, HandledCommand } from './handle-outcome.js'
import { type NewEvents, newEvents } from './new-events.js'
import { endAppendSpan, refusedAppend, rejectedByStore, startAppendSpan } from './traced-append.js'

/** What one attempt under the lock needs: the store's locked write, the decider, and the command with its span. */
export interface LockedAttempt<Command extends HandledCommand, Event extends DomainEvent, State, Reject> {
  readonly readAndAppend: NonNullable<EventStore['readAndAppend']>
  readonly tracer: Tracer
  readonly span: Span
  readonly decider: Decider<Command, Event, State, Reject, PersonnelFacts>
  /** The personnel facts the command's rules need, read once before the first attempt. */
  readonly facts?: PersonnelFacts
  readonly registry: EventRegistry<Event>
  readonly command: Command
  readonly context: CommandContext
  readonly streamName: string
  readonly attempt: number
  /** What checking the records a store marked as never changing came to, kept across the handler's commands. */
  readonly checked: CheckedRecords<Event>
  /** Verify the hash chain of every event folded (`verifyOnLoad`). */
  readonly verify: ChainCheck | undefined
  /** The most the command's events may take (`maxCommandBytes`). */
  readonly maxCommandBytes: number
  /** The keyring whose current key the new events' MACs are made with (`chainKeys`), when the chain is keyed. */
  readonly keys: ChainKeyring | undefined
}

/**
 * One attempt at a command on a store that reads and appends under one write lock (`readAndAppend`): the stream is
 * read, folded, decided on and its new events built and appended in one step, so no other writer can come between
 * and no conflict is met on the way. The outcome is the command's, or a conflict (its events' ids already stored at
 * other revisions) for the caller's retries.
 */
export const lockedAttempt = async <Command extends HandledCommand, Event extends DomainEvent, State, Reject>(
  attempt: LockedAttempt<Command, Event, State, Reject>,
): Promise<E.Either<ConcurrencyConflict, Outcome<Event, Reject>>> => {
  const { tracer, span, decider, registry, command, context, streamName } = attempt
  // Set once the write under the lock has built events: the append's span, and the events for a failure's report.
  let appending: { readonly span: Span; readonly built: NewEvents<Event> } | undefined
  const write = (records: Iterable<StoredRecord>): LockedWrite<Outcome<Event, Reject> | undefined> => {
    const loaded = foldRecordsNow(records, decider, registry, streamName, context.commandId, {
      checked: attempt.checked,
      ...(attempt.verify === undefined ? {} : { verify: attempt.verify }),
    })
    if (E.isLeft(loaded)) return { value: loaded }
    const stream: LoadedStream<Event, State> = loaded.right
    const loadedStream = { stream, use: { status: 'none' }, handledBefore: false } as const
    const decision = decideOn(decider, command, streamName, loadedStream, attempt.attempt, attempt.facts)
    if (decision.kind === 'settled') return { value: decision.outcome }
    const head = { streamName, revision: stream.revision, lastHash: stream.lastHash }
    const built = newEvents(registry, command, context, head, decision.events, attempt.maxCommandBytes, attempt.keys)
    if (E.isLeft(built)) return { value: built }
    appending = {
      span: startAppendSpan(tracer, span, streamName, built.right.toAppend.length, stream.revision),
      built: built.right,
    }
    return { value: undefined, append: { events: built.right.toAppend, expected: stream.revision } }
  }
  let result: E.Either<AppendError, LockedWriteResult<Outcome<Event, Reject> | undefined>>
  try {
    result = await attempt.readAndAppend(streamName, 0, write)()
  } catch (cause) {
    result = E.left(rejectedByStore(cause))
  }
  if (E.isRight(result) && result.right.value !== undefined) return E.right(result.right.value)
  const appended: E.Either<AppendError, AppendResult> = E.isLeft(result)
    ? result
    : result.right.appended === null
      ? E.left(rejectedByStore(new Error(`the store did not append to ${streamName}`)))
      : E.right(result.right.appended)
  if (appending !== undefined) endAppendSpan(appending.span, appended)
  const toAppend = appending?.built.toAppend ?? []
  if (E.isLeft(appended))
    return appended.left._tag === 'ConcurrencyConflict'
      ? E.left(appended.left)
      : E.right(E.left(refusedAppend(streamName, appended.left, toAppend)))
  const { nextExpectedRevision, position, written } = appended.right
  return E.right(
    E.right({
      streamName,
      events: appending?.built.written ?? [],
      nextExpectedRevision,
      position,
      written,
      attempts: attempt.attempt,
    }),
  )
}
