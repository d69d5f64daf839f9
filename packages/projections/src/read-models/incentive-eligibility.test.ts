import {
  type CompetencyCommand,
  competencyDecider,
  type CompetencyEvent,
  defaultPolicy,
  type EmployeeType,
  incentiveEligibility as coreEligibility,
  instant,
  jpToMinutes,
  type LearningSource,
  localDate,
  mapValues,
  type MentorshipCommand,
  mentorshipDecider,
  type Nip,
  nip,
  type PolicyConfig,
  policyConfig,
  reactTo,
  systemActor,
} from '@pembina/core'
import { arbCompetencyHistory, asnActor, competencyOfficials } from '@pembina/testkit'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { incentiveEligibility, incentiveEligibilityOfUnit } from './incentive-eligibility.js'
import { learningHoursProjection } from './learning-hours.js'
import { decided, foldProjection, inGlobalOrder, recordedProfile, storeOf } from './test-support.js'

const { pyb, atasan, system } = competencyOfficials
const rudi = nip('198507122010011002') // PNS at Puskesmas Belawan, also a mentor
const sari = nip('199203152019032004') // PPPK at Puskesmas Belawan
const at = instant('2026-12-30T09:00:00+07:00')

const register = (who: Nip, employeeType: EmployeeType = 'PNS'): CompetencyCommand => ({
  type: 'RegisterProfile',
  at: instant('2026-01-05T08:00:00+07:00'),
  actor: pyb,
  data: {
    nip: who,
    employeeType,
    unit: 'Puskesmas Belawan',
    position: { kind: 'pelaksana' },
    positionTitle: 'Pengadministrasi Umum',
  },
})
const credit = (who: Nip, source: LearningSource, jp: number): CompetencyCommand => ({
  type: 'CreditLearning',
  at,
  actor: source.kind === 'self-reported' ? atasan : system,
  data: {
    nip: who,
    source,
    minutes: jpToMinutes(jp),
    form: 'e-learning',
    completedOn: localDate('2026-06-15'),
    title: 'Belajar',
  },
})
const training = (offeringId: string): LearningSource => ({ kind: 'training', offeringId })

/** The mentor's credits for one session, as core's mentoring policy issues them after a session is logged. */
const mentoringCredits = (mentor: Nip, mentee: Nip, config: PolicyConfig): readonly CompetencyCommand[] => {
  const asMentor = asnActor(mentor, 'asn', 'mentor')
  const commands: readonly MentorshipCommand[] = [
    {
      type: 'ProposeMentorship',
      at: instant('2026-03-02T09:00:00+07:00'),
      actor: asnActor(mentee, 'asn'),
      data: {
        mentorshipId: 'puskesmas-001',
        form: 'mentoring',
        mentor: { nip: mentor },
        mentee: { nip: mentee },
        unit: 'Puskesmas Belawan',
        goals: [{ goalId: 'laporan', description: 'Menyusun laporan kegiatan' }],
        plannedSessions: 2,
      },
    },
    {
      type: 'AcceptMentorship',
      at: instant('2026-03-03T09:00:00+07:00'),
      actor: asMentor,
      data: { mentorshipId: 'puskesmas-001' },
    },
    {
      type: 'ConfirmMentorship',
      at: instant('2026-03-03T09:00:00+07:00'),
      actor: systemActor('policy:mentor-capacity'),
      data: { mentorshipId: 'puskesmas-001', request: 1 },
    },
    {
      type: 'LogSession',
      at: instant('2026-03-10T16:00:00+07:00'),
      actor: asMentor,
      data: {
        mentorshipId: 'puskesmas-001',
        sessionId: 's1',
        date: localDate('2026-03-10'),
        minutes: 90,
        topic: 'Laporan kegiatan',
      },
    },
  ]
  return decided(mentorshipDecider(config), commands)
    .flatMap(event => reactTo(event, config))
    .flatMap(({ command }) => (command.type === 'CreditLearning' && command.data.nip === mentor ? [command] : []))
}

const storeAfter = (histories: readonly (readonly CompetencyEvent[])[]) =>
  storeOf({
    [learningHoursProjection.name]: foldProjection(
      learningHoursProjection,
      inGlobalOrder(histories.flatMap(events => recordedProfile(events))),
    ),
  })
