import {
  type Actor,
  complaint as complaints,
  type ComplaintCommand,
  complaintDecider,
  type ComplaintEvent,
  defaultPolicy,
  type Instant,
  instant,
  localDate,
  nextDeadlines,
  nip,
  type PolicyConfig,
  policyConfig,
} from '@pembina/core'
import { arbComplaintHistory } from '@pembina/testkit'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { complaintBoardProjection } from './complaint-board.js'
import { complaintBoard, complaintBreachesByUnit, complaintOnBoard } from './complaint-board-queries.js'
import { decided, foldProjection, inGlobalOrder, recorded, storeOf } from './test-support.js'

// Complaints about Puskesmas Belawan filed from Thursday 13 August 2026; working days are Monday to Friday unless
// the agency's calendar adds holidays (17 August is Independence Day).
const puskesmas = 'Puskesmas Belawan'
const pustu = 'Pustu Sicanang'
const deskNip = nip('196608011988031001')
const officerNip = nip('197505122001121002')
const desk: Actor = { kind: 'asn', nip: deskNip, roles: ['asn', 'admin-pengaduan'] }
const officer: Actor = { kind: 'asn', nip: officerNip, roles: ['asn'] }
const citizen: Actor = { kind: 'citizen', subjectId: 'warga-0042' }
const timer: Actor = { kind: 'system', process: 'complaint-deadlines' }
const wib = (text: string): Instant => instant(`${text}+07:00`)
const endOf = (date: string): Instant => instant(`${date}T23:59:59.999+07:00`)
const withIndependenceDay = policyConfig({ holidays: [localDate('2026-08-17')] })

/** A command as the tests write it: without the instant and the actor, which `on` adds. */
type Issued = ComplaintCommand extends infer C ? (C extends ComplaintCommand ? Omit<C, 'at' | 'actor'> : never) : never
const on = (at: string, actor: Actor, command: Issued): ComplaintCommand => ({ ...command, at: wib(at), actor })

/** A free text sealed for the complainant (a stand-in envelope: the board never holds nor opens one). */
const said = (clear: string) =>
  ({
    subjectId: 'warga-0042',
    keyId: 'k-1',
    algorithm: 'AES-256-GCM',
    ciphertext: Buffer.from(clear.padEnd(28)).toString('base64'),
  }) as const

/** The commands on one complaint, each written with its instant (WIB) and what it does. */
const complaint = (complaintId: string, number: number) => {
  const id = { complaintId }
  return {
    file: (at = '2026-08-13T10:00:00') =>
      on(at, citizen, {
        type: 'FileComplaint',
        data: {
          ...id,
          trackingId: `BLW-2026-${String(number).padStart(6, '0')}`,
          unit: puskesmas,
          category: 'pengaduan',
          description: said('Antrean di loket pendaftaran lebih dari tiga jam.'),
          serviceDate: localDate('2026-08-10'),
          channel: 'web',
          anonymous: false,
          confidential: false,
          complainant: { subjectId: 'warga-0042', keyId: 'k-1', algorithm: 'AES-256-GCM', ciphertext: 'c2VjcmV0' },
        },
      }),
    verify: (at = '2026-08-14T09:00:00') => on(at, desk, { type: 'VerifyComplaint', data: id }),
    dispose: (at = '2026-08-17T09:00:00', unit = pustu) =>
      on(at, desk, { type: 'DisposeComplaint', data: { ...id, unit, officerNip } }),
    followUp: (at = '2026-08-18T09:00:00') =>
      on(at, officer, {
        type: 'RecordFollowUp',
        data: { ...id, followUpId: 'tl-1', text: said('Loket tambahan dibuka.') },
      }),
    decide: (at = '2026-08-20T09:00:00') =>
      on(at, officer, {
        type: 'DecideComplaint',
        data: { ...id, decision: said('Pengaduan diterima.'), upheld: true },
      }),
    rate: (rating: number, at = '2026-08-21T09:00:00') =>
      on(at, citizen, { type: 'RateSatisfaction', data: { ...id, rating } }),
    archive: (at: string) => on(at, desk, { type: 'ArchiveComplaint', data: { ...id, reason: 'Duplikat.' } }),
    check: (at: string) => on(at, timer, { type: 'CheckDeadlines', data: id }),
  }
}
const c1 = complaint('c-2026-00042', 42)
const c2 = complaint('c-2026-00043', 43)

