import * as t from 'io-ts'
import { refine, streamId, taggedUnion, text, textLine, wholeNumber } from '../kernel/index.js'
import { Competency, command, daysBetween, LearningForm, LocalDate, Nip } from '../shared/index.js'

/** Codec for an offering id: it names the stream `enrollment-<offeringId>`, so it must be a valid stream id. */
export const OfferingId = streamId('OfferingId')

/** The longest run an offering may have, in calendar days from start to end. */
export const maxScheduleDays = 366

/** Whether session days are distinct dates in order, every one from `start` to `end`. */
export const sessionDaysWithin = (start: LocalDate, end: LocalDate, days: readonly LocalDate[]): boolean =>
  days.every((day, i) => day >= start && day <= end && (i === 0 || (days[i - 1] ?? day) < day))

const runFits = (start: LocalDate, end: LocalDate): boolean => start <= end && daysBetween(start, end) < maxScheduleDays

const ScheduleFields = t.exact(
  t.intersection([t.type({ start: LocalDate, end: LocalDate }), t.partial({ days: t.readonlyArray(LocalDate) })]),
  'ScheduleFields',
)

/**
 * Codec for the schedule an offering is opened with: its first and last date (start ≤ end, at most a year apart) and,
 * optionally, its session days. Without them, the session days are the working days from start to end of the
 * configured calendar (Monday to Friday minus the holidays), fixed in the event when the offering opens.
 */
export const Schedule = refine(
  ScheduleFields,
  (s): s is t.TypeOf<typeof ScheduleFields> =>
    runFits(s.start, s.end) &&
    (s.days === undefined || (s.days.length > 0 && sessionDaysWithin(s.start, s.end, s.days))),
  'Schedule',
  `start must not be after end, the run must span at most ${maxScheduleDays} days, and its session days (when given) must be distinct dates in order from start to end`,
)
/** The schedule an offering is opened with. */
export type Schedule = t.TypeOf<typeof Schedule>

const SessionScheduleFields = t.strict(
  { start: LocalDate, end: LocalDate, days: t.readonlyArray(LocalDate) },
  'SessionScheduleFields',
)

/** Codec for the schedule an opened offering keeps: its first and last date and every session day, at least one. */
export const SessionSchedule = refine(
  SessionScheduleFields,
  (s): s is t.TypeOf<typeof SessionScheduleFields> =>
    runFits(s.start, s.end) && s.days.length > 0 && sessionDaysWithin(s.start, s.end, s.days),
  'SessionSchedule',
  `start must not be after end, the run must span at most ${maxScheduleDays} days, and its session days must be distinct dates in order from start to end, at least one`,
)
/** An opened offering's schedule: attendance is recorded on, and counted over, its session days. */
export type SessionSchedule = t.TypeOf<typeof SessionSchedule>

/** Codec for the share of session days a participant must attend: above 0, at most 1. */
export const AttendanceShare = refine(
  t.number,
  (n): n is number => n > 0 && n <= 1,
  'AttendanceShare',
  'must be a number above 0 and at most 1',
)

/** Codec for a JP award: a whole number of JP from 1 to 200. */
export const Jp = wholeNumber(1, 200, 'Jp')
/** Codec for a participant's score or an offering's pass mark: 0 to 100. */
export const Score = wholeNumber(0, 100, 'Score')
/** Codec for the number of places an offering has: 1 to 1000. */
export const Capacity = wholeNumber(1, 1000, 'Capacity')
/** Codec for a reason given in a command. */
export const Reason = text(500, 'Reason')

/** Opens an offering: one scheduled run of a programme, with its terms. */
export const OpenOffering = command(
  'OpenOffering',
  t.exact(
    t.intersection([
      t.type({
        offeringId: OfferingId,
        title: textLine(200, 'Title'),
        provider: textLine(200, 'Provider'),
        venue: textLine(200, 'Venue'),
        form: LearningForm,
        competency: Competency,
        jp: Jp,
        capacity: Capacity,
        schedule: Schedule,
      }),
      t.partial({ minimumAttendance: AttendanceShare, passMark: Score }),
    ]),
    'OpenOfferingData',
  ),
)
/** Opens an offering. */
export type OpenOffering = t.TypeOf<typeof OpenOffering>

