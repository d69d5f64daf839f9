import {
  type Actor,
  approvedPlaces,
  defaultPolicy,
  enrollment,
  type EnrollmentCommand,
  enrollmentDecider,
  type EnrollmentEvent,
  type Instant,
  instant,
  localDate,
  type Nip,
  nip,
  placesOf,
  systemActor,
} from '@pembina/core'
import { arbEnrollmentHistory, asnActor } from '@pembina/testkit'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type OfferingRosterDocument, offeringRosterProjection } from './offering-roster.js'
import { offeringRoster, offeringRosterList } from './offering-roster-queries.js'
import { ReadModelDocumentError } from './stored-document.js'
import { decided, foldProjection, recorded, storeOf } from './test-support.js'

// Puskesmas Belawan's head approves places for three of her staff; BKPSDM's training admin runs the offering.
const kepala = nip('196608011988031001')
const sari = nip('199203152019032004')
const rudi = nip('198507122010011002')
const dewi = nip('199001012015032003')
const admin = asnActor(nip('197505052000031004'), 'admin-pelatihan')
const atasan = asnActor(kepala, 'asn', 'atasan')
const self = (who: Nip): Actor => asnActor(who, 'asn')
const on = (text: string): Instant => instant(`${text}+07:00`)
const offeringId = 'pmwp-2026-ii'

type Issued = EnrollmentCommand extends infer C
  ? C extends EnrollmentCommand
    ? Omit<C, 'at' | 'actor'>
    : never
  : never
const cmd = (at: string, actor: Actor, command: Issued): EnrollmentCommand => ({ ...command, at: on(at), actor })

const open = (id = offeringId, capacity = 2, start = '2026-03-02', end = '2026-03-06'): EnrollmentCommand =>
  cmd('2026-02-02T09:00:00', admin, {
    type: 'OpenOffering',
    data: {
      offeringId: id,
      title: 'Pelatihan Manajemen Waktu dan Produktivitas, Angkatan II 2026',
      provider: 'BKPSDM Kota Medan',
      venue: 'Aula BKPSDM Kota Medan',
      form: 'pelatihan-manajerial',
      competency: { type: 'manajerial', code: 'M.04' },
      jp: 24,
      capacity,
      schedule: { start: localDate(start), end: localDate(end) },
    },
  })
const request = (who: Nip, at = '2026-02-10T10:00:00', id = offeringId) =>
  cmd(at, self(who), { type: 'RequestPlace', data: { offeringId: id, nip: who, atasanNip: kepala } })
const approve = (who: Nip, at = '2026-02-11T10:00:00', id = offeringId) =>
  cmd(at, atasan, { type: 'ApprovePlace', data: { offeringId: id, nip: who } })
const start = (at = '2026-03-02T07:00:00') =>
  cmd(at, systemActor('enrollment-timer'), { type: 'StartOffering', data: { offeringId } })
const attend = (who: Nip, day: string) =>
  cmd(`${day}T16:00:00`, admin, {
    type: 'RecordAttendance',
    data: { offeringId, nip: who, date: localDate(day), present: true },
  })
const week = ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06']

const events = (commands: readonly EnrollmentCommand[]): readonly EnrollmentEvent[] =>
  decided(enrollmentDecider(defaultPolicy), commands)
const rosterAfter = (commands: readonly EnrollmentCommand[], id = offeringId): OfferingRosterDocument | undefined =>
  foldProjection(offeringRosterProjection, recorded(enrollment.streamName(id), events(commands))).get(id)
const placeOf = (roster: OfferingRosterDocument | undefined, who: Nip) => roster?.places.find(p => p.nip === who)

