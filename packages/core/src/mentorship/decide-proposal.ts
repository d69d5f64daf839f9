import { accept, nothing, sameBy } from '../kernel/index.js'
import { isAsn, type PolicyConfig } from '../shared/index.js'
import {
  type AcceptMentorship,
  type DeclineMentorship,
  isValidGoalList,
  MentorshipProposal,
  type ProposeMentorship,
} from './commands.js'
import { isAtasan, isMentor, type MentorshipDecision, refuseNotIn, partiesOf } from './decision.js'
import type { MentorshipEvent } from './events.js'
import { mentorshipRejections } from './rejections.js'
import { isSenior } from './seniority.js'
import { type Mentorship, type MentorshipState } from './state.js'

const { refuse } = mentorshipRejections

/** The mentee or an atasan proposes a mentorship with a senior mentor; the same proposal again changes nothing. */
export const proposeMentorship = (
  command: ProposeMentorship,
  state: MentorshipState,
  config: PolicyConfig,
): MentorshipDecision => {
  const { at, actor, data } = command
  if (!isAsn(actor, data.mentee.nip) && !isAtasan(actor)) return refuse('actor-not-allowed', 'the mentee or an atasan')
  if (state.status !== 'none')
    return sameBy(MentorshipProposal)(state.proposal, data) ? nothing : refuse('mentorship-exists')
  if (data.mentor.nip === data.mentee.nip) return refuse('mentor-is-mentee')
  if (!isValidGoalList(data.goals)) return refuse('goals-invalid')
  if (!isSenior(data.mentor, data.mentee, config))
    return refuse('mentor-not-senior', config.mentorship.minSeniorityYears)
  const { mentorshipId, form, mentor, mentee, unit, goals, plannedSessions } = data
  return accept<MentorshipEvent>({
    type: 'MentorshipProposed',
    data: { at, mentorshipId, form, mentor, mentee, unit, goals, plannedSessions },
  })
}

/**
 * The mentor accepts a proposed mentorship: the acceptance asks for a place of the mentor's (request n + 1), which
 * the mentor-capacity policy reserves in the mentor's stream before the mentorship becomes active. Accepting again
 * while it waits, or once accepted, changes nothing.
 */
export const acceptMentorship = (command: AcceptMentorship, m: Mentorship): MentorshipDecision => {
  if (!isMentor(command.actor, m)) return refuse('actor-not-allowed', 'the mentor')
  if (m.acceptedOn !== null || m.status === 'accepting') return nothing
  if (m.status !== 'proposed') return refuseNotIn(m, 'proposed')
  return accept<MentorshipEvent>({
    type: 'MentorshipAcceptanceRequested',
    data: {
      at: command.at,
      mentorshipId: m.proposal.mentorshipId,
      form: m.proposal.form,
      ...partiesOf(m),
      request: m.acceptanceRequests + 1,
    },
  })
}

/** The mentor declines a proposed mentorship, with a reason (not while an acceptance waits for a place). */
export const declineMentorship = (command: DeclineMentorship, m: Mentorship): MentorshipDecision => {
  if (!isMentor(command.actor, m)) return refuse('actor-not-allowed', 'the mentor')
  if (m.status === 'declined') return nothing
  if (m.status !== 'proposed') return refuseNotIn(m, 'proposed')
  return accept<MentorshipEvent>({
    type: 'MentorshipDeclined',
    data: { at: command.at, mentorshipId: m.proposal.mentorshipId, ...partiesOf(m), reason: command.data.reason },
  })
}
