import type { PersonnelEventOf } from '../personnel/index.js'
import { systemActor } from '../shared/index.js'
import { type PolicyCommand, toProfile } from './policy-command.js'

/**
 * A PPPK's contract known to the personnel record (at appointment or renewal) is recorded on their competency
 * profile, so the annual minimum is counted per contract year (PP 49/2018 Pasal 40(1)). Nothing for a PNS, or an
 * appointment without a known contract.
 */
export const recordContractOnProfile = (
  event: PersonnelEventOf<'AsnAppointed' | 'ContractRenewed'>,
): readonly PolicyCommand[] => {
  const { contract } = event.data
  if (contract === null) return []
  return [
    toProfile(event.data.nip, {
      type: 'RecordContract',
      at: event.data.at,
      actor: systemActor('policy:record-contract'),
      data: { nip: event.data.nip, contract },
    }),
  ]
}
