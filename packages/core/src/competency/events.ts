import * as t from 'io-ts'
import { event, eventRegistry, eventSchemas, taggedUnion, textLine } from '../kernel/index.js'
import {
  ContractPeriod,
  Competency,
  CompetencyLevel,
  EmployeeType,
  Instant,
  LearningForm,
  LocalDate,
  Nip,
  PositionType,
  Rank,
} from '../shared/index.js'
import {
  CompetencyStandard,
  CreditedMinutes,
  DevelopmentPlanItems,
  DevelopmentReason,
  LearningYear,
  ProfilePositionTitle,
  ProfileUnitName,
} from './commands.js'
import { AssessmentId, ConsultationId, RecommendationId } from './identifiers.js'
import { LearningSource } from './learning-source.js'

const employment = {
  at: Instant,
  nip: Nip,
  employeeType: EmployeeType,
  unit: ProfileUnitName,
  position: PositionType,
  positionTitle: ProfilePositionTitle,
}

/** An ASN's competency profile was registered with the employment at that time. */
export const ProfileRegistered = event(
  'ProfileRegistered',
  t.exact(t.intersection([t.type(employment), t.partial({ rank: Rank })]), 'ProfileRegisteredData'),
)

/** The ASN's position changed; the data is the whole employment from then on. */
export const PositionChanged = event(
  'PositionChanged',
  t.exact(t.intersection([t.type(employment), t.partial({ rank: Rank })]), 'PositionChangedData'),
)

/** The job's competency standard was set, replacing any earlier one. */
export const CompetencyStandardSet = event(
  'CompetencyStandardSet',
  t.strict({ at: Instant, nip: Nip, standard: CompetencyStandard }, 'CompetencyStandardSetData'),
)

/** An assessor assessed one competency at a level. */
export const CompetencyAssessed = event(
  'CompetencyAssessed',
  t.strict(
    {
      at: Instant,
      nip: Nip,
      assessmentId: AssessmentId,
      competency: Competency,
      level: CompetencyLevel,
      assessorNip: Nip,
    },
    'CompetencyAssessedData',
  ),
)

/** Learning from one source was credited: the minutes count toward the year it was completed. */
export const LearningCredited = event(
  'LearningCredited',
  t.exact(
    t.intersection([
      t.type({
        at: Instant,
        nip: Nip,
        source: LearningSource,
        sourceKey: textLine(300, 'SourceKey'),
        activityKey: textLine(300, 'ActivityKey'),
        minutes: CreditedMinutes,
        form: LearningForm,
        completedOn: LocalDate,
        year: LearningYear,
        title: textLine(200),
      }),
      t.partial({ competency: Competency }),
    ]),
    'LearningCreditedData',
  ),
)

/** The annual development plan (HCDP) for a year was drafted, replacing any earlier plan for that year. */
export const DevelopmentPlanned = event(
  'DevelopmentPlanned',
  t.strict({ at: Instant, nip: Nip, year: LearningYear, items: DevelopmentPlanItems }, 'DevelopmentPlannedData'),
)

/** The system recommended developing a competency, prompted by a complaint. */
export const DevelopmentRecommended = event(
  'DevelopmentRecommended',
  t.strict(
    { at: Instant, nip: Nip, recommendationId: RecommendationId, competency: Competency, reason: DevelopmentReason },
    'DevelopmentRecommendedData',
  ),
)

/** The ASN took part in a policy consultation: an activity, with the minutes the policy credited then. */
export const PolicyParticipationRecorded = event(
  'PolicyParticipationRecorded',
  t.strict(
    {
      at: Instant,
      nip: Nip,
      consultationId: ConsultationId,
      title: textLine(200),
      participatedOn: LocalDate,
      year: LearningYear,
      minutes: CreditedMinutes,
      activityKey: textLine(300, 'ActivityKey'),
    },
    'PolicyParticipationRecordedData',
  ),
)

/** A PPPK's contract period was recorded on the profile: the annual minimum is counted per contract year. */
export const ContractRecorded = event(
  'ContractRecorded',
  t.strict({ at: Instant, nip: Nip, contract: ContractPeriod }, 'ContractRecordedData'),
)

/** Codec for every competency event, told apart by `type`. */
export const CompetencyEvent = taggedUnion(
  'type',
  {
    ProfileRegistered,
    PositionChanged,
    CompetencyStandardSet,
    CompetencyAssessed,
    LearningCredited,
    DevelopmentPlanned,
    DevelopmentRecommended,
    PolicyParticipationRecorded,
    ContractRecorded,
  },
  'CompetencyEvent',
)
/** A competency event. */
export type CompetencyEvent = t.TypeOf<typeof CompetencyEvent>

/** The competency event of one type. */
export type CompetencyEventOf<Type extends CompetencyEvent['type']> = Extract<CompetencyEvent, { readonly type: Type }>

const schema = eventSchemas(CompetencyEvent)

/** The competency event registry: codecs, schema versions and catalog descriptions. */
export const competencyEvents = eventRegistry<CompetencyEvent>([
  schema(
    'ProfileRegistered',
    ProfileRegistered,
    "An ASN's competency profile was registered with employee type, unit, position and rank.",
  ),
  schema(
    'PositionChanged',
    PositionChanged,
    "The ASN's position, unit or rank changed; the data holds the whole employment from then on.",
  ),
  schema(
    'CompetencyStandardSet',
    CompetencyStandardSet,
    "The job's competency standard (required level per competency) was set, replacing the earlier one.",
  ),
  schema(
    'CompetencyAssessed',
    CompetencyAssessed,
    'An assessor assessed one competency of the ASN at a level from 1 to 5.',
  ),
  schema(
    'LearningCredited',
    LearningCredited,
    'Learning from one source was credited once, its minutes counting toward the year it was completed.',
  ),
  schema(
    'DevelopmentPlanned',
    DevelopmentPlanned,
    'The annual development plan (HCDP) for a year was drafted from competency and performance gaps.',
  ),
  schema(
    'DevelopmentRecommended',
    DevelopmentRecommended,
    'The system recommended developing a competency after a missed complaint deadline or low satisfaction.',
  ),
  schema(
    'PolicyParticipationRecorded',
    PolicyParticipationRecorded,
    'The ASN took part in a policy consultation, which counts as an activity and JP only if configured.',
  ),
  schema(
    'ContractRecorded',
    ContractRecorded,
    "A PPPK's contract period was recorded on the profile, so the annual minimum is counted per contract year.",
  ),
])
