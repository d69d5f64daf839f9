import { entryOf } from '../kernel/index.js'
import {
  type AsnStanding,
  epochMs,
  type Instant,
  jakartaDate,
  type LocalDate,
  type Nip,
  type UnitStanding,
} from '../shared/index.js'
import type { PersonnelEvent } from './events.js'
import type { AsnRecord, OrganisationState, PersonnelState } from './state.js'

/** A fact of where an ASN stands, effective from a date: every personnel event but a change of personal details. */
type StandingFact = Exclude<PersonnelEvent, { readonly type: 'PersonalDetailsUpdated' }>

const isStandingFact = (event: PersonnelEvent): event is StandingFact => event.type !== 'PersonalDetailsUpdated'

/** When a fact was known: an event is part of what is known at an instant when written at or before it. */
const knownBy = (event: PersonnelEvent, knownAt: Instant | undefined): boolean =>
  knownAt === undefined || epochMs(event.data.at) <= epochMs(knownAt)

const applyFact = (standing: AsnStanding | null, event: StandingFact): AsnStanding | null => {
  if (event.type === 'AsnAppointed') {
    const { nip, employeeType, rank, unitId, positionId, atasanNip, contract, effectiveOn } = event.data
    return {
      nip,
      employeeType,
      appointedOn: effectiveOn,
      rank,
      unitId,
      positionId,
      atasanNip,
      contract: null,
      contracts: contract === null ? [] : [contract],
      active: true,
    }
  }
  if (standing === null) return null
  switch (event.type) {
    case 'AsnMoved': {
      const { unitId, positionId, atasanNip } = event.data
      return { ...standing, unitId, positionId, atasanNip }
    }
    case 'AsnPromoted':
      return { ...standing, rank: event.data.rank }
    case 'AtasanAssigned':
      return { ...standing, atasanNip: event.data.atasanNip }
    case 'ContractRenewed':
      return { ...standing, contracts: [...standing.contracts, event.data.contract] }
    case 'AsnLeft':
      return { ...standing, active: false }
    default:
      return standing
  }
}

/**
 * The record as it stood on a day: every fact effective by then (in the order of their dates, then as written), and,
 * given `knownAt`, only the facts written by that instant, so a later correction does not change what a rule saw
 * then. Null when the ASN was not appointed yet on the day (or not known to be).
 */
export const standingOn = (state: PersonnelState, on: LocalDate, knownAt?: Instant): AsnStanding | null => {
  if (state.status === 'none') return null
  const facts = state.timeline
    .flatMap((event, index) => (isStandingFact(event) ? [{ event, index }] : []))
    .filter(({ event }) => event.data.effectiveOn <= on && knownBy(event, knownAt))
    .sort((a, b) =>
      a.event.data.effectiveOn < b.event.data.effectiveOn
        ? -1
        : a.event.data.effectiveOn > b.event.data.effectiveOn
          ? 1
          : a.index - b.index,
    )
  let standing: AsnStanding | null = null
  for (const { event } of facts) standing = applyFact(standing, event)
  if (standing === null) return null
  const contracts = [...standing.contracts].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0))
  const contract = contracts.find(period => period.start <= on && on <= period.end) ?? null
  return { ...standing, contracts, contract }
}

/** The record as it stood at an instant, as known then: what a command issued at that instant is checked against. */
export const standingAt = (state: PersonnelState, at: Instant): AsnStanding | null =>
  standingOn(state, jakartaDate(at), at)

/** The record as it stands after every fact written, effective or not yet (a future-dated move included). */
export const latestStanding = (record: AsnRecord): AsnStanding => {
  const last = record.timeline
    .filter(isStandingFact)
    .reduce<LocalDate>(
      (latest, event) => (event.data.effectiveOn > latest ? event.data.effectiveOn : latest),
      record.appointedOn,
    )
  const standing = standingOn(record, last)
  // A record holds its appointment, effective on `appointedOn`, so it stands on its latest date.
  if (standing === null) throw new Error(`the record of ${record.nip} has no appointment`)
  return standing
}

/** Who was an ASN's direct atasan on a day, as the record now knows it; null when none or not appointed then. */
export const atasanOn = (state: PersonnelState, on: LocalDate): Nip | null => standingOn(state, on)?.atasanNip ?? null

/** The unit as it stood at an instant, as known then; null when it was not established (or known) yet. */
export const unitStandingAt = (state: OrganisationState, at: Instant): UnitStanding | null => {
  if (state.status === 'none') return null
  const on = jakartaDate(at)
  const atMs = epochMs(at)
  if (epochMs(state.establishedAt) > atMs || state.establishedOn > on) return null
  const dissolved =
    state.dissolvedOn !== null &&
    state.dissolvedAt !== null &&
    state.dissolvedOn <= on &&
    epochMs(state.dissolvedAt) <= atMs
  const positions = Object.fromEntries(
    Object.entries(state.positions).filter(([, position]) => epochMs(position.addedAt) <= atMs),
  )
  return { unitId: state.unitId, name: state.name, parentUnitId: state.parentUnitId, active: !dissolved, positions }
}

/** Whether a unit standing holds a position. */
export const hasPosition = (unit: UnitStanding, positionId: string): boolean =>
  entryOf(unit.positions, positionId) !== undefined
