import * as E from 'fp-ts/lib/Either.js'
import fc from 'fast-check'
import {
  approvedPlaces,
  competency,
  type CompetencyCommand,
  type CompetencyEvent,
  type CompetencyRejection,
  type CompetencyState,
  complaint,
  type ComplaintCommand,
  type ComplaintEvent,
  type ComplaintRejection,
  type ComplaintState,
  type Decider,
  enrollment,
  type EnrollmentCommand,
  type EnrollmentEvent,
  type EnrollmentRejection,
  type EnrollmentState,
  incentiveEligibility,
  isFinalComplaintStatus,
  isFinal as isFinalMentorshipStatus,
  mentorship,
  type MentorshipCommand,
  type MentorshipEvent,
  type MentorshipRejection,
  type MentorshipState,
  nextDeadlines,
  type PolicyConfig,
} from '@pembina/core'
import { forAllHistories } from './for-all-histories.js'
import { creditsTraceToSources, forAllCrossHistories } from './cross-history.js'

/** The deciders `verifyPolicies` runs the generated commands through: by default, each aggregate's own. */
export interface PolicyDeciders {
  readonly enrollment: Decider<EnrollmentCommand, EnrollmentEvent, EnrollmentState, EnrollmentRejection, never>
  readonly competency: Decider<CompetencyCommand, CompetencyEvent, CompetencyState, CompetencyRejection, never>
  readonly mentorship: Decider<MentorshipCommand, MentorshipEvent, MentorshipState, MentorshipRejection, never>
  readonly complaint: Decider<ComplaintCommand, ComplaintEvent, ComplaintState, ComplaintRejection, never>
}

/** What checking one property came to: it held over every run, or the smallest history that breaks it. */
export interface CheckOutcome {
  readonly holds: boolean
  readonly runs: number
  /** The shrunk counterexample, one line per command in the domain's words; empty when it holds. */
  readonly counterexample: readonly string[]
  /** What failed: the property returned false, or the error it threw. */
  readonly failure?: string
}

/** Checks one property, whatever the histories it is over, and says what came of it. */
export type PropertyCheck = <Run>(property: fc.IPropertyWithHooks<[Run]>) => CheckOutcome

/** One invariant of DOMAIN.md, checked as a property over generated histories under a configuration. */
export interface PolicyInvariant {
  /** A stable name: `capacity-never-exceeded`, … */
  readonly name: string
  /** The rule in words, with where it comes from. */
  readonly rule: string
  /** States the invariant as a property under the configuration and deciders, and checks it with `check`. */
  readonly verify: (config: PolicyConfig, deciders: PolicyDeciders, check: PropertyCheck) => CheckOutcome
}

const years = [2025, 2026, 2027] as const

const mentorshipFinal = (state: MentorshipState): boolean =>
  state.status !== 'none' && isFinalMentorshipStatus(state.status)

const complaintFinal = (state: ComplaintState): boolean =>
  state.status !== 'not-filed' && isFinalComplaintStatus(state.status)

