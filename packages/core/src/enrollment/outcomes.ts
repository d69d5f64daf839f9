import { accept, nothing } from '../kernel/index.js'
import { daysBetween, type Instant, jakartaDate } from '../shared/index.js'
import type { ConcludePlace } from './commands.js'
import type { EnrollmentEvent, NotCompletedReason } from './events.js'
import { type EnrollmentDecision, isOrganiserOrSystem, notRunningReason, refuseWith } from './rules.js'
import { isConcluded, type OfferingTerms, type OpenedOffering, type Place, placesOf } from './state.js'

/** Session days of an offering: every calendar date from start to end, inclusive. */
export const sessionDaysOf = (terms: OfferingTerms): number => daysBetween(terms.schedule.start, terms.schedule.end) + 1

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
  Object.entries(place.attendance).filter(
    ([date, present]) => present && date >= terms.schedule.start && date <= terms.schedule.end,
  ).length

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

/**
 * Concludes one approved place (`nip`) or every approved place without an outcome, from the end date on
 * (local date of `at` ≥ end date, so the last day's attendance can be recorded first); concluded places change nothing.
 */
export const concludePlace = (command: ConcludePlace, offering: OpenedOffering): EnrollmentDecision => {
  if (!isOrganiserOrSystem(command.actor)) return refuseWith('not-authorised')
  const { nip } = command.data
  const place = nip === undefined ? undefined : offering.places[nip]
  if (nip !== undefined && place === undefined) return refuseWith('place-not-found')
  if (place !== undefined && isConcluded(place)) return nothing
  if (nip === undefined && offering.status === 'closed') return nothing
  const notRunning = notRunningReason(offering)
  if (notRunning !== undefined) return refuseWith(notRunning)
  if (jakartaDate(command.at) < offering.terms.schedule.end) return refuseWith('offering-not-ended')
  if (place !== undefined && place.status !== 'approved') return refuseWith('place-not-approved')
  const toConclude = place === undefined ? placesOf(offering).filter(p => p.status === 'approved') : [place]
  return accept(...toConclude.map(p => outcomeOf(offering.terms, p, command.at)))
}
