import { accept, nothing } from '../kernel/index.js'
import { daysBetween, jakartaDate, type PolicyConfig } from '../shared/index.js'
import { type ComplaintCommandOf, offlineChannels } from './commands.js'
import type { ComplaintEvent } from './events.js'
import {
  type ComplaintDecision,
  isComplainant,
  isDesk,
  nextStep,
  oneDataSubject,
  onComplaint,
  sealedForComplaint,
} from './decision.js'
import { complaintRejections } from './rejections.js'
import type { Complaint, ComplaintState } from './state.js'

const { refuse } = complaintRejections

/** Receives a complaint within the filing window and issues its receipt (UU 25/2009 Pasal 42, 44). */
export const fileComplaint = (
  command: ComplaintCommandOf<'FileComplaint'>,
  state: ComplaintState,
  config: PolicyConfig,
): ComplaintDecision => {
  const { actor, at, data } = command
  if (actor.kind !== 'citizen' && !isDesk(actor)) return refuse('citizen-or-desk-only')
  if (actor.kind !== 'citizen' && !offlineChannels.includes(data.channel)) return refuse('offline-channel-required')
  if (state.status !== 'not-filed')
    return state.complaintId === data.complaintId && state.trackingId === data.trackingId
      ? nothing
      : refuse('already-filed')
  const filedOn = jakartaDate(at)
  if (data.serviceDate > filedOn) return refuse('service-date-in-future')
  if (daysBetween(data.serviceDate, filedOn) > config.complaint.filingWindowDays) return refuse('filing-window-passed')
  // Only the holder of its token acts as the complainant of an anonymous complaint: no token, nobody could.
  if (data.anonymous && data.trackingTokenDigest === undefined) return refuse('tracking-token-required')
  if (!oneDataSubject([data.description, data.complainant, data.contact, data.sensitiveDetails]))
    return refuse('wrong-data-subject')
  return accept<ComplaintEvent>({
    type: 'ComplaintFiled',
    data: {
      at,
      complaintId: data.complaintId,
      trackingId: data.trackingId,
      receivedAt: at,
      unit: data.unit,
      category: data.category,
      description: data.description,
      serviceDate: data.serviceDate,
      channel: data.channel,
      anonymous: data.anonymous,
      confidential: data.confidential,
      ...(data.complainant === undefined ? {} : { complainant: data.complainant }),
      ...(data.contact === undefined ? {} : { contact: data.contact }),
      ...(data.sensitiveDetails === undefined ? {} : { sensitiveDetails: data.sensitiveDetails }),
      ...(data.trackingTokenDigest === undefined ? {} : { trackingTokenDigest: data.trackingTokenDigest }),
    },
  })
}

const lowers = (complaint: Complaint, flags: ComplaintCommandOf<'VerifyComplaint'>['data']): boolean =>
  (complaint.anonymous && flags.anonymous === false) || (complaint.confidential && flags.confidential === false)

const raises = (complaint: Complaint, flags: ComplaintCommandOf<'VerifyComplaint'>['data']): boolean =>
  (!complaint.anonymous && flags.anonymous === true) || (!complaint.confidential && flags.confidential === true)

/** Verifies a received complaint; the desk may raise the anonymous/confidential flags but never lower them. */
export const verifyComplaint = (
  command: ComplaintCommandOf<'VerifyComplaint'>,
  state: ComplaintState,
): ComplaintDecision => {
  const { actor, at, data } = command
  if (!isDesk(actor)) return refuse('desk-officer-only')
  return onComplaint(
    state,
    data.complaintId,
    nextStep(at, {
      done: c => c.verification !== null && !lowers(c, data) && !raises(c, data),
      decide: c => {
        if (lowers(c, data)) return refuse('confidentiality-cannot-be-lowered')
        if (c.status === 'incomplete') return refuse('completion-pending')
        if (c.status !== 'received') return refuse('already-verified')
        return accept<ComplaintEvent>({
          type: 'ComplaintVerified',
          data: {
            at,
            complaintId: c.complaintId,
            officerNip: actor.nip,
            anonymous: c.anonymous || data.anonymous === true,
            confidential: c.confidential || data.confidential === true,
          },
        })
      },
    }),
  )
}

