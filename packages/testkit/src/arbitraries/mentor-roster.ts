import fc from 'fast-check'
import {
  type Actor,
  type Instant,
  instant,
  type MentorRosterCommand,
  type MentorRosterEvent,
  type MentorRosterRejection,
  type MentorRosterState,
  mentorRosterDecider,
  type Nip,
  nip,
  type PlaceReleaseReason,
  type PolicyConfig,
  systemActor,
} from '@pembina/core'
import { runScenario, type ScenarioRun } from '../scenario.js'
import { arbTimeline, asnActor } from './shared.js'

/** Options of the mentor roster scenario generator. */
export interface MentorRosterScenarioOptions {
  /** The mentor whose roster it is (default a senior ASN of Dinas Kesehatan). */
  readonly mentorNip?: Nip
  /** How many mentorships ask for a place, at most (default `maxActiveMentees` + 3, so that some are refused). */
  readonly mentorships?: number
  /** The instant before the first command (default 2026-01-05T08:00+07:00). */
  readonly start?: Instant
  /** Mix in commands from a person rather than the system, which are refused (default false). */
  readonly noise?: boolean
}

const defaultMentor = nip('197505122001121002')
const mentees = [
  nip('199203152019032004'),
  nip('199001012018061003'),
  nip('199505202020121001'),
  nip('199607072021032002'),
] as const

/** What one mentorship asks of the roster, in its own order: reservations by request number, and a release. */
type Ask =
  | { readonly kind: 'reserve'; readonly request: number }
  | { readonly kind: 'release'; readonly reason: PlaceReleaseReason }

/**
 * The asks of one mentorship, mostly as the policies send them (a reservation under request 1, now and then a second
 * request after a refusal, a release once it closes), and now and then out of order: a repeat, a release before its
 * reservation, an older request after a newer one. The roster must keep its limit whatever the order.
 */
const arbAsks: fc.Arbitrary<readonly Ask[]> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .record({
        again: fc.boolean(),
        closes: fc.option(fc.constantFrom<PlaceReleaseReason>('completed', 'ended', 'declined'), { nil: undefined }),
      })
      .map(({ again, closes }): readonly Ask[] => [
        { kind: 'reserve', request: 1 },
        ...(again ? [{ kind: 'reserve' as const, request: 2 }] : []),
        ...(closes === undefined ? [] : [{ kind: 'release' as const, reason: closes }]),
      ]),
  },
  {
    weight: 2,
    arbitrary: fc.array(
      fc.oneof(
        fc.integer({ min: 1, max: 3 }).map((request): Ask => ({ kind: 'reserve', request })),
        fc
          .constantFrom<PlaceReleaseReason>('completed', 'ended', 'declined')
          .map((reason): Ask => ({ kind: 'release', reason })),
      ),
      { minLength: 1, maxLength: 5 },
    ),
  },
)

/** Merges lists keeping each one's order, choosing the next source by the numbers given. */
const interleave = <A>(lists: readonly (readonly A[])[], picks: readonly number[]): readonly A[] => {
  const queues = lists.map(list => [...list]).filter(queue => queue.length > 0)
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

/**
 * Command sequences for one mentor's roster with increasing `at`: several mentorships each reserving a place (some
 * refused once the mentor is full, some asking again), and releasing it when they close, interleaved, now and then
 * out of order. With `noise`, commands by a person (refused) are mixed in.
 */
export const arbMentorRosterScenario = (
  config: PolicyConfig,
  options: MentorRosterScenarioOptions = {},
): fc.Arbitrary<readonly MentorRosterCommand[]> => {
  const mentorNip = options.mentorNip ?? defaultMentor
  const start = options.start ?? instant('2026-01-05T08:00:00+07:00')
  const most = options.mentorships ?? config.mentorship.maxActiveMentees + 3
  const system = systemActor('policy:mentor-capacity')
  const person: Actor = asnActor(mentorNip, 'asn', 'mentor')
  return fc
    .record({
      asks: fc.array(arbAsks, { minLength: 1, maxLength: Math.max(1, most) }),
      picks: fc.array(fc.nat(), { minLength: 1, maxLength: 40 }),
      byPerson: options.noise === true ? fc.array(fc.boolean(), { minLength: 1, maxLength: 7 }) : fc.constant([false]),
    })
    .chain(({ asks, picks, byPerson }) => {
      const steps = interleave(
        asks.map((list, i) =>
          list.map(ask => ({ ask, mentorshipId: `dinkes-2026-${String(i + 1).padStart(3, '0')}`, i })),
        ),
        picks,
      )
      return arbTimeline(steps.length, start, 3).map(ats =>
        steps.flatMap(({ ask, mentorshipId, i }, k): readonly MentorRosterCommand[] => {
          const at = ats[k]
          if (at === undefined) return []
          const actor = byPerson[k % byPerson.length] === true ? person : system
          return [
            ask.kind === 'reserve'
              ? {
                  type: 'ReserveMentorPlace',
                  at,
                  actor,
                  data: {
                    mentorNip,
                    mentorshipId,
                    menteeNip: mentees[i % mentees.length] ?? defaultMentor,
                    request: ask.request,
                  },
                }
              : { type: 'ReleaseMentorPlace', at, actor, data: { mentorNip, mentorshipId, reason: ask.reason } },
          ]
        }),
      )
    })
}

/** Reachable histories of one mentor's roster: a scenario generated under `config` run through its decider. */
export const arbMentorRosterHistory = (
  config: PolicyConfig,
  options: MentorRosterScenarioOptions = {},
): fc.Arbitrary<ScenarioRun<MentorRosterCommand, MentorRosterEvent, MentorRosterState, MentorRosterRejection>> =>
  arbMentorRosterScenario(config, options).map(commands => runScenario(mentorRosterDecider(config), commands))
