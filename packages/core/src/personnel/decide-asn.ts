import type { Either } from 'fp-ts/lib/Either.js'
import { accept, nothing, sameJson } from '../kernel/index.js'
import {
  type Actor,
  compareRanks,
  hasRole,
  type LocalDate,
  type Nip,
  niPppkCode,
  overlappingContract,
  type PersonalData,
  type PolicyConfig,
} from '../shared/index.js'
import {
  type AppointAsn,
  asnSubjectId,
  type AssignAtasan,
  type MoveAsn,
  type PersonnelCommand,
  type PromoteAsn,
  type RecordDeparture,
  type RenewContract,
  type UpdatePersonalDetails,
} from './commands.js'
import type { PersonnelEvent } from './events.js'
import { type PersonnelFacts, personIn, unitIn } from '../shared/index.js'
import { type PersonnelRejection, personnelRejections } from './rejections.js'
import { hasPosition, latestStanding } from './standing.js'
import type { AsnRecord, PersonnelState } from './state.js'

const { refuse } = personnelRejections

/** What deciding a personnel command leads to: events (none when already recorded) or a rejection. */
export type PersonnelDecision = Either<PersonnelRejection, readonly PersonnelEvent[]>

const isPyb = (actor: Actor): boolean => hasRole(actor, 'pyb')

/**
 * With the registry's facts, the unit must be established and serving with the position, and the atasan a serving
 * ASN, at the command's instant; without them (no directory given to the handler) these are not checked.
 */
const checkPlacement = (
  facts: PersonnelFacts | undefined,
  placement: { readonly unitId: string; readonly positionId?: string; readonly atasanNip?: Nip | null },
): PersonnelDecision | undefined => {
  if (facts === undefined) return undefined
  const unit = unitIn(facts, placement.unitId)
  if (unit === undefined) return refuse('unit-not-found', placement.unitId)
  if (!unit.active) return refuse('unit-dissolved', placement.unitId)
  if (placement.positionId !== undefined && !hasPosition(unit, placement.positionId))
    return refuse('position-not-in-unit', placement.positionId, placement.unitId)
  const { atasanNip } = placement
  if (atasanNip !== undefined && atasanNip !== null && personIn(facts, atasanNip)?.active !== true)
    return refuse('atasan-not-registered', atasanNip)
  return undefined
}

/** An ASN's personal details as a command brings them: envelopes, each optional. */
interface SealedDetails {
  readonly nik?: PersonalData
  readonly phone?: PersonalData
}

/** The envelopes a command brings, only those given (an absent field stays absent in the event). */
const sealedDetails = (details: SealedDetails): SealedDetails => ({
  ...(details.nik === undefined ? {} : { nik: details.nik }),
  ...(details.phone === undefined ? {} : { phone: details.phone }),
})

/** Refuses an envelope sealed for anyone but the ASN (`asn-<nip>`): erasing the ASN must shred all their data. */
const checkSubject = (nip: Nip, details: SealedDetails): PersonnelDecision | undefined => {
  const expected = asnSubjectId(nip)
  for (const field of ['nik', 'phone'] as const) {
    const sealed = details[field]
    if (sealed !== undefined && sealed.subjectId !== expected)
      return refuse('wrong-data-subject', field, sealed.subjectId, expected)
  }
  return undefined
}

/**
 * The data of an appointment as two appointments are compared: the envelopes' ciphertexts are left out, since sealing
 * the same NIK twice gives two ciphertexts (a fresh IV each time), so a retried appointment re-sealed by its caller is
 * still the same appointment. Which fields were sealed is compared; a NIK or phone to change goes through
 * UpdatePersonalDetails.
 */
const comparable = (data: SealedDetails & Readonly<Record<string, unknown>>): object => {
  const { nik, phone, ...rest } = data
  return { ...rest, nik: nik !== undefined, phone: phone !== undefined }
}

