import * as E from 'fp-ts/lib/Either.js'

/** Accepts a command with these events (an empty list: nothing to do, already done). */
export const accept = <Event>(...events: readonly Event[]): E.Either<never, readonly Event[]> => E.right(events)

/** Accepts a command that changes nothing: it was already applied. */
export const nothing: E.Either<never, readonly never[]> = E.right([])

/** Refuses a command with a rejection. */
export const refuse = <Reject>(reason: Reject): E.Either<Reject, never> => E.left(reason)
