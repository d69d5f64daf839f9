// Replay as of an instant, checked against the deciders run by hand: for generated cross-aggregate histories written
// through the command handlers, the state of every stream as of a generated instant (by `stateAsOf` and by `replay`)
// equals the fold of the events of the stream's accepted commands issued at or before it. The mentors' rosters and the
// answers to acceptances come from the mentor-capacity policies, which the history writer runs at once: the hand runs
// them too, on the deciders alone.
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  competency,
  complaint,
  defaultPolicy,
  enrollment,
  type Aggregate,
  type DomainEvent,
  type EventStore,
  inMemoryEventStore,
  type Instant,
  instant,
  mentorCapacityPolicies,
  mentorRoster,
  type MentorRosterCommand,
  type MentorRosterState,
  mentorship,
  type MentorshipCommand,
  type MentorshipState,
  type PembinaEvent,
  type PolicyCommand,
  type PolicyConfig,
  replay,
  stateAsOf,
} from '@pembina/core'
import { arbHistory, historyWriter } from '../projections/history.js'

// Generated histories take a few seconds each under a second test run; ten times the usual run.
const propertyTimeoutMs = 60_000

// Streams the instant cut between two of their events: the cases where as-of differs from both ends.
let cutStreams = 0

interface ByHandDecider<Command, Event, State> {
  readonly initialState: State
  readonly decide: (command: Command, state: State) => E.Either<unknown, readonly Event[]>
  readonly evolve: (state: State, event: Event) => State
}

/**
 * Each stream's state after its accepted commands issued at or before `asOf`, up to the first accepted one issued
 * after it: the deciders alone, on the commands in the order they were sent.
 */
const statesByHand = <Command extends { readonly at: Instant }, Event, State>(
  decider: ByHandDecider<Command, Event, State>,
  streamOf: (command: Command) => string,
  commands: readonly Command[],
  asOf: number,
): ReadonlyMap<string, State> => {
  const now = new Map<string, State>()
  const asOfState = new Map<string, State>()
  const passed = new Set<string>()
  for (const command of commands) {
    const stream = streamOf(command)
    const state = now.get(stream) ?? decider.initialState
    const decided = decider.decide(command, state)
    if (E.isLeft(decided) || decided.right.length === 0) continue
    const next = decided.right.reduce(decider.evolve, state)
    now.set(stream, next)
    if (Date.parse(command.at) > asOf) passed.add(stream)
    if (!passed.has(stream)) asOfState.set(stream, next)
    else if (!asOfState.has(stream)) asOfState.set(stream, decider.initialState)
  }
  for (const [stream, state] of asOfState) if (passed.has(stream) && state !== decider.initialState) cutStreams++
  return asOfState
}

/**
 * The mentorship commands and the mentor roster commands as the history writer sends them: each person's command,
 * followed at once by what the mentor-capacity policies ask for in reaction to its events (and to theirs), with the
 * scenario's own answers to acceptances left to the policies.
 */
const withCapacity = (commands: readonly MentorshipCommand[]) => {
  const mentorships = mentorship.decider(defaultPolicy)
  const rosters = mentorRoster.decider(defaultPolicy)
  const states = new Map<string, MentorshipState>()
  const places = new Map<string, MentorRosterState>()
  const sent: MentorshipCommand[] = []
  const rosterCommands: MentorRosterCommand[] = []
  const react = (events: readonly PembinaEvent[]): void => {
    for (const event of events)
      for (const policy of mentorCapacityPolicies) for (const asked of policy.react(event, defaultPolicy)) follow(asked)
  }
  const send = (command: MentorshipCommand): void => {
    sent.push(command)
    const stream = mentorship.streamOf(command)
    const state = states.get(stream) ?? mentorships.initialState
    const decided = mentorships.decide(command, state)
    if (E.isLeft(decided)) return
    states.set(stream, decided.right.reduce(mentorships.evolve, state))
    react(decided.right)
  }
  const follow = (asked: PolicyCommand): void => {
    if (asked.category === 'mentorship') send(asked.command)
    if (asked.category !== 'mentor') return
    rosterCommands.push(asked.command)
    const state = places.get(asked.stream) ?? rosters.initialState
    const decided = rosters.decide(asked.command, state)
    if (E.isLeft(decided)) return
    places.set(asked.stream, decided.right.reduce(rosters.evolve, state))
    react(decided.right)
  }
  for (const command of commands)
    if (command.type !== 'ConfirmMentorship' && command.type !== 'RefuseMentorship') send(command)
  return { mentorships: sent, rosters: rosterCommands }
}

