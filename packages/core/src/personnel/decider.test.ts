import * as E from 'fp-ts/lib/Either.js'
import {
  type Actor,
  decodeWith,
  defaultPolicy,
  formatDecodeFailure,
  type Instant,
  instant,
  localDate,
  nip,
  type PersonalData,
} from '@pembina/core'
import { deciderSpec } from '@pembina/testkit'
import { describe, expect, it } from 'vitest'
import { asnSubjectId, type OrganisationCommand, PersonnelCommand } from './commands.js'
import { organisationDecider, personnelDecider } from './decider.js'
import type { OrganisationEvent, PersonnelEvent } from './events.js'
import { evolvePersonnel } from './evolve.js'
import type { PersonnelFacts } from '../shared/index.js'
import { atasanOn, standingAt, standingOn } from './standing.js'
import { initialPersonnelState, type PersonnelState } from './state.js'

// Puskesmas Belawan: a nurse (PNS) under the head of the puskesmas, a PPPK midwife, and the BKPSDM pyb.
const nurse = nip('199001152015032001')
const head = nip('197805102003121003')
const acting = nip('198203042006041002')
const midwife = nip('199103072022211001')
const pyb: Actor = { kind: 'asn', nip: nip('197001011995031001'), roles: ['asn', 'pyb'] }
const atasan: Actor = { kind: 'asn', nip: head, roles: ['asn', 'atasan'] }
const t0 = instant('2026-01-05T09:00:00+07:00')
const t1 = instant('2026-03-10T09:00:00+07:00')
const t2 = instant('2026-04-01T09:00:00+07:00')

const spec = deciderSpec(personnelDecider(defaultPolicy))
const units = deciderSpec(organisationDecider(defaultPolicy))

type AppointData = Extract<PersonnelCommand, { readonly type: 'AppointAsn' }>['data']
const appointData: AppointData = {
  nip: nurse,
  employeeType: 'PNS',
  rank: 'III/a',
  unitId: 'puskesmas-belawan',
  positionId: 'perawat',
  atasanNip: head,
  effectiveOn: localDate('2015-03-01'),
}
const appoint = (overrides: Partial<AppointData> = {}, actor: Actor = pyb, at: Instant = t0): PersonnelCommand => ({
  type: 'AppointAsn',
  at,
  actor,
  data: { ...appointData, ...overrides },
})
const appointed: PersonnelEvent = {
  type: 'AsnAppointed',
  data: { ...appointData, at: t0, contract: null, atasanNip: head, rank: 'III/a' },
}
const atasanChanged = (at: Instant, effectiveOn: string): PersonnelEvent => ({
  type: 'AtasanAssigned',
  data: { at, nip: nurse, atasanNip: acting, effectiveOn: localDate(effectiveOn) },
})

/** The registry as a directory would read it: the puskesmas with its positions, the head serving. */
const facts = (overrides: Partial<PersonnelFacts> = {}): PersonnelFacts => ({
  people: {
    [head]: {
      nip: head,
      employeeType: 'PNS',
      appointedOn: localDate('2003-12-01'),
      rank: 'IV/a',
      unitId: 'puskesmas-belawan',
      positionId: 'kepala',
      atasanNip: null,
      contract: null,
      contracts: [],
      active: true,
    },
  },
  units: {
    'puskesmas-belawan': {
      unitId: 'puskesmas-belawan',
      name: 'Puskesmas Belawan',
      parentUnitId: 'dinas-kesehatan',
      active: true,
      positions: {
        kepala: { title: 'Kepala Puskesmas', positionType: { kind: 'manajerial', level: 'pengawas' }, addedAt: t0 },
        perawat: {
          title: 'Perawat Ahli Pertama',
          positionType: { kind: 'fungsional-ahli', level: 'pertama' },
          addedAt: t0,
        },
      },
    },
  },
  ...overrides,
})

