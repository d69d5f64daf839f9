import { compareRanks, type PolicyConfig, seniorityMonths } from '../shared/index.js'
import type { MentorshipParty, MentorshipProposal } from './commands.js'

/**
 * Whether the mentor is senior to the mentee: appointed (NIP) at least `minSeniorityYears` earlier,
 * or of a higher rank when both ranks are known.
 */
export const isSenior = (mentor: MentorshipParty, mentee: MentorshipParty, config: PolicyConfig): boolean =>
  seniorityMonths(mentor.nip, mentee.nip) >= config.mentorship.minSeniorityYears * 12 ||
  (mentor.rank !== undefined && mentee.rank !== undefined && compareRanks(mentor.rank, mentee.rank) > 0)

const sameParty = (a: MentorshipParty, b: MentorshipParty): boolean => a.nip === b.nip && a.rank === b.rank

/** Whether two proposals say the same thing (a retried proposal), goal by goal in order. */
export const sameProposal = (a: MentorshipProposal, b: MentorshipProposal): boolean =>
  a.mentorshipId === b.mentorshipId &&
  a.form === b.form &&
  sameParty(a.mentor, b.mentor) &&
  sameParty(a.mentee, b.mentee) &&
  a.unit === b.unit &&
  a.plannedSessions === b.plannedSessions &&
  a.goals.length === b.goals.length &&
  a.goals.every((goal, i) => {
    const other = b.goals[i]
    return other !== undefined && other.goalId === goal.goalId && other.description === goal.description
  })