/** Requests a place for an ASN (by themself, or nominated by their atasan), naming the atasan who must approve. */
export const RequestPlace = command('RequestPlace', t.strict({ offeringId: OfferingId, nip: Nip, atasanNip: Nip }))
/** Requests a place. */
export type RequestPlace = t.TypeOf<typeof RequestPlace>

/** The participant's atasan approves their place. */
export const ApprovePlace = command('ApprovePlace', t.strict({ offeringId: OfferingId, nip: Nip }))
/** Approves a place. */
export type ApprovePlace = t.TypeOf<typeof ApprovePlace>

/** The participant's atasan declines their place, with a reason. */
export const DeclinePlace = command('DeclinePlace', t.strict({ offeringId: OfferingId, nip: Nip, reason: Reason }))
/** Declines a place. */
export type DeclinePlace = t.TypeOf<typeof DeclinePlace>

/** The participant or their atasan withdraws a pending or approved place before the offering starts. */
export const WithdrawPlace = command(
  'WithdrawPlace',
  t.exact(
    t.intersection([t.type({ offeringId: OfferingId, nip: Nip }), t.partial({ reason: Reason })]),
    'WithdrawPlaceData',
  ),
)
/** Withdraws a place. */
export type WithdrawPlace = t.TypeOf<typeof WithdrawPlace>

/** Starts the offering on or after its start date; places still pending are declined. */
export const StartOffering = command('StartOffering', t.strict({ offeringId: OfferingId }))
/** Starts an offering. */
export type StartOffering = t.TypeOf<typeof StartOffering>

/** Records whether an approved participant attended on one session day. */
export const RecordAttendance = command(
  'RecordAttendance',
  t.strict({ offeringId: OfferingId, nip: Nip, date: LocalDate, present: t.boolean }),
)
/** Records attendance. */
export type RecordAttendance = t.TypeOf<typeof RecordAttendance>

/** Records an approved participant's score in an assessed offering. */
export const RecordAssessment = command(
  'RecordAssessment',
  t.strict({ offeringId: OfferingId, nip: Nip, score: Score }),
)
/** Records an assessment. */
export type RecordAssessment = t.TypeOf<typeof RecordAssessment>

/** Concludes one approved place (with `nip`) or every approved place still without an outcome (without it). */
export const ConcludePlace = command(
  'ConcludePlace',
  t.exact(t.intersection([t.type({ offeringId: OfferingId }), t.partial({ nip: Nip })]), 'ConcludePlaceData'),
)
/** Concludes places. */
export type ConcludePlace = t.TypeOf<typeof ConcludePlace>

/** Cancels the offering, with a reason; every place without an outcome ends. */
export const CancelOffering = command('CancelOffering', t.strict({ offeringId: OfferingId, reason: Reason }))
/** Cancels an offering. */
export type CancelOffering = t.TypeOf<typeof CancelOffering>

/** Closes the offering once every approved place has an outcome. */
export const CloseOffering = command('CloseOffering', t.strict({ offeringId: OfferingId }))
/** Closes an offering. */
export type CloseOffering = t.TypeOf<typeof CloseOffering>

/** Codec for every enrollment command, told apart by `type`. */
export const EnrollmentCommand = taggedUnion(
  'type',
  {
    OpenOffering,
    RequestPlace,
    ApprovePlace,
    DeclinePlace,
    WithdrawPlace,
    StartOffering,
    RecordAttendance,
    RecordAssessment,
    ConcludePlace,
    CancelOffering,
    CloseOffering,
  },
  'EnrollmentCommand',
)
/** A command to the enrollment aggregate (one stream per offering). */
export type EnrollmentCommand = t.TypeOf<typeof EnrollmentCommand>
