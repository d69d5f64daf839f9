import { defaultPolicy, policyConfig } from '@pembina/core'
import { arbMentorRosterHistory, arbMentorRosterScenario, runScenario } from '@pembina/testkit'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { mentorRosterDecider } from './decider.js'
import { mentorRosterEvents } from './events.js'
import { placesHeld } from './state.js'

// Generated rosters are small (a few dozen commands): 300 runs take well under a second; the timeout leaves room for a
// busy machine.
const propertyTimeoutMs = 30_000
const runs = { seed: 20260317, numRuns: 300 }

const configs = [policyConfig({ maxActiveMentees: 1 }), policyConfig({ maxActiveMentees: 2 }), defaultPolicy] as const

describe('mentor roster invariants over generated histories, in any order', { timeout: propertyTimeoutMs }, () => {
  it.each(configs.map(config => [config.mentorship.maxActiveMentees, config] as const))(
    'a mentor never holds more than the maximum of places (max %i)',
    (max, config) => {
      fc.assert(
        fc.property(arbMentorRosterHistory(config, { noise: true }), ({ steps }) => {
          for (const { after, result } of steps) {
            expect(placesHeld(after)).toBeLessThanOrEqual(max)
            for (const event of E.isRight(result) ? result.right : [])
              if (event.type === 'MentorPlaceReserved') expect(event.data.activeAfter).toBeLessThanOrEqual(max)
          }
        }),
        runs,
      )
    },
  )

  it('each mentorship holds at most one place: between two reservations of it there is a release', () => {
    fc.assert(
      fc.property(arbMentorRosterHistory(policyConfig({ maxActiveMentees: 2 })), ({ events }) => {
        const holding = new Set<string>()
        const released = new Set<string>()
        for (const event of events) {
          const { mentorshipId } = event.data
          if (event.type === 'MentorPlaceReserved') {
            expect(holding.has(mentorshipId)).toBe(false)
            // And never once released: a release is final for its mentorship.
            expect(released.has(mentorshipId)).toBe(false)
            holding.add(mentorshipId)
          }
          if (event.type === 'MentorPlaceReleased') {
            expect(event.data.held).toBe(holding.has(mentorshipId))
            holding.delete(mentorshipId)
            released.add(mentorshipId)
          }
        }
      }),
      runs,
    )
  })

  it('releases free places: the places held are the reservations not released, and a refusal comes only when full', () => {
    const config = policyConfig({ maxActiveMentees: 2 })
    fc.assert(
      fc.property(arbMentorRosterHistory(config), ({ steps }) => {
        let reservations = 0
        let releases = 0
        for (const { before, after, result } of steps) {
          for (const event of E.isRight(result) ? result.right : []) {
            if (event.type === 'MentorPlaceReserved') reservations++
            if (event.type === 'MentorPlaceReleased' && event.data.held) releases++
            if (event.type === 'MentorPlaceRefused') {
              expect(placesHeld(before)).toBe(2)
              expect(event.data).toMatchObject({ active: 2, max: 2 })
            }
          }
          expect(placesHeld(after)).toBe(reservations - releases)
        }
      }),
      runs,
    )
  })

  it('the generated histories reserve, refuse and release places, released places held or not', () => {
    const samples = fc.sample(arbMentorRosterHistory(policyConfig({ maxActiveMentees: 2 })), { seed: 7, numRuns: 200 })
    const types = samples.flatMap(({ events }) =>
      events.map(event => (event.type === 'MentorPlaceReleased' ? `released held=${event.data.held}` : event.type)),
    )
    for (const type of ['MentorPlaceReserved', 'MentorPlaceRefused', 'released held=true', 'released held=false'])
      expect(types).toContain(type)
  })
})

describe('the mentor roster decider', { timeout: propertyTimeoutMs }, () => {
  const decider = mentorRosterDecider(policyConfig({ maxActiveMentees: 2 }))
  const scenarios = arbMentorRosterScenario(policyConfig({ maxActiveMentees: 2 }), { noise: true })

  it('decides deterministically: the same command in the same state gives a deep-equal result', () => {
    fc.assert(
      fc.property(scenarios, commands => {
        for (const { before, command, result } of runScenario(decider, commands).steps)
          expect(decider.decide(command, before)).toEqual(result)
      }),
      runs,
    )
  })

  it('is idempotent: a command decided again right after its events were applied yields no events', () => {
    fc.assert(
      fc.property(scenarios, commands => {
        for (const { command, result, after } of runScenario(decider, commands).steps)
          if (E.isRight(result) && result.right.length > 0) expect(decider.decide(command, after)).toEqual(E.right([]))
      }),
      runs,
    )
  })

  it('evolve never throws, whatever the order of events, and the state survives a JSON snapshot', () => {
    fc.assert(
      fc.property(
        arbMentorRosterHistory(defaultPolicy).chain(({ events }) => fc.shuffledSubarray([...events, ...events])),
        events => {
          let state = decider.initialState
          for (const event of events) state = decider.evolve(state, event)
          expect(JSON.parse(JSON.stringify(state))).toEqual(state)
        },
      ),
      runs,
    )
  })

  it('every event encodes and decodes back to itself through the event registry', () => {
    fc.assert(
      fc.property(arbMentorRosterHistory(policyConfig({ maxActiveMentees: 2 })), ({ events }) => {
        for (const event of events) {
          const stored = mentorRosterEvents.encode(event)
          const data: unknown = JSON.parse(JSON.stringify(stored.data))
          expect(mentorRosterEvents.decode({ ...stored, data })).toEqual(E.right(event))
        }
      }),
      runs,
    )
  })
})
