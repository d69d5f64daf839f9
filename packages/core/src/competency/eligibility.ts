import {
  type Competency,
  competencyKey,
  type ContractPeriod,
  type EmployeeType,
  formatJp,
  isRealDate,
  addDays,
  type LocalDate,
  localDate,
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

/**
 * The days a year's learning is counted over: the calendar year, or for a PPPK whose contract is known the contract
 * year that begins in that calendar year (PP 49/2018 Pasal 40(1): up to 24 JP per contract year).
 */
export interface LearningPeriod {
  readonly basis: 'calendar-year' | 'contract-year'
  readonly from: LocalDate
  /** The last day counted (included). */
  readonly to: LocalDate
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0')

/** The anniversary of a date some years on; 29 February falls on 1 March in a year that has none. */
const anniversary = (date: LocalDate, years: number): LocalDate => {
  const year = Number(date.slice(0, 4)) + years
  const month = Number(date.slice(5, 7))
  const day = Number(date.slice(8, 10))
  return isRealDate(year, month, day)
    ? localDate(`${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`)
    : localDate(`${pad(year, 4)}-03-01`)
}

/** The contract years of one contract: a year from each anniversary of its start, the last cut at its end. */
export const contractYears = (contract: ContractPeriod): readonly LearningPeriod[] => {
  const years: LearningPeriod[] = []
  for (let k = 0; ; k++) {
    const from = anniversary(contract.start, k)
    if (from > contract.end) return years
    const next = addDays(anniversary(contract.start, k + 1), -1)
    years.push({ basis: 'contract-year', from, to: next < contract.end ? next : contract.end })
  }
}

/**
 * The period a profile's learning for a year is counted over: for a PPPK with a recorded contract, the contract
 * year that begins in that calendar year (the first, should two); otherwise the calendar year.
 */
export const learningPeriod = (state: CompetencyState, year: number): LearningPeriod => {
  if (state.status === 'registered' && state.employment.employeeType === 'PPPK') {
    const prefix = `${pad(year, 4)}-`
    const period = state.contracts.flatMap(contractYears).find(each => each.from.startsWith(prefix))
    if (period !== undefined) return period
  }
  return { basis: 'calendar-year', from: localDate(`${pad(year, 4)}-01-01`), to: localDate(`${pad(year, 4)}-12-31`) }
}

/** A year's learning on a profile: credited minutes, distinct activities, and every line they come from. */
export interface AnnualLearning {
  readonly year: number
  /** The days counted: the calendar year, or a PPPK's contract year. */
  readonly period: LearningPeriod
  readonly creditedMinutes: number
  /** Distinct activity keys, sorted. */
  readonly activities: readonly string[]
  /** Every credit and participation of the year, by date then key. */
  readonly sources: readonly CreditLine[]
}

const byDateThenKey = (a: CreditLine, b: CreditLine): number =>
  a.on < b.on ? -1 : a.on > b.on ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0

/**
 * The learning credited to a profile for a year: completed or taken part in within the year's `learningPeriod` (the
 * calendar year, or a PPPK's contract year that begins in it).
 */
export const annualLearning = (state: CompetencyState, year: number): AnnualLearning => {
  const period = learningPeriod(state, year)
  if (state.status !== 'registered') return { year, period, creditedMinutes: 0, activities: [], sources: [] }
  const within = (date: LocalDate): boolean => period.from <= date && date <= period.to
  const credits: CreditLine[] = mapValues(state.credits)
    .filter(credit => within(credit.completedOn))
    .map(credit => ({
      kind: 'learning',
      key: credit.sourceKey,
      activityKey: credit.activityKey,
      minutes: credit.minutes,
      on: credit.completedOn,
      title: credit.title,
    }))
  const participations: CreditLine[] = Object.values(state.policyParticipations)
    .filter(participation => within(participation.participatedOn))
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
    period,
    creditedMinutes: sources.reduce((sum, line) => sum + line.minutes, 0),
    activities: [...new Set(sources.map(line => line.activityKey))].sort(),
    sources,
  }
}

/** Whether an ASN earned the development incentive for a year, and why not when they did not. */
export interface IncentiveEligibility {
  readonly year: number
  /** The days counted: the calendar year, or a PPPK's contract year. */
  readonly period: LearningPeriod
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
          `credited ${formatJp(learning.creditedMinutes)} is below the annual minimum of ${formatJp(minimumMinutes)} for ${employeeType}${learning.period.basis === 'contract-year' ? ` in the contract year ${learning.period.from} to ${learning.period.to}` : ''}`,
        ]),
    ...(activities >= minActivities ? [] : [`${activities} distinct activities, at least ${minActivities} needed`]),
  ]
  return {
    year,
    period: learning.period,
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
