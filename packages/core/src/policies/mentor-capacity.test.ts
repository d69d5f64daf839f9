import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  type Actor,
  instant,
  mentorCapacityPolicies,
  mentorRoster,
  type MentorRosterState,
  mentorRosterDecider,
  mentorship,
  type MentorshipCommand,
  type MentorshipEvent,
  mentorshipDecider,
  type MentorshipState,
  nip,
  type PembinaEvent,
  type PolicyCommand,
  policyConfig,
  reactTo,
  systemActor,
} from '../index.js'

const config = policyConfig({ maxActiveMentees: 2 })
const at = instant('2026-03-03T10:00:00+07:00')
const mentorNip = nip('197505122001121002')
const mentees = [
  nip('199203152019032004'),
  nip('199001012018061003'),
  nip('199505202020121001'),
  nip('199607072021032002'),
] as const
const system = systemActor('policy:mentor-capacity')
const mentor: Actor = { kind: 'asn', nip: mentorNip, roles: ['asn', 'mentor'] }
const mentee = (i: number): Actor => ({ kind: 'asn', nip: mentees[i] ?? mentees[0], roles: ['asn'] })
const idOf = (i: number): string => `dinkes-2026-00${i + 1}`

const capacity = (event: PembinaEvent): readonly PolicyCommand[] =>
  mentorCapacityPolicies.flatMap(policy => policy.react(event, config))

describe('the mentor-capacity policies', () => {
  it("the mentor's acceptance asks the mentor's roster for a place, under its request, by the system, at its instant", () => {
    const requested: MentorshipEvent = {
      type: 'MentorshipAcceptanceRequested',
      data: { at, mentorshipId: 'm-1', form: 'mentoring', mentorNip, menteeNip: mentees[0], request: 2 },
    }
    expect(reactTo(requested, config)).toEqual([
      {
        category: 'mentor',
        stream: mentorRoster.streamName(mentorNip),
        command: {
          type: 'ReserveMentorPlace',
          at,
          actor: system,
          data: { mentorNip, mentorshipId: 'm-1', menteeNip: mentees[0], request: 2 },
        },
      },
    ])
  })

  it('a place reserved confirms the acceptance; no place refuses it with the count and the limit', () => {
    const base = { at, mentorNip, mentorshipId: 'm-1', menteeNip: mentees[0], request: 1 }
    expect(reactTo({ type: 'MentorPlaceReserved', data: { ...base, activeAfter: 2 } }, config)).toEqual([
      {
        category: 'mentorship',
        stream: mentorship.streamName('m-1'),
        command: { type: 'ConfirmMentorship', at, actor: system, data: { mentorshipId: 'm-1', request: 1 } },
      },
    ])
    expect(reactTo({ type: 'MentorPlaceRefused', data: { ...base, active: 2, max: 2 } }, config)).toEqual([
      {
        category: 'mentorship',
        stream: mentorship.streamName('m-1'),
        command: {
          type: 'RefuseMentorship',
          at,
          actor: system,
          data: { mentorshipId: 'm-1', request: 1, activeMentorships: 2, maxActiveMentees: 2 },
        },
      },
    ])
  })

  it('a mentorship that completed, ended or was declined releases its place, with the reason', () => {
    const parties = { at, mentorshipId: 'm-1', mentorNip, menteeNip: mentees[0] }
    const closings: readonly MentorshipEvent[] = [
      {
        type: 'MentorshipCompleted',
        data: {
          ...parties,
          form: 'mentoring',
          sessions: 2,
          totalMinutes: 180,
          goalsAchieved: 1,
          basis: 'all-goals-achieved',
          evaluation: 'Baik',
        },
      },
      { type: 'MentorshipEnded', data: { ...parties, endedFrom: 'accepting', reason: 'Mutasi' } },
      { type: 'MentorshipDeclined', data: { ...parties, reason: 'Jadwal penuh' } },
    ]
    expect(
      closings.flatMap(event =>
        reactTo(event, config).map(asked =>
          asked.command.type === 'ReleaseMentorPlace' ? [asked.stream, asked.command.data.reason] : [],
        ),
      ),
    ).toEqual([
      [mentorRoster.streamName(mentorNip), 'completed'],
      [mentorRoster.streamName(mentorNip), 'ended'],
      [mentorRoster.streamName(mentorNip), 'declined'],
    ])
  })

  it('every standard policy names the aggregates it writes to, and writes to no other (property)', () => {
    const events = fc.constantFrom<PembinaEvent>(
      {
        type: 'MentorshipAcceptanceRequested',
        data: { at, mentorshipId: 'm-1', form: 'mentoring', mentorNip, menteeNip: mentees[0], request: 1 },
      },
      {
        type: 'MentorPlaceReserved',
        data: { at, mentorNip, mentorshipId: 'm-1', menteeNip: mentees[0], request: 1, activeAfter: 1 },
      },
      {
        type: 'MentorPlaceRefused',
        data: { at, mentorNip, mentorshipId: 'm-1', menteeNip: mentees[0], request: 1, active: 2, max: 2 },
      },
      { type: 'MentorshipDeclined', data: { at, mentorshipId: 'm-1', mentorNip, menteeNip: mentees[0], reason: 'x' } },
    )
    fc.assert(
      fc.property(events, event => {
        for (const policy of mentorCapacityPolicies)
          for (const asked of policy.react(event, config)) expect(policy.targets).toContain(asked.category)
      }),
    )
  })
})

