import { type Rejection, type RejectionCode, rejectionCatalog } from '../kernel/index.js'
import { relationMessages, relationTerms } from '../shared/index.js'

/** Every rejection of the mentorship decider: its code, English message and Indonesian term. */
export const mentorshipRejections = rejectionCatalog({
  'actor-not-allowed': { message: (who: string) => `Only ${who} may do this`, term: 'tidak berwenang' },
  'not-assigned-mentor': {
    message: (mentorNip: string) => `Only the mentor assigned to this mentorship (${mentorNip}) logs its sessions`,
    term: 'bukan mentor yang ditugaskan',
  },
  'asn-not-registered': { message: relationMessages['asn-not-registered'], term: relationTerms['asn-not-registered'] },
  'asn-not-serving': { message: relationMessages['asn-not-serving'], term: relationTerms['asn-not-serving'] },
  'not-direct-atasan': { message: relationMessages['not-direct-atasan'], term: relationTerms['not-direct-atasan'] },
  'mentorship-not-found': {
    message: 'No mentorship has been proposed in this stream',
    term: 'mentoring belum diusulkan',
  },
  'mentorship-id-mismatch': {
    message: (expected: string, got: string) =>
      `This stream holds mentorship "${expected}", the command names "${got}"`,
    term: 'mentoring tidak sesuai',
  },
  'mentorship-exists': {
    message: 'A different mentorship was already proposed under this id',
    term: 'mentoring sudah diusulkan',
  },
  'mentor-is-mentee': { message: 'The mentor and the mentee must be different ASN', term: 'mentor sama dengan mentee' },
  'mentor-not-senior': {
    message: (minYears: number) =>
      `The mentor must be appointed at least ${minYears} year(s) before the mentee (NIP) or hold a higher rank`,
    term: 'senioritas',
  },
  'goals-invalid': { message: 'A mentorship needs 1 to 10 goals with distinct goal ids', term: 'sasaran' },
  'mentorship-not-accepted': {
    message: 'The mentor has not accepted this mentorship yet',
    term: 'belum diterima mentor',
  },
  'mentorship-already-accepted': {
    message: 'The mentor has already accepted this mentorship',
    term: 'sudah diterima mentor',
  },
  'mentorship-closed': {
    message: (status: string) => `The mentorship is ${status}: nothing more can happen in it`,
    term: 'mentoring sudah berakhir',
  },
  // Never a decision of this decider: why an acceptance was refused (MentorshipAcceptanceRefused), as
  // `acceptMentorship` answers it, decided in the mentor's stream (mentor-<nip>).
  'mentor-at-capacity': {
    message: (max: number) => `A mentor may hold at most ${max} active mentorships`,
    term: 'kuota mentor penuh',
  },
  'acceptance-pending': {
    message: "The mentor's acceptance is waiting for a place among the mentor's mentorships",
    term: 'menunggu kuota mentor',
  },
  'acceptance-not-requested': {
    message: (request: number) => `The mentor's acceptance request ${request} is not the one waiting for a place`,
    term: 'penerimaan mentor tidak diajukan',
  },
  'session-minutes-out-of-range': {
    message: (min: number, max: number) => `A session must last from ${min} to ${max} minutes`,
    term: 'durasi sesi',
  },
  'session-in-future': {
    message: 'A session cannot be dated after the day it is logged',
    term: 'tanggal sesi belum tiba',
  },
  'session-before-acceptance': {
    message: 'A session cannot be dated before the mentor accepted the mentorship',
    term: 'sesi sebelum diterima mentor',
  },
  'session-id-conflict': {
    message: 'This session id was already logged with different details',
    term: 'sesi sudah tercatat',
  },
  'unknown-goal': {
    message: (goalId: string) => `Goal "${goalId}" is not one of this mentorship's goals`,
    term: 'sasaran',
  },
  'completion-not-due': {
    message: 'A mentorship completes only when all goals are achieved or the planned sessions are done',
    term: 'belum dapat diselesaikan',
  },
})

/** Every reason the mentorship decider refuses a command: a closed set of stable codes. */
export type MentorshipRejectionCode = RejectionCode<typeof mentorshipRejections>

/** Why the mentorship decider refused a command. */
export type MentorshipRejection = Rejection<MentorshipRejectionCode>
