import type * as E from 'fp-ts/lib/Either.js'
import { type Actor, type AsnActor, hasRole } from '../shared/index.js'
import type { CompetencyEvent } from './events.js'
import { type CompetencyRejection, competencyRejections } from './rejections.js'
import type { CompetencyProfile, CompetencyState } from './state.js'

const { refuse } = competencyRejections

/** What a competency command decides: events (none when already done) or a rejection. */
export type CompetencyDecision = E.Either<CompetencyRejection, readonly CompetencyEvent[]>

/** Runs a decision on the registered profile of `nip`, refusing when none is registered or the stream holds another. */
export const onProfile = (
  state: CompetencyState,
  nip: string,
  decide: (profile: CompetencyProfile) => CompetencyDecision,
): CompetencyDecision => {
  if (state.status !== 'registered') return refuse('profile-not-registered')
  if (state.nip !== nip) return refuse('nip-mismatch', state.nip, nip)
  return decide(state)
}

/** Whether the actor is a pyb (authorised official), who keeps the profile, its standard and its plans. */
export const isPyb = (actor: Actor): actor is AsnActor => hasRole(actor, 'pyb')

/** How a refusal names the pyb: "Only a pyb (authorised official) may do this". */
export const aPyb = 'a pyb (authorised official)'
