import * as E from 'fp-ts/lib/Either.js'
import fc from 'fast-check'
import type { Decider, DomainEvent, PolicyConfig } from '@pembina/core'
import { arbCompetencyScenario } from '../arbitraries/competency.js'
import { arbComplaintScenario } from '../arbitraries/complaint.js'
import { arbEnrollmentScenario } from '../arbitraries/enrollment.js'
import { arbMentorRosterScenario } from '../arbitraries/mentor-roster.js'
import { arbMentorshipScenario } from '../arbitraries/mentorship.js'
import { arbOrganisationHistory, arbPersonnelHistory } from '../arbitraries/personnel.js'
import { runScenario, type ScenarioRun, type ScenarioStep } from '../scenario.js'
import { type DescribedCommand, type DescribedRejection, readable } from './history-lines.js'
import { shrinkingByRemoval } from './shrinking.js'

/**
 * An aggregate of Pembina whose histories the testkit generates (`enrollment`, `mentorship`, `mentor`, `competency`,
 * `complaint`, `personnel`, `organisation` from `@pembina/core`): its category and its decider under a configuration.
 */
export interface HistoryAggregate<Command, Event, State, Reject> {
  readonly category: string
  readonly decider: (config: PolicyConfig) => Decider<Command, Event, State, Reject, never>
}

/** Options of a generated history: another decider to run the commands through (a variant of a policy, or a bug). */
export interface HistoryOptions<Command, Event, State, Reject> {
  /** Decides the generated commands instead of the aggregate's own decider under the configuration. */
  readonly decider?: Decider<Command, Event, State, Reject, never>
}

/** The command sequences the testkit generates for an aggregate's category, as `unknown` until the caller names them. */
const commandsOf = (category: string, config: PolicyConfig): fc.Arbitrary<readonly unknown[]> => {
  const commandsOfRun = (run: { readonly steps: readonly { readonly command: unknown }[] }): readonly unknown[] =>
    run.steps.map(step => step.command)
  switch (category) {
    case 'enrollment':
      return arbEnrollmentScenario()
    case 'mentorship':
      return arbMentorshipScenario(config)
    case 'mentor':
      return arbMentorRosterScenario(config)
    case 'competency':
      return arbCompetencyScenario()
    case 'complaint':
      return arbComplaintScenario()
    case 'asn':
      return arbPersonnelHistory(config).map(commandsOfRun)
    case 'unit':
      return arbOrganisationHistory(config).map(commandsOfRun)
    default:
      throw new Error(`the testkit generates no histories of ${category} streams`)
  }
}

/**
 * Generated histories of one aggregate under a configuration: command sequences (mostly lawful, some deliberately
 * wrong) decided one after the other, every step kept. A counterexample prints as one line per command and what came
 * of it, in the domain's words (`2026-03-03 ApprovePlace by atasan 1970…: kuota penuh (capacity-reached)`), and
 * shrinks to the fewest commands that still break the property.
 */
export const arbHistoryOf = <
  Command extends DescribedCommand,
  Event extends DomainEvent,
  State,
  Reject extends DescribedRejection,
>(
  aggregate: HistoryAggregate<Command, Event, State, Reject>,
  config: PolicyConfig,
  options: HistoryOptions<Command, Event, State, Reject> = {},
): fc.Arbitrary<ScenarioRun<Command, Event, State, Reject>> => {
  const decider = options.decider ?? aggregate.decider(config)
  // The category names the aggregate, and so the commands its generator makes: the one cast the map needs.
  const commands = shrinkingByRemoval(commandsOf(aggregate.category, config) as fc.Arbitrary<readonly Command[]>)
  return commands.map(sequence => readable(runScenario(decider, sequence)))
}

/**
 * A property over every reachable state of generated histories: `check(state, events, step)` is called after each
 * command with the state then, the events written so far and the step (command, state before, outcome); it holds when
 * it returns anything but `false` and does not throw (a vitest `expect` inside it is fine). Run it with `fc.assert`
 * (in vitest or anywhere else) or `fc.check`.
 *
 * ```ts
 * fc.assert(forAllHistories(enrollment, config, state => state.status === 'unopened' || approvedPlaces(state) <= state.terms.capacity))
 * ```
 */
export const forAllHistories = <
  Command extends DescribedCommand,
  Event extends DomainEvent,
  State,
  Reject extends DescribedRejection,
>(
  aggregate: HistoryAggregate<Command, Event, State, Reject>,
  config: PolicyConfig,
  check: (state: State, events: readonly Event[], step: ScenarioStep<Command, Event, State, Reject>) => unknown,
  options: HistoryOptions<Command, Event, State, Reject> = {},
): fc.IPropertyWithHooks<[ScenarioRun<Command, Event, State, Reject>]> =>
  fc.property(arbHistoryOf(aggregate, config, options), run => {
    const events: Event[] = []
    for (const step of run.steps) {
      if (E.isRight(step.result)) events.push(...step.result.right)
      if (check(step.after, events, step) === false) return false
    }
    return true
  })
