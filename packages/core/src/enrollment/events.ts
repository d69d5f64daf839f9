import * as t from 'io-ts'
import { event, eventRegistry, eventSchemas, oneOf, taggedUnion, textLine, wholeNumber } from '../kernel/index.js'
import { Competency, datesFrom, daysBetween, Instant, LearningForm, LocalDate, Minutes, Nip } from '../shared/index.js'
import {
  AttendanceShare,
  Capacity,
  Jp,
  maxScheduleDays,
  OfferingId,
  Reason,
  Score,
  SessionSchedule,
} from './commands.js'

const SessionDays = wholeNumber(1, 366, 'SessionDays')
const AttendedDays = wholeNumber(0, 366, 'AttendedDays')

/** The codecs of an offering's terms but its pass mark, field by field: OfferingOpened records them, the state keeps them. */
export const offeringTermsFields = {
  offeringId: OfferingId,
  title: textLine(200, 'Title'),
  provider: textLine(200, 'Provider'),
  venue: textLine(200, 'Venue'),
  form: LearningForm,
  competency: Competency,
  jp: Jp,
  minutes: Minutes,
  capacity: Capacity,
  schedule: SessionSchedule,
  minimumAttendance: AttendanceShare,
}

/** An offering was opened with its terms; `minutes` is `jp` × 45 and `minimumAttendance` is the share that applies. */
export const OfferingOpened = event(
  'OfferingOpened',
  t.exact(
    t.intersection([t.type({ at: Instant, ...offeringTermsFields }), t.partial({ passMark: Score })]),
    'OfferingOpenedData',
  ),
)
/** An offering was opened. */
export type OfferingOpened = t.TypeOf<typeof OfferingOpened>

/** A place was requested for an ASN; `nominated` when their atasan asked for it. */
export const PlaceRequested = event(
  'PlaceRequested',
  t.strict({ at: Instant, offeringId: OfferingId, nip: Nip, atasanNip: Nip, nominated: t.boolean }),
)
/** A place was requested. */
export type PlaceRequested = t.TypeOf<typeof PlaceRequested>

/** The participant's atasan approved the place. */
export const PlaceApproved = event(
  'PlaceApproved',
  t.strict({ at: Instant, offeringId: OfferingId, nip: Nip, atasanNip: Nip }),
)
/** A place was approved. */
export type PlaceApproved = t.TypeOf<typeof PlaceApproved>

/** A pending place was declined, by the atasan or because the offering started before approval. */
export const PlaceDeclined = event(
  'PlaceDeclined',
  t.strict({ at: Instant, offeringId: OfferingId, nip: Nip, reason: Reason }),
)
/** A place was declined. */
export type PlaceDeclined = t.TypeOf<typeof PlaceDeclined>

/** A pending or approved place was withdrawn before the offering started. */
export const PlaceWithdrawn = event(
  'PlaceWithdrawn',
  t.exact(
    t.intersection([t.type({ at: Instant, offeringId: OfferingId, nip: Nip }), t.partial({ reason: Reason })]),
    'PlaceWithdrawnData',
  ),
)
/** A place was withdrawn. */
export type PlaceWithdrawn = t.TypeOf<typeof PlaceWithdrawn>

/** The offering started: requests are closed, attendance may be recorded. */
export const OfferingStarted = event('OfferingStarted', t.strict({ at: Instant, offeringId: OfferingId }))
/** An offering started. */
export type OfferingStarted = t.TypeOf<typeof OfferingStarted>

/** A participant's attendance on one session day was recorded (a later record for the same day corrects it). */
export const AttendanceRecorded = event(
  'AttendanceRecorded',
  t.strict({ at: Instant, offeringId: OfferingId, nip: Nip, date: LocalDate, present: t.boolean }),
)
/** Attendance was recorded. */
export type AttendanceRecorded = t.TypeOf<typeof AttendanceRecorded>

/** A participant's score was recorded (a later record corrects it). */
export const AssessmentRecorded = event(
  'AssessmentRecorded',
  t.strict({ at: Instant, offeringId: OfferingId, nip: Nip, score: Score }),
)
/** An assessment was recorded. */
export type AssessmentRecorded = t.TypeOf<typeof AssessmentRecorded>

/** A participant completed the offering: everything needed to credit their competency profile, once, from this source. */
export const PlaceCompleted = event(
  'PlaceCompleted',
  t.exact(
    t.intersection([
      t.type({
        at: Instant,
        offeringId: OfferingId,
        nip: Nip,
        title: textLine(200, 'Title'),
        form: LearningForm,
        competency: Competency,
        minutes: Minutes,
        completedOn: LocalDate,
        attendedDays: AttendedDays,
        sessionDays: SessionDays,
      }),
      t.partial({ score: Score }),
    ]),
    'PlaceCompletedData',
  ),
)
/** A place was completed. */
export type PlaceCompleted = t.TypeOf<typeof PlaceCompleted>

