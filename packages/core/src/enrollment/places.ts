import { accept, nothing } from '../kernel/index.js'
import { type Actor, hasRole, isAsn } from '../shared/index.js'
import type { ApprovePlace, DeclinePlace, RequestPlace, WithdrawPlace } from './commands.js'
import { type EnrollmentDecision, placesClosedReason, refuseWith } from './rules.js'
import { approvedPlaces, type OpenedOffering, type Place, tookPart } from './state.js'

const isParticipant = (actor: Actor, nip: string): boolean => isAsn(actor, nip) && hasRole(actor, 'asn')
const isAtasanOf = (actor: Actor, atasanNip: string): boolean => isAsn(actor, atasanNip) && hasRole(actor, 'atasan')

const withPlace = (
  offering: OpenedOffering,
  nip: string,
  decide: (place: Place) => EnrollmentDecision,
): EnrollmentDecision => {
  const place = offering.places[nip]
  return place === undefined ? refuseWith('place-not-found') : decide(place)
}

/** An ASN requests a place, or their atasan nominates them; one place per ASN per offering, before it starts. */
export const requestPlace = (command: RequestPlace, offering: OpenedOffering): EnrollmentDecision => {
  const { offeringId, nip, atasanNip } = command.data
  if (nip === atasanNip) return refuseWith('atasan-is-participant')
  if (!isParticipant(command.actor, nip) && !isAtasanOf(command.actor, atasanNip)) return refuseWith('not-authorised')
  const place = offering.places[nip]
  if (place !== undefined && (place.status === 'pending' || tookPart(place))) return nothing
  const closed = placesClosedReason(offering, command.at)
  if (closed !== undefined) return refuseWith(closed)
  if (place !== undefined) return refuseWith('place-ended')
  const nominated = !isAsn(command.actor, nip)
  return accept({ type: 'PlaceRequested', data: { at: command.at, offeringId, nip, atasanNip, nominated } })
}

/** The participant's own atasan approves a pending place, within capacity, before the offering starts. */
export const approvePlace = (command: ApprovePlace, offering: OpenedOffering): EnrollmentDecision =>
  withPlace(offering, command.data.nip, place => {
    if (!isAtasanOf(command.actor, place.atasanNip)) return refuseWith('not-authorised')
    if (tookPart(place)) return nothing
    const closed = placesClosedReason(offering, command.at)
    if (closed !== undefined) return refuseWith(closed)
    if (place.status !== 'pending') return refuseWith('place-ended')
    if (approvedPlaces(offering) >= offering.terms.capacity) return refuseWith('capacity-reached')
    const { offeringId, nip } = command.data
    return accept({ type: 'PlaceApproved', data: { at: command.at, offeringId, nip, atasanNip: place.atasanNip } })
  })

/** The participant's own atasan declines a pending place, with a reason, before the offering starts. */
export const declinePlace = (command: DeclinePlace, offering: OpenedOffering): EnrollmentDecision =>
  withPlace(offering, command.data.nip, place => {
    if (!isAtasanOf(command.actor, place.atasanNip)) return refuseWith('not-authorised')
    if (place.status === 'declined') return nothing
    const closed = placesClosedReason(offering, command.at)
    if (closed !== undefined) return refuseWith(closed)
    if (place.status !== 'pending') return refuseWith('place-not-pending')
    const { offeringId, nip, reason } = command.data
    return accept({ type: 'PlaceDeclined', data: { at: command.at, offeringId, nip, reason } })
  })

/** The participant or their atasan withdraws a pending or approved place before the offering starts. */
export const withdrawPlace = (command: WithdrawPlace, offering: OpenedOffering): EnrollmentDecision =>
  withPlace(offering, command.data.nip, place => {
    const { offeringId, nip, reason } = command.data
    if (!isParticipant(command.actor, nip) && !isAtasanOf(command.actor, place.atasanNip))
      return refuseWith('not-authorised')
    if (place.status === 'withdrawn') return nothing
    const closed = placesClosedReason(offering, command.at)
    if (closed !== undefined) return refuseWith(closed)
    if (place.status !== 'pending' && place.status !== 'approved') return refuseWith('place-ended')
    return accept({
      type: 'PlaceWithdrawn',
      data: { at: command.at, offeringId, nip, ...(reason === undefined ? {} : { reason }) },
    })
  })
