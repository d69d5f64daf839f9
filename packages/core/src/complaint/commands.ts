import * as t from 'io-ts'
import { oneOf, refine, streamId, taggedUnion, text, textLine, wholeNumber } from '../kernel/index.js'
import { command, LocalDate, Nip, SealedPersonalData, TrackingTokenDigest } from '../shared/index.js'

/** Codec for a complaint's id: it names the stream `complaint-<complaintId>`. */
export const ComplaintId = streamId('ComplaintId')

/** Codec for a follow-up's id, unique within its complaint (makes recording it idempotent). */
export const FollowUpId = streamId('FollowUpId')

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

/** File a complaint (by the citizen, or by the desk on the citizen's behalf through an offline channel). */
export const FileComplaint = command(
  'FileComplaint',
  t.exact(
    t.intersection([
      t.type({
        complaintId: ComplaintId,
        trackingId: TrackingId,
        unit: textLine(200),
        category: ComplaintCategory,
        /** Sealed for the complaint's data subject, like every free text a complaint holds. */
        description: SealedPersonalData,
        serviceDate: LocalDate,
        channel: ComplaintChannel,
        anonymous: t.boolean,
        confidential: t.boolean,
      }),
      t.partial({
        complainant: SealedPersonalData,
        contact: SealedPersonalData,
        sensitiveDetails: SealedPersonalData,
        trackingTokenDigest: TrackingTokenDigest,
      }),
    ]),
    'FileComplaintData',
  ),
)

/** Verify a received complaint (desk); may raise the anonymous/confidential flags, never lower them. */
export const VerifyComplaint = command(
  'VerifyComplaint',
  t.exact(
    t.intersection([
      t.type({ complaintId: ComplaintId }),
      t.partial({ anonymous: t.boolean, confidential: t.boolean }),
    ]),
    'VerifyComplaintData',
  ),
)

/** Ask the complainant to complete the complaint, saying what is missing (desk). */
export const RequestCompletion = command(
  'RequestCompletion',
  t.strict({ complaintId: ComplaintId, missing: text(2000) }, 'RequestCompletionData'),
)

/** Supply what was missing (the complainant, or the desk on their behalf). */
export const SupplyCompletion = command(
  'SupplyCompletion',
  t.exact(
    t.intersection([
      t.type({ complaintId: ComplaintId, supplement: SealedPersonalData }),
      t.partial({ contact: SealedPersonalData, sensitiveDetails: SealedPersonalData }),
    ]),
    'SupplyCompletionData',
  ),
)

/** Declare the complaint outside this agency's authority, naming the competent agency (desk). */
export const DeclareNotInAuthority = command(
  'DeclareNotInAuthority',
  t.strict({ complaintId: ComplaintId, competentAgency: textLine(300) }, 'DeclareNotInAuthorityData'),
)

/** Archive the complaint with a reason (desk). */
export const ArchiveComplaint = command(
  'ArchiveComplaint',
  t.strict({ complaintId: ComplaintId, reason: text(1000) }, 'ArchiveComplaintData'),
)

/** Route a verified complaint to the responsible unit and handling officer (disposisi; desk). */
export const DisposeComplaint = command(
  'DisposeComplaint',
  t.strict({ complaintId: ComplaintId, unit: textLine(200), officerNip: Nip }, 'DisposeComplaintData'),
)

/** Record a follow-up (tindak lanjut) by the handling officer or a PyB. */
export const RecordFollowUp = command(
  'RecordFollowUp',
  t.strict({ complaintId: ComplaintId, followUpId: FollowUpId, text: SealedPersonalData }, 'RecordFollowUpData'),
)

/** Decide the complaint after follow-up (handling officer or PyB); compensation may be granted. */
export const DecideComplaint = command(
  'DecideComplaint',
  t.exact(
    t.intersection([
      t.type({ complaintId: ComplaintId, decision: SealedPersonalData, upheld: t.boolean }),
      t.partial({ compensation: text(1000) }),
    ]),
    'DecideComplaintData',
  ),
)

/** Notify the complainant of the decision (desk). */
export const NotifyComplainant = command(
  'NotifyComplainant',
  t.strict({ complaintId: ComplaintId, channel: ComplaintChannel }, 'NotifyComplainantData'),
)

/** Rate satisfaction with the handling, 1–5, once, after the decision (the complainant). */
export const RateSatisfaction = command(
  'RateSatisfaction',
  t.exact(
    t.intersection([
      t.type({ complaintId: ComplaintId, rating: SatisfactionRating }),
      t.partial({ comment: SealedPersonalData }),
    ]),
    'RateSatisfactionData',
  ),
)

/** Record every deadline passed by now (`at`); issued by the system timer only. */
export const CheckDeadlines = command('CheckDeadlines', t.strict({ complaintId: ComplaintId }, 'CheckDeadlinesData'))

/** Escalate an open complaint to the Ombudsman (UU 37/2008; the complainant or the desk). */
export const EscalateToOmbudsman = command(
  'EscalateToOmbudsman',
  t.exact(
    t.intersection([t.type({ complaintId: ComplaintId }), t.partial({ reason: text(1000) })]),
    'EscalateToOmbudsmanData',
  ),
)

/** Close a decided complaint (desk). */
export const CloseComplaint = command('CloseComplaint', t.strict({ complaintId: ComplaintId }, 'CloseComplaintData'))

/** Codec for every command on a complaint, told apart by `type`. */
export const ComplaintCommand = taggedUnion(
  'type',
  {
    FileComplaint,
    VerifyComplaint,
    RequestCompletion,
    SupplyCompletion,
    DeclareNotInAuthority,
    ArchiveComplaint,
    DisposeComplaint,
    RecordFollowUp,
    DecideComplaint,
    NotifyComplainant,
    RateSatisfaction,
    CheckDeadlines,
    EscalateToOmbudsman,
    CloseComplaint,
  },
  'ComplaintCommand',
)
/** A command on one complaint. */
export type ComplaintCommand = t.TypeOf<typeof ComplaintCommand>

/** The complaint command of one type. */
export type ComplaintCommandOf<Type extends ComplaintCommand['type']> = Extract<
  ComplaintCommand,
  { readonly type: Type }
>