/** Checks `stateAsOf` of every stream of one aggregate, and `replay`'s states of its category, against the hand. */
const checkAggregate = async <
  Category extends string,
  Id extends string,
  Command extends { readonly type: string; readonly at: Instant },
  Event extends DomainEvent,
  State,
  Reject,
  Facts,
>(
  store: EventStore,
  aggregate: Aggregate<Category, Id, Command, Event, State, Reject, PolicyConfig, Facts>,
  replayed: ReadonlyMap<string, unknown>,
  commands: readonly Command[],
  asOf: Instant,
): Promise<number> => {
  const expected = statesByHand(aggregate.decider(defaultPolicy), aggregate.streamOf, commands, Date.parse(asOf))
  for (const [stream, state] of expected) {
    const id = aggregate.idOfStream(stream)
    if (E.isLeft(id)) throw new Error(id.left)
    const one = await stateAsOf(store, aggregate, id.right, asOf, defaultPolicy)
    expect(E.isRight(one) ? one.right.state : one.left, stream).toEqual(state)
    expect(replayed.get(stream), stream).toEqual(state)
  }
  return expected.size
}

describe('replay as of an instant (property)', () => {
  it(
    'gives every stream the state of its accepted commands issued by then, one stream or all at once',
    async () => {
      let checked = 0
      await fc.assert(
        fc.asyncProperty(
          arbHistory({ offerings: 3, mentorships: 2, complaints: 2, profiles: 2 }),
          fc.nat(),
          fc.integer({ min: -90, max: 90 }),
          async (history, pick, minutes) => {
            const store = inMemoryEventStore()
            const write = historyWriter(store)
            for (const step of history) await write(step)
            // An instant near one of the history's own: anywhere in a two-year range would rarely fall inside a stream.
            const at = history[pick % Math.max(1, history.length)]?.command.at ?? '2026-01-01T00:00:00Z'
            const asOf = instant(new Date(Date.parse(at) + minutes * 60_000).toISOString())
            const replayed = new Map<string, unknown>()
            for await (const stream of replay(store, { config: defaultPolicy, asOf }))
              replayed.set(stream.streamName, stream.state)
            const offerings = history.flatMap(step => (step.category === 'enrollment' ? [step.command] : []))
            const pairs = history.flatMap(step => (step.category === 'mentorship' ? [step.command] : []))
            const profiles = history.flatMap(step => (step.category === 'competency' ? [step.command] : []))
            const complaints = history.flatMap(step => (step.category === 'complaint' ? [step.command] : []))
            const capacity = withCapacity(pairs)
            let streams = await checkAggregate(store, enrollment, replayed, offerings, asOf)
            streams += await checkAggregate(store, mentorship, replayed, capacity.mentorships, asOf)
            streams += await checkAggregate(store, mentorRoster, replayed, capacity.rosters, asOf)
            streams += await checkAggregate(store, competency, replayed, profiles, asOf)
            streams += await checkAggregate(store, complaint, replayed, complaints, asOf)
            // Every stream in the store is one the hand knows, and the other way round.
            expect(replayed.size).toBe(streams)
            checked += streams
          },
        ),
        { numRuns: 25, seed: 0x5eed_0016 },
      )
      expect(checked).toBeGreaterThan(50)
      expect(cutStreams).toBeGreaterThan(10)
    },
    propertyTimeoutMs,
  )
})
