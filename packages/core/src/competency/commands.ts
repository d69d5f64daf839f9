import * as t from 'io-ts'
import { oneOf, refine, taggedUnion, text, textLine, wholeNumber } from '../kernel/index.js'
import {
  command,
  ContractPeriod,
  Competency,
  CompetencyLevel,
  competencyKey,
  EmployeeType,
  LearningForm,
  LocalDate,
  Nip,
  PositionType,
  Rank,
} from '../shared/index.js'
import { AssessmentId, ConsultationId, RecommendationComplaintId, RecommendationId } from './identifiers.js'
import { LearningSource } from './learning-source.js'

/** Codec for a unit name (e.g. Puskesmas Belawan). */
export const ProfileUnitName = textLine(200, 'UnitName')
/** Codec for a position title (e.g. Pengelola Data Kesehatan). */
export const ProfilePositionTitle = textLine(200, 'PositionTitle')
/** Codec for a calendar year a rule counts (learning, plans). */
export const LearningYear = wholeNumber(2000, 2100, 'Year')
/** Codec for the day learning or a consultation took place: a date in a year `LearningYear` counts (2000 to 2100). */
export const LearningDate = refine(
  LocalDate,
  (date): date is LocalDate => LearningYear.is(Number(date.slice(0, 4))),
  'LearningDate',
  'must be a date in the years 2000 to 2100',
)
/** Codec for learning minutes credited to a profile: 0 counts as an activity without JP. */
export const CreditedMinutes = wholeNumber(0, 100_000, 'CreditedMinutes')
/** Codec for minutes planned for a development item. */
export const PlannedMinutes = wholeNumber(1, 100_000, 'PlannedMinutes')

/** Codec for one line of a job's competency standard: a competency and the level the job requires. */
export const CompetencyRequirement = t.strict(
  { competency: Competency, requiredLevel: CompetencyLevel },
  'CompetencyRequirement',
)
/** A competency the job requires, at a level 1–5. */
export type CompetencyRequirement = t.TypeOf<typeof CompetencyRequirement>

/** Whether a standard lists 1 to 50 competencies, each code once, each level 1–5. */
export const isValidStandard = (standard: readonly CompetencyRequirement[]): boolean =>
  standard.length >= 1 &&
  standard.length <= 50 &&
  new Set(standard.map(line => competencyKey(line.competency))).size === standard.length &&
  standard.every(line => CompetencyLevel.is(line.requiredLevel))

/** Codec for a job's competency standard: 1 to 50 competencies with distinct codes. */
export const CompetencyStandard = refine(
  t.readonlyArray(CompetencyRequirement),
  (standard): standard is readonly CompetencyRequirement[] => isValidStandard(standard),
  'CompetencyStandard',
  'must list 1 to 50 competencies with distinct codes',
)

/** Codec for what a development plan item rests on (PP 11/2017 Pasal 205): a competency gap or a performance gap. */
export const DevelopmentBasis = oneOf(['competency-gap', 'performance-gap'], 'DevelopmentBasis')
/** `competency-gap` or `performance-gap`. */
export type DevelopmentBasis = t.TypeOf<typeof DevelopmentBasis>

/** Codec for one item of an annual development plan (HCDP). */
export const DevelopmentPlanItem = t.exact(
  t.intersection([
    t.type({ competency: Competency, form: LearningForm, plannedMinutes: PlannedMinutes, basis: DevelopmentBasis }),
    t.partial({ note: text(1000) }),
  ]),
  'DevelopmentPlanItem',
)
/** One item of an annual development plan. */
export type DevelopmentPlanItem = t.TypeOf<typeof DevelopmentPlanItem>

/** Codec for the items of a development plan: 1 to 20. */
export const DevelopmentPlanItems = refine(
  t.readonlyArray(DevelopmentPlanItem),
  (items): items is readonly DevelopmentPlanItem[] => items.length >= 1 && items.length <= 20,
  'DevelopmentPlanItems',
  'must list 1 to 20 items',
)

