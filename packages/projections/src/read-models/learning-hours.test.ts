import {
  annualLearning,
  type CompetencyCommand,
  competencyDecider,
  type CompetencyEvent,
  defaultPolicy,
  type EmployeeType,
  instant,
  jpToMinutes,
  type LearningSource,
  localDate,
  mapValues,
  type Nip,
  nip,
  policyConfig,
} from '@pembina/core'
import { arbCompetencyHistory, competencyOfficials } from '@pembina/testkit'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { learningHoursProjection, learningYearKey } from './learning-hours.js'
import { learningHours, learningHoursOfUnit } from './learning-hours-queries.js'
import { decided, foldProjection, inGlobalOrder, recorded, recordedProfile, storeOf } from './test-support.js'

const { pyb, atasan, system } = competencyOfficials
const sari = nip('199203152019032004') // PPPK at Puskesmas Belawan
const rudi = nip('198507122010011002') // PNS at Puskesmas Belawan
const dewi = nip('199001012015032003') // PNS at Kantor Camat Medan Belawan
const at = instant('2026-12-30T09:00:00+07:00')

const register = (who: Nip, employeeType: EmployeeType, unit = 'Puskesmas Belawan'): CompetencyCommand => ({
  type: 'RegisterProfile',
  at: instant('2026-01-05T08:00:00+07:00'),
  actor: pyb,
  data: { nip: who, employeeType, unit, position: { kind: 'pelaksana' }, positionTitle: 'Pengadministrasi Umum' },
})
const credit = (who: Nip, source: LearningSource, jp: number, completedOn = '2026-06-15'): CompetencyCommand => ({
  type: 'CreditLearning',
  at,
  actor: source.kind === 'self-reported' ? atasan : system,
  data: {
    nip: who,
    source,
    minutes: jpToMinutes(jp),
    form: source.kind === 'training' ? 'pelatihan-teknis' : 'e-learning',
    completedOn: localDate(completedOn),
    title: `Belajar ${source.kind}`,
    ...(source.kind === 'training' ? { competency: { type: 'teknis', code: 'T.KES.07' } } : {}),
  },
})
const training = (offeringId: string): LearningSource => ({ kind: 'training', offeringId })
const selfReport = (reportId: string): LearningSource => ({ kind: 'self-reported', reportId })

const historyOf = (commands: readonly CompetencyCommand[]): readonly CompetencyEvent[] =>
  decided(competencyDecider(defaultPolicy), commands)
const storeAfter = (...histories: readonly (readonly CompetencyEvent[])[]) =>
  storeOf({
    [learningHoursProjection.name]: foldProjection(
      learningHoursProjection,
      inGlobalOrder(histories.flatMap(events => recordedProfile(events))),
    ),
  })

describe('learning hours against the annual minimum', () => {
  it('a PPPK with 22 JP is below the minimum of 24 JP', async () => {
    const store = storeAfter(
      historyOf([register(sari, 'PPPK'), credit(sari, training('OFF-1'), 12), credit(sari, selfReport('R-1'), 10)]),
    )
    expect(await learningHours(store, sari, 2026, defaultPolicy)).toMatchObject({
      employeeType: 'PPPK',
      creditedJp: '22.0 JP',
      minimumJp: '24.0 JP',
      meetsMinimum: false,
      shortfallMinutes: jpToMinutes(2),
    })
  })

  it('a PNS with 20 JP meets the minimum of 20 JP', async () => {
    const store = storeAfter(
      historyOf([register(rudi, 'PNS'), credit(rudi, training('OFF-1'), 16), credit(rudi, selfReport('R-1'), 4)]),
    )
    expect(await learningHours(store, rudi, 2026, defaultPolicy)).toMatchObject({
      creditedMinutes: 900,
      minimumMinutes: 900,
      meetsMinimum: true,
      shortfallMinutes: 0,
    })
  })

  it('every JP is listed with its source, and the total is the sum of the sources', async () => {
    const store = storeAfter(
      historyOf([
        register(rudi, 'PNS'),
        credit(rudi, training('pmwp-2026-ii'), 8, '2026-03-06'),
        credit(rudi, { kind: 'mentoring-session', mentorshipId: 'dinkes-001', sessionId: 's1' }, 2, '2026-04-01'),
        credit(rudi, selfReport('R-7'), 3, '2026-05-02'),
      ]),
    )
    const hours = await learningHours(store, rudi, 2026, defaultPolicy)
    expect(hours?.sources.map(line => [line.key, line.minutes, line.source?.kind])).toEqual([
      ['training:pmwp-2026-ii', 360, 'training'],
      ['mentoring-session:dinkes-001/s1', 90, 'mentoring-session'],
      ['self-reported:R-7', 135, 'self-reported'],
    ])
    expect(hours?.sources[0]?.competency).toEqual({ type: 'teknis', code: 'T.KES.07' })
    expect(hours?.creditedMinutes).toBe(360 + 90 + 135)
    expect(hours?.activities).toEqual(['mentee:dinkes-001', 'self-reported:R-7', 'training:pmwp-2026-ii'])
  })

  it('learning counts toward the year it was completed, not the year it was credited', async () => {
    const store = storeAfter(historyOf([register(rudi, 'PNS'), credit(rudi, training('OFF-2025'), 20, '2025-12-19')]))
    expect((await learningHours(store, rudi, 2025, defaultPolicy))?.creditedMinutes).toBe(900)
    expect((await learningHours(store, rudi, 2026, defaultPolicy))?.creditedMinutes).toBe(0)
  })

  it('a credit delivered twice to the read model still counts once', async () => {
    const events = historyOf([register(rudi, 'PNS'), credit(rudi, training('OFF-1'), 20)])
    const [registered, credited] = recorded('competency-rudi', events)
    if (registered === undefined || credited === undefined) throw new Error('expected two events')
    const docs = foldProjection(learningHoursProjection, [registered, credited, credited])
    expect(docs.get(learningYearKey(rudi, 2026))).toMatchObject({ credits: [{ sourceKey: 'training:OFF-1' }] })
    const hours = await learningHours(storeOf({ [learningHoursProjection.name]: docs }), rudi, 2026, defaultPolicy)
    expect(hours).toMatchObject({ creditedMinutes: 900, sources: [{ key: 'training:OFF-1' }] })
  })

  it('taking part in a policy consultation is an activity without JP, unless the agency gives it JP', async () => {
    const consult = (config = defaultPolicy) =>
      decided(competencyDecider(config), [
        register(rudi, 'PNS'),
        {
          type: 'RecordPolicyParticipation',
          at,
          actor: atasan,
          data: {
            nip: rudi,
            consultationId: 'KONS-2026-01',
            title: 'Konsultasi publik RPJMD Kota Medan',
            participatedOn: localDate('2026-02-10'),
          },
        },
      ])
    const plain = await learningHours(storeAfter(consult()), rudi, 2026, defaultPolicy)
    expect(plain).toMatchObject({ creditedMinutes: 0, activities: ['policy:KONS-2026-01'] })
    expect(plain?.sources).toMatchObject([{ kind: 'policy-participation', source: null, minutes: 0 }])
    const paid = await learningHours(
      storeAfter(consult(policyConfig({ policyParticipationJp: 2 }))),
      rudi,
      2026,
      defaultPolicy,
    )
    expect(paid?.creditedMinutes).toBe(90)
  })

  it('a year without learning shows 0 JP against the minimum; a NIP without a profile has no learning hours', async () => {
    const store = storeAfter(historyOf([register(sari, 'PPPK')]))
    expect(await learningHours(store, sari, 2026, defaultPolicy)).toMatchObject({
      creditedMinutes: 0,
      minimumMinutes: 1080,
      meetsMinimum: false,
      sources: [],
    })
    expect(await learningHours(store, rudi, 2026, defaultPolicy)).toBeUndefined()
  })

  it('the annual minimum is the agency’s: with 16 JP for PPPK, 22 JP meets it', async () => {
    const store = storeAfter(historyOf([register(sari, 'PPPK'), credit(sari, training('OFF-1'), 22)]))
    const hours = await learningHours(store, sari, 2026, policyConfig({ annualMinimumJp: { PPPK: 16 } }))
    expect(hours).toMatchObject({ minimumJp: '16.0 JP', meetsMinimum: true })
  })
})

