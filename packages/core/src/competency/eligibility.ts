import {
  type Competency,
  competencyKey,
  type EmployeeType,
  formatJp,
  type LocalDate,
  type PolicyConfig,
} from '../shared/index.js'
import { entryOf, mapValues } from '../kernel/index.js'
import type { CompetencyState } from './state.js'

/** One line of a year's learning: a credited source or a policy consultation, with what it counts for. */
export interface CreditLine {
  readonly kind: 'learning' | 'policy-participation'
  /** The source key (`training:…`) or the consultation's activity key (`policy:…`). */
  readonly key: string
  readonly activityKey: string
  readonly minutes: number
  readonly on: LocalDate
  readonly title: string
}

/** A year's learning on a profile: credited minutes, distinct activities, and every line they come from. */
export interface AnnualLearning {
  readonly year: number
  readonly creditedMinutes: number
  /** Distinct activity keys, sorted. */
  readonly activities: readonly string[]
  /** Every credit and participation of the year, by date then key. */
  readonly sources: readonly CreditLine[]
}

const byDateThenKey = (a: CreditLine, b: CreditLine): number =>
  a.on < b.on ? -1 : a.on > b.on ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0

/** The learning credited to a profile for a calendar year (the year of completion or participation). */
export const annualLearning = (state: CompetencyState, year: number): AnnualLearning => {
  if (state.status !== 'registered') return { year, creditedMinutes: 0, activities: [], sources: [] }
  const credits: CreditLine[] = mapValues(state.credits)
    .filter(credit => credit.year === year)
    .map(credit => ({
      kind: 'learning',
      key: credit.sourceKey,
      activityKey: credit.activityKey,
      minutes: credit.minutes,
      on: credit.completedOn,
      title: credit.title,
    }))
  const participations: CreditLine[] = Object.values(state.policyParticipations)
    .filter(participation => participation.year === year)
    .map(participation => ({
      kind: 'policy-participation',
      key: participation.activityKey,
      activityKey: participation.activityKey,
      minutes: participation.minutes,
      on: participation.participatedOn,
      title: participation.title,
    }))
  const sources = [...credits, ...participations].sort(byDateThenKey)
  return {
    year,
    creditedMinutes: sources.reduce((sum, line) => sum + line.minutes, 0),
    activities: [...new Set(sources.map(line => line.activityKey))].sort(),
    sources,
  }
}

/** Whether an ASN earned the development incentive for a year, and why not when they did not. */
export interface IncentiveEligibility {
  readonly year: number
  readonly eligible: boolean
  readonly creditedMinutes: number
  readonly minimumMinutes: number
  readonly activities: number
  readonly minActivities: number
  /** Why the ASN is not eligible; empty when eligible. */
  readonly reasons: readonly string[]
}

/**
 * Derives the development incentive for a year (DOMAIN §1): credited JP at least the annual minimum for the
 * employee type, and at least `minActivities` distinct activities.
 */
export const incentiveEligibility = (
  state: CompetencyState,
  year: number,
  config: PolicyConfig,
): IncentiveEligibility => {
  const employeeType: EmployeeType = state.status === 'registered' ? state.employment.employeeType : 'PNS'
  const minimumMinutes = config.learning.annualMinimumMinutes[employeeType]
  const minActivities = config.incentive.minActivities
  const learning = annualLearning(state, year)
  const activities = learning.activities.length
  const reasons = [
    ...(state.status === 'registered' ? [] : ['no competency profile is registered']),
    ...(learning.creditedMinutes >= minimumMinutes
      ? []
      : [
          `credited ${formatJp(learning.creditedMinutes)} is below the annual minimum of ${formatJp(minimumMinutes)} for ${employeeType}`,
        ]),
    ...(activities >= minActivities ? [] : [`${activities} distinct activities, at least ${minActivities} needed`]),
  ]
  return {
    year,
    eligible: reasons.length === 0,
    creditedMinutes: learning.creditedMinutes,
    minimumMinutes,
    activities,
    minActivities,
    reasons,
  }
}

/** One competency of the job's standard against its latest assessment. */
export interface CompetencyGap {
  readonly competency: Competency
  readonly required: number
  /** The latest assessed level; null when not assessed yet. */
  readonly assessed: number | null
  /** Levels still missing: required minus assessed (0 when met), the whole required level when not assessed. */
  readonly gap: number
}

/** The gap of every competency in the job's standard, in the standard's order. */
export const competencyGaps = (state: CompetencyState): readonly CompetencyGap[] => {
  if (state.status !== 'registered') return []
  return state.standard.map(({ competency, requiredLevel }) => {
    const assessed = entryOf(state.latestLevels, competencyKey(competency))?.level ?? null
    return { competency, required: requiredLevel, assessed, gap: Math.max(0, requiredLevel - (assessed ?? 0)) }
  })
}
