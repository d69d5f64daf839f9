import { accept, nothing, sameJson } from '../kernel/index.js'
import { hasRole, overlappingContract } from '../shared/index.js'
import type { CompetencyCommandOf } from './commands.js'
import { type CompetencyDecision, onProfile } from './decision.js'
import { competencyRejections } from './rejections.js'
import type { CompetencyState } from './state.js'

const { refuse } = competencyRejections

/**
 * Records a PPPK's contract period once; a period overlapping a recorded one is refused. It may come before the
 * profile is registered (the personnel record is usually written first): the registration keeps it, and a PNS
 * profile ignores it.
 */
export const recordContract = (
  command: CompetencyCommandOf<'RecordContract'>,
  state: CompetencyState,
): CompetencyDecision => {
  const { actor } = command
  if (actor.kind !== 'system' && !hasRole(actor, 'pyb')) return refuse('actor-not-allowed', 'the system or a pyb')
  if (state.status === 'unregistered') {
    const { nip, contract } = command.data
    if (state.contracts.some(known => sameJson(known, contract))) return nothing
    const overlapping = overlappingContract(state.contracts, contract)
    if (overlapping !== undefined) return refuse('contract-overlaps', overlapping.start, overlapping.end)
    return accept({ type: 'ContractRecorded', data: { at: command.at, nip, contract } })
  }
  return onProfile(state, command.data.nip, profile => {
    const { contract } = command.data
    if (profile.contracts.some(known => sameJson(known, contract))) return nothing
    if (profile.employment.employeeType !== 'PPPK') return refuse('contract-for-pns')
    const overlapping = overlappingContract(profile.contracts, contract)
    if (overlapping !== undefined) return refuse('contract-overlaps', overlapping.start, overlapping.end)
    return accept({ type: 'ContractRecorded', data: { at: command.at, nip: profile.nip, contract } })
  })
}
