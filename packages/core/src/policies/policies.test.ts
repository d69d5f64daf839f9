import * as E from 'fp-ts/lib/Either.js'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { arbMentorshipScenario, asnActor, runScenario } from '@pembina/testkit'
import {
  competency,
  CompetencyCommand,
  competencyEvents,
  decodeWith,
  type CompetencyEvent,
  type CompetencyState,
  competencyDecider,
  type EnrollmentEvent,
  type ComplaintEvent,
  annualLearning,
  defaultPolicy,
  fold,
  instant,
  localDate,
  mentorshipDecider,
  minutes,
  nip,
  type PolicyCommand,
  policyConfig,
  reactTo,
} from '../index.js'

const pyb = asnActor(nip('196608011988031001'), 'asn', 'pyb')
const profiles = competencyDecider(defaultPolicy)

const registered = (who: string, employeeType: 'PNS' | 'PPPK' = 'PNS'): readonly CompetencyEvent[] => {
  const result = profiles.decide(
    {
      type: 'RegisterProfile',
      at: instant('2026-01-02T08:00:00+07:00'),
      actor: pyb,
      data: {
        nip: nip(who),
        employeeType,
        unit: 'Puskesmas Belawan',
        position: { kind: 'pelaksana' },
        positionTitle: 'Pengadministrasi Umum',
      },
    },
    profiles.initialState,
  )
  if (E.isLeft(result)) throw new Error(result.left.message)
  return result.right
}

/** Applies commands to one profile, returning the events each produced (an empty list when nothing changed). */
const apply = (history: readonly CompetencyEvent[], commands: readonly CompetencyCommand[]) => {
  let state: CompetencyState = fold(profiles, history)
  const produced: (readonly CompetencyEvent[])[] = []
  for (const command of commands) {
    const result = profiles.decide(command, state)
    if (E.isLeft(result)) throw new Error(`${result.left.code}: ${result.left.message}`)
    produced.push(result.right)
    state = fold(profiles, result.right, state)
  }
  return { state, produced }
}

/** The competency commands among a policy's (the credits and recommendations). */
const profileCommands = (asked: readonly PolicyCommand[]): readonly CompetencyCommand[] =>
  asked.flatMap(each => (each.category === 'competency' ? [each.command] : []))

const participant = '199203152019032004'
const placeCompleted: EnrollmentEvent = {
  type: 'PlaceCompleted',
  data: {
    at: instant('2026-03-05T16:00:00+07:00'),
    offeringId: 'pmwp-2026-ii',
    nip: nip(participant),
    title: 'Pelatihan Manajemen Waktu dan Produktivitas, Angkatan II 2026',
    form: 'pelatihan-manajerial',
    competency: { type: 'manajerial', code: 'M.04' },
    minutes: minutes(1080),
    completedOn: localDate('2026-03-05'),
    attendedDays: 3,
    sessionDays: 3,
  },
}

