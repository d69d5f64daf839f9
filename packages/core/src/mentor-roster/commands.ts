import * as t from 'io-ts'
import { oneOf, taggedUnion } from '../kernel/index.js'
import { command, Nip } from '../shared/index.js'
import { PlaceMentorshipId, PlaceRequest } from './identifiers.js'

/** Codec for why a place is released: its mentorship completed, ended early, or was declined. */
export const PlaceReleaseReason = oneOf(['completed', 'ended', 'declined'], 'PlaceReleaseReason')
/** Why a place is released. */
export type PlaceReleaseReason = t.TypeOf<typeof PlaceReleaseReason>

/**
 * Reserves one of the mentor's places for a mentorship whose acceptance the mentor asked for (request `request` of
 * that mentorship). Sent by the mentor-capacity policy (the system), never by a person.
 */
export const ReserveMentorPlace = command(
  'ReserveMentorPlace',
  t.strict({ mentorNip: Nip, mentorshipId: PlaceMentorshipId, menteeNip: Nip, request: PlaceRequest }),
)
/** Reserves a mentor's place for a mentorship. */
export type ReserveMentorPlace = t.TypeOf<typeof ReserveMentorPlace>

/** Releases the place a mentorship holds, once it completed, ended or was declined. Sent by a policy (the system). */
export const ReleaseMentorPlace = command(
  'ReleaseMentorPlace',
  t.strict({ mentorNip: Nip, mentorshipId: PlaceMentorshipId, reason: PlaceReleaseReason }),
)
/** Releases a mentor's place. */
export type ReleaseMentorPlace = t.TypeOf<typeof ReleaseMentorPlace>

/** Codec for every command of a mentor's roster, told apart by `type`. */
export const MentorRosterCommand = taggedUnion(
  'type',
  { ReserveMentorPlace, ReleaseMentorPlace },
  'MentorRosterCommand',
)
/** A command of a mentor's roster. */
export type MentorRosterCommand = t.TypeOf<typeof MentorRosterCommand>
