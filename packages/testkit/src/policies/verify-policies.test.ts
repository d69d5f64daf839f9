// verifyPolicies checks the library's invariants under a user's configuration, and it must catch real bugs: each
// planted bug below (in a copy of a decider) makes its invariant fail, shrunk to a handful of commands printed in the
// domain's words. A property that passes on a planted bug would be a defect of the toolkit.
import * as E from 'fp-ts/lib/Either.js'
import fc from 'fast-check'
import {
  addDays,
  competency,
  type CompetencyEvent,
  complaint,
  type ComplaintState,
  enrollment,
  exampleIndonesianHolidays2026,
  instant,
  jakartaDate,
  localDate,
  nip,
  type PembinaEvent,
  policyConfig,
  defaultPolicy,
  type PolicyConfig,
  type WorkingCalendar,
} from '@pembina/core'
import { describe, expect, it } from 'vitest'
import { creditsTraceToSources, type CrossHistory, forAllCrossHistories, runCrossHistory } from './cross-history.js'
import { forAllHistories } from './for-all-histories.js'
import { formatVerdicts, type PolicyDeciders, verifyPolicies } from './verify-policies.js'

// Each invariant decides about 100 generated histories: a few seconds for the whole list on a quiet machine.
const timeout = 120_000

/** A user's own configuration: 24 JP for everyone, a 75 % attendance rule, the 2026 national holidays. */
const agency: PolicyConfig = policyConfig({
  annualMinimumJp: { PNS: 24, PPPK: 24 },
  minimumAttendance: 0.75,
  holidays: exampleIndonesianHolidays2026,
})

/** A handful: the counterexamples shrink to at most this many commands. */
const handful = 8

const violated = (deciders: Partial<PolicyDeciders>, invariant: string, config: PolicyConfig = defaultPolicy) => {
  const [verdict] = verifyPolicies(config, { deciders, only: [invariant], seed: 20261207, numRuns: 300 })
  return verdict
}

describe('verifyPolicies: the library’s invariants under a configuration', { timeout }, () => {
  it('all hold under the default policy and under an agency’s own configuration', () => {
    for (const config of [defaultPolicy, agency]) {
      const verdicts = verifyPolicies(config, { numRuns: 60, seed: 7 })
      expect(verdicts.length).toBeGreaterThanOrEqual(8)
      expect(formatVerdicts(verdicts)).not.toContain('✗')
    }
  })
})

