import { entryOf } from '../kernel/own-entry.js'
import type { Actor } from './actor.js'
import type { ContractPeriod } from './contract-period.js'
import type { Nip } from './nip.js'
import type { PositionType } from './position.js'
import type { Rank } from './rank.js'
import type { EmployeeType } from './position.js'
import type { Instant, LocalDate } from './time.js'

// The personnel registry's facts as every aggregate reads them: a value the command handler hands a decider, so the
// rules that depend on who someone is stay pure. The registry itself (its events, and how a record is read as of a
// day) is the personnel aggregate's.

/** A position of a unit. */
export interface UnitPosition {
  readonly title: string
  readonly positionType: PositionType
  /** When the position was added. */
  readonly addedAt: Instant
}

/** Where an ASN stands on a day: what every rule that depends on who they are reads. */
export interface AsnStanding {
  readonly nip: Nip
  readonly employeeType: EmployeeType
  /** The TMT of the appointment. */
  readonly appointedOn: LocalDate
  /** The rank (golongan) of a PNS; null for a PPPK or a PNS registered without one. */
  readonly rank: Rank | null
  readonly unitId: string
  readonly positionId: string
  /** The direct atasan (atasan langsung); null for the head of the agency. */
  readonly atasanNip: Nip | null
  /** The contract covering the day, for a PPPK whose contract is known; null otherwise. */
  readonly contract: ContractPeriod | null
  /** Every contract period known on the day, by start. */
  readonly contracts: readonly ContractPeriod[]
  /** False from the day a departure takes effect. */
  readonly active: boolean
}

/** Where a unit stands on a day: its name, parent, positions, and whether it exists then. */
export interface UnitStanding {
  readonly unitId: string
  readonly name: string
  readonly parentUnitId: string | null
  /** False before it is established and from the day it is dissolved. */
  readonly active: boolean
  readonly positions: Readonly<Record<string, UnitPosition>>
}

/**
 * What the personnel registry says about the people and units a command names, as they stood at the command's
 * instant. A command handler given a directory reads it from the `asn-` and `unit-` streams before the decider runs,
 * so a rule that depends on who someone is (the direct atasan, a mentor's rank) is checked against history, never
 * against what the command claims. A name missing from `people` or `units` was not registered then.
 */
export interface PersonnelFacts {
  readonly people: Readonly<Record<string, AsnStanding>>
  readonly units: Readonly<Record<string, UnitStanding>>
}

/** Which people and units a command's rules need to know about. */
export interface FactsRequest {
  readonly nips: readonly Nip[]
  readonly units: readonly string[]
}

/** A request for nothing: the command's rules need no personnel facts. */
export const noFactsNeeded: FactsRequest = { nips: [], units: [] }

/** Asks for the standing of some people. */
export const factsAbout = (...nips: readonly Nip[]): FactsRequest => ({ nips, units: [] })

/** The standing of a person at the command's instant; undefined when they were not registered then. */
export const personIn = (facts: PersonnelFacts, nip: string): AsnStanding | undefined => entryOf(facts.people, nip)

/** The standing of a unit at the command's instant; undefined when it was not established then. */
export const unitIn = (facts: PersonnelFacts, unitId: string): UnitStanding | undefined => entryOf(facts.units, unitId)

/**
 * A relation a rule needs that the registry does not show at the command's instant: the ASN is not registered, no
 * longer serves, or the actor is not their direct atasan. Each aggregate refuses it under the same code, with the
 * Indonesian term (`relationTerms`).
 */
export type MissingRelation =
  | { readonly code: 'asn-not-registered'; readonly nip: Nip }
  | { readonly code: 'asn-not-serving'; readonly nip: Nip }
  | { readonly code: 'not-direct-atasan'; readonly nip: Nip; readonly atasanNip: Nip | null }

/** The Indonesian terms of the missing relations, as every aggregate's rejection catalog writes them. */
export const relationTerms = {
  'asn-not-registered': 'ASN belum terdaftar',
  'asn-not-serving': 'ASN tidak aktif',
  'not-direct-atasan': 'bukan atasan langsung',
} as const

/** The English messages of the missing relations, as every aggregate's rejection catalog writes them. */
export const relationMessages = {
  'asn-not-registered': (nip: string) => `${nip} is not registered in the personnel registry at this instant`,
  'asn-not-serving': (nip: string) => `${nip} no longer serves in the agency at this instant`,
  'not-direct-atasan': (actor: string, nip: string, atasanNip: string) =>
    `${actor} is not the direct atasan of ${nip} at this instant; the personnel record names ${atasanNip}`,
} as const

/** The standing of a serving ASN, or the relation that is missing. */
export const servingAsn = (facts: PersonnelFacts, nip: Nip): AsnStanding | MissingRelation => {
  const standing = personIn(facts, nip)
  if (standing === undefined) return { code: 'asn-not-registered', nip }
  if (!standing.active) return { code: 'asn-not-serving', nip }
  return standing
}

/** Whether a value is a missing relation rather than a standing. */
export const isMissing = (value: AsnStanding | MissingRelation): value is MissingRelation => 'code' in value

/** Whether the actor is the serving ASN's direct atasan at the command's instant, or which relation is missing. */
export const directAtasanOf = (facts: PersonnelFacts, nip: Nip, actor: Actor): MissingRelation | undefined => {
  const standing = servingAsn(facts, nip)
  if (isMissing(standing)) return standing
  if (actor.kind !== 'asn' || standing.atasanNip !== actor.nip)
    return { code: 'not-direct-atasan', nip, atasanNip: standing.atasanNip }
  return undefined
}

/** The text an actor is named by in a rejection. */
export const actorName = (actor: Actor): string =>
  actor.kind === 'asn' ? actor.nip : actor.kind === 'system' ? `the system (${actor.process})` : 'a citizen'
