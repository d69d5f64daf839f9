import type { Actor, Nip } from '../shared/index.js'
import { type PersonnelFacts, personIn } from './facts.js'
import type { AsnStanding } from './standing.js'

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