/** Why an approved participant did not complete: attended no day, too few days, or no passing score. */
export const NotCompletedReason = oneOf(['no-show', 'attendance', 'score'], 'NotCompletedReason')
/** Why a place was not completed. */
export type NotCompletedReason = t.TypeOf<typeof NotCompletedReason>

/** A participant did not complete the offering, with the reason. */
export const PlaceNotCompleted = event(
  'PlaceNotCompleted',
  t.exact(
    t.intersection([
      t.type({
        at: Instant,
        offeringId: OfferingId,
        nip: Nip,
        reason: NotCompletedReason,
        attendedDays: AttendedDays,
        sessionDays: SessionDays,
      }),
      t.partial({ score: Score }),
    ]),
    'PlaceNotCompletedData',
  ),
)
/** A place was not completed. */
export type PlaceNotCompleted = t.TypeOf<typeof PlaceNotCompleted>

/** The offering was cancelled; `endedPlaces` are the pending and approved places it ended without an outcome. */
export const OfferingCancelled = event(
  'OfferingCancelled',
  t.strict({ at: Instant, offeringId: OfferingId, reason: Reason, endedPlaces: t.readonlyArray(Nip) }),
)
/** An offering was cancelled. */
export type OfferingCancelled = t.TypeOf<typeof OfferingCancelled>

/** The offering was closed: every approved place has its outcome. */
export const OfferingClosed = event('OfferingClosed', t.strict({ at: Instant, offeringId: OfferingId }))
/** An offering was closed. */
export type OfferingClosed = t.TypeOf<typeof OfferingClosed>

/** Codec for every enrollment event, told apart by `type`. */
export const EnrollmentEvent = taggedUnion(
  'type',
  {
    OfferingOpened,
    PlaceRequested,
    PlaceApproved,
    PlaceDeclined,
    PlaceWithdrawn,
    OfferingStarted,
    AttendanceRecorded,
    AssessmentRecorded,
    PlaceCompleted,
    PlaceNotCompleted,
    OfferingCancelled,
    OfferingClosed,
  },
  'EnrollmentEvent',
)
/** An event of the enrollment aggregate (stream `enrollment-<offeringId>`). */
export type EnrollmentEvent = t.TypeOf<typeof EnrollmentEvent>

const schema = eventSchemas(EnrollmentEvent)

/**
 * OfferingOpened v1 to v2: a v1 schedule held only its first and last date, and every calendar date between them was
 * a session day (weekends too); v2 lists the session days, so a v1 offering gets every date from start to end, as it
 * was counted when it was written.
 */
const everyDateASessionDay = (data: unknown): unknown => {
  if (typeof data !== 'object' || data === null || !('schedule' in data)) return data
  const { schedule } = data
  if (typeof schedule !== 'object' || schedule === null || !('start' in schedule) || !('end' in schedule)) return data
  const { start, end } = schedule
  if (!LocalDate.is(start) || !LocalDate.is(end) || start > end || daysBetween(start, end) >= maxScheduleDays)
    return data
  return { ...data, schedule: { ...schedule, days: datesFrom(start, end) } }
}

/** Every enrollment event type with its schema version and a one-sentence description (the event catalog). */
export const enrollmentEvents = eventRegistry<EnrollmentEvent>([
  schema(
    'OfferingOpened',
    OfferingOpened,
    'A training offering was opened with its title, form, competency, JP, capacity and schedule (its session days).',
    { version: 2, upcasters: { 1: everyDateASessionDay } },
  ),
  schema('PlaceRequested', PlaceRequested, 'An ASN requested a place in the offering, or their atasan nominated them.'),
  schema('PlaceApproved', PlaceApproved, "The participant's atasan approved the place within the offering's capacity."),
  schema(
    'PlaceDeclined',
    PlaceDeclined,
    'A pending place was declined by the atasan, or when the offering started before approval.',
  ),
  schema(
    'PlaceWithdrawn',
    PlaceWithdrawn,
    'The participant or their atasan withdrew a place before the offering started.',
  ),
  schema('OfferingStarted', OfferingStarted, 'The offering started, closing requests and opening attendance records.'),
  schema(
    'AttendanceRecorded',
    AttendanceRecorded,
    "A participant's presence or absence on one session day was recorded.",
  ),
  schema(
    'AssessmentRecorded',
    AssessmentRecorded,
    "A participant's score (0-100) in an assessed offering was recorded.",
  ),
  schema(
    'PlaceCompleted',
    PlaceCompleted,
    'A participant completed the offering and earns its JP for the targeted competency.',
  ),
  schema(
    'PlaceNotCompleted',
    PlaceNotCompleted,
    'A participant did not complete the offering, for no-show, attendance or score.',
  ),
  schema('OfferingCancelled', OfferingCancelled, 'The offering was cancelled, ending every place that had no outcome.'),
  schema('OfferingClosed', OfferingClosed, 'The offering was closed after every approved place received its outcome.'),
])