const eventsOf = (commands: readonly ComplaintCommand[], config: PolicyConfig = defaultPolicy) =>
  decided(complaintDecider(config), commands)
const storeAfter = (...histories: readonly (readonly ComplaintEvent[])[]) =>
  storeOf({
    [complaintBoardProjection.name]: foldProjection(
      complaintBoardProjection,
      inGlobalOrder(histories.flatMap((events, i) => recorded(complaints.streamName(`${i}`), events))),
    ),
  })

describe('complaint SLA board: open complaints and their next deadline', () => {
  it('a complaint received on Thursday is due for verification 3 working days later: 3 working days are left', async () => {
    const board = await complaintBoard(
      storeAfter(eventsOf([c1.file()])),
      puskesmas,
      wib('2026-08-13T12:00:00'),
      defaultPolicy,
    )
    expect(board.open.map(c => [c.trackingId, c.status, c.next])).toEqual([
      [
        'BLW-2026-000042',
        'received',
        { stage: 'verification', dueAt: endOf('2026-08-18'), responsibleNip: null, workingDaysLeft: 3, overdue: false },
      ],
    ])
  })

  it('with Independence Day in the agency’s calendar, verification falls due a working day later', async () => {
    const store = storeAfter(eventsOf([c1.file()], withIndependenceDay))
    const board = await complaintBoard(store, puskesmas, wib('2026-08-13T12:00:00'), withIndependenceDay)
    expect(board.open[0]?.next).toMatchObject({ dueAt: endOf('2026-08-19'), workingDaysLeft: 3 })
  })

  it('on its due day a deadline has 0 working days left; past it, it is overdue before the timer records it', async () => {
    const store = storeAfter(eventsOf([c1.file()]))
    const dueDay = await complaintOnBoard(store, 'c-2026-00042', wib('2026-08-18T16:00:00'), defaultPolicy)
    expect(dueDay?.next).toMatchObject({ workingDaysLeft: 0, overdue: false })
    const late = await complaintOnBoard(store, 'c-2026-00042', wib('2026-08-20T09:00:00'), defaultPolicy)
    expect(late?.next).toMatchObject({ workingDaysLeft: -2, overdue: true })
    expect(late?.breaches).toEqual([])
  })

  it('past a Friday deadline on the weekend, no working day has gone by: 0 left (not -0), and overdue', async () => {
    // Filed on Tuesday 18 August: verification falls due at the end of Friday 21 August.
    const store = storeAfter(eventsOf([c1.file('2026-08-18T10:00:00')]))
    const saturday = await complaintOnBoard(store, 'c-2026-00042', wib('2026-08-22T10:00:00'), defaultPolicy)
    expect(saturday?.next).toMatchObject({ dueAt: endOf('2026-08-21'), overdue: true })
    expect(Object.is(saturday?.next?.workingDaysLeft, 0)).toBe(true)
  })

  it('a routed complaint is on the board of the unit it was routed to, with the follow-up due 5 working days later', async () => {
    const store = storeAfter(eventsOf([c1.file(), c1.verify(), c1.dispose()]))
    expect((await complaintBoard(store, puskesmas, wib('2026-08-17T10:00:00'), defaultPolicy)).open).toEqual([])
    const board = await complaintBoard(store, pustu, wib('2026-08-17T10:00:00'), defaultPolicy)
    expect(board.open[0]?.deadlines.map(d => [d.stage, d.dueAt, d.responsibleNip, d.workingDaysLeft])).toEqual([
      ['follow-up', endOf('2026-08-24'), officerNip, 5],
      ['decision', endOf('2026-10-13'), officerNip, 41],
    ])
  })

  it('open complaints are listed with the deadline falling due first at the top', async () => {
    const store = storeAfter(eventsOf([c1.file('2026-08-13T10:00:00')]), eventsOf([c2.file('2026-08-12T10:00:00')]))
    const board = await complaintBoard(store, puskesmas, wib('2026-08-13T12:00:00'), defaultPolicy)
    expect(board.open.map(c => c.complaintId)).toEqual(['c-2026-00043', 'c-2026-00042'])
  })
})

