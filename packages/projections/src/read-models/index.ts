export { OfferingRosterDocument, offeringRosterProjection, RosterPlace } from './offering-roster.js'
export { type OfferingRoster, offeringRoster, offeringRosterList } from './offering-roster-queries.js'
export {
  AsnLearningDocument,
  CreditedLearning,
  LearningHoursDocument,
  learningHoursProjection,
  learningYearKey,
  RecordedParticipation,
  YearLearningDocument,
} from './learning-hours.js'
export {
  type LearningHours,
  type LearningHoursLine,
  learningHours,
  learningHoursOfUnit,
} from './learning-hours-queries.js'
export {
  type AsnIncentiveEligibility,
  incentiveEligibility,
  incentiveEligibilityOfUnit,
} from './incentive-eligibility.js'
export { HeldMentorship, MentorLoadDocument, mentorLoadProjection } from './mentor-load.js'
export { type MentorLoad, mentorLoad, mentorLoadList } from './mentor-load-queries.js'
export {
  AssessedCompetency,
  CompetencyGapLine,
  CompetencyGapsDocument,
  competencyGapsProjection,
} from './competency-gaps.js'
export {
  type AsnCompetencyGaps,
  competencyGaps,
  competencyGapsOfUnit,
  type NamedCompetencyGap,
} from './competency-gaps-queries.js'
export { ComplaintBoardDocument, complaintBoardProjection, DeadlineBreach } from './complaint-board.js'
export {
  type BreachesByStage,
  type ComplaintBoard,
  complaintBoard,
  complaintBreachesByUnit,
  type ComplaintOnBoard,
  complaintOnBoard,
  type OpenDeadline,
  type UnitBreaches,
} from './complaint-board-queries.js'
export {
  CaseText,
  type CaseFileGrant,
  type CaseFileReader,
  type CaseFileView,
  ComplaintCaseFileDocument,
  complaintCaseFileProjection,
  openCaseFile,
  type ShownField,
} from './complaint-case-file.js'
export { standardReadModels } from './standard-read-models.js'
export { documentCodec, type Keyed, listDocuments, ReadModelDocumentError, readDocument } from './stored-document.js'
export {
  AsnRecordDocument,
  asnRecordKey,
  PersonnelDirectoryDocument,
  personnelDirectoryProjection,
  UnitDocument,
  unitKey,
  UnitPositionDocument,
} from './personnel-directory.js'
export { asnRecord, atasanOnDay, staffOfUnit, subordinatesOf, unitList, unitOf } from './personnel-directory-queries.js'
