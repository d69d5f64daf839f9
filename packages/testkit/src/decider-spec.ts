import assert from 'node:assert/strict'
import * as E from 'fp-ts/lib/Either.js'
import { type Decider, fold } from '@pembina/core'

/** The outcome of `when`: assertions on what the decider decided. */
export interface Then<Event, Reject extends { readonly code: string }> {
  /** The raw decision, for assertions the helpers below do not cover. */
  readonly result: E.Either<Reject, readonly Event[]>
  /**
   * Asserts the command was accepted with exactly these events, in order. (Not `then`: a value with a `then` method
   * is taken for a promise by `await`, which would swallow the assertion.)
   */
  readonly thenEvents: (expected: readonly Event[]) => void
  /** Asserts the command was refused with this rejection code. */
  readonly thenRejects: (code: Reject['code']) => void
  /** Asserts the command was accepted and changed nothing (already applied). */
  readonly thenNothing: () => void
}

/** A given/when/then specification for a decider: given past events, when a command, then events, a rejection or nothing. */
export interface DeciderSpec<Command, Event, Reject extends { readonly code: string }, Facts = never> {
  readonly given: (...events: readonly Event[]) => {
    /** Decides the command on the state the events lead to, with the facts a handler would have read for it. */
    readonly when: (command: Command, facts?: Facts) => Then<Event, Reject>
  }
}

const describeResult = <Event, Reject>(result: E.Either<Reject, readonly Event[]>): string =>
  E.isLeft(result) ? `rejected with ${JSON.stringify(result.left)}` : `accepted with ${JSON.stringify(result.right)}`

/** Builds a given/when/then specification for a decider. */
export const deciderSpec = <Command, Event, State, Reject extends { readonly code: string }, Facts = never>(
  decider: Decider<Command, Event, State, Reject, Facts>,
): DeciderSpec<Command, Event, Reject, Facts> => ({
  given: (...events) => ({
    when: (command, facts) => {
      const result = decider.decide(command, fold(decider, events), facts)
      const thenEvents = (expected: readonly Event[]): void => {
        assert.ok(E.isRight(result), `expected events, but the command was ${describeResult(result)}`)
        assert.deepStrictEqual(result.right, expected)
      }
      return {
        result,
        thenEvents,
        thenRejects: code => {
          assert.ok(E.isLeft(result), `expected rejection "${code}", but the command was ${describeResult(result)}`)
          assert.equal(result.left.code, code, `expected rejection "${code}", got ${JSON.stringify(result.left)}`)
        },
        thenNothing: () => {
          thenEvents([])
        },
      }
    },
  }),
})