describe('policies between aggregates', () => {
  it("a completed training place credits the participant's profile with the offering's JP", () => {
    const commands = reactTo(placeCompleted, defaultPolicy)
    expect(commands.map(c => c.stream)).toEqual([competency.streamName(nip(participant))])
    const { state } = apply(registered(participant), profileCommands(commands))
    expect(annualLearning(state, 2026).creditedMinutes).toBe(1080)
  })

  it('running the training policy twice credits the place once', () => {
    const commands = profileCommands(reactTo(placeCompleted, defaultPolicy))
    const { produced, state } = apply(registered(participant), [...commands, ...commands])
    expect(produced.map(events => events.length)).toEqual([1, 0])
    expect(annualLearning(state, 2026).creditedMinutes).toBe(1080)
  })

  it('a missed complaint deadline recommends M.05 Pelayanan Publik to the responsible officer', () => {
    const officer = nip('198507122010011005')
    const missed: ComplaintEvent = {
      type: 'DeadlineMissed',
      data: {
        at: instant('2026-04-20T00:05:00+07:00'),
        complaintId: 'c-001',
        stage: 'follow-up',
        dueAt: instant('2026-04-17T23:59:59.999+07:00'),
        unit: 'Puskesmas Belawan',
        responsibleNip: officer,
      },
    }
    const [recommendation, ...rest] = reactTo(missed, defaultPolicy)
    expect(rest).toEqual([])
    expect(recommendation?.stream).toBe(competency.streamName(officer))
    expect(recommendation?.command.type === 'RecommendDevelopment' && recommendation.command.data.competency).toEqual({
      type: 'manajerial',
      code: 'M.05',
    })
  })

  it('a complaint id of the longest allowed length still gives a recommendation that is stored and read back', () => {
    const officer = nip('198507122010011005')
    const complaintId = `c-${'0'.repeat(126)}`
    const missed: ComplaintEvent = {
      type: 'DeadlineMissed',
      data: {
        at: instant('2026-04-20T00:05:00+07:00'),
        complaintId,
        stage: 'notification',
        dueAt: instant('2026-04-17T23:59:59.999+07:00'),
        unit: 'Puskesmas Belawan',
        responsibleNip: officer,
      },
    }
    const commands = profileCommands(reactTo(missed, defaultPolicy))
    for (const command of commands) expect(E.isRight(decodeWith(CompetencyCommand)(command))).toBe(true)
    const { produced } = apply(registered(officer), commands)
    const events = produced.flat()
    expect(events.map(e => e.type)).toEqual(['DevelopmentRecommended'])
    for (const event of events) expect(competencyEvents.decode(competencyEvents.encode(event))).toEqual(E.right(event))
  })

  it('a missed deadline with no known responsible officer recommends nothing', () => {
    const missed: ComplaintEvent = {
      type: 'DeadlineMissed',
      data: {
        at: instant('2026-04-20T00:05:00+07:00'),
        complaintId: 'c-002',
        stage: 'verification',
        dueAt: instant('2026-04-17T23:59:59.999+07:00'),
        unit: 'Puskesmas Belawan',
      },
    }
    expect(reactTo(missed, defaultPolicy)).toEqual([])
  })

  it('a satisfaction of 1 or 2 recommends M.03 Komunikasi to the handling officer; 3 to 5 recommend nothing', () => {
    const rated = (rating: number): ComplaintEvent => ({
      type: 'SatisfactionRated',
      data: {
        at: instant('2026-05-02T10:00:00+07:00'),
        complaintId: 'c-003',
        officerNip: nip('198507122010011005'),
        rating,
      },
    })
    const codes = [1, 2, 3, 4, 5].map(rating =>
      reactTo(rated(rating), defaultPolicy).map(c =>
        c.command.type === 'RecommendDevelopment' ? c.command.data.competency.code : '',
      ),
    )
    expect(codes).toEqual([['M.03'], ['M.03'], [], [], []])
  })

  it("every logged session credits the mentee's minutes once and the mentor an activity (property)", () => {
    fc.assert(
      fc.property(arbMentorshipScenario(defaultPolicy), commands => {
        const run = runScenario(mentorshipDecider(defaultPolicy), commands)
        const sessions = run.events.flatMap(e => (e.type === 'SessionLogged' ? [e] : []))
        const first = sessions[0]
        if (first === undefined) return
        const mentee = first.data.menteeNip
        const mentor = first.data.mentorNip
        const reactions = run.events.flatMap(e => reactTo(e, defaultPolicy))
        const forMentee = profileCommands(reactions.filter(r => r.stream === competency.streamName(mentee)))
        const forMentor = profileCommands(reactions.filter(r => r.stream === competency.streamName(mentor)))
        // Twice over: a policy that runs again must not credit again.
        const menteeProfile = apply(registered(mentee), [...forMentee, ...forMentee]).state
        const mentorProfile = apply(registered(mentor), [...forMentor, ...forMentor]).state
        const byYear = new Map<number, number>()
        for (const s of sessions) {
          const year = Number(s.data.date.slice(0, 4))
          byYear.set(year, (byYear.get(year) ?? 0) + s.data.minutes)
        }
        for (const [year, minutes] of byYear) {
          expect(annualLearning(menteeProfile, year).creditedMinutes).toBe(minutes)
          expect(annualLearning(mentorProfile, year).creditedMinutes).toBe(0)
          expect(annualLearning(mentorProfile, year).activities.length).toBe(1)
        }
      }),
      { numRuns: 200, seed: 20261128 },
    )
  })

  it('an agency that credits mentors with JP gets the session minutes on the mentor too', () => {
    const config = policyConfig({ mentorCredit: 'activity-and-minutes' })
    fc.assert(
      fc.property(arbMentorshipScenario(config), commands => {
        const run = runScenario(mentorshipDecider(config), commands)
        for (const event of run.events) {
          if (event.type !== 'SessionLogged') continue
          const mentorCredit = reactTo(event, config).find(
            r => r.stream === competency.streamName(event.data.mentorNip),
          )
          expect(mentorCredit?.command.type === 'CreditLearning' && mentorCredit.command.data.minutes).toBe(
            event.data.minutes,
          )
        }
      }),
      { numRuns: 200, seed: 11 },
    )
  })
})

