import { accept, nothing, sameBy } from '../kernel/index.js'
import {
  datesFrom,
  isKnownCompetency,
  jakartaDate,
  jpToMinutes,
  type LocalDate,
  Minutes,
  type PolicyConfig,
} from '../shared/index.js'
import type { CancelOffering, CloseOffering, OpenOffering, StartOffering } from './commands.js'
import { type EnrollmentDecision, isOrganiser, isOrganiserOrSystem } from './decision.js'
import type { EnrollmentEvent, OfferingOpened } from './events.js'
import { termsOf } from './evolve.js'
import { enrollmentRejections } from './rejections.js'
import { type EnrollmentState, OfferingTerms, type OpenedOffering, placesOf } from './state.js'

const { refuse } = enrollmentRejections

/** The reason recorded for places still pending when an offering starts. */
export const notApprovedBeforeStart = 'not approved before the offering started'

/** The working days of the configured calendar from `start` to `end`, both included. */
const workingDaysFrom = (start: LocalDate, end: LocalDate, config: PolicyConfig): readonly LocalDate[] =>
  datesFrom(start, end).filter(day => config.calendar.isWorkingDay(day))

/**
 * Opens an offering with its terms; the same terms again change nothing, different terms are refused. Its session
 * days are the ones the command lists, or else the working days of the configured calendar from start to end; either
 * way the event records them, so a later change of the calendar never changes an offering already opened.
 */
export const openOffering = (
  command: OpenOffering,
  state: EnrollmentState,
  config: PolicyConfig,
): EnrollmentDecision => {
  if (!isOrganiser(command.actor)) return refuse('not-authorised')
  const minutes = jpToMinutes(command.data.jp)
  if (!Minutes.is(minutes)) return refuse('jp-out-of-range')
  const { offeringId, title, provider, venue, form, competency, jp, capacity, schedule } = command.data
  const { passMark, minimumAttendance } = command.data
  if (!isKnownCompetency(config, competency)) return refuse('unknown-competency', competency.code)
  const days = schedule.days ?? workingDaysFrom(schedule.start, schedule.end, config)
  if (days.length === 0) return refuse('no-session-day')
  const data: OfferingOpened['data'] = {
    at: command.at,
    offeringId,
    title,
    provider,
    venue,
    form,
    competency,
    jp,
    minutes,
    capacity,
    schedule: { start: schedule.start, end: schedule.end, days },
    minimumAttendance: minimumAttendance ?? config.enrollment.minimumAttendance,
    ...(passMark === undefined ? {} : { passMark }),
  }
  if (state.status !== 'unopened')
    return sameBy(OfferingTerms)(state.terms, termsOf(data)) ? nothing : refuse('offering-already-opened')
  return accept({ type: 'OfferingOpened', data })
}

/** Starts an offering from its start date on, declining every place still pending. */
export const startOffering = (command: StartOffering, offering: OpenedOffering): EnrollmentDecision => {
  if (!isOrganiserOrSystem(command.actor)) return refuse('not-authorised')
  if (offering.startedAt !== null) return nothing
  if (offering.status === 'cancelled') return refuse('offering-cancelled')
  if (jakartaDate(command.at) < offering.terms.schedule.start) return refuse('start-date-not-reached')
  const { at } = command
  const { offeringId } = command.data
  return accept<EnrollmentEvent>(
    { type: 'OfferingStarted', data: { at, offeringId } },
    ...placesOf(offering)
      .filter(place => place.status === 'pending')
      .map((place): EnrollmentEvent => ({
        type: 'PlaceDeclined',
        data: { at, offeringId, nip: place.nip, reason: notApprovedBeforeStart },
      })),
  )
}

/** Cancels an offering before it is closed, ending every place without an outcome. */
export const cancelOffering = (command: CancelOffering, offering: OpenedOffering): EnrollmentDecision => {
  if (!isOrganiser(command.actor)) return refuse('not-authorised')
  if (offering.status === 'cancelled') return nothing
  if (offering.status === 'closed') return refuse('offering-closed')
  const endedPlaces = placesOf(offering)
    .filter(place => place.status === 'pending' || place.status === 'approved')
    .map(place => place.nip)
  const { offeringId, reason } = command.data
  return accept({ type: 'OfferingCancelled', data: { at: command.at, offeringId, reason, endedPlaces } })
}

/** Closes a started offering once every approved place has its outcome. */
export const closeOffering = (command: CloseOffering, offering: OpenedOffering): EnrollmentDecision => {
  if (!isOrganiser(command.actor)) return refuse('not-authorised')
  if (offering.status === 'closed') return nothing
  if (offering.status === 'cancelled') return refuse('offering-cancelled')
  if (offering.status === 'open') return refuse('offering-not-started')
  if (placesOf(offering).some(place => place.status === 'approved')) return refuse('places-without-outcome')
  return accept({ type: 'OfferingClosed', data: { at: command.at, offeringId: command.data.offeringId } })
}
