// Generated valid histories for the projection tests: scenarios of the four aggregates (from the testkit), their
// commands interleaved across streams, run through the real command handlers into any event store. Whatever the
// deciders accept is written; what they refuse is part of a realistic history too, and writes nothing. The mentors'
// capacity is kept as an application keeps it: each mentorship command's events are followed at once by the
// mentor-capacity policies (`driveReactions`: reserve or release the mentor's place, confirm or refuse the
// acceptance, under the ids a reactor derives), so the confirmations a mentorship scenario lists are left to them.
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import {
  competency,
  type CompetencyCommand,
  complaint,
  type ComplaintCommand,
  commandHandler,
  defaultPolicy,
  driveReactions,
  enrollment,
  type EnrollmentCommand,
  type EventStore,
  formatHandleFailure,
  mentorCapacityPolicies,
  mentorRoster,
  mentorship,
  type MentorshipCommand,
} from '@pembina/core'
import {
  arbCompetencyScenario,
  arbComplaintScenario,
  arbEnrollmentScenario,
  arbMentorshipScenario,
} from '@pembina/testkit'

/** One command of a history, tagged with the aggregate it goes to. */
export type HistoryCommand =
  | { readonly category: 'enrollment'; readonly command: EnrollmentCommand }
  | { readonly category: 'mentorship'; readonly command: MentorshipCommand }
  | { readonly category: 'complaint'; readonly command: ComplaintCommand }
  | { readonly category: 'competency'; readonly command: CompetencyCommand }

/** How many streams of each aggregate a generated history has, at most. */
export interface HistorySize {
  readonly offerings: number
  readonly mentorships: number
  readonly complaints: number
  readonly profiles: number
}

const streamsOf = <A>(max: number, scenario: (index: number) => fc.Arbitrary<A>): fc.Arbitrary<readonly A[]> =>
  fc.integer({ min: 0, max }).chain(count => fc.tuple(...Array.from({ length: count }, (_, i) => scenario(i))))

/** Merges streams of commands into one order, each stream's own order kept; `picks` choose which goes next. */
const interleave = <A>(streams: readonly (readonly A[])[], picks: readonly number[]): readonly A[] => {
  const queues = streams.map(stream => [...stream]).filter(queue => queue.length > 0)
  const merged: A[] = []
  let pick = 0
  while (queues.length > 0) {
    const index = (picks[pick++ % Math.max(1, picks.length)] ?? 0) % queues.length
    const queue = queues[index]
    const next = queue?.shift()
    if (next !== undefined) merged.push(next)
    if (queue?.length === 0) queues.splice(index, 1)
  }
  return merged
}

/** Histories of up to `size` streams per aggregate, their commands interleaved in a generated order. */
export const arbHistory = (size: HistorySize): fc.Arbitrary<readonly HistoryCommand[]> =>
  fc
    .record({
      offerings: streamsOf(size.offerings, i => arbEnrollmentScenario(`offering-${i}`)),
      mentorships: streamsOf(size.mentorships, i =>
        arbMentorshipScenario(defaultPolicy, { mentorshipId: `pair-${i}` }),
      ),
      complaints: streamsOf(size.complaints, () => arbComplaintScenario()),
      profiles: streamsOf(size.profiles, () => arbCompetencyScenario({ maxSteps: 12 })),
      picks: fc.array(fc.nat(), { minLength: 1, maxLength: 40 }),
    })
    .map(({ offerings, mentorships, complaints, profiles, picks }) =>
      interleave<HistoryCommand>(
        [
          ...offerings.map(commands => commands.map(command => ({ category: 'enrollment' as const, command }))),
          ...mentorships.map(commands => commands.map(command => ({ category: 'mentorship' as const, command }))),
          ...complaints.map(commands => commands.map(command => ({ category: 'complaint' as const, command }))),
          ...profiles.map(commands => commands.map(command => ({ category: 'competency' as const, command }))),
        ],
        picks,
      ),
    )

/** The command handlers of the four aggregates (and the mentors' rosters) over one store. */
export const historyWriter = (store: EventStore) => {
  const offerings = commandHandler({ store, aggregate: enrollment, config: defaultPolicy })
  const mentorships = commandHandler({ store, aggregate: mentorship, config: defaultPolicy })
  const capacity = {
    handlers: {
      mentorship: mentorships,
      mentor: commandHandler({ store, aggregate: mentorRoster, config: defaultPolicy }),
    },
    policies: mentorCapacityPolicies,
    config: defaultPolicy,
  }
  const complaints = commandHandler({ store, aggregate: complaint, config: defaultPolicy })
  const profiles = commandHandler({ store, aggregate: competency, config: defaultPolicy })
  let handled = 0
  const check = <Failure extends { readonly kind: string }>(
    outcome: E.Either<Failure, unknown>,
    describe: (failure: Failure) => string,
  ): void => {
    if (E.isLeft(outcome) && outcome.left.kind !== 'rejected')
      throw new Error(`writing the history failed: ${describe(outcome.left)}`)
  }
  /** Handles one command (with a fresh command id); a refusal writes nothing, any other failure throws. */
  return async (step: HistoryCommand): Promise<void> => {
    const context = { commandId: `history-command-${++handled}` }
    if (step.category === 'enrollment') check(await offerings.handle(step.command, context)(), formatHandleFailure)
    else if (step.category === 'mentorship') {
      // The policies confirm or refuse an acceptance, from the mentor's roster: the scenario's own answers are left out.
      if (step.command.type === 'ConfirmMentorship' || step.command.type === 'RefuseMentorship') return
      const outcome = await mentorships.handle(step.command, context)()
      check(outcome, formatHandleFailure)
      if (E.isRight(outcome))
        for (const driven of await driveReactions(outcome.right, capacity)) check(driven.outcome, formatHandleFailure)
    } else if (step.category === 'complaint')
      check(await complaints.handle(step.command, context)(), formatHandleFailure)
    else check(await profiles.handle(step.command, context)(), formatHandleFailure)
  }
}

/** Writes commands of a history through the handlers into a store. */
export const writeHistory = async (store: EventStore, commands: readonly HistoryCommand[]): Promise<void> => {
  const handle = historyWriter(store)
  for (const step of commands) await handle(step)
}