describe('registering an ASN (AppointAsn)', () => {
  it('a pyb registers a PNS with rank, unit, position and direct atasan', () => {
    spec.given().when(appoint()).thenEvents([appointed])
  })

  it('checks the unit, the position and the atasan against the registry when a handler gives its facts', () => {
    spec.given().when(appoint(), facts()).thenEvents([appointed])
    spec
      .given()
      .when(appoint({ unitId: 'kantor-camat' }), facts())
      .thenRejects('unit-not-found')
    spec
      .given()
      .when(appoint({ positionId: 'bidan' }), facts())
      .thenRejects('position-not-in-unit')
    spec
      .given()
      .when(appoint({ atasanNip: acting }), facts())
      .thenRejects('atasan-not-registered')
    const dissolved = facts().units['puskesmas-belawan']
    if (dissolved === undefined) throw new Error('the facts name the puskesmas')
    spec
      .given()
      .when(appoint(), facts({ units: { 'puskesmas-belawan': { ...dissolved, active: false } } }))
      .thenRejects('unit-dissolved')
  })

  it('registers a number once: the same appointment again changes nothing, another is refused', () => {
    spec
      .given(appointed)
      .when(appoint({}, pyb, t1))
      .thenNothing()
    spec
      .given(appointed)
      .when(appoint({ rank: 'III/b' }))
      .thenRejects('nip-registered')
    const left: PersonnelEvent = {
      type: 'AsnLeft',
      data: { at: t1, nip: nurse, reason: 'pindah-instansi', effectiveOn: localDate('2026-03-31') },
    }
    spec
      .given(appointed, left)
      .when(appoint({ effectiveOn: localDate('2026-06-01') }))
      .thenRejects('nip-registered')
  })

  it('only a pyb registers', () => {
    spec.given().when(appoint({}, atasan)).thenRejects('actor-not-allowed')
  })

  it('keeps NI PPPK for PPPK, ranks for PNS and contracts for PPPK', () => {
    spec
      .given()
      .when(appoint({ nip: midwife }))
      .thenRejects('ni-pppk-for-pns')
    const contract = { start: localDate('2026-01-01'), end: localDate('2030-12-31') }
    spec
      .given()
      .when(appoint({ nip: midwife, employeeType: 'PPPK', rank: 'III/a', contract }))
      .thenRejects('rank-not-for-pppk')
    spec.given().when(appoint({ contract })).thenRejects('contract-for-pns')
    const noRank = {
      unitId: appointData.unitId,
      positionId: appointData.positionId,
      atasanNip: head,
    }
    const pppk: PersonnelCommand = {
      type: 'AppointAsn',
      at: t0,
      actor: pyb,
      data: { ...noRank, nip: midwife, employeeType: 'PPPK', contract, effectiveOn: localDate('2026-01-01') },
    }
    spec
      .given()
      .when(pppk)
      .thenEvents([
        {
          type: 'AsnAppointed',
          data: {
            ...noRank,
            at: t0,
            nip: midwife,
            employeeType: 'PPPK',
            rank: null,
            contract,
            effectiveOn: localDate('2026-01-01'),
          },
        },
      ])
    spec
      .given()
      .when(appoint({ atasanNip: nurse }))
      .thenRejects('atasan-is-self')
  })
})

