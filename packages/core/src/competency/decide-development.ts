import { accept, entryOf, nothing, sameBy } from '../kernel/index.js'
import { competencyKey, isKnownCompetency, jakartaYear, type PolicyConfig } from '../shared/index.js'
import { type CompetencyCommandOf, DevelopmentPlanItems, LearningYear, PlannedMinutes } from './commands.js'
import { aPyb, type CompetencyDecision, isPyb, onProfile } from './decision.js'
import { competencyGaps } from './eligibility.js'
import { competencyRejections } from './rejections.js'
import type { CompetencyState } from './state.js'

const { refuse } = competencyRejections

type PlanItems = CompetencyCommandOf<'PlanDevelopment'>['data']['items']

const samePlanItems = sameBy(DevelopmentPlanItems)

const isPlanShape = (year: number, items: PlanItems): boolean =>
  LearningYear.is(year) &&
  items.length >= 1 &&
  items.length <= 20 &&
  items.every(item => PlannedMinutes.is(item.plannedMinutes))

/**
 * Drafts the annual development plan (HCDP): an item resting on a competency gap must name a competency of the
 * standard assessed below its required level (or not yet assessed). A new plan for the year replaces the old one.
 */
export const planDevelopment = (
  command: CompetencyCommandOf<'PlanDevelopment'>,
  state: CompetencyState,
  config: PolicyConfig,
): CompetencyDecision => {
  if (!isPyb(command.actor)) return refuse('actor-not-allowed', aPyb)
  return onProfile(state, command.data.nip, profile => {
    const { year, items } = command.data
    const current = entryOf(profile.plans, String(year))
    if (current !== undefined && samePlanItems(current.items, items)) return nothing
    if (!isPlanShape(year, items)) return refuse('plan-invalid')
    if (year < jakartaYear(command.at)) return refuse('plan-for-past-year')
    const unknown = items.find(item => !isKnownCompetency(config, item.competency))
    if (unknown !== undefined) return refuse('unknown-competency', unknown.competency.code)
    const gaps = new Set(
      competencyGaps(profile)
        .filter(gap => gap.gap > 0)
        .map(gap => competencyKey(gap.competency)),
    )
    const unfounded = items.find(item => item.basis === 'competency-gap' && !gaps.has(competencyKey(item.competency)))
    if (unfounded !== undefined) return refuse('no-competency-gap', competencyKey(unfounded.competency))
    return accept({ type: 'DevelopmentPlanned', data: { at: command.at, nip: profile.nip, year, items } })
  })
}

/** The system recommends developing a competency after a complaint; the same recommendation again changes nothing. */
export const recommendDevelopment = (
  command: CompetencyCommandOf<'RecommendDevelopment'>,
  state: CompetencyState,
): CompetencyDecision => {
  if (command.actor.kind !== 'system') return refuse('actor-not-allowed', 'the system')
  return onProfile(state, command.data.nip, profile => {
    const { recommendationId, competency, reason } = command.data
    if (entryOf(profile.recommendations, recommendationId) !== undefined) return nothing
    const data = { at: command.at, nip: profile.nip, recommendationId, competency, reason }
    return accept({ type: 'DevelopmentRecommended', data })
  })
}
