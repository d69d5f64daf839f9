import fc from 'fast-check'
import {
  type Actor,
  addDays,
  asnSubjectId,
  type ContractPeriod,
  type DepartureReason,
  jakartaDate,
  type LocalDate,
  localDate,
  type Nip,
  nip,
  type OrganisationCommand,
  organisationDecider,
  type OrganisationEvent,
  type OrganisationRejection,
  type OrganisationState,
  type PersonalData,
  type PersonnelCommand,
  personnelDecider,
  type PersonnelEvent,
  type PersonnelRejection,
  type PersonnelState,
  type PolicyConfig,
  type PositionType,
  type Rank,
  ranks,
} from '@pembina/core'
import { runScenario, type ScenarioRun } from '../scenario.js'
import { arbInstant, arbLocalDate, arbNip, arbTimeline, asnActor } from './shared.js'

const pad = (n: number, width: number): string => String(n).padStart(width, '0')

/** Valid NI PPPK under code 21: real birth dates, appointment years 2019–2026, either gender, sequence 001–999. */
export const arbNiPppk: fc.Arbitrary<Nip> = fc
  .record({
    birth: arbLocalDate('1970-01-01', '2000-12-31'),
    year: fc.integer({ min: 2019, max: 2026 }),
    gender: fc.constantFrom(1, 2),
    sequence: fc.integer({ min: 1, max: 999 }),
  })
  .map(({ birth, year, gender, sequence }) =>
    nip(`${birth.replace(/-/g, '')}${pad(year, 4)}21${gender}${pad(sequence, 3)}`),
  )

/** The Belawan units and their positions a history places an ASN in. */
export const belawanUnits = {
  'dinas-kesehatan': ['kepala-dinas', 'analis-kebijakan', 'pengelola-data'],
  'puskesmas-belawan': ['kepala', 'perawat', 'bidan', 'pengadministrasi'],
  'pustu-sicanang': ['perawat', 'bidan'],
  'kantor-camat-medan-belawan': ['camat', 'sekretaris', 'pelaksana'],
} as const

type Step = 'move' | 'promote' | 'atasan' | 'renew' | 'leave' | 'details'
/**
 * How a step goes wrong: sent twice, by someone who is not a pyb, dated before the appointment, naming self, or (for
 * personal details) sealed for another data subject than the ASN.
 */
type Noise = 'repeat' | 'wrong-actor' | 'before-appointment' | 'self-atasan' | 'wrong-subject'

// Random bytes as base64 stand in for an envelope's ciphertext (at least the 28 bytes of an AES-256-GCM IV and tag):
// personal data is never generated in clear.
const arbCiphertext = fc
  .uint8Array({ minLength: 28, maxLength: 60 })
  .map(bytes => Buffer.from(bytes).toString('base64'))

/** A stand-in for an envelope sealed for a data subject: the shape of one, with random ciphertext. */
const envelope = (subjectId: string, ciphertext: string): PersonalData => ({
  subjectId,
  keyId: `key-${subjectId}`,
  algorithm: 'AES-256-GCM',
  ciphertext,
})

/** Which personal details a command brings: the NIK, the phone, both or (at appointment) neither. */
const arbDetails = fc.record({
  nik: fc.option(arbCiphertext, { nil: undefined }),
  phone: fc.option(arbCiphertext, { nil: undefined }),
})
type Details = typeof arbDetails extends fc.Arbitrary<infer D> ? D : never

const sealedDetails = (subjectId: string, details: Details) => ({
  ...(details.nik === undefined ? {} : { nik: envelope(subjectId, details.nik) }),
  ...(details.phone === undefined ? {} : { phone: envelope(subjectId, details.phone) }),
})

const unitIds = Object.keys(belawanUnits) as (keyof typeof belawanUnits)[]

const arbPlacement = fc
  .constantFrom(...unitIds)
  .chain(unitId => fc.record({ unitId: fc.constant(unitId), positionId: fc.constantFrom(...belawanUnits[unitId]) }))

