import * as t from 'io-ts'
import { refine, streamId, taggedUnion, text, wholeNumber } from '../kernel/index.js'
import { Competency, command, daysBetween, LearningForm, LocalDate, Nip } from '../shared/index.js'

/** Codec for an offering id: it names the stream `enrollment-<offeringId>`, so it must be a valid stream id. */
export const OfferingId = streamId('OfferingId')

/** The longest run an offering may have, in calendar days from start to end. */
export const maxScheduleDays = 366

const ScheduleFields = t.strict({ start: LocalDate, end: LocalDate }, 'ScheduleFields')

/** Codec for an offering's schedule: the first and last session day, start ≤ end, at most a year apart. */
export const Schedule = refine(
  ScheduleFields,
  (s): s is t.TypeOf<typeof ScheduleFields> => s.start <= s.end && daysBetween(s.start, s.end) < maxScheduleDays,
  'Schedule',
  `start must not be after end, and the run must span at most ${maxScheduleDays} days`,
)
/** An offering's schedule: every calendar date from `start` to `end` inclusive is a session day. */
export type Schedule = t.TypeOf<typeof Schedule>

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
        title: text(200, 'Title'),
        provider: text(200, 'Provider'),
        venue: text(200, 'Venue'),
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
