import {
  type Complaint,
  ComplaintCategory,
  ComplaintClosedReason,
  type ComplaintEvent,
  ComplaintId,
  type ComplaintState,
  type ComplaintStatus,
  evolveComplaint,
  FollowUpId,
  initialComplaintState,
  Instant,
  isFinalComplaintStatus,
  LocalDate,
  MissableStage,
  Nip,
  SatisfactionRating,
  text,
  TrackingId,
} from '@pembina/core'
import * as t from 'io-ts'
import type { Projection, ProjectedEvent } from '../projection.js'
import { nullable } from './document-values.js'
import { documentCodec } from './stored-document.js'

// A record over core's ComplaintStatus: it fails to compile if core adds or drops a status the board does not know.
const complaintStatuses: Readonly<Record<ComplaintStatus, null>> = {
  received: null,
  incomplete: null,
  verified: null,
  disposed: null,
  'followed-up': null,
  decided: null,
  notified: null,
  closed: null,
  archived: null,
  'not-in-authority': null,
  'deemed-withdrawn': null,
  escalated: null,
}

/** Codec for a missed deadline as the timer recorded it (a `DeadlineMissed` fact). */
export const DeadlineBreach = t.strict(
  {
    stage: MissableStage,
    dueAt: Instant,
    /** When the timer recorded the miss. */
    recordedAt: Instant,
    /** The unit responsible when the deadline was missed. */
    unit: text(200),
    /** The officer then responsible; null when nobody was yet (before verification). */
    responsibleNip: nullable(Nip),
  },
  'DeadlineBreach',
)
/** A missed deadline. */
export type DeadlineBreach = t.TypeOf<typeof DeadlineBreach>

/**
 * Codec for one complaint on the SLA board: where it stands and the instants each stage happened, which is what its
 * deadlines are counted from, and every deadline it missed. No personal data and no free text: the complainant's
 * identity and the texts of the complaint, follow-ups and decision stay in the complaint's stream.
 */
export const ComplaintBoardDocument = documentCodec(
  t.strict(
    {
      complaintId: ComplaintId,
      trackingId: TrackingId,
      /** The unit responsible now: the one complained about, then the one it was routed to. */
      unit: text(200),
      category: ComplaintCategory,
      status: t.keyof(complaintStatuses, 'ComplaintStatus'),
      /** Whether the complaint has not reached a final status (closed, archived, not in authority, withdrawn, escalated). */
      open: t.boolean,
      serviceDate: LocalDate,
      receivedAt: Instant,
      anonymous: t.boolean,
      confidential: t.boolean,
      /** Receipt, or the latest completion supplied: verification is counted from here. */
      verificationFrom: Instant,
      completion: nullable(t.strict({ requestedAt: Instant, suppliedAt: nullable(Instant) })),
      verification: nullable(t.strict({ at: Instant, officerNip: Nip })),
      disposition: nullable(t.strict({ at: Instant, unit: text(200), officerNip: Nip })),
      followUpIds: t.readonlyArray(FollowUpId),
      decision: nullable(t.strict({ at: Instant, upheld: t.boolean })),
      notifiedAt: nullable(Instant),
      rating: nullable(SatisfactionRating),
      breaches: t.readonlyArray(DeadlineBreach),
      closedReason: nullable(ComplaintClosedReason),
      /** When the complaint reached its final status. */
      endedAt: nullable(Instant),
      /** The last fact that was not a timer's (the automatic close counts from here). */
      lastActivityAt: Instant,
      lastAt: Instant,
    },
    'ComplaintOnBoard',
  ),
)
/** One complaint on the SLA board. */
export type ComplaintBoardDocument = t.TypeOf<typeof ComplaintBoardDocument>

/**
 * The complaint as core's state, rebuilt from the board's document so that core's fold and deadlines answer for it.
 * What the board does not keep, core's fold and `nextDeadlines` never read: the complainant's pseudonym and the
 * tracking token's digest are left out and the decision's text is empty.
 */
