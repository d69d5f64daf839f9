import * as E from 'fp-ts/lib/Either.js'
import {
  type Actor,
  asnSubjectId,
  defaultPolicy,
  eraseSubject,
  inMemoryKeyStore,
  instant,
  localDate,
  nip,
  openPersonalDetails,
  organisation,
  type OrganisationCommand,
  organisationDecider,
  personnel,
  type PersonnelCommand,
  personnelDecider,
  seal,
} from '@pembina/core'
import { asnActor } from '@pembina/testkit'
import { describe, expect, it } from 'vitest'
import { personnelDirectoryProjection } from './personnel-directory.js'
import { asnRecord, atasanOnDay, staffOfUnit, subordinatesOf, unitList, unitOf } from './personnel-directory-queries.js'
import { decided, foldProjection, recorded, storeOf } from './test-support.js'

const kepala = nip('196608011988031001')
const plt = nip('198203042006041002')
const sari = nip('199203152019032004')
const pyb: Actor = asnActor(nip('197001011995031001'), 'asn', 'pyb')
const on = (text: string) => instant(`${text}+07:00`)

const unitCommands: readonly OrganisationCommand[] = [
  {
    type: 'EstablishUnit',
    at: on('2026-01-02T08:00:00'),
    actor: pyb,
    data: { unitId: 'puskesmas-belawan', name: 'Puskesmas Belawan', effectiveOn: localDate('2000-01-01') },
  },
  {
    type: 'AddPosition',
    at: on('2026-01-02T08:10:00'),
    actor: pyb,
    data: {
      unitId: 'puskesmas-belawan',
      positionId: 'perawat',
      title: 'Perawat Terampil',
      positionType: { kind: 'fungsional-keterampilan', level: 'terampil' },
    },
  },
]
const sariCommands: readonly PersonnelCommand[] = [
  {
    type: 'AppointAsn',
    at: on('2026-01-05T09:00:00'),
    actor: pyb,
    data: {
      nip: sari,
      employeeType: 'PNS',
      rank: 'III/a',
      unitId: 'puskesmas-belawan',
      positionId: 'perawat',
      atasanNip: kepala,
      effectiveOn: localDate('2019-03-01'),
    },
  },
  {
    type: 'AssignAtasan',
    at: on('2026-03-10T09:00:00'),
    actor: pyb,
    data: { nip: sari, atasanNip: plt, effectiveOn: localDate('2026-03-01') },
  },
  {
    type: 'PromoteAsn',
    at: on('2026-04-01T09:00:00'),
    actor: pyb,
    data: { nip: sari, rank: 'III/b', effectiveOn: localDate('2026-04-01') },
  },
]

const directory = () => {
  const events = [
    ...recorded(
      organisation.streamName('puskesmas-belawan'),
      decided(organisationDecider(defaultPolicy), unitCommands),
    ),
    ...recorded(personnel.streamName(sari), decided(personnelDecider(defaultPolicy), sariCommands), 10n),
  ]
  return storeOf({ [personnelDirectoryProjection.name]: foldProjection(personnelDirectoryProjection, events) })
}

describe('the personnel directory', () => {
  it("shows an ASN's record after every fact written, and the unit with its positions", async () => {
    const store = directory()
    expect(await asnRecord(store, sari)).toMatchObject({
      nip: sari,
      rank: 'III/b',
      unitId: 'puskesmas-belawan',
      atasanNip: plt,
      status: 'serving',
    })
    expect(await unitOf(store, 'puskesmas-belawan')).toMatchObject({
      name: 'Puskesmas Belawan',
      positions: [{ positionId: 'perawat', title: 'Perawat Terampil' }],
    })
    expect((await unitList(store)).map(unit => unit.unitId)).toEqual(['puskesmas-belawan'])
    expect((await staffOfUnit(store, 'puskesmas-belawan')).map(asn => asn.nip)).toEqual([sari])
    expect((await subordinatesOf(store, plt)).map(asn => asn.nip)).toEqual([sari])
    expect(await subordinatesOf(store, kepala)).toEqual([])
  })

  it('answers who was the direct atasan on a day by replaying the record', async () => {
    const store = directory()
    expect(await atasanOnDay(store, sari, localDate('2026-02-27'))).toBe(kepala)
    expect(await atasanOnDay(store, sari, localDate('2026-03-03'))).toBe(plt)
    expect(await atasanOnDay(store, sari, localDate('2018-01-01'))).toBeNull()
    expect(await atasanOnDay(store, kepala, localDate('2026-03-03'))).toBeUndefined()
  })

  it("keeps an ASN's latest NIK and phone only as envelopes, which open through openPersonalDetails", async () => {
    const keys = inMemoryKeyStore()
    const sealedFor = async (clear: string) => {
      const sealed = await seal(keys, asnSubjectId(sari), clear)()
      if (E.isLeft(sealed)) throw new Error('the key store answers')
      return sealed.right
    }
    const nik = '1271055503920002'
    const [appoint, ...rest] = sariCommands
    if (appoint?.type !== 'AppointAsn') throw new Error('Sari is appointed first')
    const update: PersonnelCommand = {
      type: 'UpdatePersonalDetails',
      at: on('2026-04-02T09:00:00'),
      actor: pyb,
      data: { nip: sari, phone: await sealedFor('081265554321') },
    }
    const commands: readonly PersonnelCommand[] = [
      { ...appoint, data: { ...appoint.data, nik: await sealedFor(nik), phone: await sealedFor('081200000000') } },
      ...rest,
      update,
    ]
    const events = recorded(personnel.streamName(sari), decided(personnelDecider(defaultPolicy), commands))
    const store = storeOf({ [personnelDirectoryProjection.name]: foldProjection(personnelDirectoryProjection, events) })
    const record = await asnRecord(store, sari)
    if (record === undefined) throw new Error('Sari is in the directory')
    expect(record).toMatchObject({
      rank: 'III/b',
      nik: { subjectId: 'asn-199203152019032004' },
      phone: update.data.phone,
    })
    for (const clear of [nik, '081265554321', Buffer.from(nik).toString('base64')])
      expect(JSON.stringify(record)).not.toContain(clear)
    const access = { who: kepala, purpose: 'verifikasi data kepegawaian', at: '2026-04-03T09:00:00+07:00' }
    expect(await openPersonalDetails(keys, record, access)()).toEqual(
      E.right({ nik: { kind: 'clear', text: nik }, phone: { kind: 'clear', text: '081265554321' } }),
    )
    await eraseSubject(keys, asnSubjectId(sari), '2026-04-04T09:00:00+07:00')()
    expect(await openPersonalDetails(keys, record, access)()).toMatchObject(
      E.right({ nik: { kind: 'erased' }, phone: { kind: 'erased' } }),
    )
  })
})