/** One step of a generated run: a person's command on mentorship `i`, or the delivery of a pending policy command. */
type Step =
  | { readonly kind: 'accept' | 'end' | 'decline'; readonly i: number }
  | { readonly kind: 'deliver'; readonly pick: number; readonly again: boolean }

const arbStep: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('accept' as const), i: fc.nat(3) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom('end' as const, 'decline' as const), i: fc.nat(3) }) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('deliver' as const), pick: fc.nat(), again: fc.boolean() }) },
)

/**
 * Four mentorships of one mentor, who may hold two, decided by the pure deciders, the policies' commands delivered in
 * any order, some of them more than once (a redelivery decided again, which a command handler would not even do).
 */
const runProcess = (
  steps: readonly Step[],
  check: (roster: MentorRosterState, states: readonly MentorshipState[]) => void,
) => {
  const mentorships = mentorshipDecider(config)
  const roster = mentorRosterDecider(config)
  const states: MentorshipState[] = []
  let places: MentorRosterState = roster.initialState
  const pending: PolicyCommand[] = []
  const apply = (asked: PolicyCommand): void => {
    if (asked.category === 'mentor') {
      const decided = roster.decide(asked.command, places)
      // A refused roster command (a reservation after its release) is parked by a reactor: it changes nothing.
      for (const event of E.isRight(decided) ? decided.right : []) {
        places = roster.evolve(places, event)
        // A reservation recorded is a place held: never one for a mentorship already released.
        if (event.type === 'MentorPlaceReserved')
          expect(Object.hasOwn(places.places, event.data.mentorshipId)).toBe(true)
        pending.push(...capacity(event))
      }
    } else if (asked.category === 'mentorship') send(asked.command)
  }
  const send = (command: MentorshipCommand): void => {
    const index = mentees.findIndex((_, i) => idOf(i) === command.data.mentorshipId)
    const state = states[index] ?? mentorships.initialState
    const decided = mentorships.decide(command, state)
    for (const event of E.isRight(decided) ? decided.right : []) {
      states[index] = mentorships.evolve(states[index] ?? mentorships.initialState, event)
      pending.push(...capacity(event))
    }
  }
  for (const [i, menteeNip] of mentees.entries())
    send({
      type: 'ProposeMentorship',
      at,
      actor: mentee(i),
      data: {
        mentorshipId: idOf(i),
        form: 'mentoring',
        mentor: { nip: mentorNip },
        mentee: { nip: menteeNip },
        unit: 'Dinas Kesehatan Kota Medan',
        goals: [{ goalId: 'laporan-kegiatan', description: 'Menyusun laporan kegiatan' }],
        plannedSessions: 2,
      },
    })
  const deliver = (pick: number, again: boolean): void => {
    if (pending.length === 0) return
    const at = pick % pending.length
    const [asked] = again ? pending.slice(at, at + 1) : pending.splice(at, 1)
    if (asked !== undefined) apply(asked)
  }
  for (const step of steps) {
    if (step.kind === 'deliver') deliver(step.pick, step.again)
    else {
      const mentorshipId = idOf(step.i)
      if (step.kind === 'accept') send({ type: 'AcceptMentorship', at, actor: mentor, data: { mentorshipId } })
      else if (step.kind === 'end')
        send({ type: 'EndMentorship', at, actor: mentor, data: { mentorshipId, reason: 'Mutasi' } })
      else send({ type: 'DeclineMentorship', at, actor: mentor, data: { mentorshipId, reason: 'Jadwal penuh' } })
    }
    check(places, states)
  }
  // Every command delivered at last: the process has settled.
  while (pending.length > 0) deliver(0, false)
  return { places, states }
}

const heldIds = (places: MentorRosterState): ReadonlySet<string> => new Set(Object.keys(places.places))
const activeIds = (states: readonly MentorshipState[]): readonly string[] =>
  states.flatMap(state => (state.status === 'active' ? [state.proposal.mentorshipId] : []))

describe('the mentor capacity across mentorships and the roster, in any delivery order', () => {
  const runs = { seed: 20260318, numRuns: 400 }

  it('a mentor never holds more than the maximum, and every active mentorship holds a place (property)', () => {
    fc.assert(
      fc.property(fc.array(arbStep, { maxLength: 60 }), steps => {
        runProcess(steps, (places, states) => {
          expect(Object.keys(places.places).length).toBeLessThanOrEqual(2)
          const held = heldIds(places)
          for (const id of activeIds(states)) expect(held.has(id)).toBe(true)
        })
      }),
      runs,
    )
  })

  it('once every command is delivered no place is leaked: the places held are exactly the active mentorships', () => {
    fc.assert(
      fc.property(fc.array(arbStep, { maxLength: 60 }), steps => {
        const { places, states } = runProcess(steps, () => undefined)
        expect([...heldIds(places)].sort()).toEqual([...activeIds(states)].sort())
        // Nothing waits for an answer any more.
        expect(states.filter(state => state.status === 'accepting')).toEqual([])
      }),
      runs,
    )
  })

  it('the generated runs fill the mentor, refuse acceptances and release places', () => {
    const outcomes = fc.sample(fc.array(arbStep, { maxLength: 60 }), { seed: 5, numRuns: 200 }).map(steps => {
      const { places, states } = runProcess(steps, () => undefined)
      const released = Object.keys(places.released).length
      const refused = Object.values(places.refused).length
      return { full: activeIds(states).length === 2, released, refused }
    })
    expect(outcomes.some(outcome => outcome.full)).toBe(true)
    expect(outcomes.some(outcome => outcome.refused > 0)).toBe(true)
    expect(outcomes.some(outcome => outcome.released > 0)).toBe(true)
  })
})