export const complaintOf = (doc: ComplaintBoardDocument): Complaint => ({
  status: doc.status,
  complaintId: doc.complaintId,
  trackingId: doc.trackingId,
  unit: doc.unit,
  category: doc.category,
  serviceDate: doc.serviceDate,
  receivedAt: doc.receivedAt,
  anonymous: doc.anonymous,
  confidential: doc.confidential,
  complainantSubjectId: null,
  dataSubjectId: null,
  trackingTokenDigest: null,
  verificationFrom: doc.verificationFrom,
  completion: doc.completion,
  verification: doc.verification,
  disposition: doc.disposition,
  followUpIds: doc.followUpIds,
  decision: doc.decision === null ? null : { ...doc.decision, decision: { writtenInClear: '' } },
  notifiedAt: doc.notifiedAt,
  rating: doc.rating,
  missed: Object.fromEntries(doc.breaches.map(breach => [breach.stage, breach.dueAt])),
  closedReason: doc.closedReason,
  closedAt: doc.status === 'closed' ? doc.endedAt : null,
  lastActivityAt: doc.lastActivityAt,
  lastAt: doc.lastAt,
})

const breachesAfter = (doc: ComplaintBoardDocument | undefined, event: ComplaintEvent): readonly DeadlineBreach[] => {
  const breaches = doc?.breaches ?? []
  if (event.type !== 'DeadlineMissed') return breaches
  const { stage, dueAt, at, unit, responsibleNip } = event.data
  // Core records each stage's miss once; a miss delivered twice is still one breach.
  if (breaches.some(breach => breach.stage === stage)) return breaches
  return [...breaches, { stage, dueAt, recordedAt: at, unit, responsibleNip: responsibleNip ?? null }]
}

const documentOf = (
  complaint: Complaint,
  doc: ComplaintBoardDocument | undefined,
  event: ComplaintEvent,
): ComplaintBoardDocument => {
  const open = !isFinalComplaintStatus(complaint.status)
  return {
    complaintId: complaint.complaintId,
    trackingId: complaint.trackingId,
    unit: complaint.unit,
    category: complaint.category,
    status: complaint.status,
    open,
    serviceDate: complaint.serviceDate,
    receivedAt: complaint.receivedAt,
    anonymous: complaint.anonymous,
    confidential: complaint.confidential,
    verificationFrom: complaint.verificationFrom,
    completion: complaint.completion,
    verification: complaint.verification,
    disposition: complaint.disposition,
    followUpIds: complaint.followUpIds,
    decision: complaint.decision === null ? null : { at: complaint.decision.at, upheld: complaint.decision.upheld },
    notifiedAt: complaint.notifiedAt,
    rating: complaint.rating,
    breaches: breachesAfter(doc, event),
    closedReason: complaint.closedReason,
    endedAt: open ? null : (doc?.endedAt ?? event.data.at),
    lastActivityAt: complaint.lastActivityAt,
    lastAt: complaint.lastAt,
  }
}

const complaintEventOf = (event: ProjectedEvent['event']): ComplaintEvent | undefined => {
  switch (event.type) {
    case 'ComplaintFiled':
    case 'ComplaintVerified':
    case 'CompletionRequested':
    case 'CompletionSupplied':
    case 'ComplaintDeemedWithdrawn':
    case 'ComplaintNotInAuthority':
    case 'ComplaintArchived':
    case 'ComplaintDisposed':
    case 'FollowUpRecorded':
    case 'ComplaintDecided':
    case 'ComplainantNotified':
    case 'SatisfactionRated':
    case 'DeadlineMissed':
    case 'ComplaintEscalated':
    case 'ComplaintClosed':
      return event
    default:
      return undefined
  }
}

const stateOf = (doc: ComplaintBoardDocument | undefined): ComplaintState =>
  doc === undefined ? initialComplaintState : complaintOf(doc)

/**
 * The complaint SLA board (`complaint-board`): one document per complaint, keyed by its id, with a top-level `unit`
 * and `open` for the board's lists. The stage transitions are core's fold (`evolveComplaint`). Breaches are the
 * `DeadlineMissed` facts the timer recorded; open deadlines and days left are not stored, since they depend on the
 * instant asked about and on the holiday calendar: the queries derive them with core's `nextDeadlines`.
 */
export const complaintBoardProjection: Projection<ComplaintBoardDocument> = {
  name: 'complaint-board',
  version: 1,
  categories: ['complaint'],
  document: ComplaintBoardDocument,
  keysOf: ({ event }) => {
    const complaint = complaintEventOf(event)
    return complaint === undefined ? [] : [complaint.data.complaintId]
  },
  evolve: (doc, { event }) => {
    const complaint = complaintEventOf(event)
    if (complaint === undefined) return doc
    const next = evolveComplaint(stateOf(doc), complaint)
    return next.status === 'not-filed' ? undefined : documentOf(next, doc, complaint)
  },
}
