import { accept, entryOf, nothing } from '../kernel/index.js'
import type { MarkGoalAchieved } from './commands.js'
import { isMentor, type MentorshipDecision, refuseNotIn } from './decision.js'
import type { MentorshipEvent } from './events.js'
import { mentorshipRejections } from './rejections.js'
import type { Mentorship } from './state.js'

const { refuse } = mentorshipRejections

/** The mentor marks one of the mentorship's goals achieved while it is active; the first assessment stands. */
export const markGoalAchieved = (command: MarkGoalAchieved, m: Mentorship): MentorshipDecision => {
  const { goalId, assessment } = command.data
  if (!isMentor(command.actor, m)) return refuse('actor-not-allowed', 'the mentor')
  if (!m.proposal.goals.some(goal => goal.goalId === goalId)) return refuse('unknown-goal', goalId)
  if (entryOf(m.achievedGoals, goalId) !== undefined) return nothing
  if (m.status !== 'active') return refuseNotIn(m, 'active')
  return accept<MentorshipEvent>({
    type: 'GoalAchieved',
    data: { at: command.at, mentorshipId: m.proposal.mentorshipId, goalId, assessment },
  })
}
