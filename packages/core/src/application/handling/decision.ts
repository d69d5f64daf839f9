import * as E from 'fp-ts/lib/Either.js'
import type { Decider } from '../../kernel/decider.js'
import type { PersonnelFacts } from '../../shared/personnel-facts.js'
import type { DomainEvent } from '../../kernel/domain-event.js'
import type { SnapshotLoad } from '../loading/index.js'
import type { HandleFailure, HandleResult } from './handle-outcome.js'

/** What handling a command came to. */
export type Outcome<Event extends DomainEvent, Reject> = E.Either<HandleFailure<Reject>, HandleResult<Event>>

/** What a command comes to on its loaded stream: an outcome settled without writing, or events to append. */
export type Decision<Event extends DomainEvent, Reject> =
  | { readonly kind: 'settled'; readonly outcome: Outcome<Event, Reject> }
  | { readonly kind: 'append'; readonly events: readonly Event[] }

const settled = <Event extends DomainEvent, Reject>(outcome: Outcome<Event, Reject>): Decision<Event, Reject> => ({
  kind: 'settled',
  outcome,
})

/**
 * Decides a command on its loaded stream: the first outcome again when the stream holds the command's events,
 * nothing when it was handled before the snapshot, else the decider's rejection, nothing to do, or events to append.
 */
export const decideOn = <Command, Event extends DomainEvent, State, Reject>(
  decider: Decider<Command, Event, State, Reject, PersonnelFacts>,
  command: Command,
  streamName: string,
  loaded: SnapshotLoad<Event, State>,
  attempts: number,
  facts?: PersonnelFacts,
): Decision<Event, Reject> => {
  const { stream, handledBefore } = loaded
  const last = stream.earlier[stream.earlier.length - 1]
  if (last !== undefined)
    return settled(
      E.right({
        streamName,
        events: stream.earlier,
        nextExpectedRevision: last.revision,
        position: stream.earlierPosition,
        written: false,
        attempts,
      }),
    )
  const unchanged = (): Decision<Event, Reject> =>
    settled(
      E.right({
        streamName,
        events: [],
        nextExpectedRevision: stream.revision,
        position: null,
        written: false,
        attempts,
      }),
    )
  // Handled before the snapshot: its events are in the stream, but this load did not read them.
  if (handledBefore) return unchanged()
  const decision = decider.decide(command, stream.state, facts)
  if (E.isLeft(decision)) return settled(E.left({ kind: 'rejected', streamName, rejection: decision.left }))
  if (decision.right.length === 0) return unchanged()
  return { kind: 'append', events: decision.right }
}