/** Codec for why the system recommends development: a missed complaint deadline or a low satisfaction rating. */
export const DevelopmentReason = t.strict(
  {
    kind: oneOf(['deadline-missed', 'low-satisfaction'], 'DevelopmentReasonKind'),
    complaintId: RecommendationComplaintId,
    detail: text(1000),
  },
  'DevelopmentReason',
)
/** Why the system recommends development. */
export type DevelopmentReason = t.TypeOf<typeof DevelopmentReason>

/** A pyb registers an ASN's competency profile with the current employment. */
export const RegisterProfile = command(
  'RegisterProfile',
  t.exact(
    t.intersection([
      t.type({
        nip: Nip,
        employeeType: EmployeeType,
        unit: ProfileUnitName,
        position: PositionType,
        positionTitle: ProfilePositionTitle,
      }),
      t.partial({ rank: Rank }),
    ]),
    'RegisterProfileData',
  ),
)

/** A pyb records a new position (and unit or rank, when they change). */
export const ChangePosition = command(
  'ChangePosition',
  t.exact(
    t.intersection([
      t.type({ nip: Nip, position: PositionType, positionTitle: ProfilePositionTitle }),
      t.partial({ unit: ProfileUnitName, rank: Rank }),
    ]),
    'ChangePositionData',
  ),
)

/** A pyb sets the job's competency standard, replacing the previous one. */
export const SetCompetencyStandard = command(
  'SetCompetencyStandard',
  t.strict({ nip: Nip, standard: CompetencyStandard }, 'SetCompetencyStandardData'),
)

/** An assessor records an assessed competency level. */
export const AssessCompetency = command(
  'AssessCompetency',
  t.strict(
    { nip: Nip, assessmentId: AssessmentId, competency: Competency, level: CompetencyLevel },
    'AssessCompetencyData',
  ),
)

/** Credits completed learning to the profile, once per source. */
export const CreditLearning = command(
  'CreditLearning',
  t.exact(
    t.intersection([
      t.type({
        nip: Nip,
        source: LearningSource,
        minutes: CreditedMinutes,
        form: LearningForm,
        completedOn: LearningDate,
        title: textLine(200),
      }),
      t.partial({ competency: Competency }),
    ]),
    'CreditLearningData',
  ),
)

/** A pyb drafts the annual development plan (HCDP) for a year. */
export const PlanDevelopment = command(
  'PlanDevelopment',
  t.strict({ nip: Nip, year: LearningYear, items: DevelopmentPlanItems }, 'PlanDevelopmentData'),
)

/** The system recommends developing a competency, prompted by a complaint. */
export const RecommendDevelopment = command(
  'RecommendDevelopment',
  t.strict(
    { nip: Nip, recommendationId: RecommendationId, competency: Competency, reason: DevelopmentReason },
    'RecommendDevelopmentData',
  ),
)

/** A pyb or atasan records the ASN's participation in a policy consultation (Belawan seed document). */
export const RecordPolicyParticipation = command(
  'RecordPolicyParticipation',
  t.strict(
    { nip: Nip, consultationId: ConsultationId, title: textLine(200), participatedOn: LearningDate },
    'RecordPolicyParticipationData',
  ),
)

/**
 * Records a PPPK's contract period on the profile (sent by the reactor from the personnel record, or by a pyb), so
 * the annual minimum is counted per contract year.
 */
export const RecordContract = command('RecordContract', t.strict({ nip: Nip, contract: ContractPeriod }))

/** Codec for every competency command, told apart by `type`. */
export const CompetencyCommand = taggedUnion(
  'type',
  {
    RegisterProfile,
    ChangePosition,
    SetCompetencyStandard,
    AssessCompetency,
    CreditLearning,
    PlanDevelopment,
    RecommendDevelopment,
    RecordPolicyParticipation,
    RecordContract,
  },
  'CompetencyCommand',
)
/** A competency command. */
export type CompetencyCommand = t.TypeOf<typeof CompetencyCommand>

/** The competency command of one type. */
export type CompetencyCommandOf<Type extends CompetencyCommand['type']> = Extract<
  CompetencyCommand,
  { readonly type: Type }
>
