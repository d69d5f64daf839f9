import { accept, nothing } from '../kernel/index.js'
import {
  actorName,
  directAtasanOf,
  isMissing,
  type MissingRelation,
  type PersonnelFacts,
  servingAsn,
} from '../shared/index.js'
import { type Actor, hasRole, isAsn, type Nip } from '../shared/index.js'
import type { ApprovePlace, DeclinePlace, RequestPlace, WithdrawPlace } from './commands.js'
import { type EnrollmentDecision, onPlace, placesClosedReason } from './decision.js'
import { enrollmentRejections } from './rejections.js'
import { approvedPlaces, type OpenedOffering, tookPart } from './state.js'

const { refuse } = enrollmentRejections

const isParticipant = (actor: Actor, nip: string): boolean => isAsn(actor, nip) && hasRole(actor, 'asn')
const isAtasanOf = (actor: Actor, atasanNip: string): boolean => isAsn(actor, atasanNip) && hasRole(actor, 'atasan')

/** Refuses a command for the relation the registry does not show. */
const refuseMissing = (missing: MissingRelation, actor: Actor): EnrollmentDecision =>
  missing.code === 'not-direct-atasan'
    ? refuse('not-direct-atasan', actorName(actor), missing.nip, missing.atasanNip ?? 'none')
    : refuse(missing.code, missing.nip)

/**
 * Whether the actor acts as the participant's atasan: with the registry's facts, the direct atasan at the command's
 * instant (whoever the place named when it was requested); without them, the atasan the place names, in the role.
 */
const atasanCheck = (
  actor: Actor,
  nip: Nip,
  placeAtasanNip: Nip,
  facts: PersonnelFacts | undefined,
): EnrollmentDecision | undefined => {
  if (facts === undefined) return isAtasanOf(actor, placeAtasanNip) ? undefined : refuse('not-authorised')
  const missing = directAtasanOf(facts, nip, actor)
  return missing === undefined ? undefined : refuseMissing(missing, actor)
}

/** An ASN requests a place, or their atasan nominates them; one place per ASN per offering, before it starts. */
export const requestPlace = (
  command: RequestPlace,
  offering: OpenedOffering,
  facts?: PersonnelFacts,
): EnrollmentDecision => {
  const { offeringId, nip, atasanNip } = command.data
  if (nip === atasanNip) return refuse('atasan-is-participant')
  if (facts !== undefined) {
    // The atasan who will approve is the one the registry names now, not one the command chooses.
    const participant = servingAsn(facts, nip)
    if (isMissing(participant)) return refuseMissing(participant, command.actor)
    if (participant.atasanNip !== atasanNip)
      return refuse('not-direct-atasan', atasanNip, nip, participant.atasanNip ?? 'none')
    if (!isAsn(command.actor, nip) && !isAsn(command.actor, atasanNip)) return refuse('not-authorised')
  } else if (!isParticipant(command.actor, nip) && !isAtasanOf(command.actor, atasanNip))
    return refuse('not-authorised')
  const place = offering.places[nip]
  if (place !== undefined && (place.status === 'pending' || tookPart(place))) return nothing
  const closed = placesClosedReason(offering, command.at)
  if (closed !== undefined) return refuse(closed)
  if (place !== undefined) return refuse('place-ended')
  const nominated = !isAsn(command.actor, nip)
  return accept({ type: 'PlaceRequested', data: { at: command.at, offeringId, nip, atasanNip, nominated } })
}

/**
 * The participant's own atasan approves a pending place, within capacity, before the offering starts: with the
 * registry's facts, the direct atasan at the instant of approval, who is the one the event records.
 */
export const approvePlace = (
  command: ApprovePlace,
  offering: OpenedOffering,
  facts?: PersonnelFacts,
): EnrollmentDecision =>
  onPlace(offering, command.data.nip, place => {
    const notAtasan = atasanCheck(command.actor, place.nip, place.atasanNip, facts)
    if (notAtasan !== undefined) return notAtasan
    if (tookPart(place)) return nothing
    const closed = placesClosedReason(offering, command.at)
    if (closed !== undefined) return refuse(closed)
    if (place.status !== 'pending') return refuse('place-ended')
    if (approvedPlaces(offering) >= offering.terms.capacity) return refuse('capacity-reached')
    const { offeringId, nip } = command.data
    const atasanNip = facts !== undefined && command.actor.kind === 'asn' ? command.actor.nip : place.atasanNip
    return accept({ type: 'PlaceApproved', data: { at: command.at, offeringId, nip, atasanNip } })
  })

/** The participant's own atasan declines a pending place, with a reason, before the offering starts. */
export const declinePlace = (
  command: DeclinePlace,
  offering: OpenedOffering,
  facts?: PersonnelFacts,
): EnrollmentDecision =>
  onPlace(offering, command.data.nip, place => {
    const notAtasan = atasanCheck(command.actor, place.nip, place.atasanNip, facts)
    if (notAtasan !== undefined) return notAtasan
    if (place.status === 'declined') return nothing
    const closed = placesClosedReason(offering, command.at)
    if (closed !== undefined) return refuse(closed)
    if (place.status !== 'pending') return refuse('place-not-pending')
    const { offeringId, nip, reason } = command.data
    return accept({ type: 'PlaceDeclined', data: { at: command.at, offeringId, nip, reason } })
  })

/** The participant or their atasan withdraws a pending or approved place before the offering starts. */
export const withdrawPlace = (
  command: WithdrawPlace,
  offering: OpenedOffering,
  facts?: PersonnelFacts,
): EnrollmentDecision =>
  onPlace(offering, command.data.nip, place => {
    const { offeringId, nip, reason } = command.data
    if (!isParticipant(command.actor, nip)) {
      const notAtasan = atasanCheck(command.actor, nip, place.atasanNip, facts)
      if (notAtasan !== undefined) return notAtasan
    }
    if (place.status === 'withdrawn') return nothing
    const closed = placesClosedReason(offering, command.at)
    if (closed !== undefined) return refuse(closed)
    if (place.status !== 'pending' && place.status !== 'approved') return refuse('place-ended')
    return accept({
      type: 'PlaceWithdrawn',
      data: { at: command.at, offeringId, nip, ...(reason === undefined ? {} : { reason }) },
    })
  })