describe('complaint SLA board: breaches, resolution time and satisfaction', () => {
  it('a deadline the timer recorded as missed is a breach; the stage stays open until it is done', async () => {
    const store = storeAfter(eventsOf([c1.file(), c1.check('2026-08-19T00:00:00')]))
    const board = await complaintBoard(store, puskesmas, wib('2026-08-19T08:00:00'), defaultPolicy)
    expect(board.breaches).toEqual({
      total: 1,
      byStage: { verification: 1, 'follow-up': 0, decision: 0, notification: 0 },
    })
    expect(board.open[0]?.breaches).toEqual([
      {
        stage: 'verification',
        dueAt: endOf('2026-08-18'),
        recordedAt: wib('2026-08-19T00:00:00'),
        unit: puskesmas,
        responsibleNip: null,
      },
    ])
    expect(board.open[0]?.next).toMatchObject({ stage: 'verification', overdue: true })
  })

  it('an archived complaint leaves the open list, and its breach still counts', async () => {
    const store = storeAfter(eventsOf([c1.file(), c1.check('2026-08-19T00:00:00'), c1.archive('2026-08-19T09:00:00')]))
    const board = await complaintBoard(store, puskesmas, wib('2026-08-19T10:00:00'), defaultPolicy)
    expect(board.open).toEqual([])
    expect(board.breaches.total).toBe(1)
  })

  it('resolution time is counted in working days from receipt to decision, and satisfaction is averaged', async () => {
    const store = storeAfter(
      eventsOf([c1.file(), c1.verify(), c1.dispose(), c1.followUp(), c1.decide(), c1.rate(4)]),
      eventsOf([
        c2.file(),
        c2.verify(),
        c2.dispose(),
        c2.followUp(),
        c2.decide('2026-08-27T09:00:00'),
        c2.rate(2, '2026-08-28T09:00:00'),
      ]),
    )
    const board = await complaintBoard(store, pustu, wib('2026-08-31T09:00:00'), defaultPolicy)
    expect(board.resolution).toEqual({ decided: 2, averageWorkingDays: 7.5, longestWorkingDays: 10 })
    expect(board.satisfaction).toEqual({ rated: 2, average: 3, distribution: [0, 1, 0, 1, 0] })
  })

  it('breaches by unit count each miss under the unit named when it was missed', async () => {
    const store = storeAfter(
      eventsOf([
        c1.file(),
        c1.check('2026-08-19T00:00:00'),
        c1.verify('2026-08-19T09:00:00'),
        c1.dispose('2026-08-19T10:00:00'),
        c1.check('2026-08-27T00:00:00'),
      ]),
    )
    expect(await complaintBreachesByUnit(store)).toEqual([
      { unit: puskesmas, total: 1, byStage: { verification: 1, 'follow-up': 0, decision: 0, notification: 0 } },
      { unit: pustu, total: 1, byStage: { verification: 0, 'follow-up': 1, decision: 0, notification: 0 } },
    ])
  })

  it('the board keeps neither the complainant’s identity nor the texts of the complaint and its decision', () => {
    const docs = foldProjection(
      complaintBoardProjection,
      recorded('complaint-c-2026-00042', eventsOf([c1.file(), c1.verify(), c1.dispose(), c1.followUp(), c1.decide()])),
    )
    const stored = JSON.stringify([...docs.values()])
    for (const secret of ['warga-0042', 'c2VjcmV0', 'Antrean', 'Loket tambahan', 'Pengaduan diterima'])
      expect(stored).not.toContain(secret)
  })
})

describe('complaint SLA board properties', () => {
  it('for every reachable complaint, the board’s deadlines are core’s next deadlines and its breaches the misses recorded', async () => {
    await fc.assert(
      fc.asyncProperty(arbComplaintHistory(defaultPolicy), async ({ events, state }) => {
        if (state.status === 'not-filed') return
        const store = storeAfter(events)
        const asOf = state.lastAt
        const onBoard = await complaintOnBoard(store, state.complaintId, asOf, defaultPolicy)
        expect(onBoard?.status).toBe(state.status)
        expect(
          onBoard?.deadlines.map(({ stage, dueAt, responsibleNip }) => ({ stage, dueAt, responsibleNip })),
        ).toEqual([...nextDeadlines(state, defaultPolicy)].sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt)))
        expect(Object.fromEntries(onBoard?.breaches.map(breach => [breach.stage, breach.dueAt]) ?? [])).toEqual(
          state.missed,
        )
        for (const { overdue, workingDaysLeft } of onBoard?.deadlines ?? [])
          expect(overdue ? workingDaysLeft <= 0 : workingDaysLeft >= 0).toBe(true)
      }),
      { numRuns: 150 },
    )
  })
})
