import { arbCompetencyScenario, runScenario } from '@pembina/testkit'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { fold } from '../kernel/index.js'
import { defaultPolicy, type PolicyConfig, policyConfig } from '../shared/index.js'
import type { CompetencyCommand } from './commands.js'
import { competencyDecider } from './decider.js'
import { annualLearning, incentiveEligibility } from './eligibility.js'
import type { CompetencyEvent } from './events.js'
import { learningSourceKey } from './learning-source.js'
import type { CompetencyState } from './state.js'

// fast-check decides 200 generated histories per property: about 3 s alone, up to 6 s while another test run shares the
// two cores, so each case gets ten times its quiet run instead of vitest's 5 s default.
const propertyTimeoutMs = 30_000

const settings = { seed: 20_260_302, numRuns: 200 }
const decider = competencyDecider(defaultPolicy)
const scenario = arbCompetencyScenario()

/** Credited minutes per year, computed from the event history alone. */
/** The days of a contract year by the model: from an anniversary of the start (Date rolls 29 February to 1 March). */
const contractYearsByModel = (start: string, end: string): readonly (readonly [string, string])[] => {
  const years: (readonly [string, string])[] = []
  const dayText = (ms: number) => new Date(ms).toISOString().slice(0, 10)
  for (let k = 0; ; k++) {
    const from = new Date(`${start}T00:00:00Z`)
    from.setUTCFullYear(from.getUTCFullYear() + k)
    const next = new Date(`${start}T00:00:00Z`)
    next.setUTCFullYear(next.getUTCFullYear() + k + 1)
    if (dayText(from.getTime()) > end) return years
    const to = dayText(next.getTime() - 86_400_000)
    years.push([dayText(from.getTime()), to < end ? to : end])
  }
}

/**
 * The minutes credited per year by the model: those completed (or taken part in) within the year's period, the
 * calendar year, or for a PPPK whose contract is recorded the contract year that begins in that year, if one does.
 */
const learningByYear = (
  events: readonly CompetencyEvent[],
): ReadonlyMap<number, { readonly minutes: number; readonly activities: ReadonlySet<string> }> => {
  const pppk = events.some(event => event.type === 'ProfileRegistered' && event.data.employeeType === 'PPPK')
  const contractYears = pppk
    ? events.flatMap(event =>
        event.type === 'ContractRecorded'
          ? contractYearsByModel(event.data.contract.start, event.data.contract.end)
          : [],
      )
    : []
  const lines = events.flatMap(event =>
    event.type === 'LearningCredited'
      ? [{ on: event.data.completedOn, minutes: event.data.minutes, activity: event.data.activityKey }]
      : event.type === 'PolicyParticipationRecorded'
        ? [{ on: event.data.participatedOn, minutes: event.data.minutes, activity: event.data.activityKey }]
        : [],
  )
  const years = new Set([
    ...lines.map(line => Number(line.on.slice(0, 4))),
    ...contractYears.map(([from]) => Number(from.slice(0, 4))),
  ])
  const byYear = new Map<number, { readonly minutes: number; readonly activities: ReadonlySet<string> }>()
  for (const year of years) {
    const [from, to] = contractYears.find(([start]) => Number(start.slice(0, 4)) === year) ?? [
      `${year}-01-01`,
      `${year}-12-31`,
    ]
    const within = lines.filter(line => from <= line.on && line.on <= to)
    if (within.length > 0)
      byYear.set(year, {
        minutes: within.reduce((sum, line) => sum + line.minutes, 0),
        activities: new Set(within.map(line => line.activity)),
      })
  }
  return byYear
}

