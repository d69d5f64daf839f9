import type { Either } from 'fp-ts/lib/Either.js'
import { accept, entryOf, nothing, sameJson } from '../kernel/index.js'
import { hasRole } from '../shared/index.js'
import type { AddPosition, DissolveUnit, EstablishUnit, OrganisationCommand } from './commands.js'
import type { OrganisationEvent } from './events.js'
import { type PersonnelFacts, unitIn } from '../shared/index.js'
import { type OrganisationRejection, organisationRejections } from './rejections.js'
import type { OrganisationState, Unit } from './state.js'

const { refuse } = organisationRejections

/** What deciding an organisation command leads to. */
export type OrganisationDecision = Either<OrganisationRejection, readonly OrganisationEvent[]>

/** Establishes a unit once; with the registry's facts, its parent must be established and serving. */
export const establishUnit = (
  command: EstablishUnit,
  state: OrganisationState,
  facts: PersonnelFacts | undefined,
): OrganisationDecision => {
  if (!hasRole(command.actor, 'pyb')) return refuse('actor-not-allowed')
  const { unitId, name, effectiveOn } = command.data
  const parentUnitId = command.data.parentUnitId ?? null
  if (state.status !== 'none') {
    const same = state.name === name && state.parentUnitId === parentUnitId && state.establishedOn === effectiveOn
    return same ? nothing : refuse('unit-exists')
  }
  if (parentUnitId === unitId) return refuse('unit-is-own-parent')
  if (facts !== undefined && parentUnitId !== null && unitIn(facts, parentUnitId)?.active !== true)
    return refuse('parent-unit-not-found', parentUnitId)
  return accept<OrganisationEvent>({
    type: 'UnitEstablished',
    data: { at: command.at, unitId, name, parentUnitId, effectiveOn },
  })
}

const onUnit = (
  command: OrganisationCommand,
  state: OrganisationState,
  decide: (unit: Unit) => OrganisationDecision,
): OrganisationDecision => {
  if (!hasRole(command.actor, 'pyb')) return refuse('actor-not-allowed')
  if (state.status === 'none') return refuse('unit-not-found')
  return decide(state)
}

/** Adds a position to a serving unit; the same position again changes nothing. */
export const addPosition = (command: AddPosition, state: OrganisationState): OrganisationDecision =>
  onUnit(command, state, unit => {
    const { positionId, title, positionType } = command.data
    const existing = entryOf(unit.positions, positionId)
    if (existing !== undefined)
      return existing.title === title && sameJson(existing.positionType, positionType)
        ? nothing
        : refuse('position-exists', positionId)
    if (unit.status === 'dissolved') return refuse('unit-dissolved')
    return accept<OrganisationEvent>({ type: 'PositionAdded', data: { at: command.at, ...command.data } })
  })

/** Dissolves a unit from a date on or after it was established; dissolving it again changes nothing. */
export const dissolveUnit = (command: DissolveUnit, state: OrganisationState): OrganisationDecision =>
  onUnit(command, state, unit => {
    if (unit.status === 'dissolved') return nothing
    if (command.data.effectiveOn < unit.establishedOn) return refuse('dissolved-before-established', unit.establishedOn)
    return accept<OrganisationEvent>({ type: 'UnitDissolved', data: { at: command.at, ...command.data } })
  })
