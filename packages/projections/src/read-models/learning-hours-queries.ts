import {
  annualLearning,
  type Competency,
  type CreditLine,
  type EmployeeType,
  formatJp,
  incentiveEligibility as eligibilityOf,
  type LearningForm,
  type LearningSource,
  type Nip,
  type PolicyConfig,
} from '@pembina/core'
import type { ReadModelStore } from '../projection.js'
import { type AsnLearningYear, learningYearOf, learningYearsOfUnit } from './learning-year.js'

/** One line of a year's learning, with where it comes from: the credited source, or null for a policy consultation. */
export interface LearningHoursLine extends CreditLine {
  readonly source: LearningSource | null
  readonly form: LearningForm | null
  readonly competency: Competency | null
}

/** An ASN's learning in a year against the annual minimum for their employee type (DOMAIN.md §1). */
export interface LearningHours {
  readonly nip: Nip
  readonly year: number
  readonly unit: string
  readonly employeeType: EmployeeType
  readonly positionTitle: string
  readonly creditedMinutes: number
  /** Credited JP with one decimal, rounded down (`19.9 JP`). */
  readonly creditedJp: string
  readonly minimumMinutes: number
  readonly minimumJp: string
  readonly meetsMinimum: boolean
  /** Minutes still missing to reach the minimum; 0 once it is met. */
  readonly shortfallMinutes: number
  /** Distinct activities of the year, sorted. */
  readonly activities: readonly string[]
  /** Every credit and consultation of the year, by date then key; their minutes add up to `creditedMinutes`. */
  readonly sources: readonly LearningHoursLine[]
}

/** The year's learning, read by core's `annualLearning`; the minimum is core's, from the employee type now. */
export const learningHoursOf = (
  { asn, year, profile, credits }: AsnLearningYear,
  config: PolicyConfig,
): LearningHours => {
  const learning = annualLearning(profile, year)
  const { minimumMinutes } = eligibilityOf(profile, year, config)
  const creditOf = new Map(credits.map(credit => [credit.sourceKey, credit]))
  return {
    nip: asn.nip,
    year,
    unit: asn.unit,
    employeeType: asn.employeeType,
    positionTitle: asn.positionTitle,
    creditedMinutes: learning.creditedMinutes,
    creditedJp: formatJp(learning.creditedMinutes),
    minimumMinutes,
    minimumJp: formatJp(minimumMinutes),
    meetsMinimum: learning.creditedMinutes >= minimumMinutes,
    shortfallMinutes: Math.max(0, minimumMinutes - learning.creditedMinutes),
    activities: learning.activities,
    sources: learning.sources.map(line => {
      const credit = line.kind === 'learning' ? creditOf.get(line.key) : undefined
      return {
        ...line,
        source: credit?.source ?? null,
        form: credit?.form ?? null,
        competency: credit?.competency ?? null,
      }
    }),
  }
}

/** An ASN's learning hours in a year; undefined when no competency profile is registered for the NIP. */
export const learningHours = async (
  store: ReadModelStore,
  nip: Nip,
  year: number,
  config: PolicyConfig,
): Promise<LearningHours | undefined> => {
  const learningYear = await learningYearOf(store, nip, year)
  return learningYear === undefined ? undefined : learningHoursOf(learningYear, config)
}

/** The learning hours in a year of every ASN whose profile names the unit now, by NIP. */
export const learningHoursOfUnit = async (
  store: ReadModelStore,
  unit: string,
  year: number,
  config: PolicyConfig,
): Promise<readonly LearningHours[]> =>
  (await learningYearsOfUnit(store, unit, year)).map(learningYear => learningHoursOf(learningYear, config))
