import * as E from 'fp-ts/lib/Either.js'
import fc from 'fast-check'
import { compareRanks, defaultPolicy, epochMs, overlappingContract } from '@pembina/core'
import { arbOrganisationHistory, arbPersonnelHistory } from '@pembina/testkit'
import { describe, expect, it } from 'vitest'
import { asnSubjectId } from './commands.js'
import { personnelDecider } from './decider.js'
import { type PersonnelEvent, personnelEvents } from './events.js'
import { evolvePersonnel } from './evolve.js'
import { latestStanding, standingAt, standingOn } from './standing.js'
import { initialPersonnelState } from './state.js'

// 200 generated histories of up to 25 commands per property take well under a second; the timeout leaves room for a
// machine shared with another test run.
const propertyTimeoutMs = 30_000
const runs = { seed: 20260105, numRuns: 200 }
const histories = arbPersonnelHistory(defaultPolicy)
const fold = (events: readonly PersonnelEvent[]) => events.reduce(evolvePersonnel, initialPersonnelState)

describe('personnel histories', () => {
  it(
    'register a number once, and record nothing after a departure',
    () => {
      fc.assert(
        fc.property(histories, run => {
          expect(run.events.filter(event => event.type === 'AsnAppointed').length).toBeLessThanOrEqual(1)
          const left = run.events.findIndex(event => event.type === 'AsnLeft')
          if (left >= 0) expect(run.events.slice(left + 1)).toEqual([])
        }),
        runs,
      )
    },
    propertyTimeoutMs,
  )

  it(
    'decide the same command again to nothing once its events are recorded',
    () => {
      const decider = personnelDecider(defaultPolicy)
      fc.assert(
        fc.property(histories, run => {
          for (const step of run.steps)
            if (E.isRight(step.result) && step.result.right.length > 0)
              expect(decider.decide(step.command, step.after)).toEqual(E.right([]))
        }),
        runs,
      )
    },
    propertyTimeoutMs,
  )

  it(
    'keep contracts from overlapping and promotions above the rank held when written',
    () => {
      fc.assert(
        fc.property(histories, run => {
          for (const step of run.steps) {
            if (E.isLeft(step.result) || step.before.status === 'none') continue
            for (const event of step.result.right) {
              const before = latestStanding(step.before)
              if (event.type === 'ContractRenewed')
                expect(overlappingContract(before.contracts, event.data.contract)).toBeUndefined()
              if (event.type === 'AsnPromoted' && before.rank !== null)
                expect(compareRanks(event.data.rank, before.rank)).toBeGreaterThan(0)
            }
          }
        }),
        runs,
      )
    },
    propertyTimeoutMs,
  )

  it(
    'read at an instant only what was written by then: a later correction never changes what a rule saw',
    () => {
      fc.assert(
        fc.property(histories, run => {
          const record = fold(run.events)
          for (const step of run.steps) {
            const known = fold(run.events.filter(event => epochMs(event.data.at) <= epochMs(step.command.at)))
            expect(standingAt(record, step.command.at)).toEqual(standingAt(known, step.command.at))
          }
        }),
        runs,
      )
    },
    propertyTimeoutMs,
  )

  it(
    'name as atasan on a day the atasan of the latest change effective by then',
    () => {
      fc.assert(
        fc.property(histories, run => {
          const record = fold(run.events)
          const days = [
            ...new Set(run.events.flatMap(event => ('effectiveOn' in event.data ? [event.data.effectiveOn] : []))),
          ]
          for (const day of days) {
            // The model: of the changes that name an atasan, effective by the day, the last by date then by writing.
            const naming = run.events.flatMap((event, index) =>
              (event.type === 'AsnAppointed' || event.type === 'AsnMoved' || event.type === 'AtasanAssigned') &&
              event.data.effectiveOn <= day
                ? [{ on: event.data.effectiveOn, index, atasanNip: event.data.atasanNip }]
                : [],
            )
            const last = naming.reduce<(typeof naming)[number] | undefined>(
              (best, each) => (best === undefined || each.on >= best.on ? each : best),
              undefined,
            )
            const appointed = run.events.some(e => e.type === 'AsnAppointed' && e.data.effectiveOn <= day)
            expect(standingOn(record, day)?.atasanNip ?? null).toBe(appointed ? (last?.atasanNip ?? null) : null)
          }
        }),
        runs,
      )
    },
    propertyTimeoutMs,
  )

  it(
    "keep an ASN's NIK and phone only as envelopes sealed for asn-<nip>, the record holding the latest of each",
    () => {
      fc.assert(
        fc.property(histories, run => {
          let nik: unknown = null
          let phone: unknown = null
          for (const event of run.events) {
            if (event.type !== 'AsnAppointed' && event.type !== 'PersonalDetailsUpdated') continue
            for (const sealed of [event.data.nik, event.data.phone])
              if (sealed !== undefined) expect(sealed.subjectId).toBe(asnSubjectId(event.data.nip))
            nik = event.data.nik ?? nik
            phone = event.data.phone ?? phone
          }
          const record = fold(run.events)
          if (record.status !== 'none') expect({ nik: record.nik, phone: record.phone }).toEqual({ nik, phone })
          for (const step of run.steps)
            if (E.isLeft(step.result) && step.result.left.code === 'wrong-data-subject')
              expect(step.command.type).toMatch(/^(AppointAsn|UpdatePersonalDetails)$/)
        }),
        runs,
      )
    },
    propertyTimeoutMs,
  )

  it('decode every event they write with the registry', () => {
    fc.assert(
      fc.property(histories, run => {
        for (const event of run.events)
          expect(personnelEvents.decode(personnelEvents.encode(event))).toEqual(E.right(event))
      }),
      { ...runs, numRuns: 50 },
    )
  })
})

describe('organisation histories', () => {
  const units = arbOrganisationHistory(defaultPolicy)

  it(
    'establish a unit once, keep each position as first added, and add none once dissolved',
    () => {
      fc.assert(
        fc.property(units, run => {
          expect(run.events.filter(event => event.type === 'UnitEstablished').length).toBe(1)
          const positions = run.events.flatMap(event => (event.type === 'PositionAdded' ? [event.data.positionId] : []))
          expect(new Set(positions).size).toBe(positions.length)
          const dissolved = run.events.findIndex(event => event.type === 'UnitDissolved')
          if (dissolved >= 0) expect(run.events.slice(dissolved + 1)).toEqual([])
          for (const step of run.steps)
            if (step.command.actor.kind === 'asn' && !step.command.actor.roles.includes('pyb'))
              expect(step.result).toMatchObject(E.left({ code: 'actor-not-allowed' }))
        }),
        runs,
      )
    },
    propertyTimeoutMs,
  )
})
