import * as E from 'fp-ts/lib/Either.js'
import fc from 'fast-check'
import { arbCompetencyHistory } from '@pembina/testkit'
import { describe, expect, it } from 'vitest'
import { defaultPolicy } from '../shared/index.js'
import { type CompetencyState, initialCompetencyState } from './state.js'
import { CompetencyStateCodec, competencySnapshotVersion } from './state-codec.js'

const runs = { seed: 20260305, numRuns: 200 }

const jsonOf = (value: unknown): unknown => {
  const parsed: unknown = JSON.parse(JSON.stringify(value))
  return parsed
}

/** What a snapshot store hands back: the encoded state through JSON text. */
const throughJson = (state: CompetencyState): unknown => jsonOf(CompetencyStateCodec.encode(state))

describe('competency state codec (snapshots)', () => {
  it('every reachable state survives JSON and decodes deep-equal to itself', () => {
    fc.assert(
      fc.property(arbCompetencyHistory(defaultPolicy), run => {
        for (const state of [initialCompetencyState, ...run.steps.map(step => step.after)])
          expect(CompetencyStateCodec.decode(throughJson(state))).toEqual(E.right(state))
      }),
      runs,
    )
  })

  it('refuses a state whose credit lost a field, and drops fields the state type does not have', () => {
    fc.assert(
      fc.property(arbCompetencyHistory(defaultPolicy), run => {
        const state = run.state
        if (state.status !== 'registered') return
        // A registered state encodes to an object whose credits are a record of objects (the snapshot's JSON).
        const encoded = throughJson(state) as { readonly credits: Readonly<Record<string, object>> }
        expect(CompetencyStateCodec.decode({ ...encoded, stranger: 1 })).toEqual(E.right(state))
        const [key, credit] = Object.entries(encoded.credits)[0] ?? []
        if (key === undefined || credit === undefined) return
        const broken = Object.fromEntries(Object.entries(credit).filter(([field]) => field !== 'minutes'))
        const damaged = { ...encoded, credits: { ...encoded.credits, [key]: broken } }
        expect(E.isLeft(CompetencyStateCodec.decode(jsonOf(damaged)))).toBe(true)
      }),
      { ...runs, numRuns: 50 },
    )
  })

  it("is at snapshot version 2 (the profile holds a PPPK's contracts since version 2)", () => {
    expect(competencySnapshotVersion).toBe(2)
  })
})