describe('changes to a record', () => {
  const cmd = (command: Omit<PersonnelCommand, 'at' | 'actor'>, at: Instant = t1): PersonnelCommand =>
    ({ ...command, at, actor: pyb }) as PersonnelCommand

  it('promotes a PNS only to a higher rank', () => {
    const promote = (rank: 'III/b' | 'II/d') =>
      cmd({ type: 'PromoteAsn', data: { nip: nurse, rank, effectiveOn: localDate('2026-04-01') } })
    spec
      .given(appointed)
      .when(promote('III/b'))
      .thenEvents([
        { type: 'AsnPromoted', data: { at: t1, nip: nurse, rank: 'III/b', effectiveOn: localDate('2026-04-01') } },
      ])
    spec.given(appointed).when(promote('II/d')).thenRejects('rank-not-higher')
  })

  it('assigns the direct atasan once; the same atasan again is "unchanged"', () => {
    const assign = (atasanNip = acting) =>
      cmd({ type: 'AssignAtasan', data: { nip: nurse, atasanNip, effectiveOn: localDate('2026-03-01') } })
    spec
      .given(appointed)
      .when(assign())
      .thenEvents([atasanChanged(t1, '2026-03-01')])
    spec.given(appointed, atasanChanged(t1, '2026-03-01')).when(assign()).thenNothing()
    spec.given(appointed).when(assign(head)).thenRejects('unchanged')
    spec.given(appointed).when(assign(nurse)).thenRejects('atasan-is-self')
    spec.given(appointed).when(assign(), facts()).thenRejects('atasan-not-registered')
  })

  it('refuses a change dated before the appointment, and every change once the ASN has left', () => {
    const move = cmd({
      type: 'MoveAsn',
      data: { nip: nurse, unitId: 'puskesmas-belawan', positionId: 'kepala', effectiveOn: localDate('2014-01-01') },
    })
    spec.given(appointed).when(move).thenRejects('effective-before-appointment')
    const leave = cmd({
      type: 'RecordDeparture',
      data: { nip: nurse, reason: 'pensiun', effectiveOn: localDate('2026-04-30') },
    })
    spec
      .given(appointed)
      .when(leave)
      .thenEvents([
        { type: 'AsnLeft', data: { at: t1, nip: nurse, reason: 'pensiun', effectiveOn: localDate('2026-04-30') } },
      ])
    const left: PersonnelEvent = {
      type: 'AsnLeft',
      data: { at: t1, nip: nurse, reason: 'pensiun', effectiveOn: localDate('2026-04-30') },
    }
    spec.given(appointed, left).when(leave).thenNothing()
    spec
      .given(appointed, left)
      .when(cmd({ type: 'PromoteAsn', data: { nip: nurse, rank: 'IV/a', effectiveOn: localDate('2026-04-01') } }))
      .thenRejects('asn-left')
    spec.given().when(leave).thenRejects('asn-not-found')
  })

  it("renews a PPPK's contract without overlap", () => {
    const contract = { start: localDate('2022-03-01'), end: localDate('2027-02-28') }
    const pppk: PersonnelEvent = {
      type: 'AsnAppointed',
      data: {
        ...appointed.data,
        nip: midwife,
        employeeType: 'PPPK',
        rank: null,
        contract,
        effectiveOn: contract.start,
      },
    }
    const renew = (start: string, end: string, who = midwife) =>
      cmd({ type: 'RenewContract', data: { nip: who, contract: { start: localDate(start), end: localDate(end) } } })
    const next = { start: localDate('2027-03-01'), end: localDate('2032-02-29') }
    spec
      .given(pppk)
      .when(renew('2027-03-01', '2032-02-29'))
      .thenEvents([
        { type: 'ContractRenewed', data: { at: t1, nip: midwife, contract: next, effectiveOn: next.start } },
      ])
    spec.given(pppk).when(renew('2026-03-01', '2031-02-28')).thenRejects('contract-overlaps')
    spec.given(pppk).when(renew('2022-03-01', '2027-02-28')).thenNothing()
    spec
      .given(appointed)
      .when(renew('2027-03-01', '2032-02-29', nurse))
      .thenRejects('contract-for-pns')
  })
})

