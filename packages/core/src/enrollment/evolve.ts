import { absurd } from '../kernel/index.js'
import type { EnrollmentEvent, OfferingOpened } from './events.js'
import type { EnrollmentState, OfferingTerms, OpenedOffering, Place } from './state.js'

/** The terms an OfferingOpened event records. */
export const termsOf = (data: OfferingOpened['data']): OfferingTerms => ({
  offeringId: data.offeringId,
  title: data.title,
  provider: data.provider,
  venue: data.venue,
  form: data.form,
  competency: data.competency,
  jp: data.jp,
  minutes: data.minutes,
  capacity: data.capacity,
  schedule: data.schedule,
  minimumAttendance: data.minimumAttendance,
  passMark: data.passMark ?? null,
})

const changeOffering = (
  state: EnrollmentState,
  change: (offering: OpenedOffering) => OpenedOffering,
): EnrollmentState => (state.status === 'unopened' ? state : change(state))

// Events about a place the state does not hold (impossible in a decided history) leave the state as it was.
const changePlace = (state: EnrollmentState, nip: string, change: (place: Place) => Place): EnrollmentState =>
  changeOffering(state, offering => {
    const place = offering.places[nip]
    return place === undefined ? offering : { ...offering, places: { ...offering.places, [nip]: change(place) } }
  })

/** Applies one enrollment event to the state; total: never throws, whatever the state. */
export const evolveEnrollment = (state: EnrollmentState, event: EnrollmentEvent): EnrollmentState => {
  switch (event.type) {
    case 'OfferingOpened':
      return state.status === 'unopened'
        ? { status: 'open', terms: termsOf(event.data), startedAt: null, places: {} }
        : state
    case 'PlaceRequested': {
      const { nip, atasanNip } = event.data
      return changeOffering(state, offering => ({
        ...offering,
        places: { ...offering.places, [nip]: { nip, atasanNip, status: 'pending', attendance: {}, score: null } },
      }))
    }
    case 'PlaceApproved':
      return changePlace(state, event.data.nip, place => ({ ...place, status: 'approved' }))
    case 'PlaceDeclined':
      return changePlace(state, event.data.nip, place => ({ ...place, status: 'declined' }))
    case 'PlaceWithdrawn':
      return changePlace(state, event.data.nip, place => ({ ...place, status: 'withdrawn' }))
    case 'OfferingStarted':
      return changeOffering(state, offering => ({
        ...offering,
        status: offering.status === 'open' ? 'started' : offering.status,
        startedAt: event.data.at,
      }))
    case 'AttendanceRecorded': {
      const { date, present } = event.data
      return changePlace(state, event.data.nip, place => ({
        ...place,
        attendance: { ...place.attendance, [date]: present },
      }))
    }
    case 'AssessmentRecorded':
      return changePlace(state, event.data.nip, place => ({ ...place, score: event.data.score }))
    case 'PlaceCompleted':
      return changePlace(state, event.data.nip, place => ({ ...place, status: 'completed' }))
    case 'PlaceNotCompleted':
      return changePlace(state, event.data.nip, place => ({ ...place, status: 'not-completed' }))
    case 'OfferingCancelled':
      return changeOffering(state, offering => ({
        ...offering,
        status: 'cancelled',
        places: Object.fromEntries(
          Object.entries(offering.places).map(([nip, place]) => [
            nip,
            place.status === 'pending' || place.status === 'approved' ? { ...place, status: 'cancelled' } : place,
          ]),
        ),
      }))
    case 'OfferingClosed':
      return changeOffering(state, offering => ({ ...offering, status: 'closed' }))
    default:
      return absurd(event)
  }
}
