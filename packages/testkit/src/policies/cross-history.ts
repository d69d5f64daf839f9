import * as E from 'fp-ts/lib/Either.js'
import fc from 'fast-check'
import {
  competency,
  type CompetencyCommand,
  complaint,
  type ComplaintCommand,
  type Decider,
  enrollment,
  type EnrollmentCommand,
  instant,
  mentorRoster,
  mentorship,
  type MentorshipCommand,
  Nip,
  type PembinaEvent,
  type PolicyCommand,
  type PolicyConfig,
  reactTo,
} from '@pembina/core'
import { competencyOfficials } from '../arbitraries/competency.js'
import { arbComplaintScenario } from '../arbitraries/complaint.js'
import { arbEnrollmentScenario } from '../arbitraries/enrollment.js'
import { arbMentorshipScenario } from '../arbitraries/mentorship.js'
import { type DescribedCommand, type DescribedRejection, stepLine } from './history-lines.js'
import { shrinkingByRemoval } from './shrinking.js'

/** A command sent from outside to one of the aggregates a cross history spans. */
export type CrossCommand =
  | { readonly category: 'enrollment'; readonly command: EnrollmentCommand }
  | { readonly category: 'mentorship'; readonly command: MentorshipCommand }
  | { readonly category: 'complaint'; readonly command: ComplaintCommand }
  | { readonly category: 'competency'; readonly command: CompetencyCommand }

/** One command of a cross history, sent from outside or by a policy reacting to an event, and what came of it. */
export interface CrossStep {
  /** `command` for one sent from outside, or the policy's target for one the standard policies sent. */
  readonly origin: 'command' | 'policy'
  readonly stream: string
  readonly command: DescribedCommand
  readonly result: E.Either<DescribedRejection, readonly PembinaEvent[]>
}

/** A history across aggregates: every step in order, and the events of every stream. */
export interface CrossHistory {
  readonly steps: readonly CrossStep[]
  readonly streams: ReadonlyMap<string, readonly PembinaEvent[]>
  /** Every event in the order it was written. */
  readonly events: readonly { readonly stream: string; readonly event: PembinaEvent }[]
}

type Outcome = { readonly stream: string; readonly result: E.Either<DescribedRejection, readonly PembinaEvent[]> }

/** One aggregate's streams, decided in memory: each command against its stream's state, its events then applied. */
const lane = <Command extends DescribedCommand, Event extends PembinaEvent, State, Reject extends DescribedRejection>(
  streamOf: (command: Command) => string,
  decider: Decider<Command, Event, State, Reject, never>,
) => {
  const states = new Map<string, State>()
  return (command: Command): Outcome => {
    const stream = streamOf(command)
    const state = states.get(stream) ?? decider.initialState
    const result = decider.decide(command, state)
    if (E.isRight(result)) states.set(stream, result.right.reduce(decider.evolve, state))
    return { stream, result }
  }
}

/**
 * Runs commands across aggregates in memory, with the standard policies between them as a reactor runs them: after
 * each accepted command, every event's policy commands (`reactTo`: credits from a completed place or a logged session,
 * recommendations after a missed deadline or a low rating, the mentor's roster) are decided at once, and so on for
 * their events in turn. Deterministic: the same commands give the same history.
 */
export const runCrossHistory = (config: PolicyConfig, commands: readonly CrossCommand[]): CrossHistory => {
  const lanes = {
    enrollment: lane(enrollment.streamOf, enrollment.decider(config)),
    mentorship: lane(mentorship.streamOf, mentorship.decider(config)),
    mentor: lane(mentorRoster.streamOf, mentorRoster.decider(config)),
    competency: lane(competency.streamOf, competency.decider(config)),
    complaint: lane(complaint.streamOf, complaint.decider(config)),
  }
  const steps: CrossStep[] = []
  const events: { stream: string; event: PembinaEvent }[] = []
  const streams = new Map<string, PembinaEvent[]>()
  const record = (
    origin: CrossStep['origin'],
    command: DescribedCommand,
    outcome: Outcome,
  ): readonly PembinaEvent[] => {
    steps.push({ origin, stream: outcome.stream, command, result: outcome.result })
    if (E.isLeft(outcome.result)) return []
    const written = outcome.result.right
    streams.set(outcome.stream, [...(streams.get(outcome.stream) ?? []), ...written])
    for (const event of written) events.push({ stream: outcome.stream, event })
    return written
  }
  const sendPolicy = (asked: PolicyCommand): readonly PembinaEvent[] => {
    switch (asked.category) {
      case 'competency':
        return record('policy', asked.command, lanes.competency(asked.command))
      case 'mentorship':
        return record('policy', asked.command, lanes.mentorship(asked.command))
      case 'mentor':
        return record('policy', asked.command, lanes.mentor(asked.command))
    }
  }
  const react = (written: readonly PembinaEvent[]): void => {
    for (const event of written) for (const asked of reactTo(event, config)) react(sendPolicy(asked))
  }
  for (const sent of commands) {
    switch (sent.category) {
      case 'enrollment':
        react(record('command', sent.command, lanes.enrollment(sent.command)))
        break
      case 'mentorship':
        react(record('command', sent.command, lanes.mentorship(sent.command)))
        break
      case 'complaint':
        react(record('command', sent.command, lanes.complaint(sent.command)))
        break
      case 'competency':
        react(record('command', sent.command, lanes.competency(sent.command)))
        break
    }
  }
  return { steps, streams, events }
}

