import { accept, nothing } from '../kernel/index.js'
import { hasAnyRole, jakartaDate } from '../shared/index.js'
import type { RecordAssessment, RecordAttendance } from './commands.js'
import { type EnrollmentDecision, notRunningReason, onPlace } from './decision.js'
import { enrollmentRejections } from './rejections.js'
import { isConcluded, type OpenedOffering, type Place } from './state.js'

const { refuse } = enrollmentRejections

// Records change only while the offering runs and only for an approved place without an outcome.
const recordable = (offering: OpenedOffering, place: Place): EnrollmentDecision | undefined => {
  const notRunning = notRunningReason(offering)
  if (notRunning !== undefined) return refuse(notRunning)
  if (isConcluded(place)) return refuse('place-concluded')
  if (place.status !== 'approved') return refuse('place-not-approved')
  return undefined
}

/** A training admin or PyB records an approved participant's presence on a session day up to today; the same record changes nothing. */
export const recordAttendance = (command: RecordAttendance, offering: OpenedOffering): EnrollmentDecision => {
  if (!hasAnyRole(command.actor, ['admin-pelatihan', 'pyb'])) return refuse('not-authorised')
  const { offeringId, nip, date, present } = command.data
  return onPlace(offering, nip, place => {
    if (place.attendance[date] === present) return nothing
    const refused = recordable(offering, place)
    if (refused !== undefined) return refused
    if (!offering.terms.schedule.days.includes(date)) return refuse('not-a-session-day')
    if (date > jakartaDate(command.at)) return refuse('date-in-future')
    return accept({ type: 'AttendanceRecorded', data: { at: command.at, offeringId, nip, date, present } })
  })
}

/** An assessor or training admin records an approved participant's score in an assessed offering; the same score changes nothing. */
export const recordAssessment = (command: RecordAssessment, offering: OpenedOffering): EnrollmentDecision => {
  if (!hasAnyRole(command.actor, ['assessor', 'admin-pelatihan'])) return refuse('not-authorised')
  if (offering.terms.passMark === null) return refuse('not-assessed')
  const { offeringId, nip, score } = command.data
  return onPlace(offering, nip, place => {
    if (place.score === score) return nothing
    const refused = recordable(offering, place)
    if (refused !== undefined) return refused
    return accept({ type: 'AssessmentRecorded', data: { at: command.at, offeringId, nip, score } })
  })
}