const historyShape = fc.record({
  employeeType: fc.constantFrom('PNS', 'PPPK'),
  pns: arbNip,
  pppk: arbNiPppk,
  pyb: arbNip,
  atasans: fc.uniqueArray(arbNip, { minLength: 3, maxLength: 3 }),
  appointedOn: arbLocalDate('2015-01-01', '2025-12-31'),
  start: arbInstant('2026-01-01', '2026-03-31'),
  firstRank: fc.integer({ min: 0, max: 10 }),
  contractYears: fc.integer({ min: 1, max: 5 }),
  placement: arbPlacement,
  details: arbDetails,
  steps: fc.array(
    fc.record({
      step: fc.oneof(
        { weight: 6, arbitrary: fc.constantFrom<Step>('move', 'atasan') },
        { weight: 4, arbitrary: fc.constantFrom<Step>('promote', 'renew') },
        { weight: 2, arbitrary: fc.constant<Step>('details') },
        { weight: 1, arbitrary: fc.constant<Step>('leave') },
      ),
      details: arbDetails,
      placement: arbPlacement,
      atasan: fc.nat(2),
      rankUp: fc.integer({ min: -1, max: 3 }),
      effectiveLagDays: fc.integer({ min: -60, max: 90 }),
      reason: fc.constantFrom<DepartureReason>('pensiun', 'berhenti', 'pindah-instansi', 'kontrak-berakhir'),
      noise: fc.oneof(
        { weight: 6, arbitrary: fc.constant(null) },
        {
          weight: 1,
          arbitrary: fc.constantFrom<Noise>(
            'repeat',
            'wrong-actor',
            'before-appointment',
            'self-atasan',
            'wrong-subject',
          ),
        },
      ),
    }),
    { minLength: 0, maxLength: 12 },
  ),
})
type Shape = typeof historyShape extends fc.Arbitrary<infer S> ? S : never

const yearsAfter = (date: LocalDate, years: number): LocalDate =>
  localDate(`${pad(Number(date.slice(0, 4)) + years, 4)}${date.slice(4, 10) === '-02-29' ? '-02-28' : date.slice(4)}`)

const commandsFor = (shape: Shape, times: readonly string[]): readonly PersonnelCommand[] => {
  const pyb: Actor = asnActor(shape.pyb, 'asn', 'pyb')
  const who = shape.employeeType === 'PNS' ? shape.pns : shape.pppk
  const pns = shape.employeeType === 'PNS'
  let rank = shape.firstRank
  let contractEnd = yearsAfter(shape.appointedOn, shape.contractYears)
  const firstContract: ContractPeriod = { start: shape.appointedOn, end: addDays(contractEnd, -1) }
  const at = (i: number) => times[i] as PersonnelCommand['at']
  const appoint: PersonnelCommand = {
    type: 'AppointAsn',
    at: at(0),
    actor: pyb,
    data: {
      nip: who,
      employeeType: shape.employeeType,
      ...shape.placement,
      effectiveOn: shape.appointedOn,
      atasanNip: shape.atasans[0] ?? shape.pyb,
      ...(pns ? { rank: ranks[rank] ?? 'III/a' } : { contract: firstContract }),
      ...sealedDetails(asnSubjectId(who), shape.details),
    },
  }
  const commands: PersonnelCommand[] = [appoint]
  shape.steps.forEach((step, i) => {
    const when = at(i + 1)
    const effectiveOn =
      step.noise === 'before-appointment'
        ? addDays(shape.appointedOn, -1)
        : addDays(jakartaDate(when), step.effectiveLagDays)
    const atasanNip = step.noise === 'self-atasan' ? who : (shape.atasans[step.atasan] ?? shape.pyb)
    const actor = step.noise === 'wrong-actor' ? asnActor(atasanNip, 'asn', 'atasan') : pyb
    let command: PersonnelCommand
    switch (step.step) {
      case 'move':
        command = { type: 'MoveAsn', at: when, actor, data: { nip: who, ...step.placement, atasanNip, effectiveOn } }
        break
      case 'promote': {
        rank = Math.min(ranks.length - 1, Math.max(0, rank + step.rankUp))
        const next: Rank = ranks[rank] ?? 'IV/e'
        command = { type: 'PromoteAsn', at: when, actor, data: { nip: who, rank: next, effectiveOn } }
        break
      }
      case 'atasan':
        command = { type: 'AssignAtasan', at: when, actor, data: { nip: who, atasanNip, effectiveOn } }
        break
      case 'renew': {
        const start = contractEnd
        contractEnd = yearsAfter(start, shape.contractYears)
        command = {
          type: 'RenewContract',
          at: when,
          actor,
          data: { nip: who, contract: { start, end: addDays(contractEnd, -1) } },
        }
        break
      }
      case 'leave':
        command = { type: 'RecordDeparture', at: when, actor, data: { nip: who, reason: step.reason, effectiveOn } }
        break
      case 'details': {
        // Sealed for the ASN, or for someone else (refused); now and then neither field (refused too).
        const subjectId = step.noise === 'wrong-subject' ? asnSubjectId(atasanNip) : asnSubjectId(who)
        const data = { nip: who, ...sealedDetails(subjectId, step.details) }
        command = { type: 'UpdatePersonalDetails', at: when, actor, data }
        break
      }
    }
    commands.push(command)
    if (step.noise === 'repeat') commands.push(command)
  })
  return commands
}

/** A personnel history of one ASN, run through the personnel decider (without registry facts). */
export type PersonnelHistory = ScenarioRun<PersonnelCommand, PersonnelEvent, PersonnelState, PersonnelRejection>

