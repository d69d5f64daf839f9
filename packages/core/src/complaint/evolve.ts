import { compareInstants, type Instant, type PersonalData, subjectOfText } from '../shared/index.js'
import type { ComplaintEvent } from './events.js'
import type { Complaint, ComplaintState } from './state.js'

type FiledData = Extract<ComplaintEvent, { readonly type: 'ComplaintFiled' }>['data']
type LaterEvent = Exclude<ComplaintEvent, { readonly type: 'ComplaintFiled' }>

const later = (a: Instant, b: Instant): Instant => (compareInstants(a, b) >= 0 ? a : b)

const filed = (data: FiledData): Complaint => ({
  status: 'received',
  complaintId: data.complaintId,
  trackingId: data.trackingId,
  unit: data.unit,
  category: data.category,
  serviceDate: data.serviceDate,
  receivedAt: data.receivedAt,
  anonymous: data.anonymous,
  confidential: data.confidential,
  complainantSubjectId: data.complainant?.subjectId ?? null,
  dataSubjectId: subjectOfText(data.description) ?? data.complainant?.subjectId ?? null,
  trackingTokenDigest: data.trackingTokenDigest ?? null,
  verificationFrom: data.receivedAt,
  completion: null,
  verification: null,
  disposition: null,
  followUpIds: [],
  decision: null,
  notifiedAt: null,
  rating: null,
  missed: {},
  closedReason: null,
  closedAt: null,
  lastActivityAt: data.at,
  lastAt: data.at,
})

// The first sealed text of a complaint filed before sealing names its data subject from then on.
const firstSubject = (complaint: Complaint, event: LaterEvent): string | null => {
  if (complaint.dataSubjectId !== null) return complaint.dataSubjectId
  const sealed: readonly unknown[] = Object.values(event.data)
  const envelope = sealed.find(
    (value): value is PersonalData => typeof value === 'object' && value !== null && 'subjectId' in value,
  )
  return envelope?.subjectId ?? null
}

const apply = (complaint: Complaint, event: LaterEvent): Complaint => {
  const at = event.data.at
  const c: Complaint = {
    ...complaint,
    dataSubjectId: firstSubject(complaint, event),
    lastAt: later(complaint.lastAt, at),
    // A timer's record of a missed deadline is not activity by either side.
    lastActivityAt: event.type === 'DeadlineMissed' ? complaint.lastActivityAt : later(complaint.lastActivityAt, at),
  }
  switch (event.type) {
    case 'ComplaintVerified':
      return {
        ...c,
        status: 'verified',
        verification: { at, officerNip: event.data.officerNip },
        anonymous: c.anonymous || event.data.anonymous,
        confidential: c.confidential || event.data.confidential,
      }
    case 'CompletionRequested':
      return { ...c, status: 'incomplete', completion: { requestedAt: at, suppliedAt: null } }
    case 'CompletionSupplied':
      return {
        ...c,
        status: 'received',
        verificationFrom: at,
        completion: { requestedAt: c.completion?.requestedAt ?? at, suppliedAt: at },
      }
    case 'ComplaintDeemedWithdrawn':
      return { ...c, status: 'deemed-withdrawn' }
    case 'ComplaintNotInAuthority':
      return { ...c, status: 'not-in-authority' }
    case 'ComplaintArchived':
      return { ...c, status: 'archived' }
    case 'ComplaintDisposed':
      return {
        ...c,
        status: 'disposed',
        unit: event.data.unit,
        disposition: { at, unit: event.data.unit, officerNip: event.data.officerNip },
      }
    case 'FollowUpRecorded':
      return { ...c, status: 'followed-up', followUpIds: [...c.followUpIds, event.data.followUpId] }
    case 'ComplaintDecided':
      return {
        ...c,
        status: 'decided',
        decision: { at, decision: event.data.decision, upheld: event.data.upheld },
      }
    case 'ComplainantNotified':
      return { ...c, status: 'notified', notifiedAt: at }
    case 'SatisfactionRated':
      return { ...c, rating: event.data.rating }
    case 'DeadlineMissed':
      return { ...c, missed: { ...c.missed, [event.data.stage]: event.data.dueAt } }
    case 'ComplaintEscalated':
      return { ...c, status: 'escalated' }
    case 'ComplaintClosed':
      return { ...c, status: 'closed', closedReason: event.data.reason, closedAt: at }
  }
}

/** Applies one event to a complaint's state; total: an event before the filing, or a second filing, changes nothing. */
export const evolveComplaint = (state: ComplaintState, event: ComplaintEvent): ComplaintState => {
  if (event.type === 'ComplaintFiled') return state.status === 'not-filed' ? filed(event.data) : state
  if (state.status === 'not-filed') return state
  return apply(state, event)
}
