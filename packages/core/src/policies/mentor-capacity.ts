import type { MentorRosterEventOf } from '../mentor-roster/index.js'
import type { MentorshipEventOf } from '../mentorship/index.js'
import { systemActor } from '../shared/index.js'
import { type PolicyCommand, toMentorRoster, toMentorship } from './policy-command.js'

/** The actor of every command the mentor-capacity policies send. */
export const mentorCapacityActor = systemActor('policy:mentor-capacity')

/** The mentor's acceptance asks for a place in the mentor's roster (`mentor-<nip>`), under the same request number. */
export const reservePlaceForAcceptance = (event: MentorshipEventOf<'MentorshipAcceptanceRequested'>): PolicyCommand => {
  const { at, mentorNip, mentorshipId, menteeNip, request } = event.data
  return toMentorRoster({
    type: 'ReserveMentorPlace',
    at,
    actor: mentorCapacityActor,
    data: { mentorNip, mentorshipId, menteeNip, request },
  })
}

/** A place reserved makes the mentorship active (ConfirmMentorship), under the instant of the mentor's acceptance. */
export const confirmAfterReservation = (event: MentorRosterEventOf<'MentorPlaceReserved'>): PolicyCommand => {
  const { at, mentorshipId, request } = event.data
  return toMentorship({
    type: 'ConfirmMentorship',
    at,
    actor: mentorCapacityActor,
    data: { mentorshipId, request },
  })
}

/** No place (the mentor's are all held) sends the mentorship back to proposed, with the count and the limit. */
export const refuseAfterFullRoster = (event: MentorRosterEventOf<'MentorPlaceRefused'>): PolicyCommand => {
  const { at, mentorshipId, request, active, max } = event.data
  return toMentorship({
    type: 'RefuseMentorship',
    at,
    actor: mentorCapacityActor,
    data: { mentorshipId, request, activeMentorships: active, maxActiveMentees: max },
  })
}

/** A mentorship that completed, ended or was declined releases its place in the mentor's roster (held or not). */
export const releasePlaceOnClosing = (
  event: MentorshipEventOf<'MentorshipCompleted' | 'MentorshipEnded' | 'MentorshipDeclined'>,
): PolicyCommand => {
  const { at, mentorNip, mentorshipId } = event.data
  const reason =
    event.type === 'MentorshipCompleted' ? 'completed' : event.type === 'MentorshipEnded' ? 'ended' : 'declined'
  return toMentorRoster({
    type: 'ReleaseMentorPlace',
    at,
    actor: mentorCapacityActor,
    data: { mentorNip, mentorshipId, reason },
  })
}