/**
 * Registers an ASN once: the same appointment again changes nothing, any other under the number is refused. A NIK or
 * phone it brings must be sealed for the ASN's own subject (`wrong-data-subject` otherwise).
 */
export const appointAsn = (
  command: AppointAsn,
  state: PersonnelState,
  config: PolicyConfig,
  facts: PersonnelFacts | undefined,
): PersonnelDecision => {
  if (!isPyb(command.actor)) return refuse('actor-not-allowed')
  const { nip, employeeType, unitId, positionId, effectiveOn } = command.data
  const details = sealedDetails(command.data)
  const wrongSubject = checkSubject(nip, details)
  if (wrongSubject !== undefined) return wrongSubject
  const data = {
    at: command.at,
    nip,
    employeeType,
    rank: command.data.rank ?? null,
    unitId,
    positionId,
    atasanNip: command.data.atasanNip ?? null,
    contract: command.data.contract ?? null,
    effectiveOn,
    ...details,
  }
  if (state.status !== 'none') {
    const first = state.timeline[0]
    const same =
      first?.type === 'AsnAppointed' && sameJson(comparable({ ...first.data, at: data.at }), comparable(data))
    return same ? nothing : refuse('nip-registered')
  }
  const code = niPppkCode(nip)
  if (code !== null && employeeType === 'PNS') return refuse('ni-pppk-for-pns')
  if (code !== null && !config.niPppkCodes.includes(code))
    return refuse('unknown-ni-pppk-code', code, config.niPppkCodes.join(', '))
  if (employeeType === 'PPPK' && data.rank !== null) return refuse('rank-not-for-pppk')
  if (employeeType === 'PNS' && data.contract !== null) return refuse('contract-for-pns')
  if (data.atasanNip === nip) return refuse('atasan-is-self')
  const placement = checkPlacement(facts, { unitId, positionId, atasanNip: data.atasanNip })
  if (placement !== undefined) return placement
  return accept<PersonnelEvent>({ type: 'AsnAppointed', data })
}

/** Runs a decision on a serving ASN's record, by a pyb, for a change effective on or after the appointment. */
const onServing = (
  command: PersonnelCommand,
  state: PersonnelState,
  effectiveOn: LocalDate,
  decide: (record: AsnRecord) => PersonnelDecision,
): PersonnelDecision => {
  if (!isPyb(command.actor)) return refuse('actor-not-allowed')
  if (state.status === 'none') return refuse('asn-not-found')
  if (state.status === 'left') return refuse('asn-left')
  if (effectiveOn < state.appointedOn) return refuse('effective-before-appointment', state.appointedOn)
  return decide(state)
}

/** Whether the record already holds an event equal to this one but for the instant it was written. */
const alreadyRecorded = (record: AsnRecord, event: PersonnelEvent): boolean =>
  record.timeline.some(
    recorded => recorded.type === event.type && sameJson({ ...recorded.data, at: event.data.at }, event.data),
  )

/** Accepts an event unless the record already holds the same one (a retry), which changes nothing. */
const once = (record: AsnRecord, event: PersonnelEvent): PersonnelDecision =>
  alreadyRecorded(record, event) ? nothing : accept(event)

/** Moves an ASN to a unit and position, with the direct atasan there. */
export const moveAsn = (command: MoveAsn, state: PersonnelState, facts: PersonnelFacts | undefined) =>
  onServing(command, state, command.data.effectiveOn, record => {
    const { nip, unitId, positionId, effectiveOn } = command.data
    const atasanNip = command.data.atasanNip ?? null
    if (atasanNip === nip) return refuse('atasan-is-self')
    const event: PersonnelEvent = {
      type: 'AsnMoved',
      data: { at: command.at, nip, unitId, positionId, atasanNip, effectiveOn },
    }
    if (alreadyRecorded(record, event)) return nothing
    const placement = checkPlacement(facts, { unitId, positionId, atasanNip })
    return placement ?? accept(event)
  })

