import { accept } from '../kernel/index.js'
import { type Actor, compareInstants, hasRole, isAsn, type PolicyConfig, sameRecordedText } from '../shared/index.js'
import type { ComplaintCommandOf } from './commands.js'
import { deadlineAfterCalendarDays } from './deadlines.js'
import type { ComplaintEvent } from './events.js'
import { type ComplaintDecision, isComplainant, isDesk, nextStep, onComplaint, sealedForComplaint } from './decision.js'
import { complaintRejections } from './rejections.js'
import type { ComplaintState } from './state.js'

const { refuse } = complaintRejections

const mayHandle = (actor: Actor, officerNip: string): boolean => isAsn(actor, officerNip) || hasRole(actor, 'pyb')

/** Routes a verified complaint (disposisi) to the responsible unit and its handling officer. */
export const disposeComplaint = (
  command: ComplaintCommandOf<'DisposeComplaint'>,
  state: ComplaintState,
): ComplaintDecision => {
  const { actor, at, data } = command
  if (!isDesk(actor)) return refuse('desk-officer-only')
  return onComplaint(
    state,
    data.complaintId,
    nextStep(at, {
      done: c => c.disposition?.officerNip === data.officerNip && c.disposition.unit === data.unit,
      decide: c => {
        if (c.disposition !== null) return refuse('already-disposed')
        if (c.status !== 'verified') return refuse('not-verified')
        return accept<ComplaintEvent>({
          type: 'ComplaintDisposed',
          data: { at, complaintId: c.complaintId, unit: data.unit, officerNip: data.officerNip },
        })
      },
    }),
  )
}

/** Records a follow-up (tindak lanjut) by the handling officer or a PyB, until the complaint is decided. */
export const recordFollowUp = (
  command: ComplaintCommandOf<'RecordFollowUp'>,
  state: ComplaintState,
): ComplaintDecision => {
  const { actor, at, data } = command
  return onComplaint(
    state,
    data.complaintId,
    nextStep(at, {
      done: c => c.followUpIds.includes(data.followUpId),
      decide: c => {
        if (c.disposition === null) return refuse('not-disposed')
        if (!mayHandle(actor, c.disposition.officerNip)) return refuse('officer-or-pyb-only')
        if (c.decision !== null) return refuse('already-decided')
        if (!sealedForComplaint(c, [data.text])) return refuse('wrong-data-subject')
        return accept<ComplaintEvent>({
          type: 'FollowUpRecorded',
          data: {
            at,
            complaintId: c.complaintId,
            followUpId: data.followUpId,
            officerNip: c.disposition.officerNip,
            text: data.text,
          },
        })
      },
    }),
  )
}

/** Decides a followed-up complaint, upheld or not, with any compensation (UU 25/2009 Pasal 50). */
export const decideComplaint = (
  command: ComplaintCommandOf<'DecideComplaint'>,
  state: ComplaintState,
): ComplaintDecision => {
  const { actor, at, data } = command
  return onComplaint(
    state,
    data.complaintId,
    nextStep(at, {
      done: c =>
        c.decision !== null &&
        sameRecordedText(c.decision.decision, data.decision) &&
        c.decision.upheld === data.upheld,
      decide: c => {
        if (c.disposition === null) return refuse('not-disposed')
        if (!mayHandle(actor, c.disposition.officerNip)) return refuse('officer-or-pyb-only')
        if (c.decision !== null) return refuse('already-decided')
        if (c.status !== 'followed-up') return refuse('no-follow-up')
        if (!sealedForComplaint(c, [data.decision])) return refuse('wrong-data-subject')
        return accept<ComplaintEvent>({
          type: 'ComplaintDecided',
          data: {
            at,
            complaintId: c.complaintId,
            officerNip: c.disposition.officerNip,
            decision: data.decision,
            upheld: data.upheld,
            ...(data.compensation === undefined ? {} : { compensation: data.compensation }),
          },
        })
      },
    }),
  )
}

