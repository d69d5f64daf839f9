import type { OrganisationEvent, PersonnelEvent } from './events.js'
import type { OrganisationState, PersonnelState } from './state.js'

/** Proves every event type is handled, and leaves the state as it is should an unknown one arrive at run time. */
const unknownEvent = <State>(_event: never, state: State): State => state

/** Applies one personnel event; total: an event that does not fit the state leaves it unchanged. */
export const evolvePersonnel = (state: PersonnelState, event: PersonnelEvent): PersonnelState => {
  switch (event.type) {
    case 'AsnAppointed': {
      if (state.status !== 'none') return state
      const { nip, employeeType, effectiveOn } = event.data
      return {
        status: 'active',
        nip,
        employeeType,
        appointedOn: effectiveOn,
        timeline: [event],
        nik: event.data.nik ?? null,
        phone: event.data.phone ?? null,
      }
    }
    case 'AsnMoved':
    case 'AsnPromoted':
    case 'AtasanAssigned':
    case 'ContractRenewed':
      return state.status === 'none' ? state : { ...state, timeline: [...state.timeline, event] }
    case 'AsnLeft':
      return state.status === 'none' ? state : { ...state, status: 'left', timeline: [...state.timeline, event] }
    case 'PersonalDetailsUpdated':
      return state.status === 'none'
        ? state
        : {
            ...state,
            timeline: [...state.timeline, event],
            nik: event.data.nik ?? state.nik,
            phone: event.data.phone ?? state.phone,
          }
    default:
      return unknownEvent(event, state)
  }
}

/** Applies one organisation event; total: an event that does not fit the state leaves it unchanged. */
export const evolveOrganisation = (state: OrganisationState, event: OrganisationEvent): OrganisationState => {
  switch (event.type) {
    case 'UnitEstablished': {
      if (state.status !== 'none') return state
      const { unitId, name, parentUnitId, effectiveOn, at } = event.data
      return {
        status: 'active',
        unitId,
        name,
        parentUnitId,
        establishedOn: effectiveOn,
        establishedAt: at,
        dissolvedOn: null,
        dissolvedAt: null,
        positions: {},
      }
    }
    case 'PositionAdded': {
      if (state.status === 'none' || Object.hasOwn(state.positions, event.data.positionId)) return state
      const { positionId, title, positionType, at } = event.data
      return { ...state, positions: { ...state.positions, [positionId]: { title, positionType, addedAt: at } } }
    }
    case 'UnitDissolved':
      if (state.status !== 'active') return state
      return { ...state, status: 'dissolved', dissolvedOn: event.data.effectiveOn, dissolvedAt: event.data.at }
    default:
      return unknownEvent(event, state)
  }
}
