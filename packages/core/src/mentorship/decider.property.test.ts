import { defaultPolicy, jakartaDate } from '@pembina/core'
import { arbMentorshipHistory, arbMentorshipScenario, runScenario } from '@pembina/testkit'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import type { MentorshipCommand } from './commands.js'
import { mentorshipDecider } from './decider.js'
import { mentorshipEvents } from './events.js'
import { isFinal, type MentorshipState } from './state.js'

// fast-check decides 200 generated scenarios per property: about 3 s alone, up to 6 s while another test run shares the
// two cores, so each case gets ten times its quiet run instead of vitest's 5 s default.
const propertyTimeoutMs = 30_000

const decider = mentorshipDecider(defaultPolicy)
const runs = { seed: 20260302, numRuns: 300 }

/** Each command with the state it met, the decision, and the state after its events. */
const walk = (commands: readonly MentorshipCommand[]) => runScenario(decider, commands).steps

const scenarios = arbMentorshipScenario(defaultPolicy, { noise: true })

describe(
  'mentorship invariants over generated scenarios (valid and invalid commands)',
  { timeout: propertyTimeoutMs },
  () => {
    it('sessions are logged only while the mentorship is active, dated between acceptance and the logging day', () => {
      fc.assert(
        fc.property(scenarios, commands => {
          for (const step of walk(commands))
            for (const event of E.isRight(step.result) ? step.result.right : [])
              if (event.type === 'SessionLogged') {
                expect(step.before.status).toBe('active')
                if (step.before.status === 'none') return
                expect(event.data.date <= jakartaDate(event.data.at)).toBe(true)
                expect(step.before.acceptedOn !== null && event.data.date >= step.before.acceptedOn).toBe(true)
              }
        }),
        runs,
      )
    })

    it('each session id is logged at most once', () => {
      fc.assert(
        fc.property(scenarios, commands => {
          const ids = runScenario(decider, commands).events.flatMap(event =>
            event.type === 'SessionLogged' ? [event.data.sessionId] : [],
          )
          expect(new Set(ids).size).toBe(ids.length)
        }),
        runs,
      )
    })

    it("achieved goals are always among the mentorship's goals", () => {
      fc.assert(
        fc.property(scenarios, commands => {
          for (const { after } of walk(commands)) {
            if (after.status === 'none') continue
            const goalIds = after.proposal.goals.map(goal => goal.goalId)
            for (const achieved of Object.keys(after.achievedGoals)) expect(goalIds).toContain(achieved)
          }
        }),
        runs,
      )
    })

    it('a completed, declined or ended mentorship stays so', () => {
      fc.assert(
        fc.property(scenarios, commands => {
          let final: MentorshipState['status'] | undefined
          for (const { after } of walk(commands)) {
            if (final !== undefined) expect(after.status).toBe(final)
            else if (after.status !== 'none' && isFinal(after.status)) final = after.status
          }
        }),
        runs,
      )
    })

    it("the sessions' total minutes are the sum of the logged sessions, also when the mentorship completes", () => {
      fc.assert(
        fc.property(scenarios, commands => {
          let logged = 0
          let count = 0
          for (const step of walk(commands)) {
            for (const event of E.isRight(step.result) ? step.result.right : []) {
              if (event.type === 'SessionLogged') {
                logged += event.data.minutes
                count += 1
              }
              if (event.type === 'MentorshipCompleted')
                expect([event.data.totalMinutes, event.data.sessions]).toEqual([logged, count])
            }
            if (step.after.status === 'none') continue
            const sessions = Object.values(step.after.sessions)
            expect(step.after.totalMinutes).toBe(logged)
            expect(sessions.reduce((sum, session) => sum + session.minutes, 0)).toBe(logged)
            expect([step.after.sessionCount, sessions.length]).toEqual([count, count])
          }
        }),
        runs,
      )
    })

    it('a mentorship becomes active only by the answer to the acceptance request waiting, each request answered once', () => {
      fc.assert(
        fc.property(scenarios, commands => {
          const answered = new Set<number>()
          for (const step of walk(commands))
            for (const event of E.isRight(step.result) ? step.result.right : []) {
              if (event.type !== 'MentorshipAccepted' && event.type !== 'MentorshipAcceptanceRefused') continue
              expect(step.before.status).toBe('accepting')
              if (step.before.status === 'none') return
              const request = step.before.acceptanceRequests
              if (event.type === 'MentorshipAcceptanceRefused') expect(event.data.request).toBe(request)
              expect(answered.has(request)).toBe(false)
              answered.add(request)
              expect(step.after.status).toBe(event.type === 'MentorshipAccepted' ? 'active' : 'proposed')
            }
        }),
        runs,
      )
    })

    it('every accepted proposal has a mentor other than the mentee', () => {
      fc.assert(
        fc.property(scenarios, commands => {
          for (const event of runScenario(decider, commands).events)
            if (event.type === 'MentorshipProposed') expect(event.data.mentor.nip).not.toBe(event.data.mentee.nip)
        }),
        runs,
      )
    })
  },
)

