import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  type Actor,
  type Competency,
  defaultPolicy,
  type EmployeeType,
  instant,
  jpToMinutes,
  localDate,
  nip,
  type PolicyConfig,
  policyConfig,
  systemActor,
} from '../shared/index.js'
import type { CompetencyCommand } from './commands.js'
import { competencyDecider } from './decider.js'
import { annualLearning, competencyGaps, incentiveEligibility } from './eligibility.js'
import type { LearningSource } from './learning-source.js'
import type { CompetencyState } from './state.js'

const subject = nip('199001152015031002')
const pyb: Actor = { kind: 'asn', nip: nip('196608011988031001'), roles: ['asn', 'pyb'] }
const atasan: Actor = { kind: 'asn', nip: nip('197502152000122002'), roles: ['asn', 'atasan'] }
const assessor: Actor = { kind: 'asn', nip: nip('198001012005011003'), roles: ['asn', 'assessor'] }
const system = systemActor('competency-policy')
const at = instant('2026-12-30T09:00:00+07:00')

const register = (employeeType: EmployeeType): CompetencyCommand => ({
  type: 'RegisterProfile',
  at,
  actor: pyb,
  data: {
    nip: subject,
    employeeType,
    unit: 'Puskesmas Belawan',
    position: { kind: 'pelaksana' },
    positionTitle: 'Pengadministrasi',
  },
})
const credit = (source: LearningSource, minutes: number, completedOn = '2026-06-15'): CompetencyCommand => ({
  type: 'CreditLearning',
  at,
  actor: source.kind === 'self-reported' ? atasan : system,
  data: { nip: subject, source, minutes, form: 'e-learning', completedOn: localDate(completedOn), title: 'Belajar' },
})
const training = (offeringId: string): LearningSource => ({ kind: 'training', offeringId })
const selfReport = (reportId: string): LearningSource => ({ kind: 'self-reported', reportId })

/** The state after every command, each of which must be accepted. */
const profileAfter = (
  commands: readonly CompetencyCommand[],
  config: PolicyConfig = defaultPolicy,
): CompetencyState => {
  const decider = competencyDecider(config)
  return commands.reduce((state, command) => {
    const decision = decider.decide(command, state)
    if (E.isLeft(decision)) throw new Error(`${command.type} refused: ${decision.left.message}`)
    return decision.right.reduce(decider.evolve, state)
  }, decider.initialState)
}