/**
 * Histories of one ASN's record (`asn-<nip>`): a PNS or a PPPK (NI PPPK) appointed in a Belawan unit (with a NIK or
 * phone or both, or neither, as stand-in envelopes sealed for `asn-<nip>`), then moves, promotions (some not upward),
 * changes of atasan, contract renewals, updates of the NIK or phone and a departure, effective from 60 days before to
 * 90 days after they are written, with noise (a repeat, an actor who is not a pyb, a change dated before the
 * appointment, an ASN named their own atasan, details sealed for another subject). Every command, accepted or
 * refused, is a step of the run.
 */
export const arbPersonnelHistory = (config: PolicyConfig): fc.Arbitrary<PersonnelHistory> =>
  historyShape.chain(shape =>
    arbTimeline(shape.steps.length + 1, shape.start, 40).map(times =>
      runScenario(personnelDecider(config), commandsFor(shape, times)),
    ),
  )

type UnitStep = 'add-position' | 'same-position' | 'conflicting-position' | 'dissolve' | 'establish-again'

/** An organisation history of one unit, run through the organisation decider (without registry facts). */
export type OrganisationHistory = ScenarioRun<
  OrganisationCommand,
  OrganisationEvent,
  OrganisationState,
  OrganisationRejection
>

const positionTypes: readonly PositionType[] = [
  { kind: 'manajerial', level: 'pengawas' },
  { kind: 'fungsional-ahli', level: 'pertama' },
  { kind: 'fungsional-keterampilan', level: 'terampil' },
  { kind: 'pelaksana' },
]

/**
 * Histories of one unit (`unit-<id>`): established under a parent (or at the top), positions added (some again, the
 * same or with other details), sometimes dissolved, with an actor who is not a pyb now and then.
 */
export const arbOrganisationHistory = (config: PolicyConfig): fc.Arbitrary<OrganisationHistory> =>
  fc
    .record({
      unitId: fc.constantFrom(...unitIds),
      parent: fc.option(fc.constantFrom('dinas-kesehatan', 'kecamatan-medan-belawan'), { nil: undefined }),
      pyb: arbNip,
      establishedOn: arbLocalDate('2000-01-01', '2025-12-31'),
      start: arbInstant('2026-01-01', '2026-03-31'),
      steps: fc.array(
        fc.record({
          step: fc.constantFrom<UnitStep>(
            'add-position',
            'add-position',
            'same-position',
            'conflicting-position',
            'dissolve',
            'establish-again',
          ),
          position: fc.nat(3),
          type: fc.nat(positionTypes.length - 1),
          byPyb: fc.nat(6).map(n => n !== 0),
          lagDays: fc.integer({ min: -3650, max: 30 }),
        }),
        { maxLength: 10 },
      ),
    })
    .chain(shape =>
      arbTimeline(shape.steps.length + 1, shape.start, 30).map(times => {
        const pyb = asnActor(shape.pyb, 'asn', 'pyb')
        const at = (i: number) => times[i] as OrganisationCommand['at']
        const establish = (when: OrganisationCommand['at'], actor: Actor): OrganisationCommand => ({
          type: 'EstablishUnit',
          at: when,
          actor,
          data: {
            unitId: shape.unitId,
            name: shape.unitId.replace(/-/g, ' '),
            effectiveOn: shape.establishedOn,
            ...(shape.parent === undefined || shape.parent === shape.unitId ? {} : { parentUnitId: shape.parent }),
          },
        })
        const commands: OrganisationCommand[] = [establish(at(0), pyb)]
        shape.steps.forEach((step, i) => {
          const when = at(i + 1)
          const actor = step.byPyb ? pyb : asnActor(shape.pyb, 'asn', 'atasan')
          const positionId = belawanUnits[shape.unitId][step.position % belawanUnits[shape.unitId].length] ?? 'staf'
          const position = (type: number): OrganisationCommand => ({
            type: 'AddPosition',
            at: when,
            actor,
            data: {
              unitId: shape.unitId,
              positionId,
              title: positionId.replace(/-/g, ' '),
              positionType: positionTypes[type % positionTypes.length] ?? { kind: 'pelaksana' },
            },
          })
          switch (step.step) {
            case 'add-position':
            case 'same-position':
              commands.push(position(step.position))
              break
            case 'conflicting-position':
              commands.push(position(step.position + 1))
              break
            case 'dissolve':
              commands.push({
                type: 'DissolveUnit',
                at: when,
                actor,
                data: {
                  unitId: shape.unitId,
                  effectiveOn: addDays(jakartaDate(when), step.lagDays),
                  reason: 'Penataan organisasi',
                },
              })
              break
            case 'establish-again':
              commands.push(establish(when, actor))
              break
          }
        })
        return runScenario(organisationDecider(config), commands)
      }),
    )
