import { accept, nothing, sameBy } from '../kernel/index.js'
import {
  actorName,
  directAtasanOf,
  isAsn,
  isMissing,
  type MissingRelation,
  type PersonnelFacts,
  type PolicyConfig,
  servingAsn,
} from '../shared/index.js'
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
import { isSenior, isSeniorByRecord } from './seniority.js'
import { type Mentorship, type MentorshipState } from './state.js'

const { refuse } = mentorshipRejections

const refuseMissing = (missing: MissingRelation, command: ProposeMentorship): MentorshipDecision =>
  missing.code === 'not-direct-atasan'
    ? refuse('not-direct-atasan', actorName(command.actor), missing.nip, missing.atasanNip ?? 'none')
    : refuse(missing.code, missing.nip)

/**
 * With the registry's facts: the mentor and the mentee serve, the proposer is the mentee or the mentee's direct atasan
 * at the instant, the mentor is senior by the records (TMT and rank), and the proposal records the ranks the records
 * hold, whatever the command said.
 */
const proposeByRecord = (
  command: ProposeMentorship,
  state: MentorshipState,
  config: PolicyConfig,
  facts: PersonnelFacts,
): MentorshipDecision => {
  const { at, actor, data } = command
  const mentee = servingAsn(facts, data.mentee.nip)
  if (isMissing(mentee)) return refuseMissing(mentee, command)
  if (!isAsn(actor, data.mentee.nip)) {
    const notAtasan = directAtasanOf(facts, data.mentee.nip, actor)
    if (notAtasan !== undefined) return refuseMissing(notAtasan, command)
  }
  const mentor = servingAsn(facts, data.mentor.nip)
  if (isMissing(mentor)) return refuseMissing(mentor, command)
  const party = (nip: typeof data.mentor.nip, rank: typeof mentor.rank) => (rank === null ? { nip } : { nip, rank })
  const proposal: MentorshipProposal = {
    ...data,
    mentor: party(data.mentor.nip, mentor.rank),
    mentee: party(data.mentee.nip, mentee.rank),
  }
  if (state.status !== 'none')
    return sameBy(MentorshipProposal)(state.proposal, proposal) ? nothing : refuse('mentorship-exists')
  if (data.mentor.nip === data.mentee.nip) return refuse('mentor-is-mentee')
  if (!isValidGoalList(data.goals)) return refuse('goals-invalid')
  if (!isSeniorByRecord(mentor, mentee, config)) return refuse('mentor-not-senior', config.mentorship.minSeniorityYears)
  return accept<MentorshipEvent>({ type: 'MentorshipProposed', data: { at, ...proposal } })
}

/** The mentee or an atasan proposes a mentorship with a senior mentor; the same proposal again changes nothing. */
export const proposeMentorship = (
  command: ProposeMentorship,
  state: MentorshipState,
  config: PolicyConfig,
  facts?: PersonnelFacts,
): MentorshipDecision => {
  if (facts !== undefined) return proposeByRecord(command, state, config, facts)
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
