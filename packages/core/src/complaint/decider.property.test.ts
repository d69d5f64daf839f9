import * as E from 'fp-ts/lib/Either.js'
import fc from 'fast-check'
import {
  exampleIndonesianHolidays2026,
  PersonalData,
  type PolicyConfig,
  defaultPolicy,
  policyConfig,
} from '@pembina/core'
import { arbComplaintHistory } from '@pembina/testkit'
import { describe, expect, it } from 'vitest'
import { deadlineAfterCalendarDays, nextDeadlines } from './deadlines.js'
import { complaintDecider } from './decider.js'
import { type ComplaintEvent, complaintEvents } from './events.js'
import { complaintRejections } from './rejections.js'
import { type ComplaintState, isFinalComplaintStatus } from './state.js'

// fast-check decides 200 generated scenarios per property: about 3 s alone, up to 6 s while another test run shares the
// two cores, so each case gets ten times its quiet run instead of vitest's 5 s default.
const propertyTimeoutMs = 30_000

const runs = { seed: 20260813, numRuns: 250 }
const finalEvents = new Set<ComplaintEvent['type']>([
  'ComplaintClosed',
  'ComplaintArchived',
  'ComplaintNotInAuthority',
  'ComplaintDeemedWithdrawn',
  'ComplaintEscalated',
])
const personalDataFields = new Set(['complainant', 'contact', 'sensitiveDetails'])
const clearIdentityWords = /^(name|nama|nik|ktp|phone|telepon|hp|email|address|alamat|identity|identitas)$/i

const flagsOf = (state: ComplaintState): readonly [boolean, boolean] =>
  state.status === 'not-filed' ? [false, false] : [state.anonymous, state.confidential]

/** Every field name in a value, with its value, at any depth. */
const fieldsOf = (value: unknown): readonly (readonly [string, unknown])[] =>
  typeof value !== 'object' || value === null
    ? []
    : Object.entries(value).flatMap(([key, inner]) => [[key, inner] as const, ...fieldsOf(inner)])

const policies: readonly (readonly [string, PolicyConfig])[] = [
  ['the default policy', defaultPolicy],
  [
    'Indonesian holidays and shorter periods',
    policyConfig({
      holidays: exampleIndonesianHolidays2026,
      complaint: { verificationWorkingDays: 1, decisionDays: 20, autoCloseWorkingDays: 3 },
    }),
  ],
]

