import { accept, nothing } from '../kernel/index.js'
import { type Actor, hasRole, isAsn } from '../shared/index.js'
import type { ApprovePlace, DeclinePlace, RequestPlace, WithdrawPlace } from './commands.js'
import { type EnrollmentDecision, onPlace, placesClosedReason } from './decision.js'
import { enrollmentRejections } from './rejections.js'
import { approvedPlaces, type OpenedOffering, tookPart } from './state.js'

const { refuse } = enrollmentRejections

const isParticipant = (actor: Actor, nip: string): boolean => isAsn(actor, nip) && hasRole(actor, 'asn')
const isAtasanOf = (actor: Actor, atasanNip: string): boolean => isAsn(actor, atasanNip) && hasRole(actor, 'atasan')

/** An ASN requests a place, or their atasan nominates them; one place per ASN per offering, before it starts. */
export const requestPlace = (command: RequestPlace, offering: OpenedOffering): EnrollmentDecision => {
  const { offeringId, nip, atasanNip } = command.data
  if (nip === atasanNip) return refuse('atasan-is-participant')
  if (!isParticipant(command.actor, nip) && !isAtasanOf(command.actor, atasanNip)) return refuse('not-authorised')
  const place = offering.places[nip]
  if (place !== undefined && (place.status === 'pending' || tookPart(place))) return nothing
  const closed = placesClosedReason(offering, command.at)
  if (closed !== undefined) return refuse(closed)
  if (place !== undefined) return refuse('place-ended')
  const nominated = !isAsn(command.actor, nip)
  return accept({ type: 'PlaceRequested', data: { at: command.at, offeringId, nip, atasanNip, nominated } })
}

/** The participant's own atasan approves a pending place, within capacity, before the offering starts. */
export const approvePlace = (command: ApprovePlace, offering: OpenedOffering): EnrollmentDecision =>
  onPlace(offering, command.data.nip, place => {
    if (!isAtasanOf(command.actor, place.atasanNip)) return refuse('not-authorised')
    if (tookPart(place)) return nothing
    const closed = placesClosedReason(offering, command.at)
    if (closed !== undefined) return refuse(closed)
    if (place.status !== 'pending') return refuse('place-ended')
    if (approvedPlaces(offering) >= offering.terms.capacity) return refuse('capacity-reached')
    const { offeringId, nip } = command.data
    return accept({ type: 'PlaceApproved', data: { at: command.at, offeringId, nip, atasanNip: place.atasanNip } })
  })

/** The participant's own atasan declines a pending place, with a reason, before the offering starts. */
export const declinePlace = (command: DeclinePlace, offering: OpenedOffering): EnrollmentDecision =>
  onPlace(offering, command.data.nip, place => {
    if (!isAtasanOf(command.actor, place.atasanNip)) return refuse('not-authorised')
    if (place.status === 'declined') return nothing
    const closed = placesClosedReason(offering, command.at)
    if (closed !== undefined) return refuse(closed)
    if (place.status !== 'pending') return refuse('place-not-pending')
    const { offeringId, nip, reason } = command.data
    return accept({ type: 'PlaceDeclined', data: { at: command.at, offeringId, nip, reason } })
  })

/** The participant or their atasan withdraws a pending or approved place before the offering starts. */
export const withdrawPlace = (command: WithdrawPlace, offering: OpenedOffering): EnrollmentDecision =>
  onPlace(offering, command.data.nip, place => {
    const { offeringId, nip, reason } = command.data
    if (!isParticipant(command.actor, nip) && !isAtasanOf(command.actor, place.atasanNip))
      return refuse('not-authorised')
    if (place.status === 'withdrawn') return nothing
    const closed = placesClosedReason(offering, command.at)
    if (closed !== undefined) return refuse(closed)
    if (place.status !== 'pending' && place.status !== 'approved') return refuse('place-ended')
    return accept({
      type: 'PlaceWithdrawn',
      data: { at: command.at, offeringId, nip, ...(reason === undefined ? {} : { reason }) },
    })
  })
