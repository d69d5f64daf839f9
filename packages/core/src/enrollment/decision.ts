import type { Either } from 'fp-ts/lib/Either.js'
import { type Actor, hasAnyRole, type Instant, jakartaDate, type Nip } from '../shared/index.js'
import type { EnrollmentEvent } from './events.js'
import { type EnrollmentRejection, type EnrollmentRejectionCode, enrollmentRejections } from './rejections.js'
import type { EnrollmentState, OpenedOffering, Place } from './state.js'

const { refuse } = enrollmentRejections

/** What deciding an enrollment command leads to: events (none when already applied) or a rejection. */
export type EnrollmentDecision = Either<EnrollmentRejection, readonly EnrollmentEvent[]>

/** Runs a decision on the offering this stream holds, refusing when none was opened or the command names another. */
export const onOffering = (
  state: EnrollmentState,
  offeringId: string,
  decide: (offering: OpenedOffering) => EnrollmentDecision,
): EnrollmentDecision => {
  if (state.status === 'unopened') return refuse('offering-not-open')
  if (offeringId !== state.terms.offeringId) return refuse('wrong-offering')
  return decide(state)
}

/** Runs a decision on the place of `nip` in the offering, refusing when the ASN has none. */
export const onPlace = (
  offering: OpenedOffering,
  nip: Nip,
  decide: (place: Place) => EnrollmentDecision,
): EnrollmentDecision => {
  const place = offering.places[nip]
  return place === undefined ? refuse('place-not-found') : decide(place)
}

/** Whether the actor organises offerings: a `pyb` or a training admin. */
export const isOrganiser = (actor: Actor): boolean => hasAnyRole(actor, ['pyb', 'admin-pelatihan'])

/** Whether the actor organises offerings or is the system (a policy or a timer). */
export const isOrganiserOrSystem = (actor: Actor): boolean => actor.kind === 'system' || isOrganiser(actor)

/** Why an offering no longer takes place changes (requests, approvals, withdrawals) at an instant; none when it does. */
export const placesClosedReason = (offering: OpenedOffering, at: Instant): EnrollmentRejectionCode | undefined => {
  if (offering.status === 'cancelled') return 'offering-cancelled'
  if (offering.status === 'closed') return 'offering-closed'
  if (offering.status === 'started' || jakartaDate(at) >= offering.terms.schedule.start) return 'offering-started'
  return undefined
}

/** Why an offering takes no records (attendance, scores, outcomes) yet or no longer; none while it runs. */
export const notRunningReason = (offering: OpenedOffering): EnrollmentRejectionCode | undefined => {
  switch (offering.status) {
    case 'cancelled':
      return 'offering-cancelled'
    case 'closed':
      return 'offering-closed'
    case 'open':
      return 'offering-not-started'
    case 'started':
      return undefined
  }
}