describe("a PPPK's contract, from the personnel record to the profile", () => {
  const midwife = nip('199103072022211001')
  const contract = { start: localDate('2022-03-01'), end: localDate('2027-02-28') }
  const appointed = (withContract: boolean, employeeType: 'PNS' | 'PPPK' = 'PPPK') =>
    ({
      type: 'AsnAppointed',
      data: {
        at: instant('2026-01-05T09:00:00+07:00'),
        nip: midwife,
        employeeType,
        rank: null,
        unitId: 'puskesmas-belawan',
        positionId: 'bidan',
        atasanNip: nip('196608011988031001'),
        contract: withContract ? contract : null,
        effectiveOn: contract.start,
      },
    }) as const

  it('records the contract of an appointment and of a renewal on the profile, and nothing without one', () => {
    expect(reactTo(appointed(true), defaultPolicy).map(asked => asked.command)).toEqual([
      {
        type: 'RecordContract',
        at: instant('2026-01-05T09:00:00+07:00'),
        actor: { kind: 'system', process: 'policy:record-contract' },
        data: { nip: midwife, contract },
      },
    ])
    expect(reactTo(appointed(false), defaultPolicy)).toEqual([])
    const next = { start: localDate('2027-03-01'), end: localDate('2032-02-29') }
    const renewed = {
      type: 'ContractRenewed',
      data: { at: instant('2027-02-01T09:00:00+07:00'), nip: midwife, contract: next, effectiveOn: next.start },
    } as const
    expect(reactTo(renewed, defaultPolicy)).toMatchObject([
      { category: 'competency', stream: `competency-${midwife}`, command: { data: { contract: next } } },
    ])
  })

  it('a contract recorded before the profile is registered is kept by the registration', () => {
    const [asked] = reactTo(appointed(true), defaultPolicy)
    if (asked?.category !== 'competency') throw new Error('the policy asks for a competency command')
    const recorded = profiles.decide(asked.command, profiles.initialState)
    if (E.isLeft(recorded)) throw new Error(recorded.left.message)
    const [registration] = registered(midwife, 'PPPK')
    const state = fold(profiles, [...recorded.right, ...(registration === undefined ? [] : [registration])])
    expect(state.status === 'registered' ? state.contracts : []).toEqual([contract])
    expect(annualLearning(state, 2026).period).toEqual({
      basis: 'contract-year',
      from: localDate('2026-03-01'),
      to: localDate('2027-02-28'),
    })
  })
})
