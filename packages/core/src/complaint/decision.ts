import type * as E from 'fp-ts/lib/Either.js'
import { nothing } from '../kernel/index.js'
import {
  type Actor,
  type AsnActor,
  compareInstants,
  hasRole,
  type Instant,
  type PersonalData,
} from '../shared/index.js'
import type { ComplaintEvent } from './events.js'
import { type ComplaintRejection, complaintRejections } from './rejections.js'
import { type Complaint, type ComplaintState, type ComplaintStatus, isFinalComplaintStatus } from './state.js'

const { refuse } = complaintRejections

/** What a complaint command decides: events (none when already done) or a rejection. */
export type ComplaintDecision = E.Either<ComplaintRejection, readonly ComplaintEvent[]>

/** Runs a decision on the complaint `complaintId`, refusing when none is filed or the stream holds another. */
export const onComplaint = (
  state: ComplaintState,
  complaintId: string,
  decide: (complaint: Complaint) => ComplaintDecision,
): ComplaintDecision => {
  if (state.status === 'not-filed') return refuse('complaint-not-filed')
  if (complaintId !== state.complaintId) return refuse('wrong-complaint')
  return decide(state)
}

/** A command's own decision on a filed complaint, with what tells that it was already applied. */
export interface ComplaintStep {
  /** Final statuses this command leads to: on a complaint already there, repeating it changes nothing. */
  readonly endsIn?: readonly ComplaintStatus[]
  /** Whether the command was already applied (then it changes nothing, even if dated earlier). */
  readonly done?: (complaint: Complaint) => boolean
  /** Whether the command may still act on a complaint that has ended (a rating shortly after the close). */
  readonly afterEnd?: (complaint: Complaint) => boolean
  /** The command's own checks and events. */
  readonly decide: (complaint: Complaint) => ComplaintDecision
}

/**
 * A command dated `at` as the next step of the complaint `onComplaint` found, with the checks every such command
 * shares, in order: not ended (a command that ends it as it already is changes nothing; one that may act after the
 * end, within its bounds, goes on), not already applied, not dated before the last fact; then the command's own
 * decision.
 */
export const nextStep =
  (at: Instant, step: ComplaintStep) =>
  (complaint: Complaint): ComplaintDecision => {
    if (isFinalComplaintStatus(complaint.status) && step.afterEnd?.(complaint) !== true)
      return step.endsIn?.includes(complaint.status) === true ? nothing : refuse('complaint-ended')
    if (step.done?.(complaint) === true) return nothing
    if (compareInstants(at, complaint.lastAt) < 0) return refuse('out-of-order')
    return step.decide(complaint)
  }

/** Whether the actor is a complaint desk officer (admin-pengaduan). */
export const isDesk = (actor: Actor): actor is AsnActor => hasRole(actor, 'admin-pengaduan')

/**
 * Whether the actor is the complainant. Of an anonymous complaint filed with a tracking token, the holder of the
 * token, whoever they are (its personal data is sealed for the complaint, not for an account, so nothing links the
 * two). Otherwise a citizen whose pseudonym matches the complainant's encrypted identity when the complaint names one,
 * and who holds the complaint's tracking token when it was filed with one. An anonymous complaint filed without a
 * token (before tokens were required for one) accepts any citizen, as it always did.
 */
export const isComplainant = (actor: Actor, complaint: Complaint): boolean => {
  if (actor.kind !== 'citizen') return false
  if (complaint.anonymous && complaint.trackingTokenDigest !== null)
    return actor.trackingTokenDigest === complaint.trackingTokenDigest
  return (
    (complaint.complainantSubjectId === null || actor.subjectId === complaint.complainantSubjectId) &&
    (complaint.trackingTokenDigest === null || actor.trackingTokenDigest === complaint.trackingTokenDigest)
  )
}

/** Whether every envelope given (absent ones aside) is sealed for one and the same data subject. */
export const oneDataSubject = (envelopes: readonly (PersonalData | undefined)[]): boolean =>
  new Set(envelopes.flatMap(envelope => (envelope === undefined ? [] : [envelope.subjectId]))).size <= 1

/**
 * Whether every envelope a later command brings is sealed for the complaint's data subject, so erasing that subject
 * shreds all of the complaint's personal data (a complaint filed before sealing takes its first envelope's subject).
 */
export const sealedForComplaint = (complaint: Complaint, envelopes: readonly (PersonalData | undefined)[]): boolean =>
  oneDataSubject(envelopes) &&
  envelopes.every(
    envelope =>
      envelope === undefined || complaint.dataSubjectId === null || envelope.subjectId === complaint.dataSubjectId,
  )