describe('the mentorship decider', { timeout: propertyTimeoutMs }, () => {
  it('decides deterministically: the same command in the same state gives a deep-equal result', () => {
    fc.assert(
      fc.property(scenarios, commands => {
        for (const { before, command, result } of walk(commands))
          expect(decider.decide(command, before)).toEqual(result)
      }),
      runs,
    )
  })

  it('is idempotent: a command decided again right after its events were applied yields no events', () => {
    fc.assert(
      fc.property(scenarios, commands => {
        for (const { command, result, after } of walk(commands))
          if (E.isRight(result) && result.right.length > 0) expect(decider.decide(command, after)).toEqual(E.right([]))
      }),
      runs,
    )
  })

  it('evolve never throws, whatever the order of events, and the state survives a JSON snapshot', () => {
    const histories = fc.tuple(
      arbMentorshipHistory(defaultPolicy),
      arbMentorshipHistory(defaultPolicy, { mentorshipId: 'lain-001' }),
    )
    fc.assert(
      fc.property(
        histories.chain(([a, b]) => fc.shuffledSubarray([...a.events, ...b.events, ...a.events])),
        events => {
          let state = decider.initialState
          for (const event of events) state = decider.evolve(state, event)
          expect(JSON.parse(JSON.stringify(state))).toEqual(state)
        },
      ),
      runs,
    )
  })

  it('every accepted event encodes and decodes back to itself through the event registry', () => {
    fc.assert(
      fc.property(arbMentorshipHistory(defaultPolicy, { noise: true }), ({ events }) => {
        for (const event of events) {
          const stored = mentorshipEvents.encode(event)
          const data: unknown = JSON.parse(JSON.stringify(stored.data))
          expect(mentorshipEvents.decode({ ...stored, data })).toEqual(E.right(event))
        }
      }),
      runs,
    )
  })

  it('the scenario generator mostly produces mentorships that run their course', () => {
    const samples = fc.sample(arbMentorshipScenario(defaultPolicy), { seed: 20260303, numRuns: 300 })
    const statuses = samples.map(commands => runScenario(decider, commands).state.status)
    const share = (status: string): number => statuses.filter(s => s === status).length / statuses.length
    expect(share('completed')).toBeGreaterThan(0.3)
    expect(share('none')).toBe(0)
    expect(share('active') + share('ended') + share('declined')).toBeGreaterThan(0.2)
    // Some acceptances are refused for capacity, and some mentorships end while their acceptance waits.
    const events = samples.flatMap(commands => runScenario(decider, commands).events)
    expect(events.some(event => event.type === 'MentorshipAcceptanceRefused')).toBe(true)
    expect(events.some(event => event.type === 'MentorshipEnded' && event.data.endedFrom === 'accepting')).toBe(true)
  })
})
