import { entryOf } from '../kernel/index.js'
import type { MentorRosterEvent } from './events.js'
import type { MentorRosterState } from './state.js'

/** Proves every event type is handled, and leaves the state as it is should an unknown one arrive at run time. */
const unknownEvent = (_event: never, state: MentorRosterState): MentorRosterState => state

const without = <V>(record: Readonly<Record<string, V>>, key: string): Readonly<Record<string, V>> =>
  Object.fromEntries(Object.entries(record).filter(([each]) => each !== key))

/** Applies one event to a mentor's roster; total: an event that does not fit the state leaves it unchanged. */
export const evolveMentorRoster = (state: MentorRosterState, event: MentorRosterEvent): MentorRosterState => {
  switch (event.type) {
    case 'MentorPlaceReserved': {
      const { mentorshipId, menteeNip, request, at } = event.data
      // A released mentorship never holds a place again; one already holding keeps the place it has.
      if (entryOf(state.released, mentorshipId) !== undefined || entryOf(state.places, mentorshipId) !== undefined)
        return state
      return { ...state, places: { ...state.places, [mentorshipId]: { menteeNip, request, reservedAt: at } } }
    }
    case 'MentorPlaceRefused': {
      const { mentorshipId, request } = event.data
      const before = entryOf(state.refused, mentorshipId) ?? 0
      return request <= before ? state : { ...state, refused: { ...state.refused, [mentorshipId]: request } }
    }
    case 'MentorPlaceReleased': {
      const { mentorshipId, reason } = event.data
      if (entryOf(state.released, mentorshipId) !== undefined) return state
      return {
        ...state,
        places: entryOf(state.places, mentorshipId) === undefined ? state.places : without(state.places, mentorshipId),
        released: { ...state.released, [mentorshipId]: reason },
      }
    }
    default:
      return unknownEvent(event, state)
  }
}