describe('incentives for active ASN', () => {
  it('a PPPK with 22 JP is below the minimum', () => {
    const state = profileAfter([
      register('PPPK'),
      credit(training('OFF-1'), jpToMinutes(12)),
      credit(selfReport('R-1'), jpToMinutes(10)),
    ])
    const result = incentiveEligibility(state, 2026, defaultPolicy)
    expect(result).toMatchObject({ eligible: false, creditedMinutes: 990, minimumMinutes: 1080, activities: 2 })
    expect(result.reasons).toEqual(['credited 22.0 JP is below the annual minimum of 24.0 JP for PPPK'])
  })

  it('a PNS with 20 JP and two activities is eligible', () => {
    const state = profileAfter([
      register('PNS'),
      credit(training('OFF-1'), jpToMinutes(16)),
      credit(selfReport('R-1'), jpToMinutes(4)),
    ])
    expect(incentiveEligibility(state, 2026, defaultPolicy)).toEqual({
      year: 2026,
      period: { basis: 'calendar-year', from: localDate('2026-01-01'), to: localDate('2026-12-31') },
      eligible: true,
      creditedMinutes: 900,
      minimumMinutes: 900,
      activities: 2,
      minActivities: 2,
      reasons: [],
    })
  })

  it('a PNS with 20 JP from a single activity is not eligible', () => {
    const state = profileAfter([register('PNS'), credit(training('OFF-1'), jpToMinutes(20))])
    expect(incentiveEligibility(state, 2026, defaultPolicy).reasons).toEqual([
      '1 distinct activities, at least 2 needed',
    ])
  })

  it('mentoring another ASN counts as an activity but not as JP by default', () => {
    const given: LearningSource = { kind: 'mentoring-given', mentorshipId: 'MS-1', sessionId: 'S-1' }
    const state = profileAfter([register('PNS'), credit(training('OFF-1'), jpToMinutes(20)), credit(given, 120)])
    expect(incentiveEligibility(state, 2026, defaultPolicy)).toMatchObject({
      eligible: true,
      creditedMinutes: 900,
      activities: 2,
    })
  })

  it('sessions of one mentorship count as one activity', () => {
    const session = (sessionId: string): LearningSource => ({
      kind: 'mentoring-session',
      mentorshipId: 'MS-1',
      sessionId,
    })
    const state = profileAfter([register('PNS'), credit(session('S-1'), 450), credit(session('S-2'), 450)])
    expect(incentiveEligibility(state, 2026, defaultPolicy)).toMatchObject({
      eligible: false,
      creditedMinutes: 900,
      activities: 1,
    })
  })

  it('learning counts toward the year it was completed', () => {
    const state = profileAfter([
      register('PNS'),
      credit(training('OFF-1'), 600, '2025-12-31'),
      credit(training('OFF-2'), 300),
    ])
    expect([annualLearning(state, 2025).creditedMinutes, annualLearning(state, 2026).creditedMinutes]).toEqual([
      600, 300,
    ])
  })

  it('taking part in policy formulation counts as an activity of its year', () => {
    const participate: CompetencyCommand = {
      type: 'RecordPolicyParticipation',
      at,
      actor: atasan,
      data: {
        nip: subject,
        consultationId: 'KONS-1',
        title: 'Konsultasi publik',
        participatedOn: localDate('2026-05-02'),
      },
    }
    const commands = [register('PNS'), credit(training('OFF-1'), 900), participate]
    expect(incentiveEligibility(profileAfter(commands), 2026, defaultPolicy)).toMatchObject({
      eligible: true,
      activities: 2,
    })
    const jp = policyConfig({ policyParticipationJp: 3 })
    expect(annualLearning(profileAfter(commands, jp), 2026).creditedMinutes).toBe(1035)
  })

  it('every credited minute is traced to its source', () => {
    const state = profileAfter([
      register('PNS'),
      credit(training('OFF-1'), 600),
      credit(selfReport('R-1'), 300, '2026-02-01'),
    ])
    expect(annualLearning(state, 2026).sources.map(line => [line.key, line.minutes, line.on])).toEqual([
      ['self-reported:R-1', 300, '2026-02-01'],
      ['training:OFF-1', 600, '2026-06-15'],
    ])
  })

  it('the annual minimum and the activities needed are configurable', () => {
    const state = profileAfter([register('PNS'), credit(training('OFF-1'), jpToMinutes(10))])
    const relaxed = policyConfig({ annualMinimumJp: { PNS: 10 }, minActivities: 1 })
    expect(incentiveEligibility(state, 2026, relaxed)).toMatchObject({ eligible: true, minimumMinutes: 450 })
  })

  it('an ASN without a profile is not eligible', () => {
    expect(incentiveEligibility(competencyDecider(defaultPolicy).initialState, 2026, defaultPolicy).eligible).toBe(
      false,
    )
  })
})

describe('competency gaps', () => {
  it('the gap is the required level minus the latest assessed level, the whole level when not assessed', () => {
    const integritas: Competency = { type: 'manajerial', code: 'M.01' }
    const kesehatan: Competency = { type: 'teknis', code: 'T.KES.07' }
    const pelayanan: Competency = { type: 'manajerial', code: 'M.05' }
    const assess = (assessmentId: string, competency: Competency, level: number): CompetencyCommand => ({
      type: 'AssessCompetency',
      at,
      actor: assessor,
      data: { nip: subject, assessmentId, competency, level },
    })
    const state = profileAfter([
      register('PNS'),
      {
        type: 'SetCompetencyStandard',
        at,
        actor: pyb,
        data: {
          nip: subject,
          standard: [
            { competency: integritas, requiredLevel: 3 },
            { competency: kesehatan, requiredLevel: 4 },
            { competency: pelayanan, requiredLevel: 2 },
          ],
        },
      },
      assess('A-1', integritas, 1),
      assess('A-2', integritas, 2),
      assess('A-3', pelayanan, 4),
    ])
    expect(competencyGaps(state).map(gap => [gap.competency.code, gap.required, gap.assessed, gap.gap])).toEqual([
      ['M.01', 3, 2, 1],
      ['T.KES.07', 4, null, 4],
      ['M.05', 2, 4, 0],
    ])
  })
})

