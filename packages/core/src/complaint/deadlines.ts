import { addDays, endOfJakartaDay, type Instant, jakartaDate, type Nip, type PolicyConfig } from '../shared/index.js'
import type { ComplaintState } from './state.js'
import type { MissableStage } from './events.js'

/** A stage with a deadline: the four that can be missed, the completion window and the automatic close. */
export type ComplaintDeadlineStage = MissableStage | 'completion' | 'auto-close'

/** A deadline still open on a complaint: its stage, when it falls due, and the officer owning the stage when known. */
export interface ComplaintDeadline {
  readonly stage: ComplaintDeadlineStage
  readonly dueAt: Instant
  readonly responsibleNip: Nip | null
}

/** The end (23:59:59.999 WIB) of the `n`-th working day after an instant's local date. */
export const deadlineAfterWorkingDays = (from: Instant, n: number, config: PolicyConfig): Instant =>
  endOfJakartaDay(config.calendar.addWorkingDays(jakartaDate(from), n))

/** The end (23:59:59.999 WIB) of the `n`-th calendar day after an instant's local date. */
export const deadlineAfterCalendarDays = (from: Instant, n: number): Instant =>
  endOfJakartaDay(addDays(jakartaDate(from), n))

/**
 * The deadlines open on a complaint now, from the configured periods (DOMAIN.md §4): verification and disposition,
 * the completion window, follow-up, decision, notification and the automatic close (after a follow-up neither side
 * answers, and after a notification the complainant does not answer). A deadline whose miss was already recorded
 * stays open until its stage is done.
 */
export const nextDeadlines = (state: ComplaintState, config: PolicyConfig): readonly ComplaintDeadline[] => {
  if (state.status === 'not-filed') return []
  const periods = config.complaint
  const verifier = state.verification?.officerNip ?? null
  const officer = state.disposition?.officerNip ?? null
  const verification: ComplaintDeadline = {
    stage: 'verification',
    dueAt: deadlineAfterWorkingDays(state.verificationFrom, periods.verificationWorkingDays, config),
    responsibleNip: verifier,
  }
  const decision: readonly ComplaintDeadline[] =
    state.verification === null
      ? []
      : [
          {
            stage: 'decision',
            dueAt: deadlineAfterCalendarDays(state.verification.at, periods.decisionDays),
            responsibleNip: officer ?? verifier,
          },
        ]
  switch (state.status) {
    case 'received':
      return [verification]
    case 'incomplete':
      return state.completion === null
        ? []
        : [
            {
              stage: 'completion',
              dueAt: deadlineAfterCalendarDays(state.completion.requestedAt, periods.completionWindowDays),
              responsibleNip: null,
            },
          ]
    case 'verified':
      return [verification, ...decision]
    case 'disposed':
      return state.disposition === null
        ? decision
        : [
            {
              stage: 'follow-up',
              dueAt: deadlineAfterWorkingDays(state.disposition.at, periods.followUpWorkingDays, config),
              responsibleNip: officer,
            },
            ...decision,
          ]
    case 'followed-up':
      return [
        ...decision,
        {
          stage: 'auto-close',
          dueAt: deadlineAfterWorkingDays(state.lastActivityAt, periods.autoCloseWorkingDays, config),
          responsibleNip: officer,
        },
      ]
    case 'decided':
      return state.decision === null
        ? []
        : [
            {
              stage: 'notification',
              dueAt: deadlineAfterCalendarDays(state.decision.at, periods.notificationDays),
              responsibleNip: verifier,
            },
          ]
    case 'notified':
      // A notified complaint its complainant does not answer (no rating) closes by itself (LAPOR! practice).
      return state.notifiedAt === null || state.rating !== null
        ? []
        : [
            {
              stage: 'auto-close',
              dueAt: deadlineAfterWorkingDays(state.notifiedAt, periods.autoCloseWorkingDays, config),
              responsibleNip: verifier,
            },
          ]
    case 'closed':
    case 'archived':
    case 'not-in-authority':
    case 'deemed-withdrawn':
    case 'escalated':
      return []
  }
}
