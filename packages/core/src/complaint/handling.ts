import { accept } from '../kernel/index.js'
import { type Actor, hasRole, isAsn } from '../shared/index.js'
import type { ComplaintCommand } from './commands.js'
import type { ComplaintEvent } from './events.js'
import { type ComplaintDecision, isComplainant, isDesk, onFiledComplaint } from './guards.js'
import { refuseComplaint } from './rejections.js'
import type { Complaint, ComplaintState } from './state.js'

type CommandOf<Type extends ComplaintCommand['type']> = Extract<ComplaintCommand, { readonly type: Type }>

const mayHandle = (actor: Actor, officerNip: string): boolean => isAsn(actor, officerNip) || hasRole(actor, 'pyb')

/** Routes a verified complaint (disposisi) to the responsible unit and its handling officer. */
export const disposeComplaint = (command: CommandOf<'DisposeComplaint'>, state: ComplaintState): ComplaintDecision => {
  const { actor, at, data } = command
  if (!isDesk(actor)) return refuseComplaint('desk-officer-only')
  return onFiledComplaint(command, state, {
    done: c => c.disposition?.officerNip === data.officerNip && c.disposition.unit === data.unit,
    decide: c => {
      if (c.disposition !== null) return refuseComplaint('already-disposed')
      if (c.status !== 'verified') return refuseComplaint('not-verified')
      return accept<ComplaintEvent>({
        type: 'ComplaintDisposed',
        data: { at, complaintId: c.complaintId, unit: data.unit, officerNip: data.officerNip },
      })
    },
  })
}

/** Records a follow-up (tindak lanjut) by the handling officer or a PyB, until the complaint is decided. */
export const recordFollowUp = (command: CommandOf<'RecordFollowUp'>, state: ComplaintState): ComplaintDecision => {
  const { actor, at, data } = command
  return onFiledComplaint(command, state, {
    done: c => c.followUpIds.includes(data.followUpId),
    decide: c => {
      if (c.disposition === null) return refuseComplaint('not-disposed')
      if (!mayHandle(actor, c.disposition.officerNip)) return refuseComplaint('officer-or-pyb-only')
      if (c.decision !== null) return refuseComplaint('already-decided')
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
  })
}

/** Decides a followed-up complaint, upheld or not, with any compensation (UU 25/2009 Pasal 50). */
export const decideComplaint = (command: CommandOf<'DecideComplaint'>, state: ComplaintState): ComplaintDecision => {
  const { actor, at, data } = command
  return onFiledComplaint(command, state, {
    done: c => c.decision?.decision === data.decision && c.decision.upheld === data.upheld,
    decide: c => {
      if (c.disposition === null) return refuseComplaint('not-disposed')
      if (!mayHandle(actor, c.disposition.officerNip)) return refuseComplaint('officer-or-pyb-only')
      if (c.decision !== null) return refuseComplaint('already-decided')
      if (c.status !== 'followed-up') return refuseComplaint('no-follow-up')
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
  })
}

/** Notifies the complainant of the decision. */
export const notifyComplainant = (
  command: CommandOf<'NotifyComplainant'>,
  state: ComplaintState,
): ComplaintDecision => {
  const { actor, at, data } = command
  if (!isDesk(actor)) return refuseComplaint('desk-officer-only')
  return onFiledComplaint(command, state, {
    done: c => c.notifiedAt !== null,
    decide: c =>
      c.decision === null
        ? refuseComplaint('not-decided')
        : accept<ComplaintEvent>({
            type: 'ComplainantNotified',
            data: { at, complaintId: c.complaintId, channel: data.channel },
          }),
  })
}

/** Takes the complainant's one satisfaction rating after the decision, naming the handling officer. */
export const rateSatisfaction = (command: CommandOf<'RateSatisfaction'>, state: ComplaintState): ComplaintDecision => {
  const { actor, at, data } = command
  if (actor.kind !== 'citizen') return refuseComplaint('citizen-only')
  return onFiledComplaint(command, state, {
    done: c => c.rating === data.rating,
    decide: c => {
      if (!isComplainant(actor, c)) return refuseComplaint('not-the-complainant')
      if (c.decision === null || c.disposition === null) return refuseComplaint('not-decided')
      if (c.rating !== null) return refuseComplaint('already-rated')
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
  })
}

/** Escalates an open complaint to the Ombudsman (UU 37/2008); it is then final for the unit. */
export const escalateToOmbudsman = (
  command: CommandOf<'EscalateToOmbudsman'>,
  state: ComplaintState,
): ComplaintDecision => {
  const { actor, at, data } = command
  if (actor.kind !== 'citizen' && !isDesk(actor)) return refuseComplaint('citizen-or-desk-only')
  return onFiledComplaint(command, state, {
    endsIn: ['escalated'],
    decide: (c: Complaint) =>
      actor.kind === 'citizen' && !isComplainant(actor, c)
        ? refuseComplaint('not-the-complainant')
        : accept<ComplaintEvent>({
            type: 'ComplaintEscalated',
            data: { at, complaintId: c.complaintId, ...(data.reason === undefined ? {} : { reason: data.reason }) },
          }),
  })
}

/** Closes a decided complaint as resolved. */
export const closeComplaint = (command: CommandOf<'CloseComplaint'>, state: ComplaintState): ComplaintDecision => {
  const { actor, at } = command
  if (!isDesk(actor)) return refuseComplaint('desk-officer-only')
  return onFiledComplaint(command, state, {
    endsIn: ['closed'],
    decide: c =>
      c.decision === null
        ? refuseComplaint('not-decided')
        : accept<ComplaintEvent>({
            type: 'ComplaintClosed',
            data: { at, complaintId: c.complaintId, reason: 'resolved' },
          }),
  })
}
