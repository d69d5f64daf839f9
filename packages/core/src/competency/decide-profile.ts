import { accept, entryOf, nothing, sameBy } from '../kernel/index.js'
import {
  CompetencyLevel,
  competencyKey,
  hasRole,
  isKnownCompetency,
  niPppkCode,
  type PolicyConfig,
} from '../shared/index.js'
import {
  type CompetencyCommandOf,
  type CompetencyRequirement,
  CompetencyStandard,
  isValidStandard,
} from './commands.js'
import { aPyb, type CompetencyDecision, isPyb, onProfile } from './decision.js'
import { competencyRejections } from './rejections.js'
import type { CompetencyState, Employment } from './state.js'
import { EmploymentCodec } from './state-codec.js'

const { refuse } = competencyRejections

const sameEmployment = sameBy(EmploymentCodec)
const sameStandard = sameBy(CompetencyStandard)

const rankFits = (employment: Employment): boolean => employment.employeeType === 'PNS' || employment.rank === null

const withRank = <Data extends object>(data: Data, rank: Employment['rank']) =>
  rank === null ? data : { ...data, rank }

/** Registers a profile; the same registration again changes nothing, a different one is refused. */
export const registerProfile = (
  command: CompetencyCommandOf<'RegisterProfile'>,
  state: CompetencyState,
  config: PolicyConfig,
): CompetencyDecision => {
  if (!isPyb(command.actor)) return refuse('actor-not-allowed', aPyb)
  const { nip, employeeType, unit, position, positionTitle, rank } = command.data
  const employment: Employment = { employeeType, unit, position, positionTitle, rank: rank ?? null }
  if (state.status === 'registered') {
    if (state.nip !== nip) return refuse('nip-mismatch', state.nip, nip)
    return sameEmployment(state.registration, employment) ? nothing : refuse('profile-already-registered')
  }
  if (!rankFits(employment)) return refuse('rank-not-for-pppk')
  // An NI PPPK is for PPPK only, under a code the agency accepts; a PPPK may also hold a NIP-form number.
  const code = niPppkCode(nip)
  if (code !== null && employeeType === 'PNS') return refuse('ni-pppk-for-pns')
  if (code !== null && !config.niPppkCodes.includes(code))
    return refuse('unknown-ni-pppk-code', code, config.niPppkCodes.join(', '))
  const data = withRank({ at: command.at, nip, employeeType, unit, position, positionTitle }, employment.rank)
  return accept({ type: 'ProfileRegistered', data })
}

/** Records a new position; unit and rank stay as they were unless given; the current position again changes nothing. */
export const changePosition = (
  command: CompetencyCommandOf<'ChangePosition'>,
  state: CompetencyState,
): CompetencyDecision => {
  if (!isPyb(command.actor)) return refuse('actor-not-allowed', aPyb)
  return onProfile(state, command.data.nip, profile => {
    const { position, positionTitle, unit, rank } = command.data
    const current = profile.employment
    const next: Employment = {
      ...current,
      position,
      positionTitle,
      unit: unit ?? current.unit,
      rank: rank ?? current.rank,
    }
    if (!rankFits(next)) return refuse('rank-not-for-pppk')
    if (sameEmployment(next, current)) return nothing
    const { employeeType } = next
    const data = withRank(
      { at: command.at, nip: profile.nip, employeeType, unit: next.unit, position, positionTitle },
      next.rank,
    )
    return accept({ type: 'PositionChanged', data })
  })
}

const inKeyOrder = (standard: readonly CompetencyRequirement[]): readonly CompetencyRequirement[] =>
  standard
    .map(line => ({ line, key: competencyKey(line.competency) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map(({ line }) => line)

/** Sets the job's competency standard, replacing the earlier one; the same standard (in any order) changes nothing. */
export const setCompetencyStandard = (
  command: CompetencyCommandOf<'SetCompetencyStandard'>,
  state: CompetencyState,
  config: PolicyConfig,
): CompetencyDecision => {
  if (!isPyb(command.actor)) return refuse('actor-not-allowed', aPyb)
  return onProfile(state, command.data.nip, profile => {
    const { standard } = command.data
    if (!isValidStandard(standard)) return refuse('standard-invalid')
    const unknown = standard.find(line => !isKnownCompetency(config, line.competency))
    if (unknown !== undefined) return refuse('unknown-competency', unknown.competency.code)
    if (sameStandard(inKeyOrder(standard), inKeyOrder(profile.standard))) return nothing
    return accept({ type: 'CompetencyStandardSet', data: { at: command.at, nip: profile.nip, standard } })
  })
}

/** Records an assessor's assessment of one competency; the same assessment id again changes nothing. */
export const assessCompetency = (
  command: CompetencyCommandOf<'AssessCompetency'>,
  state: CompetencyState,
  config: PolicyConfig,
): CompetencyDecision => {
  const { actor } = command
  if (!hasRole(actor, 'assessor')) return refuse('actor-not-allowed', 'an assessor')
  return onProfile(state, command.data.nip, profile => {
    const { assessmentId, competency, level } = command.data
    if (entryOf(profile.assessments, assessmentId) !== undefined) return nothing
    if (!CompetencyLevel.is(level)) return refuse('level-out-of-range')
    if (!isKnownCompetency(config, competency)) return refuse('unknown-competency', competency.code)
    const data = { at: command.at, nip: profile.nip, assessmentId, competency, level, assessorNip: actor.nip }
    return accept({ type: 'CompetencyAssessed', data })
  })
}
