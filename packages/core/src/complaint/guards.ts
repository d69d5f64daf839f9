import type * as E from 'fp-ts/lib/Either.js'
import { nothing } from '../kernel/index.js'
import { type Actor, compareInstants, hasRole, type Instant } from '../shared/index.js'
import type { ComplaintEvent } from './events.js'
import { type ComplaintRejection, refuseComplaint } from './rejections.js'
import { type Complaint, type ComplaintState, type ComplaintStatus, isFinalComplaintStatus } from './state.js'

/** What a complaint command decides: events (none when already done) or a rejection. */
export type ComplaintDecision = E.Either<ComplaintRejection, readonly ComplaintEvent[]>

/** A command's own rule, run after the checks every command on a filed complaint shares. */
export interface ComplaintRule {
  /** Final statuses this command leads to: on a complaint already there, repeating it changes nothing. */
  readonly endsIn?: readonly ComplaintStatus[]
  /** Whether the command was already applied (then it changes nothing, even if dated earlier). */
  readonly done?: (complaint: Complaint) => boolean
  readonly decide: (complaint: Complaint) => ComplaintDecision
}

/**
 * Runs the shared checks in order (filed, same complaint, not ended, not already applied, not dated before the last
 * fact), then the command's own rule.
 */
export const onFiledComplaint = (
  command: { readonly at: Instant; readonly data: { readonly complaintId: string } },
  state: ComplaintState,
  rule: ComplaintRule,
): ComplaintDecision => {
  if (state.status === 'not-filed') return refuseComplaint('complaint-not-filed')
  if (command.data.complaintId !== state.complaintId) return refuseComplaint('wrong-complaint')
  if (isFinalComplaintStatus(state.status))
    return rule.endsIn?.includes(state.status) === true ? nothing : refuseComplaint('complaint-ended')
  if (rule.done?.(state) === true) return nothing
  if (compareInstants(command.at, state.lastAt) < 0) return refuseComplaint('out-of-order')
  return rule.decide(state)
}

/** Whether the actor is a complaint desk officer (admin-pengaduan). */
export const isDesk = (actor: Actor): actor is Extract<Actor, { readonly kind: 'asn' }> =>
  hasRole(actor, 'admin-pengaduan')

/**
 * Whether the actor is the complainant: a citizen, whose pseudonym matches the complainant's encrypted identity when
 * the complaint names one.
 */
export const isComplainant = (actor: Actor, complaint: Complaint): boolean =>
  actor.kind === 'citizen' &&
  (complaint.complainantSubjectId === null || actor.subjectId === complaint.complainantSubjectId)
