import type { Either } from 'fp-ts/lib/Either.js'

/**
 * An aggregate's behaviour as three pure parts: the state before any event, the decision a command
 * leads to in a state (events, or a rejection), and how an event changes the state.
 * `decide` never throws, reads no clock and does no I/O; a command that changes nothing yields no events.
 */
export interface Decider<Command, Event, State, Reject> {
  readonly initialState: State
  readonly decide: (command: Command, state: State) => Either<Reject, readonly Event[]>
  readonly evolve: (state: State, event: Event) => State
}

/** Folds events over a decider's initial state. */
export const fold = <Command, Event, State, Reject>(
  decider: Decider<Command, Event, State, Reject>,
  events: Iterable<Event>,
  from: State = decider.initialState,
): State => {
  let state = from
  for (const event of events) state = decider.evolve(state, event)
  return state
}
