import { accept, nothing } from '../kernel/index.js'
import { daysBetween, jakartaDate, type PolicyConfig } from '../shared/index.js'
import type { ComplaintCommand } from './commands.js'
import type { ComplaintEvent } from './events.js'
import { type ComplaintDecision, isComplainant, isDesk, onFiledComplaint } from './guards.js'
import { refuseComplaint } from './rejections.js'
import type { Complaint, ComplaintState } from './state.js'
import { offlineChannels } from './values.js'

type CommandOf<Type extends ComplaintCommand['type']> = Extract<ComplaintCommand, { readonly type: Type }>

/** Receives a complaint within the filing window and issues its receipt (UU 25/2009 Pasal 42, 44). */
export const fileComplaint = (
  command: CommandOf<'FileComplaint'>,
  state: ComplaintState,
  config: PolicyConfig,
): ComplaintDecision => {
  const { actor, at, data } = command
  if (actor.kind !== 'citizen' && !isDesk(actor)) return refuseComplaint('citizen-or-desk-only')
  if (actor.kind !== 'citizen' && !offlineChannels.includes(data.channel))
    return refuseComplaint('offline-channel-required')
  if (state.status !== 'not-filed')
    return state.complaintId === data.complaintId && state.trackingId === data.trackingId
      ? nothing
      : refuseComplaint('already-filed')
  const filedOn = jakartaDate(at)
  if (data.serviceDate > filedOn) return refuseComplaint('service-date-in-future')
  if (daysBetween(data.serviceDate, filedOn) > config.complaint.filingWindowDays)
    return refuseComplaint('filing-window-passed')
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
    },
  })
}

const lowers = (complaint: Complaint, flags: CommandOf<'VerifyComplaint'>['data']): boolean =>
  (complaint.anonymous && flags.anonymous === false) || (complaint.confidential && flags.confidential === false)

const raises = (complaint: Complaint, flags: CommandOf<'VerifyComplaint'>['data']): boolean =>
  (!complaint.anonymous && flags.anonymous === true) || (!complaint.confidential && flags.confidential === true)

/** Verifies a received complaint; the desk may raise the anonymous/confidential flags but never lower them. */
export const verifyComplaint = (command: CommandOf<'VerifyComplaint'>, state: ComplaintState): ComplaintDecision => {
  const { actor, at, data } = command
  if (!isDesk(actor)) return refuseComplaint('desk-officer-only')
  return onFiledComplaint(command, state, {
    done: c => c.verification !== null && !lowers(c, data) && !raises(c, data),
    decide: c => {
      if (lowers(c, data)) return refuseComplaint('confidentiality-cannot-be-lowered')
      if (c.status === 'incomplete') return refuseComplaint('completion-pending')
      if (c.status !== 'received') return refuseComplaint('already-verified')
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
  })
}

/** Asks the complainant to complete a received complaint, saying what is missing. */
export const requestCompletion = (
  command: CommandOf<'RequestCompletion'>,
  state: ComplaintState,
): ComplaintDecision => {
  const { actor, at, data } = command
  if (!isDesk(actor)) return refuseComplaint('desk-officer-only')
  return onFiledComplaint(command, state, {
    done: c => c.status === 'incomplete',
    decide: c =>
      c.status === 'received'
        ? accept<ComplaintEvent>({
            type: 'CompletionRequested',
            data: { at, complaintId: c.complaintId, officerNip: actor.nip, missing: data.missing },
          })
        : refuseComplaint('already-verified'),
  })
}

/** Takes what the complainant supplied; verification starts again from now. */
export const supplyCompletion = (command: CommandOf<'SupplyCompletion'>, state: ComplaintState): ComplaintDecision => {
  const { actor, at, data } = command
  if (actor.kind !== 'citizen' && !isDesk(actor)) return refuseComplaint('citizen-or-desk-only')
  return onFiledComplaint(command, state, {
    done: c => c.status !== 'incomplete' && c.completion !== null && c.completion.suppliedAt !== null,
    decide: c => {
      if (actor.kind === 'citizen' && !isComplainant(actor, c)) return refuseComplaint('not-the-complainant')
      if (c.status !== 'incomplete') return refuseComplaint('completion-not-requested')
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
  })
}

const beforeDisposition = (c: Complaint): boolean =>
  c.status === 'received' || c.status === 'incomplete' || c.status === 'verified'

/** Ends a complaint that is not within this agency's authority, naming the competent agency. */
export const declareNotInAuthority = (
  command: CommandOf<'DeclareNotInAuthority'>,
  state: ComplaintState,
): ComplaintDecision => {
  const { actor, at, data } = command
  if (!isDesk(actor)) return refuseComplaint('desk-officer-only')
  return onFiledComplaint(command, state, {
    endsIn: ['not-in-authority'],
    decide: c =>
      beforeDisposition(c)
        ? accept<ComplaintEvent>({
            type: 'ComplaintNotInAuthority',
            data: { at, complaintId: c.complaintId, officerNip: actor.nip, competentAgency: data.competentAgency },
          })
        : refuseComplaint('already-disposed'),
  })
}

/** Ends a complaint by archiving it with a reason, before it is routed to a unit. */
export const archiveComplaint = (command: CommandOf<'ArchiveComplaint'>, state: ComplaintState): ComplaintDecision => {
  const { actor, at, data } = command
  if (!isDesk(actor)) return refuseComplaint('desk-officer-only')
  return onFiledComplaint(command, state, {
    endsIn: ['archived'],
    decide: c =>
      beforeDisposition(c)
        ? accept<ComplaintEvent>({
            type: 'ComplaintArchived',
            data: { at, complaintId: c.complaintId, officerNip: actor.nip, reason: data.reason },
          })
        : refuseComplaint('already-disposed'),
  })
}
