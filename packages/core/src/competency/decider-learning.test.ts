import { deciderSpec } from '@pembina/testkit'
import { describe, it } from 'vitest'
import { type Actor, defaultPolicy, instant, localDate, nip, policyConfig, systemActor } from '../shared/index.js'
import type { CompetencyCommandOf } from './commands.js'
import { competencyDecider } from './decider.js'
import type { CompetencyEventOf } from './events.js'
import type { LearningSource } from './learning-source.js'

const subject = nip('199001152015031002')
const pyb: Actor = { kind: 'asn', nip: nip('196608011988031001'), roles: ['asn', 'pyb'] }
const atasan: Actor = { kind: 'asn', nip: nip('197502152000122002'), roles: ['asn', 'atasan'] }
const trainingAdmin: Actor = { kind: 'asn', nip: nip('198203102006042004'), roles: ['asn', 'admin-pelatihan'] }
const selfAsAtasan: Actor = { kind: 'asn', nip: subject, roles: ['asn', 'atasan'] }
const system = systemActor('enrollment-policy')
const at = instant('2026-03-02T09:00:00+07:00')

const registered: CompetencyEventOf<'ProfileRegistered'> = {
  type: 'ProfileRegistered',
  data: {
    at,
    nip: subject,
    employeeType: 'PNS',
    unit: 'Dinas Kesehatan Kota Medan',
    position: { kind: 'pelaksana' },
    positionTitle: 'Pengelola Data Kesehatan',
    rank: 'II/c',
  },
}

type Credit = CompetencyCommandOf<'CreditLearning'>
const training: LearningSource = { kind: 'training', offeringId: 'manajemen-waktu-2026-II' }
const credit = (source: LearningSource, actor: Actor, data: Partial<Credit['data']> = {}): Credit => ({
  type: 'CreditLearning',
  at,
  actor,
  data: {
    nip: subject,
    source,
    minutes: 1080,
    form: 'pelatihan-teknis',
    completedOn: localDate('2026-02-27'),
    title: 'Pelatihan Manajemen Waktu dan Produktivitas',
    ...data,
  },
})
const credited = (
  command: Credit,
  sourceKey: string,
  activityKey: string,
  minutes = command.data.minutes,
): CompetencyEventOf<'LearningCredited'> => ({
  type: 'LearningCredited',
  data: { ...command.data, at, sourceKey, activityKey, minutes, year: Number(command.data.completedOn.slice(0, 4)) },
})
const session = (kind: 'mentoring-session' | 'mentoring-given'): LearningSource => ({
  kind,
  mentorshipId: 'dinkes-belawan-2026-001',
  sessionId: 's-3',
})

const spec = deciderSpec(competencyDecider(defaultPolicy))

describe('learning credited to the profile', () => {
  it('a completed training place is credited to the year it was completed', () => {
    const command = credit(training, system, { completedOn: localDate('2025-12-30') })
    spec
      .given(registered)
      .when(command)
      .thenEvents([credited(command, 'training:manajemen-waktu-2026-II', 'training:manajemen-waktu-2026-II')])
  })

  it('learning is credited once per source: crediting the same source again has no effect', () => {
    const first = credit(training, system)
    const again = credit(training, trainingAdmin, { minutes: 2000, title: 'Judul lain' })
    spec
      .given(registered, credited(first, 'training:manajemen-waktu-2026-II', 'training:x'))
      .when(again)
      .thenNothing()
  })

  it('a training place is credited by the system, a pyb or a training admin, not by the ASN', () => {
    spec
      .given(registered)
      .when(credit(training, pyb))
      .thenEvents([
        credited(credit(training, pyb), 'training:manajemen-waktu-2026-II', 'training:manajemen-waktu-2026-II'),
      ])
    spec
      .given(registered)
      .when(credit(training, { kind: 'asn', nip: subject, roles: ['asn'] }))
      .thenRejects('actor-not-allowed')
  })

  it('a mentoring session credits the mentee with its minutes, from the system only', () => {
    const command = credit(session('mentoring-session'), system, { minutes: 90, form: 'mentoring' })
    spec
      .given(registered)
      .when(command)
      .thenEvents([
        credited(command, 'mentoring-session:dinkes-belawan-2026-001/s-3', 'mentee:dinkes-belawan-2026-001'),
      ])
    spec
      .given(registered)
      .when({ ...command, actor: atasan })
      .thenRejects('actor-not-allowed')
  })

  it('mentoring another ASN counts as an activity but not as JP by default', () => {
    const command = credit(session('mentoring-given'), system, { minutes: 90, form: 'mentoring' })
    const key = 'mentoring-given:dinkes-belawan-2026-001/s-3'
    spec
      .given(registered)
      .when(command)
      .thenEvents([credited(command, key, 'mentor:dinkes-belawan-2026-001', 0)])
    deciderSpec(competencyDecider(policyConfig({ mentorCredit: 'activity-and-minutes' })))
      .given(registered)
      .when(command)
      .thenEvents([credited(command, key, 'mentor:dinkes-belawan-2026-001', 90)])
  })

  it('a self-reported activity is credited when verified by the atasan, never by the ASN themselves', () => {
    const report: LearningSource = { kind: 'self-reported', reportId: 'belajar-mandiri-07' }
    const command = credit(report, atasan, { form: 'belajar-mandiri', minutes: 135 })
    spec
      .given(registered)
      .when(command)
      .thenEvents([credited(command, 'self-reported:belajar-mandiri-07', 'self-reported:belajar-mandiri-07')])
    spec
      .given(registered)
      .when({ ...command, actor: selfAsAtasan })
      .thenRejects('actor-not-allowed')
  })

  it('learning cannot be completed after the day it is credited', () => {
    spec
      .given(registered)
      .when(credit(training, system, { completedOn: localDate('2026-03-03') }))
      .thenRejects('dated-in-future')
  })

  it('credited learning is a whole number of minutes from 0 to 100000', () => {
    spec
      .given(registered)
      .when(credit(training, system, { minutes: 12.5 }))
      .thenRejects('minutes-out-of-range')
  })
})

describe('participation in policy formulation', () => {
  const participate = (actor: Actor): CompetencyCommandOf<'RecordPolicyParticipation'> => ({
    type: 'RecordPolicyParticipation',
    at,
    actor,
    data: {
      nip: subject,
      consultationId: 'ranperwal-pelayanan-puskesmas',
      title: 'Konsultasi publik Ranperwal Pelayanan Puskesmas',
      participatedOn: localDate('2026-02-20'),
    },
  })
  const recorded = (minutes: number): CompetencyEventOf<'PolicyParticipationRecorded'> => ({
    type: 'PolicyParticipationRecorded',
    data: {
      ...participate(pyb).data,
      at,
      year: 2026,
      minutes,
      activityKey: 'policy:ranperwal-pelayanan-puskesmas',
    },
  })

  it('taking part in a policy consultation counts as an activity, not as JP unless configured', () => {
    spec
      .given(registered)
      .when(participate(atasan))
      .thenEvents([recorded(0)])
    deciderSpec(competencyDecider(policyConfig({ policyParticipationJp: 2 })))
      .given(registered)
      .when(participate(pyb))
      .thenEvents([recorded(90)])
  })

  it('the same participation recorded again changes nothing', () => {
    spec.given(registered, recorded(0)).when(participate(pyb)).thenNothing()
  })

  it('a participation is recorded by a pyb or an atasan', () => {
    spec.given(registered).when(participate(trainingAdmin)).thenRejects('actor-not-allowed')
  })
})