/** Whether a value is made only of null, text, booleans, finite numbers, arrays and plain objects (no undefined). */
const isPlainJson = (value: unknown): boolean => {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true
  if (typeof value === 'number') return Number.isFinite(value)
  if (Array.isArray(value)) return value.every(isPlainJson)
  if (typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return false
  return Object.values(value).every(isPlainJson)
}

const isLevel = (level: number): boolean => Number.isInteger(level) && level >= 1 && level <= 5

const levelsOf = (state: CompetencyState): readonly number[] =>
  state.status === 'registered'
    ? [
        ...state.standard.map(line => line.requiredLevel),
        ...Object.values(state.assessments).map(assessment => assessment.level),
        ...Object.values(state.latestLevels).map(assessment => assessment.level),
      ]
    : []

/** Each command's events, so an invariant can be checked after every command. */
const prefixes = (commands: readonly CompetencyCommand[]) => {
  const run = runScenario(decider, commands)
  let count = 0
  return run.steps.map(({ result, after }) => {
    count += E.isRight(result) ? result.right.length : 0
    return { state: after, events: run.events.slice(0, count) }
  })
}

describe('competency decider properties', { timeout: propertyTimeoutMs }, () => {
  it('each learning source is credited at most once in the history', () => {
    fc.assert(
      fc.property(scenario, commands => {
        const credited = runScenario(decider, commands).events.flatMap(event =>
          event.type === 'LearningCredited' ? [event.data] : [],
        )
        expect(credited.every(data => data.sourceKey === learningSourceKey(data.source))).toBe(true)
        expect(new Set(credited.map(data => data.sourceKey)).size).toBe(credited.length)
      }),
      settings,
    )
  })

  it('credited minutes per year equal the credited learning plus policy participation of the period of the year (calendar or contract year), in every state', () => {
    fc.assert(
      fc.property(scenario, commands => {
        for (const { state, events } of prefixes(commands))
          for (const [year, { minutes }] of learningByYear(events))
            expect(annualLearning(state, year).creditedMinutes).toBe(minutes)
      }),
      settings,
    )
  })

  it('the development incentive is derived from the history: enough credited minutes and distinct activities', () => {
    fc.assert(
      fc.property(scenario, commands => {
        const { events, state } = runScenario(decider, commands)
        if (state.status !== 'registered') return
        const minimum = defaultPolicy.learning.annualMinimumMinutes[state.employment.employeeType]
        for (const [year, { minutes, activities }] of learningByYear(events)) {
          const expected = minutes >= minimum && activities.size >= defaultPolicy.incentive.minActivities
          expect(incentiveEligibility(state, year, defaultPolicy).eligible).toBe(expected)
        }
      }),
      settings,
    )
  })

  it('competency levels are always from 1 to 5', () => {
    fc.assert(
      fc.property(scenario, commands => {
        const run = runScenario(decider, commands)
        expect(run.steps.flatMap(step => levelsOf(step.after)).every(isLevel)).toBe(true)
        for (const event of run.events)
          if (event.type === 'CompetencyAssessed') expect(isLevel(event.data.level)).toBe(true)
      }),
      settings,
    )
  })

  it('no event comes before the profile is registered, and it is registered once', () => {
    fc.assert(
      fc.property(scenario, commands => {
        const { events } = runScenario(decider, commands)
        expect(events[0]?.type).toBe('ProfileRegistered')
        expect(events.filter(event => event.type === 'ProfileRegistered')).toHaveLength(1)
      }),
      settings,
    )
  })

  it('decide is deterministic: the same command in the same state gives the same result', () => {
    fc.assert(
      fc.property(scenario, commands => {
        for (const { command, before } of runScenario(decider, commands).steps)
          expect(decider.decide(command, before)).toEqual(decider.decide(command, before))
      }),
      settings,
    )
  })

  it('every command is idempotent: deciding it again right after its events were applied changes nothing', () => {
    fc.assert(
      fc.property(scenario, commands => {
        for (const { command, result, after } of runScenario(decider, commands).steps)
          if (E.isRight(result)) expect(decider.decide(command, after)).toEqual(E.right([]))
      }),
      settings,
    )
  })

  it("a mentor's sessions credit no minutes under the default policy, and their minutes when configured", () => {
    const creditedFromMentoring = (config: PolicyConfig, commands: readonly CompetencyCommand[]) =>
      runScenario(competencyDecider(config), commands).steps.flatMap(({ command, result }) => {
        if (command.type !== 'CreditLearning' || command.data.source.kind !== 'mentoring-given') return []
        if (E.isLeft(result)) return []
        return result.right.map(event => ({
          sent: command.data.minutes,
          credited: event.type === 'LearningCredited' ? event.data.minutes : -1,
        }))
      })
    const minutesCounted = policyConfig({ mentorCredit: 'activity-and-minutes' })
    fc.assert(
      fc.property(scenario, commands => {
        for (const { credited } of creditedFromMentoring(defaultPolicy, commands)) expect(credited).toBe(0)
        for (const { sent, credited } of creditedFromMentoring(minutesCounted, commands)) expect(credited).toBe(sent)
      }),
      settings,
    )
  })

  it('evolve never throws, whatever the order of events and the state they meet', () => {
    fc.assert(
      fc.property(scenario, scenario, fc.nat(), (first, second, seed) => {
        const events = [...runScenario(decider, first).events]
        const shuffled = events.map((_, i) => events[(i * 7 + seed) % events.length]).filter(e => e !== undefined)
        const other = runScenario(decider, second).state
        expect(() => fold(decider, shuffled)).not.toThrow()
        expect(() => fold(decider, events, other)).not.toThrow()
      }),
      settings,
    )
  })

  it('every reachable state is plain JSON data, so it snapshots without loss', () => {
    fc.assert(
      fc.property(scenario, commands => {
        for (const { after } of runScenario(decider, commands).steps) expect(isPlainJson(after)).toBe(true)
      }),
      settings,
    )
  })

  it('the scenario generator reaches accepted commands of every type', () => {
    const seen = new Set<string>()
    fc.assert(
      fc.property(scenario, commands => {
        for (const event of runScenario(decider, commands).events) seen.add(event.type)
      }),
      settings,
    )
    expect(seen.size).toBe(9)
  })
})
