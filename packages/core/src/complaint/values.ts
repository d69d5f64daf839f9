import * as t from 'io-ts'
import { isStreamId, oneOf, refine, wholeNumber } from '../kernel/index.js'

const streamIdRule = 'must be 1-128 letters, digits, ".", "_", ":" or "-", starting with a letter or digit'
const isId = (s: string): s is string => isStreamId(s)

/** Codec for a complaint's id: it names the stream `complaint-<complaintId>`. */
export const ComplaintId = refine(t.string, isId, 'ComplaintId', streamIdRule)

/** Codec for a follow-up's id, unique within its complaint (makes recording it idempotent). */
export const FollowUpId = refine(t.string, isId, 'FollowUpId', streamIdRule)

const trackingPattern = /^[A-Z]{2,5}-\d{4}-\d{6}$/

/** Codec for the receipt (tanda terima) number given to the complainant, e.g. `BLW-2026-000123` (UU 25/2009 Pasal 44). */
export const TrackingId = refine(
  t.string,
  (s): s is string => trackingPattern.test(s),
  'TrackingId',
  'must be a receipt number like BLW-2026-000123 (2-5 capital letters, a year, 6 digits)',
)

/** Codec for what a citizen brings: a complaint (pengaduan), an aspiration (aspirasi) or a request for information. */
export const ComplaintCategory = oneOf(['pengaduan', 'aspirasi', 'permintaan-informasi'], 'ComplaintCategory')
/** `pengaduan`, `aspirasi` or `permintaan-informasi`. */
export type ComplaintCategory = t.TypeOf<typeof ComplaintCategory>

/** The channels a complaint arrives by; the desk files on a citizen's behalf only through the offline ones. */
export const complaintChannels = ['web', 'sms', 'whatsapp', 'loket', 'surat', 'telepon'] as const

/** The channels through which the complaint desk files on a citizen's behalf (counter, letter, telephone). */
export const offlineChannels: readonly ComplaintChannel[] = ['loket', 'surat', 'telepon']

/** Codec for the channel a complaint arrived by. */
export const ComplaintChannel = oneOf(complaintChannels, 'ComplaintChannel')
/** The channel a complaint arrived by. */
export type ComplaintChannel = t.TypeOf<typeof ComplaintChannel>

/** Codec for a satisfaction rating, 1 (very dissatisfied) to 5 (very satisfied). */
export const SatisfactionRating = wholeNumber(1, 5, 'SatisfactionRating')

/** The stages whose deadline, once passed, is recorded as a `DeadlineMissed` fact. */
export const missableStages = ['verification', 'follow-up', 'decision', 'notification'] as const

/** Codec for a stage with a deadline that can be missed. */
export const MissableStage = oneOf(missableStages, 'MissableStage')
/** `verification` (and disposition), `follow-up`, `decision` or `notification`. */
export type MissableStage = t.TypeOf<typeof MissableStage>

/** Codec for why a complaint was closed: resolved by the desk, or closed by itself when neither side answered. */
export const ComplaintClosedReason = oneOf(['resolved', 'no-response'], 'ComplaintClosedReason')
/** `resolved` or `no-response`. */
export type ComplaintClosedReason = t.TypeOf<typeof ComplaintClosedReason>