/** Asks the complainant to complete a received complaint, saying what is missing. */
export const requestCompletion = (
  command: ComplaintCommandOf<'RequestCompletion'>,
  state: ComplaintState,
): ComplaintDecision => {
  const { actor, at, data } = command
  if (!isDesk(actor)) return refuse('desk-officer-only')
  return onComplaint(
    state,
    data.complaintId,
    nextStep(at, {
      done: c => c.status === 'incomplete',
      decide: c => {
        if (c.status !== 'received') return refuse('already-verified')
        return accept<ComplaintEvent>({
          type: 'CompletionRequested',
          data: { at, complaintId: c.complaintId, officerNip: actor.nip, missing: data.missing },
        })
      },
    }),
  )
}

/** Takes what the complainant supplied; verification starts again from now. */
export const supplyCompletion = (
  command: ComplaintCommandOf<'SupplyCompletion'>,
  state: ComplaintState,
): ComplaintDecision => {
  const { actor, at, data } = command
  if (actor.kind !== 'citizen' && !isDesk(actor)) return refuse('citizen-or-desk-only')
  return onComplaint(
    state,
    data.complaintId,
    nextStep(at, {
      done: c => c.status !== 'incomplete' && c.completion !== null && c.completion.suppliedAt !== null,
      decide: c => {
        if (actor.kind === 'citizen' && !isComplainant(actor, c)) return refuse('not-the-complainant')
        if (c.status !== 'incomplete') return refuse('completion-not-requested')
        if (!sealedForComplaint(c, [data.supplement, data.contact, data.sensitiveDetails]))
          return refuse('wrong-data-subject')
        return accept<ComplaintEvent>({
          type: 'CompletionSupplied',
          data: {
            at,
            complaintId: c.complaintId,
            supplement: data.supplement,
            ...(data.contact === undefined ? {} : { contact: data.contact }),
            ...(data.sensitiveDetails === undefined ? {} : { sensitiveDetails: data.sensitiveDetails }),
          },
        })
      },
    }),
  )
}

const beforeDisposition = (c: Complaint): boolean =>
  c.status === 'received' || c.status === 'incomplete' || c.status === 'verified'

/** Ends a complaint that is not within this agency's authority, naming the competent agency. */
export const declareNotInAuthority = (
  command: ComplaintCommandOf<'DeclareNotInAuthority'>,
  state: ComplaintState,
): ComplaintDecision => {
  const { actor, at, data } = command
  if (!isDesk(actor)) return refuse('desk-officer-only')
  return onComplaint(
    state,
    data.complaintId,
    nextStep(at, {
      endsIn: ['not-in-authority'],
      decide: c => {
        if (!beforeDisposition(c)) return refuse('already-disposed')
        return accept<ComplaintEvent>({
          type: 'ComplaintNotInAuthority',
          data: { at, complaintId: c.complaintId, officerNip: actor.nip, competentAgency: data.competentAgency },
        })
      },
    }),
  )
}

/** Ends a complaint by archiving it with a reason, before it is routed to a unit. */
export const archiveComplaint = (
  command: ComplaintCommandOf<'ArchiveComplaint'>,
  state: ComplaintState,
): ComplaintDecision => {
  const { actor, at, data } = command
  if (!isDesk(actor)) return refuse('desk-officer-only')
  return onComplaint(
    state,
    data.complaintId,
    nextStep(at, {
      endsIn: ['archived'],
      decide: c => {
        if (!beforeDisposition(c)) return refuse('already-disposed')
        return accept<ComplaintEvent>({
          type: 'ComplaintArchived',
          data: { at, complaintId: c.complaintId, officerNip: actor.nip, reason: data.reason },
        })
      },
    }),
  )
}