describe('planted bugs are caught and shrink to a handful of commands', { timeout }, () => {
  it('capacity off by one: approvals against one more place than the offering has', () => {
    const base = enrollment.decider(defaultPolicy)
    const verdict = violated(
      {
        enrollment: {
          ...base,
          decide: (command, state) =>
            base.decide(
              command,
              state.status === 'unopened'
                ? state
                : { ...state, terms: { ...state.terms, capacity: state.terms.capacity + 1 } },
            ),
        },
      },
      'capacity-never-exceeded',
    )
    expect(verdict?.holds).toBe(false)
    expect(verdict?.counterexample.length).toBeGreaterThan(0)
    expect(verdict?.counterexample.length).toBeLessThanOrEqual(handful)
    // One line per command, in the domain's words: the day, the command, who, and what came of it.
    for (const line of verdict?.counterexample ?? [])
      expect(line).toMatch(
        /^\d{4}-\d{2}-\d{2} [A-Z][A-Za-z]+ by (asn|atasan|pyb|admin-pelatihan|admin-pengaduan|assessor|mentor|warga|sistem)\b.*: .+$/,
      )
    expect(verdict?.counterexample.some(line => line.includes('ApprovePlace'))).toBe(true)
    // Printed for whoever runs the suite: what a policy author sees.
    console.info(formatVerdicts(verdict === undefined ? [] : [verdict]))
  })

  it('attendance ignored: places concluded as if no share of the session days were required', () => {
    const base = enrollment.decider(agency)
    const verdict = violated(
      {
        enrollment: {
          ...base,
          decide: (command, state) =>
            base.decide(
              command,
              state.status === 'unopened' ? state : { ...state, terms: { ...state.terms, minimumAttendance: 0 } },
            ),
        },
      },
      'completion-needs-attendance',
      agency,
    )
    expect(verdict?.holds).toBe(false)
    expect(verdict?.counterexample.length).toBeLessThanOrEqual(handful)
    expect(verdict?.counterexample.some(line => line.includes('PlaceCompleted'))).toBe(true)
  })

  it('a credit counted twice: the same source credited again in one decision', () => {
    const base = competency.decider(defaultPolicy)
    const verdict = violated(
      {
        competency: {
          ...base,
          decide: (command, state) =>
            E.map((events: readonly CompetencyEvent[]): readonly CompetencyEvent[] =>
              events.flatMap((event): readonly CompetencyEvent[] =>
                event.type === 'LearningCredited' ? [event, event] : [event],
              ),
            )(base.decide(command, state)),
        },
      },
      'each-source-credited-once',
    )
    expect(verdict?.holds).toBe(false)
    expect(verdict?.counterexample.length).toBeLessThanOrEqual(handful)
    expect(verdict?.counterexample.some(line => line.includes('LearningCredited, LearningCredited'))).toBe(true)
  })

  it('a deadline counted in calendar days, not the configured working days', () => {
    const everyDay: WorkingCalendar = {
      holidays: [],
      isWorkingDay: () => true,
      addWorkingDays: (date, n) => addDays(date, n),
      workingDaysBetween: (from, to) =>
        Math.max(0, Math.round((Date.parse(jakartaDate(to)) - Date.parse(jakartaDate(from))) / 86_400_000)),
    }
    const verdict = violated(
      { complaint: complaint.decider({ ...agency, calendar: everyDay }) },
      'deadlines-in-working-days',
      agency,
    )
    expect(verdict?.holds).toBe(false)
    expect(verdict?.counterexample.length).toBeLessThanOrEqual(handful)
    expect(verdict?.counterexample.some(line => line.includes('DeadlineMissed'))).toBe(true)
  })

  it('a closed complaint reopened: commands after the end decided as if it were still open', () => {
    const base = complaint.decider(defaultPolicy)
    const reopened = (state: ComplaintState): ComplaintState =>
      state.status === 'closed' || state.status === 'archived' || state.status === 'escalated'
        ? { ...state, status: 'decided', closedAt: null }
        : state
    const verdict = violated(
      { complaint: { ...base, decide: (command, state) => base.decide(command, reopened(state)) } },
      'closed-complaint-stays-closed',
    )
    expect(verdict?.holds).toBe(false)
    expect(verdict?.counterexample.length).toBeLessThanOrEqual(handful)
  })

  it('the invariants that a bug elsewhere does not touch still hold beside it', () => {
    const base = enrollment.decider(defaultPolicy)
    const verdicts = verifyPolicies(defaultPolicy, {
      numRuns: 40,
      seed: 3,
      only: ['each-source-credited-once', 'closed-complaint-stays-closed'],
      deciders: {
        enrollment: { ...base, decide: (command, state) => base.decide(command, state) },
      },
    })
    expect(verdicts.map(verdict => verdict.holds)).toEqual([true, true])
  })
})

describe('forAllHistories', { timeout }, () => {
  it('runs under plain fc.assert, and a failure prints the history one line per command', () => {
    let message = ''
    try {
      fc.assert(
        forAllHistories(enrollment, defaultPolicy, state => state.status === 'unopened'),
        { seed: 1, numRuns: 50 },
      )
    } catch (error) {
      message = error instanceof Error ? error.message : ''
    }
    expect(message).toMatch(/Counterexample/)
    expect(message).toMatch(/\n {2}\d{4}-\d{2}-\d{2} OpenOffering by [a-z-]+ \d{18}: OfferingOpened/)
  })
})

describe('histories across aggregates, with the standard policies between them', { timeout }, () => {
  it('reach credits from both a completed place and a logged session, so the rule that spans streams is not vacuous', () => {
    let training = 0
    let mentoring = 0
    fc.assert(
      forAllCrossHistories(defaultPolicy, history => {
        for (const { event } of history.events)
          if (event.type === 'LearningCredited') {
            if (event.data.source.kind === 'training') training++
            else mentoring++
          }
        return creditsTraceToSources(history)
      }),
      { seed: 11, numRuns: 80 },
    )
    expect(training).toBeGreaterThan(0)
    expect(mentoring).toBeGreaterThan(0)
  })

  it('a credit with no source behind it breaks the rule, shown with the policies’ commands marked', () => {
    const history = runCrossHistory(defaultPolicy, [])
    expect(creditsTraceToSources(history)).toBe(true)
    const credit: PembinaEvent = {
      type: 'LearningCredited',
      data: {
        at: instant('2026-03-02T09:00:00+07:00'),
        nip: nip('197001011995031001'),
        source: { kind: 'training', offeringId: 'tidak-pernah-ada' },
        sourceKey: 'training:tidak-pernah-ada',
        activityKey: 'training:tidak-pernah-ada',
        minutes: 900,
        form: 'pelatihan-teknis',
        completedOn: localDate('2026-03-01'),
        year: 2026,
        title: 'Pelatihan yang tidak pernah ada',
      },
    }
    const forged: CrossHistory = { ...history, events: [{ stream: 'competency-197001011995031001', event: credit }] }
    expect(creditsTraceToSources(forged)).toBe(false)
  })
})