const profile = (commands: readonly CompetencyCommand[], config = defaultPolicy) =>
  decided(competencyDecider(config), commands)

describe('incentive eligibility', () => {
  it('a PNS with 20 JP from two activities is eligible for the development incentive', async () => {
    const store = storeAfter([
      profile([register(rudi), credit(rudi, training('OFF-1'), 16), credit(rudi, training('OFF-2'), 4)]),
    ])
    expect(await incentiveEligibility(store, rudi, 2026, defaultPolicy)).toMatchObject({
      nip: rudi,
      unit: 'Puskesmas Belawan',
      eligible: true,
      activities: 2,
      reasons: [],
    })
  })

  it('a PNS with 20 JP from a single activity is not eligible', async () => {
    const store = storeAfter([profile([register(rudi), credit(rudi, training('OFF-1'), 20)])])
    expect(await incentiveEligibility(store, rudi, 2026, defaultPolicy)).toMatchObject({
      eligible: false,
      reasons: ['1 distinct activities, at least 2 needed'],
    })
  })

  it('a PPPK with 22 JP from two activities is not eligible: below the minimum of 24 JP', async () => {
    const store = storeAfter([
      profile([register(sari, 'PPPK'), credit(sari, training('OFF-1'), 12), credit(sari, training('OFF-2'), 10)]),
    ])
    expect(await incentiveEligibility(store, sari, 2026, defaultPolicy)).toMatchObject({
      eligible: false,
      minimumMinutes: 1080,
      reasons: ['credited 22.0 JP is below the annual minimum of 24.0 JP for PPPK'],
    })
  })

  it('acting as a mentor counts as an activity, without JP by default', async () => {
    const sessions = mentoringCredits(rudi, sari, defaultPolicy)
    const store = storeAfter([profile([register(rudi), credit(rudi, training('OFF-1'), 20), ...sessions])])
    expect(await incentiveEligibility(store, rudi, 2026, defaultPolicy)).toMatchObject({
      eligible: true,
      creditedMinutes: 900,
      activities: 2,
    })
  })

  it('the minimum and the activities needed are the agency’s to set', async () => {
    const store = storeAfter([profile([register(rudi), credit(rudi, training('OFF-1'), 12)])])
    const lenient = policyConfig({ minActivities: 1, annualMinimumJp: { PNS: 12 } })
    expect(await incentiveEligibility(store, rudi, 2026, lenient)).toMatchObject({ eligible: true })
    expect(await incentiveEligibility(store, rudi, 2026, defaultPolicy)).toMatchObject({ eligible: false })
  })

  it('a NIP without a profile is not in the read model', async () => {
    expect(await incentiveEligibility(storeAfter([]), rudi, 2026, defaultPolicy)).toBeUndefined()
  })

  it('a unit’s list names every ASN of the unit, eligible or not, with the reasons', async () => {
    const store = storeAfter([
      profile([register(rudi), credit(rudi, training('OFF-1'), 16), credit(rudi, training('OFF-2'), 4)]),
      profile([register(sari, 'PPPK')]),
    ])
    const unit = await incentiveEligibilityOfUnit(store, 'Puskesmas Belawan', 2026, defaultPolicy)
    expect(unit.map(line => [line.nip, line.eligible, line.reasons.length])).toEqual([
      [rudi, true, 0],
      [sari, false, 2],
    ])
  })
})

describe('incentive eligibility properties', () => {
  it('for every reachable profile and year, the read model’s eligibility is core’s eligibility of the whole profile', async () => {
    const config = policyConfig({ minActivities: 2, annualMinimumJp: { PNS: 3, PPPK: 4 } })
    await fc.assert(
      fc.asyncProperty(arbCompetencyHistory(config), async ({ events, state }) => {
        if (state.status !== 'registered') return
        const store = storeAfter([events])
        const years = new Set([2026, ...mapValues(state.credits).map(credit => credit.year)])
        for (const year of years) {
          expect(await incentiveEligibility(store, state.nip, year, config)).toEqual({
            nip: state.nip,
            unit: state.employment.unit,
            employeeType: state.employment.employeeType,
            ...coreEligibility(state, year, config),
          })
        }
      }),
      { numRuns: 100 },
    )
  })
})