describe('offering rosters', () => {
  it('an opened offering has an empty roster and a fill rate of 0', () => {
    const roster = rosterAfter([open()])
    expect(roster).toMatchObject({ offeringId, status: 'open', capacity: 2, jp: 24, takingPart: 0, fillRate: 0 })
    expect(roster?.places).toEqual([])
  })

  it('an approved place fills the offering; a pending request waits and does not count against capacity', () => {
    const roster = rosterAfter([open(), request(sari), request(rudi), approve(sari)])
    expect(roster).toMatchObject({ takingPart: 1, waiting: 1, fillRate: 0.5 })
    expect(placeOf(roster, sari)).toMatchObject({ status: 'approved', atasanNip: kepala, nominated: false })
    expect(placeOf(roster, rudi)?.status).toBe('pending')
  })

  it('an offering with every place approved is full: its fill rate is 1', () => {
    const roster = rosterAfter([open(), request(sari), request(rudi), approve(sari), approve(rudi)])
    expect(roster).toMatchObject({ takingPart: 2, fillRate: 1 })
  })

  it('a declined or withdrawn place gives its place back and keeps the reason', () => {
    const roster = rosterAfter([
      open(),
      request(sari),
      request(rudi),
      approve(sari),
      cmd('2026-02-12T09:00:00', atasan, {
        type: 'DeclinePlace',
        data: { offeringId, nip: rudi, reason: 'beban kerja unit' },
      }),
      cmd('2026-02-13T09:00:00', self(sari), {
        type: 'WithdrawPlace',
        data: { offeringId, nip: sari, reason: 'tugas lapangan' },
      }),
    ])
    expect(roster).toMatchObject({ takingPart: 0, fillRate: 0 })
    expect(placeOf(roster, rudi)).toMatchObject({ status: 'declined', reason: 'beban kerja unit' })
    expect(placeOf(roster, sari)).toMatchObject({ status: 'withdrawn', reason: 'tugas lapangan' })
  })

  it('starting the offering declines the places still pending', () => {
    const roster = rosterAfter([open(), request(sari), request(rudi), approve(sari), start()])
    expect(roster).toMatchObject({ status: 'started', startedAt: on('2026-03-02T07:00:00'), waiting: 0 })
    expect(placeOf(roster, rudi)?.status).toBe('declined')
  })

  it('cancelling an offering ends every pending and approved place, with the reason', () => {
    const roster = rosterAfter([
      open(),
      request(sari),
      request(rudi),
      approve(sari),
      cmd('2026-02-20T09:00:00', admin, {
        type: 'CancelOffering',
        data: { offeringId, reason: 'narasumber berhalangan' },
      }),
    ])
    expect(roster).toMatchObject({ status: 'cancelled', endedAt: on('2026-02-20T09:00:00'), takingPart: 0 })
    expect(roster?.places.map(p => [p.status, p.reason])).toEqual([
      ['cancelled', 'narasumber berhalangan'],
      ['cancelled', 'narasumber berhalangan'],
    ])
  })

  it('after the end each participant has an outcome: completed with attendance, or not completed with the reason', () => {
    const roster = rosterAfter([
      open(),
      request(sari),
      request(dewi),
      approve(sari),
      approve(dewi),
      start(),
      ...week.map(day => attend(sari, day)),
      attend(dewi, '2026-03-02'),
      cmd('2026-03-06T18:00:00', admin, { type: 'ConcludePlace', data: { offeringId } }),
      cmd('2026-03-07T09:00:00', admin, { type: 'CloseOffering', data: { offeringId } }),
    ])
    expect(roster).toMatchObject({ status: 'closed', takingPart: 2, fillRate: 1 })
    expect(placeOf(roster, sari)).toMatchObject({ status: 'completed', attendedDays: 5, sessionDays: 5 })
    expect(placeOf(roster, dewi)).toMatchObject({
      status: 'not-completed',
      notCompleted: 'attendance',
      attendedDays: 1,
    })
  })

  it('places are listed by NIP whatever the order of the requests', () => {
    const roster = rosterAfter(
      [
        open('pmwp-2026-iii', 3),
        ...[sari, rudi, dewi].map(who => request(who, '2026-02-10T10:00:00', 'pmwp-2026-iii')),
      ],
      'pmwp-2026-iii',
    )
    expect(roster?.places.map(p => p.nip)).toEqual([rudi, dewi, sari])
  })

  it('events of other aggregates touch no roster', () => {
    const [registered] = recorded('competency-199203152019032004', [
      {
        type: 'ProfileRegistered',
        data: {
          at: on('2026-01-05T08:00:00'),
          nip: sari,
          employeeType: 'PNS',
          unit: 'Puskesmas Belawan',
          position: { kind: 'pelaksana' },
          positionTitle: 'Pengadministrasi Umum',
        },
      },
    ])
    expect(registered === undefined ? ['missing'] : offeringRosterProjection.keysOf(registered)).toEqual([])
  })
})

describe('offering roster queries', () => {
  const second = 'pmwp-2026-iii'
  const docs = foldProjection(offeringRosterProjection, [
    ...recorded(enrollment.streamName(offeringId), events([open(), request(sari), approve(sari), start()])),
    ...recorded(
      enrollment.streamName(second),
      events([open(second, 4, '2026-02-16', '2026-02-18'), request(rudi, '2026-02-03T10:00:00', second)]),
      100n,
    ),
  ])
  const store = storeOf({ [offeringRosterProjection.name]: docs })

  it('reads one offering’s roster with the places still free', async () => {
    const roster = await offeringRoster(store, second)
    expect(roster).toMatchObject({ offeringId: second, capacity: 4, takingPart: 0, placesLeft: 4, waiting: 1 })
    expect(await offeringRoster(store, 'tidak-ada')).toBeUndefined()
  })

  it('lists rosters in order of their first day, or only those in one status', async () => {
    expect((await offeringRosterList(store)).map(r => r.offeringId)).toEqual([second, offeringId])
    expect((await offeringRosterList(store, 'started')).map(r => r.offeringId)).toEqual([offeringId])
  })

  it('a stored roster that does not decode is an error naming the read model and the key', async () => {
    const broken = storeOf({ [offeringRosterProjection.name]: new Map([[offeringId, { offeringId, fillRate: 2 }]]) })
    const read = offeringRoster(broken, offeringId)
    await expect(read).rejects.toBeInstanceOf(ReadModelDocumentError)
    await expect(read).rejects.toMatchObject({ projection: 'offering-rosters', key: offeringId })
  })
})

describe('offering roster properties', () => {
  it('for every reachable history, each place has the status core gives it, and the fill rate is taking part / capacity, never above 1', () => {
    fc.assert(
      fc.property(arbEnrollmentHistory(defaultPolicy), ({ events: history, state }) => {
        if (state.status === 'unopened') return
        const id = state.terms.offeringId
        const roster = foldProjection(offeringRosterProjection, recorded(enrollment.streamName(id), history)).get(id)
        expect(roster?.places.map(p => [p.nip, p.status])).toEqual(placesOf(state).map(p => [p.nip, p.status]))
        expect(roster?.takingPart).toBe(approvedPlaces(state))
        expect(roster?.fillRate).toBeLessThanOrEqual(1)
        expect(roster?.fillRate).toBeCloseTo(approvedPlaces(state) / state.terms.capacity, 12)
        expect(roster?.status).toBe(state.status)
      }),
      { numRuns: 150 },
    )
  })
})
