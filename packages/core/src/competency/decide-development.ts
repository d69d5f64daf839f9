import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import { competencyKey, jakartaYear } from '../shared/index.js'
import type { CompetencyCommandOf } from './commands.js'
import { competencyGaps } from './eligibility.js'
import type { CompetencyEvent } from './events.js'
import { profileFor, requireActor, requireRole } from './preconditions.js'
import { entryOf, sameJson } from '../kernel/index.js'
import { competencyRejections as reject, type CompetencyRejection } from './rejections.js'
import type { CompetencyState } from './state.js'

type Decision = E.Either<CompetencyRejection, readonly CompetencyEvent[]>
type PlanItems = CompetencyCommandOf<'PlanDevelopment'>['data']['items']

const isPlanShape = (year: number, items: PlanItems): boolean =>
  Number.isInteger(year) &&
  year >= 2000 &&
  year <= 2100 &&
  items.length >= 1 &&
  items.length <= 20 &&
  items.every(
    item => Number.isInteger(item.plannedMinutes) && item.plannedMinutes >= 1 && item.plannedMinutes <= 100_000,
  )

/**
 * Drafts the annual development plan (HCDP): an item resting on a competency gap must name a competency of the
 * standard assessed below its required level (or not yet assessed). A new plan for the year replaces the old one.
 */
export const planDevelopment = (command: CompetencyCommandOf<'PlanDevelopment'>, state: CompetencyState): Decision =>
  pipe(
    requireRole(command.actor, ['pyb'], 'a pyb (authorised official)'),
    E.chain(() => profileFor(state, command.data.nip)),
    E.chain((profile): Decision => {
      const { year, items } = command.data
      const current = entryOf(profile.plans, String(year))
      if (current !== undefined && sameJson(current.items, items)) return E.right([])
      if (!isPlanShape(year, items)) return E.left(reject.planInvalid)
      if (year < jakartaYear(command.at)) return E.left(reject.planForPastYear)
      const gaps = new Set(
        competencyGaps(profile)
          .filter(gap => gap.gap > 0)
          .map(gap => competencyKey(gap.competency)),
      )
      const unfounded = items.find(item => item.basis === 'competency-gap' && !gaps.has(competencyKey(item.competency)))
      if (unfounded !== undefined) return E.left(reject.noCompetencyGap(competencyKey(unfounded.competency)))
      return E.right([{ type: 'DevelopmentPlanned', data: { at: command.at, nip: profile.nip, year, items } }])
    }),
  )

/** The system recommends developing a competency after a complaint; the same recommendation again changes nothing. */
export const recommendDevelopment = (
  command: CompetencyCommandOf<'RecommendDevelopment'>,
  state: CompetencyState,
): Decision =>
  pipe(
    requireActor(command.actor, actor => actor.kind === 'system', 'the system'),
    E.chain(() => profileFor(state, command.data.nip)),
    E.chain((profile): Decision => {
      const { recommendationId, competency, reason } = command.data
      if (entryOf(profile.recommendations, recommendationId) !== undefined) return E.right([])
      const data = { at: command.at, nip: profile.nip, recommendationId, competency, reason }
      return E.right([{ type: 'DevelopmentRecommended', data }])
    }),
  )
