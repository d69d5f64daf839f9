import {
  type EmployeeType,
  type IncentiveEligibility,
  incentiveEligibility as eligibilityOf,
  type Nip,
  type PolicyConfig,
} from '@pembina/core'
import type { ReadModelStore } from '../projection.js'
import { type AsnLearningYear, learningYearOf, learningYearsOfUnit } from './learning-year.js'

// Incentive eligibility is read from the learning-hours documents rather than kept in a projection of its own: it
// rests on exactly those facts (credited minutes, distinct activities, employee type), and deriving it when asked
// means a new minimum or `minActivities` applies at once, without a rebuild.

/** Whether an ASN earned the development incentive for a year (DOMAIN.md §1), and why not when they did not. */
export interface AsnIncentiveEligibility extends IncentiveEligibility {
  readonly nip: Nip
  readonly unit: string
  readonly employeeType: EmployeeType
}

const eligibilityFor = ({ asn, year, profile }: AsnLearningYear, config: PolicyConfig): AsnIncentiveEligibility => ({
  nip: asn.nip,
  unit: asn.unit,
  employeeType: asn.employeeType,
  ...eligibilityOf(profile, year, config),
})

/** An ASN's incentive eligibility for a year, by core's rule; undefined when no profile is registered for the NIP. */
export const incentiveEligibility = async (
  store: ReadModelStore,
  nip: Nip,
  year: number,
  config: PolicyConfig,
): Promise<AsnIncentiveEligibility | undefined> => {
  const learningYear = await learningYearOf(store, nip, year)
  return learningYear === undefined ? undefined : eligibilityFor(learningYear, config)
}

/** The incentive eligibility for a year of every ASN whose profile names the unit now, by NIP. */
export const incentiveEligibilityOfUnit = async (
  store: ReadModelStore,
  unit: string,
  year: number,
  config: PolicyConfig,
): Promise<readonly AsnIncentiveEligibility[]> =>
  (await learningYearsOfUnit(store, unit, year)).map(learningYear => eligibilityFor(learningYear, config))
