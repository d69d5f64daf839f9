import type { Instant, LocalDate, Nip, RecordedText } from '../shared/index.js'
import type { ComplaintCategory } from './commands.js'
import type { ComplaintClosedReason, MissableStage } from './events.js'

/** Where a complaint stands; the last five are final. */
export type ComplaintStatus =
  | 'received'
  | 'incomplete'
  | 'verified'
  | 'disposed'
  | 'followed-up'
  | 'decided'
  | 'notified'
  | 'closed'
  | 'archived'
  | 'not-in-authority'
  | 'deemed-withdrawn'
  | 'escalated'

/** The statuses after which nothing else happens to a complaint. */
export const finalComplaintStatuses: readonly ComplaintStatus[] = [
  'closed',
  'archived',
  'not-in-authority',
  'deemed-withdrawn',
  'escalated',
]

/** Whether a status is final. */
export const isFinalComplaintStatus = (status: ComplaintStatus): boolean => finalComplaintStatuses.includes(status)

/** A complaint as its events left it: plain JSON data, no personal data beyond the complainant's pseudonym. */
export interface Complaint {
  readonly status: ComplaintStatus
  readonly complaintId: string
  readonly trackingId: string
  /** The unit now responsible: the one complained about, then the one it was routed to. */
  readonly unit: string
  readonly category: ComplaintCategory
  readonly serviceDate: LocalDate
  readonly receivedAt: Instant
  readonly anonymous: boolean
  readonly confidential: boolean
  /** The pseudonym of the complainant's encrypted identity, when given: only that citizen may act as complainant. */
  readonly complainantSubjectId: string | null
  /**
   * The data subject every personal field and free text of the complaint is sealed for (its description's, from
   * filing); null for a complaint filed before texts were sealed, until its first sealed text.
   */
  readonly dataSubjectId: string | null
  /**
   * The digest of the tracking token handed to the complainant at filing, when one was: only a citizen holding that
   * token acts as the complainant (for an anonymous complaint, the only proof there is).
   */
  readonly trackingTokenDigest: string | null
  /** Receipt, or the latest supply of a requested completion: the verification deadline counts from here. */
  readonly verificationFrom: Instant
  readonly completion: { readonly requestedAt: Instant; readonly suppliedAt: Instant | null } | null
  readonly verification: { readonly at: Instant; readonly officerNip: Nip } | null
  readonly disposition: { readonly at: Instant; readonly unit: string; readonly officerNip: Nip } | null
  readonly followUpIds: readonly string[]
  readonly decision: { readonly at: Instant; readonly decision: RecordedText; readonly upheld: boolean } | null
  readonly notifiedAt: Instant | null
  readonly rating: number | null
  /** The due instant of each stage whose miss was recorded. */
  readonly missed: Readonly<Partial<Record<MissableStage, Instant>>>
  readonly closedReason: ComplaintClosedReason | null
  /** When the complaint was closed: a rating is still taken for a while after. */
  readonly closedAt: Instant | null
  /** The last fact that was not a timer's (auto-close counts from here). */
  readonly lastActivityAt: Instant
  /** The last recorded fact of any kind: no command may be dated before it. */
  readonly lastAt: Instant
}

/** A stream with no complaint filed yet. */
export interface NoComplaint {
  readonly status: 'not-filed'
}

/** The state of one complaint stream. */
export type ComplaintState = NoComplaint | Complaint

/** The state before any event. */
export const initialComplaintState: ComplaintState = { status: 'not-filed' }
