export {
  ApprovePlace,
  CancelOffering,
  CloseOffering,
  ConcludePlace,
  DeclinePlace,
  EnrollmentCommand,
  OfferingId,
  OpenOffering,
  RecordAssessment,
  RecordAttendance,
  RequestPlace,
  StartOffering,
  WithdrawPlace,
} from './commands.js'
export { enrollmentDecider } from './decider.js'
export { evolveEnrollment } from './evolve.js'
export {
  AssessmentRecorded,
  AttendanceRecorded,
  EnrollmentEvent,
  enrollmentEvents,
  NotCompletedReason,
  OfferingCancelled,
  OfferingClosed,
  OfferingOpened,
  OfferingStarted,
  PlaceApproved,
  PlaceCompleted,
  PlaceDeclined,
  PlaceNotCompleted,
  PlaceRequested,
  PlaceWithdrawn,
} from './events.js'
export { notApprovedBeforeStart } from './decide-offering.js'
export { sessionDaysOf } from './place-outcome.js'
export { type EnrollmentRejection, type EnrollmentRejectionCode, enrollmentRejections } from './rejections.js'
export {
  approvedPlaces,
  type EnrollmentState,
  initialEnrollmentState,
  isConcluded,
  OfferingTerms,
  type OpenedOffering,
  type Place,
  type PlaceStatus,
  placesOf,
  tookPart,
} from './state.js'
export { enrollment } from './aggregate.js'
