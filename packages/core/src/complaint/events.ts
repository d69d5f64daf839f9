import * as t from 'io-ts'
import { event, eventRegistry, eventSchemas, oneOf, taggedUnion, text, textLine } from '../kernel/index.js'
import {
  Instant,
  LocalDate,
  Nip,
  PersonalData,
  RecordedText,
  textWrittenInClear,
  TrackingTokenDigest,
} from '../shared/index.js'
import {
  ComplaintCategory,
  ComplaintChannel,
  ComplaintId,
  FollowUpId,
  SatisfactionRating,
  TrackingId,
} from './commands.js'

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

/** A complaint was received; it carries the receipt (tracking id and time of receipt) and personal data only encrypted. */
export const ComplaintFiled = event(
  'ComplaintFiled',
  t.exact(
    t.intersection([
      t.type({
        at: Instant,
        complaintId: ComplaintId,
        trackingId: TrackingId,
        receivedAt: Instant,
        unit: textLine(200),
        category: ComplaintCategory,
        /** Sealed for the complaint's data subject (v2); in clear in history written before (v1). */
        description: RecordedText,
        serviceDate: LocalDate,
        channel: ComplaintChannel,
        anonymous: t.boolean,
        confidential: t.boolean,
      }),
      t.partial({
        complainant: PersonalData,
        contact: PersonalData,
        sensitiveDetails: PersonalData,
        trackingTokenDigest: TrackingTokenDigest,
      }),
    ]),
    'ComplaintFiledData',
  ),
)

/** The desk verified the complaint; the flags are the ones in force from now on. */
export const ComplaintVerified = event(
  'ComplaintVerified',
  t.strict(
    { at: Instant, complaintId: ComplaintId, officerNip: Nip, anonymous: t.boolean, confidential: t.boolean },
    'ComplaintVerifiedData',
  ),
)

/** The desk asked the complainant to complete the complaint. */
export const CompletionRequested = event(
  'CompletionRequested',
  t.strict({ at: Instant, complaintId: ComplaintId, officerNip: Nip, missing: text(2000) }, 'CompletionRequestedData'),
)

/** The complainant supplied what was missing; verification starts again. */
export const CompletionSupplied = event(
  'CompletionSupplied',
  t.exact(
    t.intersection([
      t.type({ at: Instant, complaintId: ComplaintId, supplement: RecordedText }),
      t.partial({ contact: PersonalData, sensitiveDetails: PersonalData }),
    ]),
    'CompletionSuppliedData',
  ),
)

/** A completion request went unanswered past its window: the complaint is deemed withdrawn (Pasal 44). */
export const ComplaintDeemedWithdrawn = event(
  'ComplaintDeemedWithdrawn',
  t.strict(
    { at: Instant, complaintId: ComplaintId, requestedAt: Instant, dueAt: Instant },
    'ComplaintDeemedWithdrawnData',
  ),
)

/** The desk declared the complaint outside this agency's authority and named the competent agency. */
export const ComplaintNotInAuthority = event(
  'ComplaintNotInAuthority',
  t.strict(
    { at: Instant, complaintId: ComplaintId, officerNip: Nip, competentAgency: textLine(300) },
    'ComplaintNotInAuthorityData',
  ),
)

/** The desk archived the complaint with a reason. */
export const ComplaintArchived = event(
  'ComplaintArchived',
  t.strict({ at: Instant, complaintId: ComplaintId, officerNip: Nip, reason: text(1000) }, 'ComplaintArchivedData'),
)

/** The complaint was routed (disposisi) to a unit and its handling officer. */
export const ComplaintDisposed = event(
  'ComplaintDisposed',
  t.strict({ at: Instant, complaintId: ComplaintId, unit: textLine(200), officerNip: Nip }, 'ComplaintDisposedData'),
)

/** A follow-up (tindak lanjut) was recorded; officerNip is the handling officer. */
export const FollowUpRecorded = event(
  'FollowUpRecorded',
  t.strict(
    { at: Instant, complaintId: ComplaintId, followUpId: FollowUpId, officerNip: Nip, text: RecordedText },
    'FollowUpRecordedData',
  ),
)

/** The complaint was decided, upheld or not, with any compensation granted; officerNip is the handling officer. */
export const ComplaintDecided = event(
  'ComplaintDecided',
  t.exact(
    t.intersection([
      t.type({ at: Instant, complaintId: ComplaintId, officerNip: Nip, decision: RecordedText, upheld: t.boolean }),
      t.partial({ compensation: text(1000) }),
    ]),
    'ComplaintDecidedData',
  ),
)

/** The complainant was notified of the decision. */
export const ComplainantNotified = event(
  'ComplainantNotified',
  t.strict({ at: Instant, complaintId: ComplaintId, channel: ComplaintChannel }, 'ComplainantNotifiedData'),
)

/** The complainant rated their satisfaction; officerNip is the handling officer the rating concerns. */
export const SatisfactionRated = event(
  'SatisfactionRated',
  t.exact(
    t.intersection([
      t.type({ at: Instant, complaintId: ComplaintId, officerNip: Nip, rating: SatisfactionRating }),
      t.partial({ comment: RecordedText }),
    ]),
    'SatisfactionRatedData',
  ),
)

