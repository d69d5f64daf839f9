import { streamId, wholeNumber } from '../kernel/index.js'

/** Codec for the id of a mentorship holding (or asking for) a place (the `<id>` of `mentorship-<id>`). */
export const PlaceMentorshipId = streamId('MentorshipId')

/**
 * Codec for the number of a mentor's acceptance request within its mentorship (1 for the first; a mentor refused for
 * capacity may accept again, which asks again under the next number).
 */
export const PlaceRequest = wholeNumber(1, 1000, 'AcceptanceRequest')

/** Codec for a number of places a mentor holds. */
export const PlaceCount = wholeNumber(0, 10_000, 'PlaceCount')

/** Codec for the most places a mentor may hold (`mentorship.maxActiveMentees`, 1 to 100). */
export const PlaceLimit = wholeNumber(1, 100, 'MaxActiveMentees')
