import type { Instant, Nip } from '../shared/index.js'
import type { PlaceReleaseReason } from './commands.js'

/** A place a mentorship holds: for which mentee, under which acceptance request, since when. */
export interface HeldPlace {
  readonly menteeNip: Nip
  readonly request: number
  readonly reservedAt: Instant
}

/**
 * One mentor's places: those held, by mentorship id; the latest request refused for each mentorship (a request up to
 * it gets no place); and the mentorships released (none of them gets a place again). Records are keyed by id (own
 * keys only) so the state snapshots as JSON.
 */
export interface MentorRosterState {
  readonly places: Readonly<Record<string, HeldPlace>>
  readonly refused: Readonly<Record<string, number>>
  readonly released: Readonly<Record<string, PlaceReleaseReason>>
}

/** The state before any event: no place held. */
export const initialMentorRosterState: MentorRosterState = { places: {}, refused: {}, released: {} }

/** How many places the mentor holds: what the limit `maxActiveMentees` counts. */
export const placesHeld = (state: MentorRosterState): number => Object.keys(state.places).length
