import * as t from 'io-ts'
import { event, eventRegistry, eventSchemas, taggedUnion } from '../kernel/index.js'
import { Instant, Nip } from '../shared/index.js'
import { PlaceReleaseReason } from './commands.js'
import { PlaceCount, PlaceLimit, PlaceMentorshipId, PlaceRequest } from './identifiers.js'

/** A place of the mentor's was reserved for a mentorship; `activeAfter` is how many places the mentor now holds. */
export const MentorPlaceReserved = event(
  'MentorPlaceReserved',
  t.strict(
    {
      at: Instant,
      mentorNip: Nip,
      mentorshipId: PlaceMentorshipId,
      menteeNip: Nip,
      request: PlaceRequest,
      activeAfter: PlaceCount,
    },
    'MentorPlaceReservedData',
  ),
)

/** The mentor's places were all held (`active` of `max`), so none was reserved for the mentorship's request. */
export const MentorPlaceRefused = event(
  'MentorPlaceRefused',
  t.strict(
    {
      at: Instant,
      mentorNip: Nip,
      mentorshipId: PlaceMentorshipId,
      menteeNip: Nip,
      request: PlaceRequest,
      active: PlaceCount,
      max: PlaceLimit,
    },
    'MentorPlaceRefusedData',
  ),
)

/**
 * The mentorship's place was released, as it completed, ended or was declined. `held` is false when it held none:
 * recorded all the same, so that a reservation for it arriving later is refused and no place is ever left taken.
 */
export const MentorPlaceReleased = event(
  'MentorPlaceReleased',
  t.strict(
    { at: Instant, mentorNip: Nip, mentorshipId: PlaceMentorshipId, reason: PlaceReleaseReason, held: t.boolean },
    'MentorPlaceReleasedData',
  ),
)

/** Codec for every event of a mentor's roster, told apart by `type`. */
export const MentorRosterEvent = taggedUnion(
  'type',
  { MentorPlaceReserved, MentorPlaceRefused, MentorPlaceReleased },
  'MentorRosterEvent',
)
/** An event of a mentor's roster (stream `mentor-<nip>`). */
export type MentorRosterEvent = t.TypeOf<typeof MentorRosterEvent>

/** The mentor-roster event of one type (or of several). */
export type MentorRosterEventOf<Type extends MentorRosterEvent['type']> = Extract<
  MentorRosterEvent,
  { readonly type: Type }
>

const schema = eventSchemas(MentorRosterEvent)

/** The mentor roster's event registry: codecs, schema versions and catalog descriptions. */
export const mentorRosterEvents = eventRegistry<MentorRosterEvent>([
  schema(
    'MentorPlaceReserved',
    MentorPlaceReserved,
    "One of the mentor's places was reserved for a mentorship the mentor accepted, with the places held after it.",
  ),
  schema(
    'MentorPlaceRefused',
    MentorPlaceRefused,
    "The mentor's places were all held, so none was reserved for the mentorship (kuota mentor penuh).",
  ),
  schema(
    'MentorPlaceReleased',
    MentorPlaceReleased,
    'The place of a mentorship that completed, ended or was declined was released (or recorded as never held).',
  ),
])
