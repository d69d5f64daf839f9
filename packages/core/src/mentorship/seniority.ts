import { type AsnStanding, compareRanks, type LocalDate, type PolicyConfig, seniorityMonths } from '../shared/index.js'
import type { MentorshipParty } from './commands.js'

/**
 * Whether the mentor is senior to the mentee: appointed (NIP) at least `minSeniorityYears` earlier,
 * or of a higher rank when both ranks are known.
 */
export const isSenior = (mentor: MentorshipParty, mentee: MentorshipParty, config: PolicyConfig): boolean =>
  seniorityMonths(mentor.nip, mentee.nip) >= config.mentorship.minSeniorityYears * 12 ||
  (mentor.rank !== undefined && mentee.rank !== undefined && compareRanks(mentor.rank, mentee.rank) > 0)

/** Whole months from one day to a later one (negative when `to` is earlier), by calendar month and day. */
const monthsBetween = (from: LocalDate, to: LocalDate): number => {
  const months =
    (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7))
  return to.slice(8, 10) < from.slice(8, 10) ? months - 1 : months
}

/**
 * Whether the mentor is senior to the mentee by their personnel records: appointed (TMT) at least
 * `minSeniorityYears` earlier, or of a higher rank when both hold one. The records, not the command, say both.
 */
export const isSeniorByRecord = (mentor: AsnStanding, mentee: AsnStanding, config: PolicyConfig): boolean =>
  monthsBetween(mentor.appointedOn, mentee.appointedOn) >= config.mentorship.minSeniorityYears * 12 ||
  (mentor.rank !== null && mentee.rank !== null && compareRanks(mentor.rank, mentee.rank) > 0)
