import { accept, entryOf, nothing } from '../kernel/index.js'
import type { CompleteMentorship, EndMentorship } from './commands.js'
import { isAtasan, isMentee, isMentor, type MentorshipDecision, refuseNotIn, partiesOf } from './decision.js'
import type { MentorshipEvent } from './events.js'
import { mentorshipRejections } from './rejections.js'
import { type Mentorship } from './state.js'

const { refuse } = mentorshipRejections

/** The mentor or an atasan completes an active mentorship once all goals are achieved or the planned sessions done. */
export const completeMentorship = (command: CompleteMentorship, m: Mentorship): MentorshipDecision => {
  if (!isMentor(command.actor, m) && !isAtasan(command.actor))
    return refuse('actor-not-allowed', 'the mentor or an atasan')
  if (m.status === 'completed') return nothing
  if (m.status !== 'active') return refuseNotIn(m, 'active')
  const goalsAchieved = m.proposal.goals.filter(goal => entryOf(m.achievedGoals, goal.goalId) !== undefined).length
  const basis =
    goalsAchieved === m.proposal.goals.length
      ? 'all-goals-achieved'
      : m.sessionCount >= m.proposal.plannedSessions
        ? 'planned-sessions-done'
        : undefined
  if (basis === undefined) return refuse('completion-not-due')
  return accept<MentorshipEvent>({
    type: 'MentorshipCompleted',
    data: {
      at: command.at,
      mentorshipId: m.proposal.mentorshipId,
      form: m.proposal.form,
      ...partiesOf(m),
      sessions: m.sessionCount,
      totalMinutes: m.totalMinutes,
      goalsAchieved,
      basis,
      evaluation: command.data.evaluation,
    },
  })
}

/**
 * The mentor, the mentee or an atasan ends a proposed or active mentorship early, with a reason; also one whose
 * acceptance waits for a place (the place, if reserved, is released by the policy that reacts to the ending).
 */
export const endMentorship = (command: EndMentorship, m: Mentorship): MentorshipDecision => {
  const { actor } = command
  if (!isMentor(actor, m) && !isMentee(actor, m) && !isAtasan(actor))
    return refuse('actor-not-allowed', 'the mentor, the mentee or an atasan')
  if (m.status === 'ended') return nothing
  if (m.status !== 'proposed' && m.status !== 'accepting' && m.status !== 'active')
    return refuse('mentorship-closed', m.status)
  return accept<MentorshipEvent>({
    type: 'MentorshipEnded',
    data: {
      at: command.at,
      mentorshipId: m.proposal.mentorshipId,
      ...partiesOf(m),
      endedFrom: m.status,
      reason: command.data.reason,
    },
  })
}