/** The NIPs the commands of a history name anywhere in their data: participants, mentees and mentors, officers. */
const nipsIn = (commands: readonly CrossCommand[]): readonly Nip[] => {
  const nips = new Set<Nip>()
  const walk = (value: unknown): void => {
    if (Nip.is(value)) nips.add(value)
    else if (Array.isArray(value)) value.forEach(walk)
    else if (typeof value === 'object' && value !== null) Object.values(value).forEach(walk)
  }
  for (const { command } of commands) walk(command.data)
  return [...nips].sort()
}

/** Registers the competency profile of each NIP before anything else, so that the policies' credits reach a profile. */
const registrations = (nips: readonly Nip[]): readonly CrossCommand[] =>
  nips.map(nip => ({
    category: 'competency',
    command: {
      type: 'RegisterProfile',
      at: instant('2025-01-02T08:00:00+07:00'),
      actor: competencyOfficials.pyb,
      data: {
        nip,
        employeeType: 'PNS',
        unit: 'Puskesmas Belawan',
        position: { kind: 'pelaksana' },
        positionTitle: 'Pengadministrasi Umum',
        rank: 'II/c',
      },
    },
  }))

const byInstant = (a: CrossCommand, b: CrossCommand): number => Date.parse(a.command.at) - Date.parse(b.command.at)

/**
 * Histories across aggregates under a configuration: a training offering, a mentorship and a complaint generated as
 * the single-aggregate generators make them, merged in time, the profiles of everyone they name registered first, and
 * the standard policies run between them (`runCrossHistory`). A counterexample prints one line per command, the
 * policies' commands marked `↳`, and shrinks by leaving commands out.
 */
export const arbCrossHistory = (config: PolicyConfig): fc.Arbitrary<CrossHistory> => {
  const merged = fc
    .tuple(arbEnrollmentScenario(), arbMentorshipScenario(config), arbComplaintScenario())
    .map(([training, mentoring, complaints]): readonly CrossCommand[] => [
      ...training.map((command): CrossCommand => ({ category: 'enrollment', command })),
      ...mentoring.map((command): CrossCommand => ({ category: 'mentorship', command })),
      ...complaints.map((command): CrossCommand => ({ category: 'complaint', command })),
    ])
    .map(merged => [...merged].sort(byInstant))
  // Shrinking leaves commands out of the merged sequence; the registrations are derived from what is left.
  return shrinkingByRemoval(merged).map(commands => {
    const history = runCrossHistory(config, [...registrations(nipsIn(commands)), ...commands])
    return Object.defineProperty({ ...history }, fc.toStringMethod, {
      value: () => `\n  ${crossHistoryLines(history).join('\n  ')}`,
      enumerable: false,
    })
  })
}

/** A cross history's steps, one line each; a policy's command marked `↳` under the event that caused it. */
export const crossHistoryLines = (history: Pick<CrossHistory, 'steps'>): readonly string[] =>
  history.steps.map(step => `${step.origin === 'policy' ? '  ↳ ' : ''}${stepLine(step)}`)

/**
 * Whether every credited JP traces to its source: a training credit to a place completed in that offering by that
 * ASN, a mentoring credit to a session logged in that mentorship. A rule that spans streams, for `forAllCrossHistories`.
 */
export const creditsTraceToSources = (history: CrossHistory): boolean => {
  const completed = new Set<string>()
  const sessions = new Set<string>()
  for (const { event } of history.events) {
    if (event.type === 'PlaceCompleted') completed.add(`${event.data.offeringId}/${event.data.nip}`)
    if (event.type === 'SessionLogged') sessions.add(`${event.data.mentorshipId}/${event.data.sessionId}`)
  }
  return history.events.every(({ event }) => {
    if (event.type !== 'LearningCredited') return true
    const { source, nip } = event.data
    switch (source.kind) {
      case 'training':
        return completed.has(`${source.offeringId}/${nip}`)
      case 'mentoring-session':
      case 'mentoring-given':
        return sessions.has(`${source.mentorshipId}/${source.sessionId}`)
      case 'self-reported':
        return true
    }
  })
}

/**
 * A property over generated histories across aggregates (`arbCrossHistory`), for rules that span streams: `check`
 * gets the whole history and holds unless it returns `false` or throws.
 */
export const forAllCrossHistories = (
  config: PolicyConfig,
  check: (history: CrossHistory) => unknown,
): fc.IPropertyWithHooks<[CrossHistory]> => fc.property(arbCrossHistory(config), history => check(history) !== false)