describe('the PPPK minimum per contract year (PP 49/2018 Pasal 40(1))', () => {
  const later = instant('2027-03-05T09:00:00+07:00')
  const pppk = nip('199103072022211001')
  const contract = { start: localDate('2022-03-01'), end: localDate('2027-02-28') }
  const commands = (withContract: boolean): readonly CompetencyCommand[] => [
    { ...register('PPPK'), data: { ...register('PPPK').data, nip: pppk } } as CompetencyCommand,
    ...(withContract ? [{ type: 'RecordContract', at, actor: system, data: { nip: pppk, contract } } as const] : []),
    ...(
      [
        ['feb', 10, '2026-02-10'],
        ['apr', 16, '2026-04-10'],
        ['jan', 8, '2027-01-15'],
      ] as const
    ).map(([id, jp, on]): CompetencyCommand => ({
      type: 'CreditLearning',
      at: later,
      actor: system,
      data: {
        nip: pppk,
        source: training(`latsar-${id}`),
        minutes: jpToMinutes(jp),
        form: 'e-learning',
        completedOn: localDate(on),
        title: 'Pelatihan',
      },
    })),
  ]

  it('counts the contract year that begins in the year when the contract is known', () => {
    const learning = annualLearning(profileAfter(commands(true)), 2026)
    expect(learning.period).toEqual({
      basis: 'contract-year',
      from: localDate('2026-03-01'),
      to: localDate('2027-02-28'),
    })
    expect(learning.creditedMinutes).toBe(jpToMinutes(24))
    expect(incentiveEligibility(profileAfter(commands(true)), 2026, defaultPolicy).reasons).not.toContainEqual(
      expect.stringMatching(/annual minimum/),
    )
  })

  it('counts the calendar year when no contract is known', () => {
    const learning = annualLearning(profileAfter(commands(false)), 2026)
    expect(learning.period.basis).toBe('calendar-year')
    expect(learning.creditedMinutes).toBe(jpToMinutes(26))
    const short = annualLearning(profileAfter(commands(false)), 2027)
    expect(short.creditedMinutes).toBe(jpToMinutes(8))
  })

  it('cuts the last contract year at the end of the contract, and reads 29 February as 1 March', () => {
    const learning = annualLearning(profileAfter(commands(true)), 2022)
    expect(learning.period).toEqual({
      basis: 'contract-year',
      from: localDate('2022-03-01'),
      to: localDate('2023-02-28'),
    })
    const leap = { start: localDate('2024-02-29'), end: localDate('2025-06-30') }
    const state = profileAfter([
      { ...register('PPPK'), data: { ...register('PPPK').data, nip: pppk } } as CompetencyCommand,
      { type: 'RecordContract', at, actor: system, data: { nip: pppk, contract: leap } },
    ])
    expect(annualLearning(state, 2025).period).toEqual({
      basis: 'contract-year',
      from: localDate('2025-03-01'),
      to: localDate('2025-06-30'),
    })
  })

  it('records a contract only for a PPPK, once, and never overlapping another', () => {
    const decider = competencyDecider(defaultPolicy)
    const state = profileAfter(commands(true).slice(0, 2))
    const record = (start: string, end: string, who = pppk): CompetencyCommand => ({
      type: 'RecordContract',
      at,
      actor: system,
      data: { nip: who, contract: { start: localDate(start), end: localDate(end) } },
    })
    expect(decider.decide(record('2022-03-01', '2027-02-28'), state)).toEqual(E.right([]))
    expect(decider.decide(record('2026-03-01', '2031-02-28'), state)).toMatchObject(
      E.left({ code: 'contract-overlaps', term: 'perjanjian kerja tumpang tindih' }),
    )
    const pns = profileAfter([register('PNS')])
    expect(decider.decide(record('2027-03-01', '2032-02-29', subject), pns)).toMatchObject(
      E.left({ code: 'contract-for-pns' }),
    )
  })
})