/** Promotes a PNS to a rank above the one they hold. */
export const promoteAsn = (command: PromoteAsn, state: PersonnelState) =>
  onServing(command, state, command.data.effectiveOn, record => {
    const event: PersonnelEvent = { type: 'AsnPromoted', data: { at: command.at, ...command.data } }
    if (alreadyRecorded(record, event)) return nothing
    if (record.employeeType === 'PPPK') return refuse('rank-not-for-pppk')
    const current = latestStanding(record).rank
    if (current !== null && compareRanks(command.data.rank, current) <= 0) return refuse('rank-not-higher', current)
    return accept(event)
  })

/** Names an ASN's direct atasan from a date. */
export const assignAtasan = (command: AssignAtasan, state: PersonnelState, facts: PersonnelFacts | undefined) =>
  onServing(command, state, command.data.effectiveOn, record => {
    const { nip, atasanNip } = command.data
    if (atasanNip === nip) return refuse('atasan-is-self')
    const event: PersonnelEvent = { type: 'AtasanAssigned', data: { at: command.at, ...command.data } }
    if (alreadyRecorded(record, event)) return nothing
    if (latestStanding(record).atasanNip === atasanNip) return refuse('unchanged')
    if (facts !== undefined && personIn(facts, atasanNip)?.active !== true)
      return refuse('atasan-not-registered', atasanNip)
    return accept(event)
  })

/** Records a PPPK's contract period; it may not overlap a known one. */
export const renewContract = (command: RenewContract, state: PersonnelState) =>
  onServing(command, state, command.data.contract.start, record => {
    if (record.employeeType !== 'PPPK') return refuse('contract-for-pns')
    const { nip, contract } = command.data
    const event: PersonnelEvent = {
      type: 'ContractRenewed',
      data: { at: command.at, nip, contract, effectiveOn: contract.start },
    }
    const known = latestStanding(record).contracts
    if (known.some(period => sameJson(period, contract))) return nothing
    const overlapping = overlappingContract(known, contract)
    if (overlapping !== undefined) return refuse('contract-overlaps', overlapping.start, overlapping.end)
    return once(record, event)
  })

/** Records that an ASN left the agency; the same departure again changes nothing. */
export const recordDeparture = (command: RecordDeparture, state: PersonnelState): PersonnelDecision => {
  if (state.status === 'left') {
    const left = state.timeline.find(event => event.type === 'AsnLeft')
    const same =
      left?.type === 'AsnLeft' &&
      left.data.reason === command.data.reason &&
      left.data.effectiveOn === command.data.effectiveOn
    return isPyb(command.actor) && same ? nothing : onServing(command, state, command.data.effectiveOn, () => nothing)
  }
  return onServing(command, state, command.data.effectiveOn, () =>
    accept<PersonnelEvent>({ type: 'AsnLeft', data: { at: command.at, ...command.data } }),
  )
}

/**
 * Records an ASN's NIK or phone (or both), sealed for the ASN, on a serving record; the latest envelope of each
 * stands. The same envelopes again (a retried command) change nothing; the decider cannot tell a re-sealed equal value
 * from a new one, so that is recorded again, harmlessly.
 */
export const updatePersonalDetails = (command: UpdatePersonalDetails, state: PersonnelState): PersonnelDecision => {
  if (!isPyb(command.actor)) return refuse('actor-not-allowed')
  if (state.status === 'none') return refuse('asn-not-found')
  if (state.status === 'left') return refuse('asn-left')
  const { nip } = command.data
  const details = sealedDetails(command.data)
  if (details.nik === undefined && details.phone === undefined) return refuse('no-personal-details')
  const wrongSubject = checkSubject(nip, details)
  if (wrongSubject !== undefined) return wrongSubject
  return once(state, { type: 'PersonalDetailsUpdated', data: { at: command.at, nip, ...details } })
}
