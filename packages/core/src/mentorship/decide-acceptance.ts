import { accept, nothing } from '../kernel/index.js'
import type { ConfirmMentorship, RefuseMentorship } from './commands.js'
import { type MentorshipDecision, partiesOf } from './decision.js'
import type { MentorshipEvent } from './events.js'
import { mentorshipRejections } from './rejections.js'
import { isFinal, type Mentorship } from './state.js'

const { refuse } = mentorshipRejections

const bySystem = 'the system (the mentor-capacity policy)'

/** Whether the mentorship's acceptance request `request` is the one waiting for a place. */
const isWaiting = (m: Mentorship, request: number): boolean =>
  m.status === 'accepting' && request === m.acceptanceRequests

/**
 * A place was reserved for the mentor's acceptance: the mentorship becomes active from the day the mentor accepted.
 * Once accepted, again changes nothing; a mentorship closed while it waited changes nothing either (the policy that
 * releases places on its closing frees the place). Any other request is refused.
 */
export const confirmMentorship = (command: ConfirmMentorship, m: Mentorship): MentorshipDecision => {
  if (command.actor.kind !== 'system') return refuse('actor-not-allowed', bySystem)
  const { request } = command.data
  if (m.acceptedOn !== null || isFinal(m.status)) return nothing
  if (!isWaiting(m, request)) return refuse('acceptance-not-requested', request)
  return accept<MentorshipEvent>({
    type: 'MentorshipAccepted',
    data: { at: command.at, mentorshipId: m.proposal.mentorshipId, form: m.proposal.form, ...partiesOf(m) },
  })
}

/**
 * The mentor's places were all held: the waiting acceptance is refused and the mentorship is proposed again. A
 * request already answered (refused before, or the mentorship closed since) changes nothing; refusing the request
 * that made it active, or one never asked, is refused.
 */
export const refuseMentorship = (command: RefuseMentorship, m: Mentorship): MentorshipDecision => {
  if (command.actor.kind !== 'system') return refuse('actor-not-allowed', bySystem)
  const { request, activeMentorships, maxActiveMentees } = command.data
  if (isWaiting(m, request))
    return accept<MentorshipEvent>({
      type: 'MentorshipAcceptanceRefused',
      data: {
        at: command.at,
        mentorshipId: m.proposal.mentorshipId,
        ...partiesOf(m),
        request,
        reason: 'mentor-at-capacity',
        activeMentorships,
        maxActiveMentees,
      },
    })
  if (request > m.acceptanceRequests) return refuse('acceptance-not-requested', request)
  if (m.status === 'active' && request === m.acceptanceRequests) return refuse('mentorship-already-accepted')
  return nothing
}
