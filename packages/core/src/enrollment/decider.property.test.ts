import * as E from 'fp-ts/lib/Either.js'
import fc from 'fast-check'
import { fold, defaultPolicy } from '@pembina/core'
import { arbEnrollmentHistory, arbEnrollmentScenario, runScenario } from '@pembina/testkit'
import { describe, expect, it } from 'vitest'
import { enrollmentDecider } from './decider.js'
import { type EnrollmentEvent, enrollmentEvents } from './events.js'
import { approvedPlaces, type EnrollmentState } from './state.js'

// fast-check decides 200 generated histories per property: about 3 s alone, up to 6 s while another test run shares the
// two cores, so each case gets ten times its quiet run instead of vitest's 5 s default.
const propertyTimeoutMs = 30_000

const decider = enrollmentDecider(defaultPolicy)
const runs = { seed: 20260302, numRuns: 300 }

const statesOf = (history: { steps: readonly { before: EnrollmentState }[]; state: EnrollmentState }) => [
  ...history.steps.map(step => step.before),
  history.state,
]

const isOutcome = (
  event: EnrollmentEvent,
): event is Extract<EnrollmentEvent, { readonly type: 'PlaceCompleted' | 'PlaceNotCompleted' }> =>
  event.type === 'PlaceCompleted' || event.type === 'PlaceNotCompleted'

describe('enrollment invariants over generated histories (property)', { timeout: propertyTimeoutMs }, () => {
  it('approved places never exceed capacity, in every reachable state, and every state survives JSON', () => {
    fc.assert(
      fc.property(arbEnrollmentHistory(defaultPolicy), history => {
        for (const state of statesOf(history)) {
          if (state.status !== 'unopened') expect(approvedPlaces(state)).toBeLessThanOrEqual(state.terms.capacity)
          expect(JSON.parse(JSON.stringify(state))).toEqual(state)
        }
      }),
      runs,
    )
  })

  it('each participant gets at most one outcome, and only an approved place gets one', () => {
    fc.assert(
      fc.property(arbEnrollmentHistory(defaultPolicy), history => {
        const outcomes = history.events.filter(isOutcome).map(event => event.data.nip)
        expect(new Set(outcomes).size).toBe(outcomes.length)
        for (const { before, result } of history.steps) {
          if (E.isLeft(result) || before.status === 'unopened') continue
          for (const event of result.right.filter(isOutcome))
            expect(before.places[event.data.nip]?.status).toBe('approved')
        }
      }),
      runs,
    )
  })

  it('nothing happens after an offering is closed or cancelled', () => {
    fc.assert(
      fc.property(arbEnrollmentHistory(defaultPolicy), history => {
        const end = history.events.findIndex(e => e.type === 'OfferingClosed' || e.type === 'OfferingCancelled')
        if (end >= 0) expect(history.events.length).toBe(end + 1)
      }),
      runs,
    )
  })

  it("every event carries its command's instant and offering", () => {
    fc.assert(
      fc.property(arbEnrollmentHistory(defaultPolicy), history => {
        for (const { command, result } of history.steps)
          if (E.isRight(result))
            for (const event of result.right)
              expect([event.data.at, event.data.offeringId]).toEqual([command.at, command.data.offeringId])
      }),
      runs,
    )
  })

  it('every decided event satisfies its codec: stored and read back through the registry, it is unchanged', () => {
    fc.assert(
      fc.property(arbEnrollmentHistory(defaultPolicy), history => {
        for (const event of history.events)
          expect(enrollmentEvents.decode(enrollmentEvents.encode(event))).toEqual(E.right(event))
      }),
      runs,
    )
  })

  it('decide is deterministic: the same command in the same state gives a deep-equal result', () => {
    fc.assert(
      fc.property(arbEnrollmentHistory(defaultPolicy), history => {
        for (const { command, before, result } of history.steps)
          expect(enrollmentDecider(defaultPolicy).decide(command, before)).toEqual(result)
      }),
      runs,
    )
  })

  it('a command decided again right after its events were applied changes nothing (idempotent)', () => {
    fc.assert(
      fc.property(arbEnrollmentHistory(defaultPolicy), history => {
        for (const { command, before, result } of history.steps) {
          if (E.isLeft(result) || result.right.length === 0) continue
          expect(decider.decide(command, fold(decider, result.right, before))).toEqual(E.right([]))
        }
      }),
      runs,
    )
  })

  it('evolve never throws, whatever the order of the events and whichever offering they belong to', () => {
    const mixed = fc
      .tuple(arbEnrollmentHistory(defaultPolicy), arbEnrollmentHistory(defaultPolicy))
      .chain(([a, b]) => fc.shuffledSubarray([...a.events, ...b.events]))
    fc.assert(
      fc.property(mixed, events => {
        expect(() => fold(decider, events)).not.toThrow()
      }),
      runs,
    )
  })

  it('generated scenarios are mostly valid and reach every outcome', () => {
    const histories = fc
      .sample(arbEnrollmentScenario(), { seed: 7, numRuns: 200 })
      .map(commands => runScenario(decider, commands))
    const steps = histories.flatMap(history => history.steps)
    const accepted = steps.filter(step => E.isRight(step.result)).length
    expect(accepted / steps.length).toBeGreaterThan(0.6)
    const types = new Set(histories.flatMap(history => history.events.map(event => event.type)))
    for (const type of ['PlaceCompleted', 'PlaceNotCompleted', 'OfferingClosed', 'OfferingCancelled', 'PlaceWithdrawn'])
      expect(types).toContain(type)
  })
})