/** A stage's deadline passed without the stage being done, recorded by the timer with the officer then responsible. */
export const DeadlineMissed = event(
  'DeadlineMissed',
  t.exact(
    t.intersection([
      t.type({ at: Instant, complaintId: ComplaintId, stage: MissableStage, dueAt: Instant, unit: textLine(200) }),
      t.partial({ responsibleNip: Nip }),
    ]),
    'DeadlineMissedData',
  ),
)

/** The complaint was escalated to the Ombudsman (UU 37/2008); it is final for the unit. */
export const ComplaintEscalated = event(
  'ComplaintEscalated',
  t.exact(
    t.intersection([t.type({ at: Instant, complaintId: ComplaintId }), t.partial({ reason: text(1000) })]),
    'ComplaintEscalatedData',
  ),
)

/** The complaint was closed: resolved by the desk, or by itself when neither side answered after the follow-up. */
export const ComplaintClosed = event(
  'ComplaintClosed',
  t.strict({ at: Instant, complaintId: ComplaintId, reason: ComplaintClosedReason }, 'ComplaintClosedData'),
)

/** Codec for every event of a complaint stream, told apart by `type`. */
export const ComplaintEvent = taggedUnion(
  'type',
  {
    ComplaintFiled,
    ComplaintVerified,
    CompletionRequested,
    CompletionSupplied,
    ComplaintDeemedWithdrawn,
    ComplaintNotInAuthority,
    ComplaintArchived,
    ComplaintDisposed,
    FollowUpRecorded,
    ComplaintDecided,
    ComplainantNotified,
    SatisfactionRated,
    DeadlineMissed,
    ComplaintEscalated,
    ComplaintClosed,
  },
  'ComplaintEvent',
)
/** An event of a complaint stream. */
export type ComplaintEvent = t.TypeOf<typeof ComplaintEvent>

const schema = eventSchemas(ComplaintEvent)

// Version 2 seals a free text for the complaint's data subject; version 1 held it in clear, and reads as written.
const sealedSince = (field: string) => ({ version: 2, upcasters: { 1: textWrittenInClear(field) } })

/** Every complaint event type with its schema version and the sentence the event catalog shows. */
export const complaintEvents = eventRegistry<ComplaintEvent>([
  schema(
    'ComplaintFiled',
    ComplaintFiled,
    'A citizen’s complaint was received and a receipt with a tracking id was issued (UU 25/2009 Pasal 44); its description sealed.',
    sealedSince('description'),
  ),
  schema(
    'ComplaintVerified',
    ComplaintVerified,
    'The complaint desk verified the complaint, possibly raising its anonymous or confidential flags.',
  ),
  schema(
    'CompletionRequested',
    CompletionRequested,
    'The complaint desk asked the complainant to complete an incomplete complaint.',
  ),
  schema(
    'CompletionSupplied',
    CompletionSupplied,
    'The complainant supplied what was missing (sealed), and verification started again.',
    sealedSince('supplement'),
  ),
  schema(
    'ComplaintDeemedWithdrawn',
    ComplaintDeemedWithdrawn,
    'A completion request went unanswered past its window, so the complaint is deemed withdrawn (UU 25/2009 Pasal 44).',
  ),
  schema(
    'ComplaintNotInAuthority',
    ComplaintNotInAuthority,
    'The complaint desk found the complaint outside its authority and named the competent agency.',
  ),
  schema('ComplaintArchived', ComplaintArchived, 'The complaint desk archived the complaint with a reason.'),
  schema(
    'ComplaintDisposed',
    ComplaintDisposed,
    'The complaint was routed (disposisi) to the responsible unit and its handling officer.',
  ),
  schema(
    'FollowUpRecorded',
    FollowUpRecorded,
    'The handling officer or an authorised official recorded a follow-up (tindak lanjut), its text sealed.',
    sealedSince('text'),
  ),
  schema(
    'ComplaintDecided',
    ComplaintDecided,
    'The complaint was decided, upheld or not, with any compensation granted (UU 25/2009 Pasal 50); the answer sealed.',
    sealedSince('decision'),
  ),
  schema('ComplainantNotified', ComplainantNotified, 'The complainant was notified of the decision.'),
  schema(
    'SatisfactionRated',
    SatisfactionRated,
    'The complainant rated their satisfaction from 1 to 5, naming the handling officer it concerns; any comment sealed.',
    sealedSince('comment'),
  ),
  schema(
    'DeadlineMissed',
    DeadlineMissed,
    'A stage’s deadline passed without the stage being done, with the officer then responsible when known.',
  ),
  schema(
    'ComplaintEscalated',
    ComplaintEscalated,
    'The complaint was escalated to the Ombudsman (UU 37/2008) and is final for the unit.',
  ),
  schema(
    'ComplaintClosed',
    ComplaintClosed,
    'The complaint was closed, resolved by the desk or by itself when neither side answered after the follow-up.',
  ),
])
