import * as E from 'fp-ts/lib/Either.js'
import type { Decider } from '@pembina/core'

/** One command of a scenario: the state it met, what the decider decided, and the state after. */
export interface ScenarioStep<Command, Event, State, Reject> {
  readonly command: Command
  readonly before: State
  readonly result: E.Either<Reject, readonly Event[]>
  readonly after: State
}

/** A scenario run through a decider: every step, the accepted events in order (the stream), and the final state. */
export interface ScenarioRun<Command, Event, State, Reject> {
  readonly steps: readonly ScenarioStep<Command, Event, State, Reject>[]
  readonly events: readonly Event[]
  readonly state: State
}

/**
 * Decides each command against the state folded so far; accepted events are applied, refused commands leave the
 * state as it was. The states of the steps are the reachable states a property checks its invariants on.
 */
export const runScenario = <Command, Event, State, Reject, Facts = never>(
  decider: Decider<Command, Event, State, Reject, Facts>,
  commands: readonly Command[],
): ScenarioRun<Command, Event, State, Reject> => {
  const steps: ScenarioStep<Command, Event, State, Reject>[] = []
  const events: Event[] = []
  let state = decider.initialState
  for (const command of commands) {
    const result = decider.decide(command, state)
    const before = state
    if (E.isRight(result))
      for (const event of result.right) {
        events.push(event)
        state = decider.evolve(state, event)
      }
    steps.push({ command, before, result, after: state })
  }
  return { steps, events, state }
}
