import type { Either } from 'fp-ts/lib/Either.js'
import { type Actor, hasRole, isAsn, type Nip } from '../shared/index.js'
import type { MentorshipEvent } from './events.js'
import { type MentorshipRejection, mentorshipRejections } from './rejections.js'
import { isFinal, type Mentorship, type MentorshipState } from './state.js'

const { refuse } = mentorshipRejections

/** What deciding a mentorship command leads to: events (none when already applied) or a rejection. */
export type MentorshipDecision = Either<MentorshipRejection, readonly MentorshipEvent[]>

/** Runs a decision on the mentorship this stream holds, refusing when there is none or it has another id. */
export const onMentorship = (
  state: MentorshipState,
  mentorshipId: string,
  decide: (mentorship: Mentorship) => MentorshipDecision,
): MentorshipDecision => {
  if (state.status === 'none') return refuse('mentorship-not-found')
  if (state.proposal.mentorshipId !== mentorshipId)
    return refuse('mentorship-id-mismatch', state.proposal.mentorshipId, mentorshipId)
  return decide(state)
}

/**
 * Refuses a command that needs the mentorship `wanted` (proposed or active): it is closed, its acceptance is waiting
 * for a place of the mentor's, or it is not in that status.
 */
export const refuseNotIn = (m: Mentorship, wanted: 'proposed' | 'active'): MentorshipDecision => {
  if (isFinal(m.status)) return refuse('mentorship-closed', m.status)
  if (m.status === 'accepting') return refuse('acceptance-pending')
  return wanted === 'active' ? refuse('mentorship-not-accepted') : refuse('mentorship-already-accepted')
}

/** Whether the actor is the mentorship's mentor. */
export const isMentor = (actor: Actor, m: Mentorship): boolean => isAsn(actor, m.proposal.mentor.nip)

/** Whether the actor is the mentorship's mentee. */
export const isMentee = (actor: Actor, m: Mentorship): boolean => isAsn(actor, m.proposal.mentee.nip)

/** Whether the actor acts as an atasan. */
export const isAtasan = (actor: Actor): boolean => hasRole(actor, 'atasan')

/** The NIPs of the mentor and the mentee, as the mentorship's events record them. */
export const partiesOf = (m: Mentorship): { readonly mentorNip: Nip; readonly menteeNip: Nip } => ({
  mentorNip: m.proposal.mentor.nip,
  menteeNip: m.proposal.mentee.nip,
})
