import { compareRanks, type PolicyConfig, seniorityMonths } from '../shared/index.js'
import type { MentorshipParty } from './commands.js'

/**
 * Whether the mentor is senior to the mentee: appointed (NIP) at least `minSeniorityYears` earlier,
 * or of a higher rank when both ranks are known.
 */
export const isSenior = (mentor: MentorshipParty, mentee: MentorshipParty, config: PolicyConfig): boolean =>
  seniorityMonths(mentor.nip, mentee.nip) >= config.mentorship.minSeniorityYears * 12 ||
  (mentor.rank !== undefined && mentee.rank !== undefined && compareRanks(mentor.rank, mentee.rank) > 0)
