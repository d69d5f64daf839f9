import * as E from 'fp-ts/lib/Either.js'
import { type Actor, type AsnActor, hasAnyRole, type Role } from '../shared/index.js'
import { competencyRejections as reject, type CompetencyRejection } from './rejections.js'
import type { CompetencyProfile, CompetencyState } from './state.js'

/** The registered profile a command for `nip` acts on, or why there is none. */
export const profileFor = (state: CompetencyState, nip: string): E.Either<CompetencyRejection, CompetencyProfile> => {
  if (state.status !== 'registered') return E.left(reject.profileNotRegistered)
  if (state.nip !== nip) return E.left(reject.nipMismatch(state.nip, nip))
  return E.right(state)
}

/** Refuses unless the actor passes `allowed`; `who` names the allowed actors in the rejection. */
export const requireActor = (
  actor: Actor,
  allowed: (actor: Actor) => boolean,
  who: string,
): E.Either<CompetencyRejection, Actor> => (allowed(actor) ? E.right(actor) : E.left(reject.actorNotAllowed(who)))

/** Refuses unless the actor is an ASN holding one of the roles; `who` names them in the rejection. */
export const requireRole = (
  actor: Actor,
  roles: readonly Role[],
  who: string,
): E.Either<CompetencyRejection, AsnActor> =>
  hasAnyRole(actor, roles) ? E.right(actor) : E.left(reject.actorNotAllowed(who))

/** Whether a number is a competency level: a whole number from 1 to 5. */
export const isLevel = (level: number): boolean => Number.isInteger(level) && level >= 1 && level <= 5
