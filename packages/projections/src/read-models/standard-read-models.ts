import { complaintBoardProjection } from './complaint-board.js'
import { competencyGapsProjection } from './competency-gaps.js'
import { learningHoursProjection } from './learning-hours.js'
import { mentorLoadProjection } from './mentor-load.js'
import { offeringRosterProjection } from './offering-roster.js'
import { personnelDirectoryProjection } from './personnel-directory.js'

/**
 * Every standard read model, for an engine to run together. Incentive eligibility has no projection of its own: its
 * queries read the learning-hours documents. None depends on the policy: the queries apply it.
 */
export const standardReadModels = [
  offeringRosterProjection,
  learningHoursProjection,
  mentorLoadProjection,
  competencyGapsProjection,
  complaintBoardProjection,
  personnelDirectoryProjection,
] as const
