import { aggregate } from '../kernel/index.js'
import { Nip } from '../shared/index.js'
import { OrganisationCommand, PersonnelCommand, UnitId } from './commands.js'
import { organisationDecider, personnelDecider } from './decider.js'
import { organisationEvents, personnelEvents } from './events.js'
import { factsAbout, type FactsRequest, noFactsNeeded } from '../shared/index.js'

/** What a personnel command's rules need to know: the unit and atasan it names. */
export const personnelFactsNeeded = (command: PersonnelCommand): FactsRequest => {
  switch (command.type) {
    case 'AppointAsn':
    case 'MoveAsn':
      return {
        nips: command.data.atasanNip === undefined ? [] : [command.data.atasanNip],
        units: [command.data.unitId],
      }
    case 'AssignAtasan':
      return factsAbout(command.data.atasanNip)
    default:
      return noFactsNeeded
  }
}

/** What an organisation command's rules need to know: the parent unit it names. */
export const organisationFactsNeeded = (command: OrganisationCommand): FactsRequest =>
  command.type === 'EstablishUnit' && command.data.parentUnitId !== undefined
    ? { nips: [], units: [command.data.parentUnitId] }
    : noFactsNeeded

/** Each ASN's record, one stream per NIP or NI PPPK (`asn-<nip>`): one stream per number keeps it registered once. */
export const personnel = {
  ...aggregate({
    category: 'asn',
    commands: PersonnelCommand,
    events: personnelEvents,
    decider: personnelDecider,
    id: Nip,
    idOf: (command: PersonnelCommand) => command.data.nip,
  }),
  factsNeeded: personnelFactsNeeded,
}

/** The agency's units and their positions, one stream per unit (`unit-<unitId>`). */
export const organisation = {
  ...aggregate({
    category: 'unit',
    commands: OrganisationCommand,
    events: organisationEvents,
    decider: organisationDecider,
    id: UnitId,
    idOf: (command: OrganisationCommand) => command.data.unitId,
  }),
  factsNeeded: organisationFactsNeeded,
}
