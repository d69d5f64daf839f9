import type { Instant } from '../shared/index.js'
import type { EnrollmentEvent, NotCompletedReason } from './events.js'
import type { OfferingTerms, Place } from './state.js'

/** How many session days an offering has: the days its schedule lists. */
export const sessionDaysOf = (terms: OfferingTerms): number => terms.schedule.days.length

/** Why an approved place would not complete with what was recorded; undefined when it completes. */
export const shortfallOf = (terms: OfferingTerms, place: Place): NotCompletedReason | undefined => {
  const attended = attendedDaysOf(terms, place)
  if (attended === 0) return 'no-show'
  // Compare the share itself: attended / days is correctly rounded, minimum × days may not be (0.7 × 10).
  if (attended / sessionDaysOf(terms) < terms.minimumAttendance) return 'attendance'
  if (terms.passMark !== null && (place.score === null || place.score < terms.passMark)) return 'score'
  return undefined
}

const attendedDaysOf = (terms: OfferingTerms, place: Place): number =>
  terms.schedule.days.filter(day => place.attendance[day] === true).length

/** The one outcome of an approved place: PlaceCompleted with what crediting needs, or PlaceNotCompleted with the reason. */
export const outcomeOf = (terms: OfferingTerms, place: Place, at: Instant): EnrollmentEvent => {
  const { offeringId } = terms
  const attendedDays = attendedDaysOf(terms, place)
  const sessionDays = sessionDaysOf(terms)
  const scored = place.score === null ? {} : { score: place.score }
  const reason = shortfallOf(terms, place)
  if (reason !== undefined)
    return {
      type: 'PlaceNotCompleted',
      data: { at, offeringId, nip: place.nip, reason, attendedDays, sessionDays, ...scored },
    }
  const { title, form, competency, minutes } = terms
  return {
    type: 'PlaceCompleted',
    data: {
      at,
      offeringId,
      nip: place.nip,
      title,
      form,
      competency,
      minutes,
      completedOn: terms.schedule.end,
      attendedDays,
      sessionDays,
      ...scored,
    },
  }
}
