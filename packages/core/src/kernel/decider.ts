import type { Either } from 'fp-ts/lib/Either.js'

/**
 * An aggregate's behaviour as three pure parts: the state before any event, the decision a command
 * leads to in a state (events, or a rejection), and how an event changes the state.
 * `decide` never throws, reads no clock and does no I/O; a command that changes nothing yields no events.
 *
 * `facts` is what the command handler read elsewhere for the command before deciding (for Pembina, the personnel
 * registry: who was whose direct atasan at the command's instant), passed as a value so `decide` stays pure. A
 * decider that needs none ignores it; one that does applies its rules without them when none are given.
 */
export interface Decider<Command, Event, State, Reject, Facts = unknown> {
  readonly initialState: State
  readonly decide: (command: Command, state: State, facts?: Facts) => Either<Reject, readonly Event[]>
  readonly evolve: (state: State, event: Event) => State
}

/** Folds events over a decider's initial state. */
export const fold = <Command, Event, State, Reject, Facts>(
  decider: Decider<Command, Event, State, Reject, Facts>,
  events: Iterable<Event>,
  from: State = decider.initialState,
): State => {
  let state = from
  for (const event of events) state = decider.evolve(state, event)
  return state
}
