export {
  arbImplausibleNip,
  arbInvalidNip,
  arbNipParts,
  arbValidNip,
  arbWrittenNip,
  type InvalidNip,
  type InvalidNipRule,
  invalidNipRules,
  nipFromParts,
  type NipImplausibility,
  type NipParts,
  type NipPartsOptions,
  type NipWriting,
} from './nip.js'
export {
  type ActorRelations,
  arbActor,
  arbActorRelations,
  arbAsnActor,
  arbCitizen,
  arbCitizenSubjectId,
  arbSystemActor,
  arbTrackingToken,
  type CitizenActor,
  type SystemActor,
  systemProcesses,
} from './actors.js'
export { arbHolidayCalendar, arbWorkingCalendar, type HolidayCalendarOptions } from './calendar.js'
export {
  arbInvalidPolicyConfig,
  arbPolicyConfig,
  arbPolicyConfigInput,
  type InvalidPolicyConfig,
} from './policy-config.js'
export {
  arbCommandOf,
  arbCompetencyCommand,
  arbComplaintCommand,
  arbEnrollmentCommand,
  arbMentorRosterCommand,
  arbMentorshipCommand,
  arbOrganisationCommand,
  arbPersonnelCommand,
  type CommandOf,
} from './commands.js'