/** Notifies the complainant of the decision. */
export const notifyComplainant = (
  command: ComplaintCommandOf<'NotifyComplainant'>,
  state: ComplaintState,
): ComplaintDecision => {
  const { actor, at, data } = command
  if (!isDesk(actor)) return refuse('desk-officer-only')
  return onComplaint(
    state,
    data.complaintId,
    nextStep(at, {
      done: c => c.notifiedAt !== null,
      decide: c => {
        if (c.decision === null) return refuse('not-decided')
        return accept<ComplaintEvent>({
          type: 'ComplainantNotified',
          data: { at, complaintId: c.complaintId, channel: data.channel },
        })
      },
    }),
  )
}

/**
 * Takes the complainant's one satisfaction rating after the decision, naming the handling officer; also after the
 * complaint closed (by the desk, or by itself when the complainant did not answer the notification), for the
 * configured number of days.
 */
export const rateSatisfaction = (
  command: ComplaintCommandOf<'RateSatisfaction'>,
  state: ComplaintState,
  config: PolicyConfig,
): ComplaintDecision => {
  const { actor, at, data } = command
  if (actor.kind !== 'citizen') return refuse('citizen-only')
  return onComplaint(
    state,
    data.complaintId,
    nextStep(at, {
      afterEnd: c =>
        c.status === 'closed' &&
        c.closedAt !== null &&
        compareInstants(at, deadlineAfterCalendarDays(c.closedAt, config.complaint.ratingWindowDays)) <= 0,
      done: c => c.rating === data.rating,
      decide: c => {
        if (!isComplainant(actor, c)) return refuse('not-the-complainant')
        if (c.decision === null || c.disposition === null) return refuse('not-decided')
        if (c.rating !== null) return refuse('already-rated')
        if (!sealedForComplaint(c, [data.comment])) return refuse('wrong-data-subject')
        return accept<ComplaintEvent>({
          type: 'SatisfactionRated',
          data: {
            at,
            complaintId: c.complaintId,
            officerNip: c.disposition.officerNip,
            rating: data.rating,
            ...(data.comment === undefined ? {} : { comment: data.comment }),
          },
        })
      },
    }),
  )
}

/** Escalates an open complaint to the Ombudsman (UU 37/2008); it is then final for the unit. */
export const escalateToOmbudsman = (
  command: ComplaintCommandOf<'EscalateToOmbudsman'>,
  state: ComplaintState,
): ComplaintDecision => {
  const { actor, at, data } = command
  if (actor.kind !== 'citizen' && !isDesk(actor)) return refuse('citizen-or-desk-only')
  return onComplaint(
    state,
    data.complaintId,
    nextStep(at, {
      endsIn: ['escalated'],
      decide: c => {
        if (actor.kind === 'citizen' && !isComplainant(actor, c)) return refuse('not-the-complainant')
        return accept<ComplaintEvent>({
          type: 'ComplaintEscalated',
          data: { at, complaintId: c.complaintId, ...(data.reason === undefined ? {} : { reason: data.reason }) },
        })
      },
    }),
  )
}

/** Closes a decided complaint as resolved. */
export const closeComplaint = (
  command: ComplaintCommandOf<'CloseComplaint'>,
  state: ComplaintState,
): ComplaintDecision => {
  const { actor, at, data } = command
  if (!isDesk(actor)) return refuse('desk-officer-only')
  return onComplaint(
    state,
    data.complaintId,
    nextStep(at, {
      endsIn: ['closed'],
      decide: c => {
        if (c.decision === null) return refuse('not-decided')
        if (c.notifiedAt === null) return refuse('not-notified')
        return accept<ComplaintEvent>({
          type: 'ComplaintClosed',
          data: { at, complaintId: c.complaintId, reason: 'resolved' },
        })
      },
    }),
  )
}
