import { accept, nothing } from '../kernel/index.js'
import { compareInstants, type PolicyConfig } from '../shared/index.js'
import type { ComplaintCommandOf } from './commands.js'
import { nextDeadlines } from './deadlines.js'
import { type ComplaintEvent, MissableStage } from './events.js'
import { type ComplaintDecision, nextStep, onComplaint } from './decision.js'
import { complaintRejections } from './rejections.js'
import { type ComplaintState, finalComplaintStatuses } from './state.js'

const { refuse } = complaintRejections

/**
 * Records, as of the timer's `at`, each overdue stage not yet recorded missed (once per stage), then a completion
 * window passed (deemed withdrawn, Pasal 44) or a follow-up left unanswered (closed for no response).
 */
export const checkDeadlines = (
  command: ComplaintCommandOf<'CheckDeadlines'>,
  state: ComplaintState,
  config: PolicyConfig,
): ComplaintDecision => {
  const { actor, at, data } = command
  if (actor.kind !== 'system') return refuse('system-only')
  return onComplaint(
    state,
    data.complaintId,
    nextStep(at, {
      endsIn: finalComplaintStatuses,
      // A timer whose clock lags behind the facts has nothing to record: no deadline can be newly missed before the
      // last fact, so it yields nothing instead of an `out-of-order` rejection the deadline job would fail on.
      done: c => compareInstants(at, c.lastAt) < 0,
      decide: c => {
        const overdue = nextDeadlines(c, config).filter(deadline => compareInstants(deadline.dueAt, at) < 0)
        const missed = overdue.flatMap((deadline): readonly ComplaintEvent[] => {
          const stage = deadline.stage
          if (!MissableStage.is(stage) || c.missed[stage] !== undefined) return []
          return [
            {
              type: 'DeadlineMissed',
              data: {
                at,
                complaintId: c.complaintId,
                stage,
                dueAt: deadline.dueAt,
                unit: c.unit,
                ...(deadline.responsibleNip === null ? {} : { responsibleNip: deadline.responsibleNip }),
              },
            },
          ]
        })
        const ended = overdue.flatMap((deadline): readonly ComplaintEvent[] => {
          if (deadline.stage === 'completion' && c.completion !== null)
            return [
              {
                type: 'ComplaintDeemedWithdrawn',
                data: { at, complaintId: c.complaintId, requestedAt: c.completion.requestedAt, dueAt: deadline.dueAt },
              },
            ]
          if (deadline.stage === 'auto-close')
            return [{ type: 'ComplaintClosed', data: { at, complaintId: c.complaintId, reason: 'no-response' } }]
          return []
        })
        const events = [...missed, ...ended]
        return events.length === 0 ? nothing : accept(...events)
      },
    }),
  )
}
