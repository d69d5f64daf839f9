import * as t from 'io-ts'
import { oneOf, personal, refine, taggedUnion, textLine } from '../kernel/decode.js'
import { Nip } from './nip.js'
import { TrackingTokenDigest } from './tracking-token.js'

/** The roles an ASN may act in (DOMAIN.md, Actor). */
export const roles = ['asn', 'atasan', 'pyb', 'admin-pelatihan', 'admin-pengaduan', 'mentor', 'assessor'] as const

/** Codec for a role. */
export const Role = oneOf(roles, 'Role')
/** A role: `asn`, `atasan` (direct superior), `pyb` (authorised official), `admin-pelatihan`, `admin-pengaduan`, `mentor`, `assessor`. */
export type Role = t.TypeOf<typeof Role>

/** Codec for an ASN's roles: each of the known roles at most once (so at most seven). */
export const Roles = refine(
  t.readonlyArray(Role),
  (list): list is readonly Role[] => list.length <= roles.length && new Set(list).size === list.length,
  'Roles',
  `must list each role at most once (at most ${roles.length} roles)`,
)

/** Codec for who issued a command: an ASN with roles, a citizen (possibly anonymous), or the system. */
export const Actor = taggedUnion(
  'kind',
  {
    asn: t.strict({ kind: t.literal('asn'), nip: Nip, roles: Roles }, 'AsnActor'),
    citizen: t.exact(
      t.intersection([
        t.type({ kind: t.literal('citizen') }),
        t.partial({ subjectId: personal(textLine(128)), trackingTokenDigest: TrackingTokenDigest }),
      ]),
      'CitizenActor',
    ),
    system: t.strict({ kind: t.literal('system'), process: textLine(64) }, 'SystemActor'),
  },
  'Actor',
)
/**
 * Who issued a command. A citizen's `subjectId` is a pseudonym; an anonymous citizen has none, and proves that they
 * filed a complaint with its tracking token, which the service checks and states here as its digest
 * (`trackingTokenDigest`), as it states an ASN's roles from a verified login.
 */
export type Actor = t.TypeOf<typeof Actor>
/** An ASN acting with roles. */
export type AsnActor = Extract<Actor, { readonly kind: 'asn' }>

/** Whether the actor is an ASN holding the role. */
export const hasRole = (actor: Actor, role: Role): actor is AsnActor =>
  actor.kind === 'asn' && actor.roles.includes(role)

/** Whether the actor is an ASN holding any of the roles. */
export const hasAnyRole = (actor: Actor, wanted: readonly Role[]): actor is AsnActor =>
  wanted.some(role => hasRole(actor, role))

/** Whether the actor is the ASN with this NIP (in any role). */
export const isAsn = (actor: Actor, nip: string): actor is AsnActor => actor.kind === 'asn' && actor.nip === nip

/** The system actor for a named process (a policy, a timer). */
export const systemActor = (process: string): Actor => ({ kind: 'system', process })