describe('learning hours by unit', () => {
  const store = storeAfter(
    historyOf([register(sari, 'PPPK'), credit(sari, training('OFF-1'), 24)]),
    historyOf([register(rudi, 'PNS'), credit(rudi, training('OFF-1'), 12)]),
    historyOf([register(dewi, 'PNS', 'Kantor Camat Medan Belawan'), credit(dewi, training('OFF-1'), 30)]),
  )

  it('lists each ASN of the unit by NIP, with their hours against their own minimum', async () => {
    const unit = await learningHoursOfUnit(store, 'Puskesmas Belawan', 2026, defaultPolicy)
    expect(unit.map(hours => [hours.nip, hours.creditedJp, hours.minimumJp, hours.meetsMinimum])).toEqual([
      [rudi, '12.0 JP', '20.0 JP', false],
      [sari, '24.0 JP', '24.0 JP', true],
    ])
  })

  it('an ASN moved to another unit is listed under the new unit', async () => {
    const moved = storeAfter(
      historyOf([
        register(rudi, 'PNS'),
        credit(rudi, training('OFF-1'), 12),
        {
          type: 'ChangePosition',
          at,
          actor: pyb,
          data: {
            nip: rudi,
            position: { kind: 'pelaksana' },
            positionTitle: 'Pengelola Data',
            unit: 'Pustu Sicanang',
          },
        },
      ]),
    )
    expect((await learningHoursOfUnit(moved, 'Pustu Sicanang', 2026, defaultPolicy)).map(hours => hours.nip)).toEqual([
      rudi,
    ])
    expect(await learningHoursOfUnit(moved, 'Puskesmas Belawan', 2026, defaultPolicy)).toEqual([])
  })

  it('a year’s document lives under NIP/year and an ASN’s under the NIP', () => {
    const events = recorded('competency-x', historyOf([register(rudi, 'PNS'), credit(rudi, training('A'), 1)]))
    expect(events.map(event => learningHoursProjection.keysOf(event))).toEqual([
      [rudi],
      [rudi, learningYearKey(rudi, 2026)],
    ])
  })
})

describe('learning hours properties', () => {
  it('for every reachable profile and year, the total is the sum of the sources and equals core’s annual learning', async () => {
    await fc.assert(
      fc.asyncProperty(arbCompetencyHistory(defaultPolicy), async ({ events, state }) => {
        if (state.status !== 'registered') return
        const store = storeAfter(events)
        const years = new Set([
          2026,
          ...mapValues(state.credits).map(credit => credit.year),
          ...Object.values(state.policyParticipations).map(participation => participation.year),
        ])
        for (const year of years) {
          const hours = await learningHours(store, state.nip, year, defaultPolicy)
          expect(hours?.creditedMinutes).toBe(hours?.sources.reduce((sum, line) => sum + line.minutes, 0))
          expect(hours?.creditedMinutes).toBe(annualLearning(state, year).creditedMinutes)
          expect(hours?.sources.map(line => line.key)).toEqual(annualLearning(state, year).sources.map(l => l.key))
        }
      }),
      { numRuns: 100 },
    )
  })
})
