import {
  type AssessedLevel,
  type CompetencyProfile,
  type CompetencyRequirement,
  competencyKey,
  type ContractPeriod,
  EmployeeType,
  type Employment,
  type Instant,
  type LearningCredit,
  mapFromRecord,
  type Nip,
  type PolicyParticipation,
  PositionType,
  ProfilePositionTitle,
  ProfileUnitName,
  Rank,
} from '@pembina/core'
import { nullable } from './document-values.js'

/** Codec fields of an ASN's employment, flat at the top of a document so lists can filter by unit. */
export const employmentFields = {
  employeeType: EmployeeType,
  unit: ProfileUnitName,
  position: PositionType,
  positionTitle: ProfilePositionTitle,
  /** The PNS rank; null when unknown or for a PPPK. */
  rank: nullable(Rank),
}

/** The employment held in a document's flat fields. */
export const employmentOf = (doc: Employment): Employment => ({
  employeeType: doc.employeeType,
  unit: doc.unit,
  position: doc.position,
  positionTitle: doc.positionTitle,
  rank: doc.rank,
})

/** The facts of a competency profile a read model keeps: always the employment, and whichever parts it needs. */
export interface ProfileFacts {
  readonly nip: Nip
  readonly registeredAt: Instant
  readonly employment: Employment
  readonly standard?: readonly CompetencyRequirement[]
  /** The latest assessment of each competency. */
  readonly latestLevels?: readonly AssessedLevel[]
  readonly credits?: readonly LearningCredit[]
  readonly participations?: readonly PolicyParticipation[]
  /** A PPPK's contract periods, by start: the annual minimum is counted per contract year. */
  readonly contracts?: readonly ContractPeriod[]
}

const byKey = <V>(values: readonly V[], keyOf: (value: V) => string): Readonly<Record<string, V>> =>
  Object.fromEntries(values.map(value => [keyOf(value), value]))

/**
 * A competency profile holding only the facts a read model kept, so that core's own fold and read-outs
 * (`evolveCompetency`, `competencyGaps`, `annualLearning`, `incentiveEligibility`) answer for it rather than a copy of
 * their rules. Parts the read model does not keep are empty; `registration` is the employment now, since only
 * deciding a retried registration reads it.
 */
export const profileOf = (facts: ProfileFacts): CompetencyProfile => {
  const latest = facts.latestLevels ?? []
  return {
    status: 'registered',
    nip: facts.nip,
    registeredAt: facts.registeredAt,
    registration: facts.employment,
    employment: facts.employment,
    standard: facts.standard ?? [],
    assessments: byKey(latest, level => level.assessmentId),
    latestLevels: byKey(latest, level => competencyKey(level.competency)),
    credits: mapFromRecord(byKey(facts.credits ?? [], credit => credit.sourceKey)),
    policyParticipations: byKey(facts.participations ?? [], participation => participation.consultationId),
    plans: {},
    recommendations: {},
    contracts: facts.contracts ?? [],
  }
}
