import { type PersistentMap } from '../kernel/index.js'
import {
  type ContractPeriod,
  type Competency,
  type EmployeeType,
  type Instant,
  type LearningForm,
  type LocalDate,
  type Nip,
  type PositionType,
  type Rank,
} from '../shared/index.js'
import type { CompetencyRequirement, DevelopmentPlanItem, DevelopmentReason } from './commands.js'
import type { LearningSource } from './learning-source.js'

/** Where an ASN works and in which post: employee type, unit, position, title and (PNS only) rank. */
export interface Employment {
  readonly employeeType: EmployeeType
  readonly unit: string
  readonly position: PositionType
  readonly positionTitle: string
  /** The PNS rank (golongan/pangkat); null when unknown or for a PPPK. */
  readonly rank: Rank | null
}

/** One assessment of one competency. */
export interface AssessedLevel {
  readonly assessmentId: string
  readonly competency: Competency
  readonly level: number
  readonly assessorNip: Nip
  readonly at: Instant
}

/** Learning credited from one source. */
export interface LearningCredit {
  readonly source: LearningSource
  readonly sourceKey: string
  readonly activityKey: string
  readonly minutes: number
  readonly form: LearningForm
  readonly competency: Competency | null
  readonly completedOn: LocalDate
  readonly year: number
  readonly title: string
  readonly at: Instant
}

/** A recorded participation in a policy consultation. */
export interface PolicyParticipation {
  readonly consultationId: string
  readonly activityKey: string
  readonly title: string
  readonly participatedOn: LocalDate
  readonly year: number
  /** Minutes credited toward JP, fixed by the policy in force when it was recorded. */
  readonly minutes: number
  readonly at: Instant
}

/** The development plan (HCDP) of one year, as last drafted. */
export interface DevelopmentPlan {
  readonly year: number
  readonly items: readonly DevelopmentPlanItem[]
  readonly plannedAt: Instant
}

/** A development recommendation the system made after a complaint. */
export interface DevelopmentRecommendation {
  readonly recommendationId: string
  readonly competency: Competency
  readonly reason: DevelopmentReason
  readonly at: Instant
}

/** A registered competency profile; records are keyed by id (own keys only) so the state snapshots as JSON. */
export interface CompetencyProfile {
  readonly status: 'registered'
  readonly nip: Nip
  readonly registeredAt: Instant
  /** The employment as registered: a retried registration is compared with it. */
  readonly registration: Employment
  /** The employment now. */
  readonly employment: Employment
  /** The job's competency standard; empty until set. */
  readonly standard: readonly CompetencyRequirement[]
  /** Every assessment, by assessment id. */
  readonly assessments: Readonly<Record<string, AssessedLevel>>
  /** The latest assessment of each competency, by competency code. */
  readonly latestLevels: Readonly<Record<string, AssessedLevel>>
  /** Credited learning, by source key: a persistent map, since it grows with every credit over the years. */
  readonly credits: PersistentMap<LearningCredit>
  /** Policy consultations taken part in, by consultation id. */
  readonly policyParticipations: Readonly<Record<string, PolicyParticipation>>
  /** Development plans, by year (as text). */
  readonly plans: Readonly<Record<string, DevelopmentPlan>>
  /** Development recommendations, by recommendation id. */
  readonly recommendations: Readonly<Record<string, DevelopmentRecommendation>>
  /** A PPPK's known contract periods, by start: the annual minimum is counted per contract year when known. */
  readonly contracts: readonly ContractPeriod[]
}

/** The state of one competency stream: nothing registered yet, or a profile. */
export type CompetencyState = UnregisteredProfile | CompetencyProfile

/**
 * A stream with no profile registered yet; a PPPK's contracts may arrive first (the personnel record is usually
 * written before the profile), and the registration keeps them.
 */
export interface UnregisteredProfile {
  readonly status: 'unregistered'
  readonly contracts: readonly ContractPeriod[]
}

/** The state before any event. */
export const initialCompetencyState: CompetencyState = { status: 'unregistered', contracts: [] }
