import * as E from 'fp-ts/lib/Either.js'
import type * as TE from 'fp-ts/lib/TaskEither.js'
import type { DomainEvent } from '../../kernel/domain-event.js'
import type { StoreUnavailable } from '../../kernel/event-store.js'
import type { CommandHandler } from '../handling/command-handler.js'
import type { CommandContext, HandledCommand, HandleFailure, HandleResult } from '../handling/handle-outcome.js'
import type { SubjectErased } from './sealing.js'

/**
 * Why a command with clear personal fields was not sealed: its data subject was erased (nothing new is sealed for
 * them), the subject could not be found (a later command on a stream that holds none), or the key store did not
 * answer. Nothing was written.
 */
export type SealFailure =
  | StoreUnavailable
  | SubjectErased
  | { readonly _tag: 'SubjectNotFound'; readonly streamName: string; readonly reason: string }

/** Turns a command as a caller brings it, personal fields in clear, into the command a decider sees: envelopes only. */
export type Sealer<Input, Command> = (input: Input) => TE.TaskEither<SealFailure, Command>

/** A command's personal fields could not be sealed: what the handler answers, beside its own failures. */
export interface HandleNotSealed {
  readonly kind: 'not-sealed'
  readonly streamName: string
  /** `subject-erased`, `subject-not-found` or `unavailable` (the key store did not answer). */
  readonly reason: 'subject-erased' | 'subject-not-found' | 'unavailable'
  readonly message: string
}

/** Why a command with personal fields in clear was not handled: sealing failed, or the handler's own failures. */
export type SealingFailure<Reject> = HandleFailure<Reject> | HandleNotSealed

/** Handles commands whose personal fields arrive in clear: seals them, then hands the sealed command on. */
export interface SealingHandler<Input, Event extends DomainEvent, Reject> {
  readonly handle: (input: Input, context: CommandContext) => TE.TaskEither<SealingFailure<Reject>, HandleResult<Event>>
}

const notSealed = (streamName: string, failure: SealFailure): HandleNotSealed => {
  switch (failure._tag) {
    case 'SubjectErased':
      return {
        kind: 'not-sealed',
        streamName,
        reason: 'subject-erased',
        message: `data subject ${failure.subjectId} was erased: nothing new is sealed for them`,
      }
    case 'SubjectNotFound':
      return { kind: 'not-sealed', streamName, reason: 'subject-not-found', message: failure.reason }
    case 'StoreUnavailable':
      return { kind: 'not-sealed', streamName, reason: 'unavailable', message: `key store: ${failure.message}` }
  }
}

/**
 * A command handler for callers that bring personal fields in clear (a name, a NIK, a complaint's description): each
 * input is sealed per data subject with AES-256-GCM (`Sealer`, one per aggregate) before the handler decides on it, so
 * the decider, the events and every read model see only envelopes. `streamOf` names the stream for a failure to seal.
 */
export const sealingHandler = <Input, Command extends HandledCommand, Event extends DomainEvent, Reject>(
  handler: CommandHandler<Command, Event, Reject>,
  sealer: Sealer<Input, Command>,
  streamOf: (input: Input) => string,
): SealingHandler<Input, Event, Reject> => ({
  handle: (input, context) => async () => {
    const sealed = await sealer(input)()
    if (E.isLeft(sealed)) return E.left(notSealed(streamOf(input), sealed.left))
    return handler.handle(sealed.right, context)()
  },
})

/** Finds the data subject of an aggregate by its id (a complaint's, from its filing), for the commands after it. */
export type SubjectOf = (id: string) => TE.TaskEither<SealFailure, string>

/** How many ids `rememberedSubjects` keeps by default: the most recently used. */
export const rememberedSubjectsCapacity = 10_000

/**
 * Remembers, per id, the data subject `subjectOf` found, so that the later commands of one aggregate seal without
 * reading its stream again (`complaintSubjectFromStore` reads a complaint's filing for each of them). It keeps only
 * pseudonymous subject ids, never a key or a clear value, and only subjects found (a failure is asked again next time),
 * at most `capacity` of them, the least recently used forgotten first.
 *
 * Meant for a `subjectOf` whose answer for an id never changes once found, as a complaint's subject does not. Nothing
 * it remembers can weaken a guarantee: the key is still asked of the key store at every seal (an erased subject is
 * refused), and the decider still checks that every envelope is sealed for the aggregate's subject, so a stale answer
 * would be refused (`wrong-data-subject`), never written.
 */
export const rememberedSubjects = (subjectOf: SubjectOf, capacity = rememberedSubjectsCapacity): SubjectOf => {
  const known = new Map<string, string>()
  const limit = Math.max(1, Math.floor(capacity))
  return id => async () => {
    const held = known.get(id)
    if (held !== undefined) {
      // Moved to the end: a Map iterates in insertion order, so its first key is the least recently used.
      known.delete(id)
      known.set(id, held)
      return E.right(held)
    }
    const found = await subjectOf(id)()
    if (E.isRight(found)) {
      known.set(id, found.right)
      for (const oldest of known.keys()) {
        if (known.size <= limit) break
        known.delete(oldest)
      }
    }
    return found
  }
}
