import type { Either } from 'fp-ts/lib/Either.js'
import { absurd, accept, type Decider, entryOf, nothing } from '../kernel/index.js'
import { checkedPolicy, type PolicyConfig } from '../shared/index.js'
import type { MentorRosterCommand, ReleaseMentorPlace, ReserveMentorPlace } from './commands.js'
import type { MentorRosterEvent } from './events.js'
import { evolveMentorRoster } from './evolve.js'
import { type MentorRosterRejection, mentorRosterRejections } from './rejections.js'
import { initialMentorRosterState, type MentorRosterState, placesHeld } from './state.js'

const { refuse } = mentorRosterRejections

/** What deciding a roster command leads to: events (none when already applied) or a rejection. */
type Decision = Either<MentorRosterRejection, readonly MentorRosterEvent[]>

const bySystem = 'the system (the mentor-capacity policy)'

/**
 * Reserves a place while the mentor holds fewer than `maxActiveMentees`, and records a refusal otherwise. The same
 * request again, or an older one, changes nothing (its answer stands), nor does a reservation for a mentorship that
 * already holds a place; a mentorship released is refused for good.
 */
const reserve = (command: ReserveMentorPlace, state: MentorRosterState, config: PolicyConfig): Decision => {
  const { at, actor, data } = command
  if (actor.kind !== 'system') return refuse('actor-not-allowed', bySystem)
  const { mentorNip, mentorshipId, menteeNip, request } = data
  if (entryOf(state.released, mentorshipId) !== undefined) return refuse('mentorship-released', mentorshipId)
  if (entryOf(state.places, mentorshipId) !== undefined) return nothing
  if (request <= (entryOf(state.refused, mentorshipId) ?? 0)) return nothing
  const active = placesHeld(state)
  const max = config.mentorship.maxActiveMentees
  if (active >= max)
    return accept<MentorRosterEvent>({
      type: 'MentorPlaceRefused',
      data: { at, mentorNip, mentorshipId, menteeNip, request, active, max },
    })
  return accept<MentorRosterEvent>({
    type: 'MentorPlaceReserved',
    data: { at, mentorNip, mentorshipId, menteeNip, request, activeAfter: active + 1 },
  })
}

/** Releases a mentorship's place, once; a mentorship that held none is recorded as released all the same. */
const release = (command: ReleaseMentorPlace, state: MentorRosterState): Decision => {
  const { at, actor, data } = command
  if (actor.kind !== 'system') return refuse('actor-not-allowed', bySystem)
  const { mentorNip, mentorshipId, reason } = data
  if (entryOf(state.released, mentorshipId) !== undefined) return nothing
  return accept<MentorRosterEvent>({
    type: 'MentorPlaceReleased',
    data: { at, mentorNip, mentorshipId, reason, held: entryOf(state.places, mentorshipId) !== undefined },
  })
}

/**
 * The mentor roster decider: one stream per mentor keeps the places held against `mentorship.maxActiveMentees`, so
 * the limit holds however many acceptances are handled at once (DOMAIN.md §3).
 */
export const mentorRosterDecider = (
  config: PolicyConfig,
): Decider<MentorRosterCommand, MentorRosterEvent, MentorRosterState, MentorRosterRejection> => {
  checkedPolicy(config)
  return {
    initialState: initialMentorRosterState,
    decide: (command, state) => {
      switch (command.type) {
        case 'ReserveMentorPlace':
          return reserve(command, state, config)
        case 'ReleaseMentorPlace':
          return release(command, state)
        default:
          return absurd(command)
      }
    },
    evolve: evolveMentorRoster,
  }
}
