import { type Rejection, rejection } from '../kernel/index.js'

/** Every reason the competency decider refuses a command: a closed set of stable codes. */
export type CompetencyRejectionCode =
  | 'actor-not-allowed'
  | 'profile-not-registered'
  | 'profile-already-registered'
  | 'nip-mismatch'
  | 'rank-not-for-pppk'
  | 'standard-invalid'
  | 'level-out-of-range'
  | 'minutes-out-of-range'
  | 'dated-in-future'
  | 'plan-invalid'
  | 'plan-for-past-year'
  | 'no-competency-gap'

/** Why the competency decider refused a command. */
export type CompetencyRejection = Rejection<CompetencyRejectionCode>

const refusal = (code: CompetencyRejectionCode, message: string, term?: string): CompetencyRejection =>
  rejection(code, message, term)

/** The rejections of the competency decider, one builder per code. */
export const competencyRejections = {
  /** The actor lacks the role the rule needs. */
  actorNotAllowed: (who: string): CompetencyRejection =>
    refusal('actor-not-allowed', `Only ${who} may do this`, 'tidak berwenang'),
  /** A command other than registration reached a profile that was never registered. */
  profileNotRegistered: refusal(
    'profile-not-registered',
    'No competency profile is registered for this ASN',
    'profil kompetensi belum terdaftar',
  ),
  /** The profile was registered before with other data; a change of position has its own command. */
  profileAlreadyRegistered: refusal(
    'profile-already-registered',
    'This profile was already registered with other data: use ChangePosition',
    'profil kompetensi sudah terdaftar',
  ),
  /** The command names another ASN than the profile in this stream. */
  nipMismatch: (expected: string, got: string): CompetencyRejection =>
    refusal('nip-mismatch', `This stream holds the profile of NIP ${expected}, the command names ${got}`, 'NIP'),
  /** A PPPK was given a PNS rank. */
  rankNotForPppk: refusal('rank-not-for-pppk', 'A PPPK (contract employee) holds no PNS rank', 'golongan/pangkat PNS'),
  /** The standard is empty, too long, repeats a competency or has a level outside 1–5. */
  standardInvalid: refusal(
    'standard-invalid',
    'A competency standard lists 1 to 50 competencies, each once, at levels 1 to 5',
    'standar kompetensi jabatan',
  ),
  /** A competency level is not a whole number from 1 to 5. */
  levelOutOfRange: refusal(
    'level-out-of-range',
    'A competency level is a whole number from 1 to 5',
    'level kompetensi',
  ),
  /** Credited minutes are not a whole number from 0 to 100000. */
  minutesOutOfRange: refusal(
    'minutes-out-of-range',
    'Credited learning is a whole number of minutes from 0 to 100000',
    'jam pelajaran',
  ),
  /** Learning or a participation is dated after the day it is recorded. */
  datedInFuture: refusal(
    'dated-in-future',
    'Learning and participation cannot be dated after the day they are recorded',
  ),
  /** A plan has no items or too many, minutes outside 1–100000, or a year outside 2000–2100. */
  planInvalid: refusal(
    'plan-invalid',
    'A development plan is for a year from 2000 to 2100 and lists 1 to 20 items of 1 to 100000 planned minutes',
    'rencana pengembangan kompetensi',
  ),
  /** A plan is drafted for a year that has already passed. */
  planForPastYear: refusal(
    'plan-for-past-year',
    'A development plan is drafted for the current year or a later one',
    'rencana pengembangan kompetensi',
  ),
  /** A plan item rests on a competency gap that the profile does not show. */
  noCompetencyGap: (code: string): CompetencyRejection =>
    refusal(
      'no-competency-gap',
      `Competency ${code} shows no gap: it is not in the standard, or its assessed level meets the required level`,
      'kesenjangan kompetensi',
    ),
} as const
