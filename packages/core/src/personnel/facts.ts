import { entryOf } from '../kernel/index.js'
import type { Nip } from '../shared/index.js'
import type { UnitId } from './commands.js'
import type { AsnStanding, UnitStanding } from './standing.js'

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
  readonly units: readonly UnitId[]
}

/** A request for nothing: the command's rules need no personnel facts. */
export const noFactsNeeded: FactsRequest = { nips: [], units: [] }

/** Asks for the standing of some people. */
export const factsAbout = (...nips: readonly Nip[]): FactsRequest => ({ nips, units: [] })

/** The standing of a person at the command's instant; undefined when they were not registered then. */
export const personIn = (facts: PersonnelFacts, nip: string): AsnStanding | undefined => entryOf(facts.people, nip)

/** The standing of a unit at the command's instant; undefined when it was not established then. */
export const unitIn = (facts: PersonnelFacts, unitId: string): UnitStanding | undefined => entryOf(facts.units, unitId)
