import { type Rejection, rejection } from '../kernel/index.js'

/** Every reason the mentorship decider refuses a command: a closed set of stable codes. */
export type MentorshipRejectionCode =
  | 'actor-not-allowed'
  | 'mentorship-not-found'
  | 'mentorship-id-mismatch'
  | 'mentorship-exists'
  | 'mentor-is-mentee'
  | 'mentor-not-senior'
  | 'goals-invalid'
  | 'mentorship-not-accepted'
  | 'mentorship-already-accepted'
  | 'mentorship-closed'
  | 'mentor-at-capacity'
  | 'session-minutes-out-of-range'
  | 'session-in-future'
  | 'session-before-acceptance'
  | 'session-id-conflict'
  | 'unknown-goal'
  | 'completion-not-due'

/** Why the mentorship decider refused a command. */
export type MentorshipRejection = Rejection<MentorshipRejectionCode>

/** The actor lacks the role or identity the rule needs (e.g. only the mentor accepts). */
export const actorNotAllowed = (who: string): MentorshipRejection =>
  rejection('actor-not-allowed', `Only ${who} may do this`, 'tidak berwenang')

/** A command other than a proposal reached a mentorship that was never proposed. */
export const mentorshipNotFound: MentorshipRejection = rejection(
  'mentorship-not-found',
  'No mentorship has been proposed in this stream',
)

/** The command names a different mentorship than the stream holds. */
export const mentorshipIdMismatch = (expected: string, got: string): MentorshipRejection =>
  rejection('mentorship-id-mismatch', `This stream holds mentorship "${expected}", the command names "${got}"`)

/** A different proposal was already made under this mentorship id. */
export const mentorshipExists: MentorshipRejection = rejection(
  'mentorship-exists',
  'A different mentorship was already proposed under this id',
)

/** Mentor and mentee are the same person. */
export const mentorIsMentee: MentorshipRejection = rejection(
  'mentor-is-mentee',
  'The mentor and the mentee must be different ASN',
)

/** The mentor is neither appointed long enough before the mentee nor of higher rank. */
export const mentorNotSenior = (minYears: number): MentorshipRejection =>
  rejection(
    'mentor-not-senior',
    `The mentor must be appointed at least ${minYears} year(s) before the mentee (NIP) or hold a higher rank`,
    'senioritas',
  )

/** The goals are empty, more than ten, or repeat a goal id. */
export const goalsInvalid: MentorshipRejection = rejection(
  'goals-invalid',
  'A mentorship needs 1 to 10 goals with distinct goal ids',
  'sasaran',
)

/** The mentor has not accepted the mentorship yet. */
export const mentorshipNotAccepted: MentorshipRejection = rejection(
  'mentorship-not-accepted',
  'The mentor has not accepted this mentorship yet',
)

/** The mentorship was already accepted, so it can no longer be declined. */
export const mentorshipAlreadyAccepted: MentorshipRejection = rejection(
  'mentorship-already-accepted',
  'The mentor has already accepted this mentorship',
)

/** The mentorship is completed, declined or ended: nothing more happens in it. */
export const mentorshipClosed = (status: string): MentorshipRejection =>
  rejection('mentorship-closed', `The mentorship is ${status}: nothing more can happen in it`)

/** The mentor already holds the maximum number of active mentorships (read model, eventually consistent). */
export const mentorAtCapacity = (max: number): MentorshipRejection =>
  rejection('mentor-at-capacity', `A mentor may hold at most ${max} active mentorships`, 'kuota mentor penuh')

/** A session is shorter or longer than the agency allows. */
export const sessionMinutesOutOfRange = (min: number, max: number): MentorshipRejection =>
  rejection('session-minutes-out-of-range', `A session must last from ${min} to ${max} minutes`, 'durasi sesi')

/** A session is dated after the local date of the command's instant. */
export const sessionInFuture: MentorshipRejection = rejection(
  'session-in-future',
  'A session cannot be dated after the day it is logged',
)

/** A session is dated before the mentor accepted the mentorship. */
export const sessionBeforeAcceptance: MentorshipRejection = rejection(
  'session-before-acceptance',
  'A session cannot be dated before the mentor accepted the mentorship',
)

/** A session id was logged before with different details. */
export const sessionIdConflict: MentorshipRejection = rejection(
  'session-id-conflict',
  'This session id was already logged with different details',
)

/** The goal id is not one of the mentorship's goals. */
export const unknownGoal = (goalId: string): MentorshipRejection =>
  rejection('unknown-goal', `Goal "${goalId}" is not one of this mentorship's goals`, 'sasaran')

/** Neither are all goals achieved nor are the planned sessions done. */
export const completionNotDue: MentorshipRejection = rejection(
  'completion-not-due',
  'A mentorship completes only when all goals are achieved or the planned sessions are done',
)