describe("an ASN's NIK and phone, sealed for the ASN", () => {
  // Stand-ins for envelopes sealed by the key store: the decider sees only their shape and their subject.
  const sealed = (subjectId: string, fill: string): PersonalData => ({
    subjectId,
    keyId: `key-${subjectId}`,
    algorithm: 'AES-256-GCM',
    ciphertext: Buffer.alloc(44, fill).toString('base64'),
  })
  const nik = sealed(asnSubjectId(nurse), 'n')
  const phone = sealed(asnSubjectId(nurse), 'p')
  const update = (data: { readonly nik?: PersonalData; readonly phone?: PersonalData }, actor: Actor = pyb) =>
    ({ type: 'UpdatePersonalDetails', at: t1, actor, data: { nip: nurse, ...data } }) as PersonnelCommand

  it("names the ASN's data subject after the stream: asn-<nip>", () => {
    expect(asnSubjectId(nurse)).toBe('asn-199001152015032001')
  })

  it('takes them at appointment only sealed for the ASN, and keeps the envelopes in the record', () => {
    spec
      .given()
      .when(appoint({ nik, phone }))
      .thenEvents([{ type: 'AsnAppointed', data: { ...appointed.data, nik, phone } }])
    spec
      .given()
      .when(appoint({ nik: sealed('warga-0042', 'n') }))
      .thenRejects('wrong-data-subject')
    spec
      .given()
      .when(appoint({ phone: sealed(asnSubjectId(head), 'p') }))
      .thenRejects('wrong-data-subject')
    const record = evolvePersonnel(initialPersonnelState, { type: 'AsnAppointed', data: { ...appointed.data, nik } })
    expect(record).toMatchObject({ nik, phone: null })
  })

  it('refuses a NIK in bare digits where a sealed one is due, naming the field', () => {
    const bare = decodeWith(PersonnelCommand)({ ...update({}), data: { nip: nurse, nik: '1271014501900001' } })
    expect(E.mapLeft(formatDecodeFailure)(bare)).toEqual(E.left(expect.stringMatching(/data\.nik /)))
  })

  it('takes a retried appointment, re-sealed with other ciphertexts, as the same appointment', () => {
    const first: PersonnelEvent = { type: 'AsnAppointed', data: { ...appointed.data, nik } }
    spec
      .given(first)
      .when(appoint({ nik: sealed(asnSubjectId(nurse), 'm') }, pyb, t1))
      .thenNothing()
    spec
      .given(first)
      .when(appoint({}, pyb, t1))
      .thenRejects('nip-registered')
  })

  it('updates them on a serving record, the latest envelope of each standing', () => {
    spec
      .given(appointed)
      .when(update({ phone }))
      .thenEvents([{ type: 'PersonalDetailsUpdated', data: { at: t1, nip: nurse, phone } }])
    const updated: PersonnelEvent = { type: 'PersonalDetailsUpdated', data: { at: t1, nip: nurse, nik, phone } }
    spec.given(appointed, updated).when(update({ nik, phone })).thenNothing()
    const newer = sealed(asnSubjectId(nurse), 'q')
    const latest: PersonnelEvent = { type: 'PersonalDetailsUpdated', data: { at: t2, nip: nurse, phone: newer } }
    const record = [appointed, updated, latest].reduce(evolvePersonnel, initialPersonnelState)
    expect(record).toMatchObject({ nik, phone: newer })
    // A change of personal details is no fact of where the ASN stands.
    expect(standingOn(record, localDate('2026-04-30'))).toEqual(standingOn(appointedOnly(), localDate('2026-04-30')))
  })

  it('refuses an update by anyone but a pyb, for another subject, with nothing, or for an unknown or departed ASN', () => {
    spec.given(appointed).when(update({ nik }, atasan)).thenRejects('actor-not-allowed')
    spec
      .given(appointed)
      .when(update({ nik: sealed('asn-197805102003121003', 'n') }))
      .thenRejects('wrong-data-subject')
    spec.given(appointed).when(update({})).thenRejects('no-personal-details')
    spec.given().when(update({ nik })).thenRejects('asn-not-found')
    const left: PersonnelEvent = {
      type: 'AsnLeft',
      data: { at: t1, nip: nurse, reason: 'pensiun', effectiveOn: localDate('2026-04-30') },
    }
    spec.given(appointed, left).when(update({ nik })).thenRejects('asn-left')
  })
})

const appointedOnly = (): PersonnelState => evolvePersonnel(initialPersonnelState, appointed)

