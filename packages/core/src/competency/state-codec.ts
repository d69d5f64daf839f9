import * as t from 'io-ts'
import { persistentMap, taggedUnion, textLine } from '../kernel/index.js'
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
  CompetencyRequirement,
  CreditedMinutes,
  DevelopmentPlanItem,
  DevelopmentReason,
  LearningYear,
  ProfilePositionTitle,
  ProfileUnitName,
} from './commands.js'
import { AssessmentId, ConsultationId, RecommendationId } from './identifiers.js'
import { LearningSource } from './learning-source.js'
import type { CompetencyState } from './state.js'

/**
 * The version of the competency state's snapshot shape: bump it whenever `CompetencyState` or `evolveCompetency`
 * changes, so snapshots written before are ignored and streams are folded again.
 */
export const competencySnapshotVersion = 2

/** Codec for an employment as the state holds it: every field a repeated registration or position is compared on. */
export const EmploymentCodec = t.strict(
  {
    employeeType: EmployeeType,
    unit: ProfileUnitName,
    position: PositionType,
    positionTitle: ProfilePositionTitle,
    rank: t.union([Rank, t.null]),
  },
  'Employment',
)

const AssessedLevel = t.strict(
  { assessmentId: AssessmentId, competency: Competency, level: CompetencyLevel, assessorNip: Nip, at: Instant },
  'AssessedLevel',
)

const LearningCredit = t.strict(
  {
    source: LearningSource,
    sourceKey: textLine(300, 'SourceKey'),
    activityKey: textLine(300, 'ActivityKey'),
    minutes: CreditedMinutes,
    form: LearningForm,
    competency: t.union([Competency, t.null]),
    completedOn: LocalDate,
    year: LearningYear,
    title: textLine(200),
    at: Instant,
  },
  'LearningCredit',
)

const PolicyParticipation = t.strict(
  {
    consultationId: ConsultationId,
    activityKey: textLine(300, 'ActivityKey'),
    title: textLine(200),
    participatedOn: LocalDate,
    year: LearningYear,
    minutes: CreditedMinutes,
    at: Instant,
  },
  'PolicyParticipation',
)

const DevelopmentPlan = t.strict(
  { year: LearningYear, items: t.readonlyArray(DevelopmentPlanItem), plannedAt: Instant },
  'DevelopmentPlan',
)

const DevelopmentRecommendation = t.strict(
  { recommendationId: RecommendationId, competency: Competency, reason: DevelopmentReason, at: Instant },
  'DevelopmentRecommendation',
)

const CompetencyProfile = t.strict(
  {
    status: t.literal('registered'),
    nip: Nip,
    registeredAt: Instant,
    registration: EmploymentCodec,
    employment: EmploymentCodec,
    standard: t.readonlyArray(CompetencyRequirement),
    assessments: t.record(t.string, AssessedLevel),
    latestLevels: t.record(t.string, AssessedLevel),
    credits: persistentMap(LearningCredit),
    policyParticipations: t.record(t.string, PolicyParticipation),
    plans: t.record(t.string, DevelopmentPlan),
    recommendations: t.record(t.string, DevelopmentRecommendation),
    contracts: t.readonlyArray(ContractPeriod),
  },
  'CompetencyProfile',
)

/**
 * Codec for a competency stream's state as a snapshot stores it (JSON): typed at `CompetencyState` itself, so the
 * compiler proves the two agree; fields the type does not have are dropped on decode.
 */
export const CompetencyStateCodec: t.Type<CompetencyState, unknown> = taggedUnion(
  'status',
  {
    unregistered: t.strict(
      { status: t.literal('unregistered'), contracts: t.readonlyArray(ContractPeriod) },
      'Unregistered',
    ),
    registered: CompetencyProfile,
  },
  'CompetencyState',
)
