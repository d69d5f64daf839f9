import * as t from 'io-ts'
import { text } from '../kernel/index.js'
import { type Instant, LocalDate } from '../shared/index.js'
import { type MentorshipProposal, SessionMinutes } from './commands.js'

/**
 * Where a mentorship stands: proposed; accepting (the mentor accepted, a place of the mentor's is being reserved);
 * active; or one of the final statuses (completed, declined, ended).
 */
export type MentorshipStatus = 'proposed' | 'accepting' | 'active' | 'completed' | 'declined' | 'ended'

/** The final statuses: nothing more happens after them. */
export const finalStatuses: readonly MentorshipStatus[] = ['completed', 'declined', 'ended']

/** Whether a status is final. */
export const isFinal = (status: MentorshipStatus): boolean => finalStatuses.includes(status)

/** Codec for a logged session as the decider remembers it: enough to tell a retry from a different session. */
export const LoggedSession = t.readonly(
  t.strict({ date: LocalDate, minutes: SessionMinutes, topic: text(200), notes: t.union([text(2000), t.null]) }),
  'LoggedSession',
)
/** A logged session as the decider remembers it; `notes` null when none were given. */
export type LoggedSession = t.TypeOf<typeof LoggedSession>

/** The session a LogSession command or a SessionLogged event records, as the decider remembers it. */
export const loggedSession = (session: {
  readonly date: LocalDate
  readonly minutes: number
  readonly topic: string
  readonly notes?: string
}): LoggedSession => ({
  date: session.date,
  minutes: session.minutes,
  topic: session.topic,
  notes: session.notes ?? null,
})

/** A goal's achievement: when, and the mentor's assessment. */
export interface GoalAchievement {
  readonly at: Instant
  readonly assessment: string
}

/** A mentorship that has been proposed; records are keyed by id (own keys only) so the state snapshots as JSON. */
export interface Mentorship {
  readonly status: MentorshipStatus
  readonly proposal: MentorshipProposal
  readonly proposedAt: Instant
  /** The local date (Asia/Jakarta) the mentor accepted; null until a place was reserved for the acceptance. */
  readonly acceptedOn: LocalDate | null
  /** How many times the mentor asked to accept (the number of the latest request; 0 before the first). */
  readonly acceptanceRequests: number
  readonly sessions: Readonly<Record<string, LoggedSession>>
  readonly sessionCount: number
  readonly totalMinutes: number
  readonly achievedGoals: Readonly<Record<string, GoalAchievement>>
  /** The instant the mentorship was completed, declined or ended; null while open. */
  readonly closedAt: Instant | null
}

/** The state of one mentorship stream: nothing yet, or a mentorship. */
export type MentorshipState = { readonly status: 'none' } | Mentorship

/** The state before any event. */
export const initialMentorshipState: MentorshipState = { status: 'none' }