/** The library's own invariants from DOMAIN.md, each a property over generated histories. */
export const policyInvariants: readonly PolicyInvariant[] = [
  {
    name: 'capacity-never-exceeded',
    rule: 'An offering never has more approved places than its capacity (DOMAIN.md §2).',
    verify: (config, deciders, check) =>
      check(
        forAllHistories(
          enrollment,
          config,
          state => state.status === 'unopened' || approvedPlaces(state) <= state.terms.capacity,
          { decider: deciders.enrollment },
        ),
      ),
  },
  {
    name: 'one-outcome-per-place',
    rule: 'Each participant gets at most one outcome (completed or not), and only an approved place gets one (§2).',
    verify: (config, deciders, check) =>
      check(
        forAllHistories(
          enrollment,
          config,
          (_state, events, step) => {
            const outcomes = events.flatMap(event =>
              event.type === 'PlaceCompleted' || event.type === 'PlaceNotCompleted' ? [event.data.nip] : [],
            )
            if (new Set(outcomes).size !== outcomes.length) return false
            if (E.isLeft(step.result) || step.before.status === 'unopened') return true
            const before = step.before
            return step.result.right.every(
              event =>
                (event.type !== 'PlaceCompleted' && event.type !== 'PlaceNotCompleted') ||
                before.places[event.data.nip]?.status === 'approved',
            )
          },
          { decider: deciders.enrollment },
        ),
      ),
  },
  {
    name: 'completion-needs-attendance',
    rule: 'A place is completed only with at least the required share of its session days attended: the offering’s own share, else the configured one (80 % by default, 75 % where an agency says so) (§2).',
    verify: (config, deciders, check) =>
      check(
        forAllHistories(
          enrollment,
          config,
          (state, _events, step) => {
            if (E.isLeft(step.result) || state.status === 'unopened') return true
            const days = state.terms.schedule.days
            return step.result.right.every(event => {
              if (event.type !== 'PlaceCompleted') return true
              const attendance = state.places[event.data.nip]?.attendance ?? {}
              const attended = days.filter(day => attendance[day] === true).length
              return days.length > 0 && attended / days.length >= state.terms.minimumAttendance
            })
          },
          { decider: deciders.enrollment },
        ),
      ),
  },
  {
    name: 'each-source-credited-once',
    rule: 'A training place, a mentoring session or any other learning source is credited to a profile once (§1).',
    verify: (config, deciders, check) =>
      check(
        forAllHistories(
          competency,
          config,
          (_state, events) => {
            const keys = events.flatMap(event => (event.type === 'LearningCredited' ? [event.data.sourceKey] : []))
            return new Set(keys).size === keys.length
          },
          { decider: deciders.competency },
        ),
      ),
  },
  {
    name: 'annual-minimum-by-year-rules',
    rule: 'The annual minimum is the configured JP for the employee type (20 PNS, 24 PPPK by default), counted over the calendar year or a PPPK’s contract year; a profile is eligible only with that many credited minutes and enough activities (§1).',
    verify: (config, deciders, check) =>
      check(
        forAllHistories(
          competency,
          config,
          state =>
            state.status !== 'registered' ||
            years.every(year => {
              const verdict = incentiveEligibility(state, year, config)
              const enough =
                verdict.creditedMinutes >= verdict.minimumMinutes && verdict.activities >= verdict.minActivities
              return (
                verdict.minimumMinutes === config.learning.annualMinimumMinutes[state.employment.employeeType] &&
                verdict.eligible === enough
              )
            }),
          { decider: deciders.competency },
        ),
      ),
  },
  {
    name: 'ended-mentorship-stays-ended',
    rule: 'A completed, declined or ended mentorship stays so (§3).',
    verify: (config, deciders, check) =>
      check(
        forAllHistories(
          mentorship,
          config,
          (state, _events, step) => !mentorshipFinal(step.before) || state.status === step.before.status,
          { decider: deciders.mentorship },
        ),
      ),
  },
  {
    name: 'deadlines-in-working-days',
    rule: 'A missed complaint deadline is due when the configured working-day calendar says (LAPOR!, UU 25/2009): each miss is recorded once, after it fell due, at the due instant then open.',
    verify: (config, deciders, check) =>
      check(
        forAllHistories(
          complaint,
          config,
          (_state, _events, step) => {
            if (E.isLeft(step.result)) return true
            const open = nextDeadlines(step.before, config)
            return step.result.right.every(event => {
              if (event.type !== 'DeadlineMissed') return true
              const due = open.find(deadline => deadline.stage === event.data.stage)
              return due?.dueAt === event.data.dueAt && Date.parse(event.data.at) > Date.parse(event.data.dueAt)
            })
          },
          { decider: deciders.complaint },
        ),
      ),
  },
  {
    name: 'closed-complaint-stays-closed',
    rule: 'A complaint that ended (closed, archived, not in authority, withdrawn, escalated) stays so; only its one rating may follow a close (LAPOR!).',
    verify: (config, deciders, check) =>
      check(
        forAllHistories(
          complaint,
          config,
          (state, _events, step) => !complaintFinal(step.before) || state.status === step.before.status,
          { decider: deciders.complaint },
        ),
      ),
  },
  {
    name: 'credits-trace-to-sources',
    rule: 'Every JP credited traces to its source: a place completed in that offering, or a session logged in that mentorship, across the streams the standard policies connect (§1–3).',
    verify: (config, _deciders, check) => check(forAllCrossHistories(config, creditsTraceToSources)),
  },
  {
    name: 'confidentiality-never-lowered',
    rule: 'A complaint’s anonim and rahasia flags are never lowered once raised (UU 25/2009 Pasal 49).',
    verify: (config, deciders, check) =>
      check(
        forAllHistories(
          complaint,
          config,
          (state, _events, step) =>
            step.before.status === 'not-filed' ||
            state.status === 'not-filed' ||
            ((!step.before.anonymous || state.anonymous) && (!step.before.confidential || state.confidential)),
          { decider: deciders.complaint },
        ),
      ),
  },
]