describe.each(policies)(
  'complaint invariants in every reachable state, under %s',
  { timeout: propertyTimeoutMs },
  (_name, config) => {
    const decider = complaintDecider(config)
    const scenario = arbComplaintHistory(config)

    it('the timeline of a complaint never goes back', () => {
      fc.assert(
        fc.property(scenario, ({ events }) => {
          const ats = events.map(event => Date.parse(event.data.at))
          ats.forEach((at, i) => {
            expect(at).toBeGreaterThanOrEqual(ats[i - 1] ?? at)
          })
        }),
        runs,
      )
    })

    it('an ended complaint stays ended: only its one rating may follow a close, within the rating window', () => {
      fc.assert(
        fc.property(scenario, ({ steps, events: history }) => {
          const end = history.findIndex(event => finalEvents.has(event.type))
          const ending = history[end]
          if (ending !== undefined) {
            const after = history.slice(end + 1)
            expect(after.length).toBeLessThanOrEqual(1)
            for (const event of after) {
              expect(event.type).toBe('SatisfactionRated')
              expect(ending.type).toBe('ComplaintClosed')
              const window = deadlineAfterCalendarDays(ending.data.at, config.complaint.ratingWindowDays)
              expect(Date.parse(event.data.at)).toBeLessThanOrEqual(Date.parse(window))
            }
          }
          steps.forEach(step => {
            if (step.before.status !== 'not-filed' && isFinalComplaintStatus(step.before.status))
              expect(step.after.status).toBe(step.before.status)
          })
        }),
        runs,
      )
    })

    it('each stage’s deadline miss is recorded at most once, only after it fell due, at the due time then open', () => {
      fc.assert(
        fc.property(scenario, ({ steps }) => {
          const seen = new Set<string>()
          for (const step of steps)
            for (const event of E.isRight(step.result) ? step.result.right : [])
              if (event.type === 'DeadlineMissed') {
                expect(seen.has(event.data.stage)).toBe(false)
                seen.add(event.data.stage)
                expect(Date.parse(event.data.at)).toBeGreaterThan(Date.parse(event.data.dueAt))
                const open = nextDeadlines(step.before, config).find(deadline => deadline.stage === event.data.stage)
                expect(open?.dueAt).toBe(event.data.dueAt)
              }
        }),
        runs,
      )
    })

    it('the anonymous and confidential flags never go from true to false', () => {
      fc.assert(
        fc.property(scenario, ({ steps }) => {
          for (const step of steps) {
            const [wasAnonymous, wasConfidential] = flagsOf(step.before)
            const [anonymous, confidential] = flagsOf(step.after)
            if (wasAnonymous) expect(anonymous).toBe(true)
            if (wasConfidential) expect(confidential).toBe(true)
            for (const event of E.isRight(step.result) ? step.result.right : [])
              if (event.type === 'ComplaintVerified') {
                expect(event.data.anonymous || !wasAnonymous).toBe(true)
                expect(event.data.confidential || !wasConfidential).toBe(true)
              }
          }
        }),
        runs,
      )
    })

    it('no event holds a complainant’s clear identity: identity fields are encrypted envelopes, and events match their schema', () => {
      fc.assert(
        fc.property(scenario, ({ events }) => {
          for (const event of events) {
            for (const [key, value] of fieldsOf(event.data)) {
              expect(key).not.toMatch(clearIdentityWords)
              if (personalDataFields.has(key)) expect(PersonalData.is(value)).toBe(true)
            }
            expect(complaintEvents.decode(complaintEvents.encode(event))).toEqual(E.right(event))
          }
        }),
        runs,
      )
    })

    it('decide is deterministic, and a refusal carries a known code and a message', () => {
      fc.assert(
        fc.property(scenario, ({ steps }) => {
          for (const step of steps) {
            expect(decider.decide(step.command, step.before)).toEqual(step.result)
            if (E.isLeft(step.result)) {
              expect(complaintRejections.codes).toContain(step.result.left.code)
              expect(step.result.left.message).not.toBe('')
            }
          }
        }),
        runs,
      )
    })

    it('a command decided again right after its events were applied changes nothing (idempotent)', () => {
      fc.assert(
        fc.property(scenario, ({ steps }) => {
          for (const step of steps)
            if (E.isRight(step.result) && step.result.right.length > 0)
              expect(decider.decide(step.command, step.after)).toEqual(E.right([]))
        }),
        runs,
      )
    })

    it('evolve never throws, for events in any order, and every state survives a JSON snapshot', () => {
      fc.assert(
        fc.property(
          fc
            .array(scenario, { minLength: 1, maxLength: 3 })
            .chain(runsOf => fc.shuffledSubarray(runsOf.flatMap(run => run.events))),
          events => {
            let state = decider.initialState
            for (const event of events) {
              state = decider.evolve(state, event)
              expect(JSON.parse(JSON.stringify(state))).toEqual(state)
            }
          },
        ),
        { ...runs, numRuns: 200 },
      )
    })
  },
)

describe('the complaint scenario generator', { timeout: propertyTimeoutMs }, () => {
  it('reaches every event type and accepts most commands, so the invariants above are not vacuous', () => {
    const steps = fc.sample(arbComplaintHistory(defaultPolicy), { seed: 7, numRuns: 300 }).flatMap(run => run.steps)
    const types = new Set(
      steps.flatMap(step => (E.isRight(step.result) ? step.result.right.map(event => event.type) : [])),
    )
    expect([...types].sort()).toEqual(complaintEvents.schemas.map(schema => schema.type).sort())
    const accepted = steps.filter(step => E.isRight(step.result)).length
    expect(accepted / steps.length).toBeGreaterThan(0.6)
  })
})