describe('who was whose atasan, by replay', () => {
  const fold = (...events: readonly PersonnelEvent[]): PersonnelState =>
    events.reduce(evolvePersonnel, initialPersonnelState)

  it('answers "who was the direct atasan on 3 March" from the record, whenever the change was written', () => {
    // The acting head took over from 1 March; the pyb wrote it on 10 March.
    const record = fold(appointed, atasanChanged(t1, '2026-03-01'))
    expect(atasanOn(record, localDate('2026-02-27'))).toBe(head)
    expect(atasanOn(record, localDate('2026-03-03'))).toBe(acting)
    expect(atasanOn(record, localDate('2014-12-31'))).toBeNull()
  })

  it('reads the record at an instant as it was known then: a rule checked on 3 March saw the head', () => {
    const record = fold(appointed, atasanChanged(t1, '2026-03-01'))
    expect(standingAt(record, instant('2026-03-03T10:00:00+07:00'))?.atasanNip).toBe(head)
    expect(standingAt(record, t2)?.atasanNip).toBe(acting)
  })

  it('takes a future-dated move into account only from its date, and a departure from its date', () => {
    const moved: PersonnelEvent = {
      type: 'AsnMoved',
      data: {
        at: t1,
        nip: nurse,
        unitId: 'dinas-kesehatan',
        positionId: 'analis',
        atasanNip: acting,
        effectiveOn: localDate('2026-05-01'),
      },
    }
    const left: PersonnelEvent = {
      type: 'AsnLeft',
      data: { at: t1, nip: nurse, reason: 'pensiun', effectiveOn: localDate('2026-07-01') },
    }
    const record = fold(appointed, moved, left)
    expect(standingOn(record, localDate('2026-04-30'))?.unitId).toBe('puskesmas-belawan')
    expect(standingOn(record, localDate('2026-05-01'))).toMatchObject({ unitId: 'dinas-kesehatan', active: true })
    expect(standingOn(record, localDate('2026-07-01'))?.active).toBe(false)
  })
})

describe('units (organisation)', () => {
  const establish = (parentUnitId?: string): OrganisationCommand => ({
    type: 'EstablishUnit',
    at: t0,
    actor: pyb,
    data: {
      unitId: 'puskesmas-belawan',
      name: 'Puskesmas Belawan',
      effectiveOn: localDate('2000-01-01'),
      ...(parentUnitId === undefined ? {} : { parentUnitId }),
    },
  })
  const established: OrganisationEvent = {
    type: 'UnitEstablished',
    data: {
      at: t0,
      unitId: 'puskesmas-belawan',
      name: 'Puskesmas Belawan',
      parentUnitId: 'dinas-kesehatan',
      effectiveOn: localDate('2000-01-01'),
    },
  }

  it('establishes a unit once under a parent that exists', () => {
    units.given().when(establish('dinas-kesehatan')).thenEvents([established])
    units.given(established).when(establish('dinas-kesehatan')).thenNothing()
    units.given(established).when(establish()).thenRejects('unit-exists')
    units.given().when(establish('dinas-kesehatan'), facts()).thenRejects('parent-unit-not-found')
    units.given().when(establish('puskesmas-belawan')).thenRejects('unit-is-own-parent')
  })

  it('adds positions, and refuses them once the unit is dissolved', () => {
    const add: OrganisationCommand = {
      type: 'AddPosition',
      at: t1,
      actor: pyb,
      data: {
        unitId: 'puskesmas-belawan',
        positionId: 'bidan',
        title: 'Bidan Terampil',
        positionType: { kind: 'fungsional-keterampilan', level: 'terampil' },
      },
    }
    units
      .given(established)
      .when(add)
      .thenEvents([{ type: 'PositionAdded', data: { ...add.data, at: t1 } }])
    const dissolved: OrganisationEvent = {
      type: 'UnitDissolved',
      data: { at: t1, unitId: 'puskesmas-belawan', effectiveOn: localDate('2026-12-31'), reason: 'Penggabungan' },
    }
    units.given(established, dissolved).when(add).thenRejects('unit-dissolved')
    units.given().when(add).thenRejects('unit-not-found')
  })
})
