import { absurd, type Decider } from '../kernel/index.js'
import { checkedPolicy, type PolicyConfig } from '../shared/index.js'
import type { OrganisationCommand, PersonnelCommand } from './commands.js'
import {
  appointAsn,
  assignAtasan,
  moveAsn,
  promoteAsn,
  recordDeparture,
  renewContract,
  updatePersonalDetails,
} from './decide-asn.js'
import { addPosition, dissolveUnit, establishUnit } from './decide-unit.js'
import type { OrganisationEvent, PersonnelEvent } from './events.js'
import { evolveOrganisation, evolvePersonnel } from './evolve.js'
import type { PersonnelFacts } from '../shared/index.js'
import type { OrganisationRejection, PersonnelRejection } from './rejections.js'
import {
  initialOrganisationState,
  initialPersonnelState,
  type OrganisationState,
  type PersonnelState,
} from './state.js'

/**
 * The personnel decider: each ASN's record (appointment, moves, promotions, direct atasan, contracts, departure, and
 * their NIK and phone, sealed).
 * Given the registry's facts, the unit, position and atasan a change names must exist at the command's instant.
 */
export const personnelDecider = (
  config: PolicyConfig,
): Decider<PersonnelCommand, PersonnelEvent, PersonnelState, PersonnelRejection, PersonnelFacts> => {
  checkedPolicy(config)
  return {
    initialState: initialPersonnelState,
    decide: (command, state, facts) => {
      switch (command.type) {
        case 'AppointAsn':
          return appointAsn(command, state, config, facts)
        case 'MoveAsn':
          return moveAsn(command, state, facts)
        case 'PromoteAsn':
          return promoteAsn(command, state)
        case 'AssignAtasan':
          return assignAtasan(command, state, facts)
        case 'RenewContract':
          return renewContract(command, state)
        case 'RecordDeparture':
          return recordDeparture(command, state)
        case 'UpdatePersonalDetails':
          return updatePersonalDetails(command, state)
        default:
          return absurd(command)
      }
    },
    evolve: evolvePersonnel,
  }
}

/** The organisation decider: units, their positions, dissolution. */
export const organisationDecider = (
  config: PolicyConfig,
): Decider<OrganisationCommand, OrganisationEvent, OrganisationState, OrganisationRejection, PersonnelFacts> => {
  checkedPolicy(config)
  return {
    initialState: initialOrganisationState,
    decide: (command, state, facts) => {
      switch (command.type) {
        case 'EstablishUnit':
          return establishUnit(command, state, facts)
        case 'AddPosition':
          return addPosition(command, state)
        case 'DissolveUnit':
          return dissolveUnit(command, state)
        default:
          return absurd(command)
      }
    },
    evolve: evolveOrganisation,
  }
}