/** What checking one invariant came to: it held over every run, or the smallest history that breaks it. */
export interface InvariantVerdict extends CheckOutcome {
  readonly invariant: string
  readonly rule: string
}

/** Options of `verifyPolicies`: runs per invariant, a seed to replay, other deciders (a variant, or a planted bug). */
export interface VerifyOptions {
  readonly numRuns?: number
  readonly seed?: number
  readonly deciders?: Partial<PolicyDeciders>
  /** Only these invariants, by name. */
  readonly only?: readonly string[]
}

const defaultDeciders = (config: PolicyConfig): PolicyDeciders => ({
  enrollment: enrollment.decider(config),
  competency: competency.decider(config),
  mentorship: mentorship.decider(config),
  complaint: complaint.decider(config),
})

/**
 * Checks the library's invariants from DOMAIN.md under a configuration (a 24 JP minimum for all, a 75 % attendance
 * rule, another holiday calendar…): each over generated histories, each violated one with its minimal counterexample
 * in the domain's words. Nothing is thrown: the verdicts say what held; `formatVerdicts` prints them.
 */
export const verifyPolicies = (config: PolicyConfig, options: VerifyOptions = {}): readonly InvariantVerdict[] => {
  const deciders = { ...defaultDeciders(config), ...options.deciders }
  const check: PropertyCheck = property => {
    const details = fc.check(property, {
      numRuns: options.numRuns ?? 100,
      ...(options.seed === undefined ? {} : { seed: options.seed }),
    })
    const found = details.counterexample?.[0]
    const error = details.errorInstance
    return {
      holds: !details.failed,
      runs: details.numRuns,
      // The history's own toString: one line per command, in the domain's words.
      counterexample:
        found === undefined
          ? []
          : fc
              .stringify(found)
              .split('\n')
              .map(line => line.trimEnd())
              .filter(line => line.trim() !== '')
              .map(line => line.replace(/^ {2}/, '')),
      ...(details.failed
        ? {
            failure:
              error === null || error === undefined
                ? 'the property returned false'
                : error instanceof Error
                  ? error.message
                  : typeof error === 'string'
                    ? error
                    : 'the property threw a value that is not an Error',
          }
        : {}),
    }
  }
  return policyInvariants
    .filter(invariant => options.only === undefined || options.only.includes(invariant.name))
    .map(invariant => {
      return { invariant: invariant.name, rule: invariant.rule, ...invariant.verify(config, deciders, check) }
    })
}

/** The verdicts as text: one line per invariant, and under each violated one its counterexample, one line per step. */
export const formatVerdicts = (verdicts: readonly InvariantVerdict[]): string =>
  verdicts
    .map(verdict =>
      verdict.holds
        ? `✓ ${verdict.invariant} (${verdict.runs} histories)`
        : [
            `✗ ${verdict.invariant}: ${verdict.rule}`,
            `  ${verdict.failure ?? ''}`,
            ...verdict.counterexample.map(line => `    ${line}`),
          ].join('\n'),
    )
    .join('\n')
