import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { defaultPolicy } from '@pembina/core'
import { describe, expect, it } from 'vitest'
import { arbCompetencyHistory } from './competency.js'

const settings = { seed: 20_261_129, numRuns: 200 }

describe('arbCompetencyHistory', () => {
  it('without invalid commands, the decider refuses none of them (a retry may change nothing)', () => {
    fc.assert(
      fc.property(arbCompetencyHistory(defaultPolicy, { withInvalid: false }), ({ steps }) => {
        const refused = steps.flatMap(({ command, result }) =>
          E.isLeft(result) ? [`${command.type} refused: ${result.left.code}`] : [],
        )
        expect(refused).toEqual([])
      }),
      settings,
    )
  })

  it('generates plans resting on a competency gap that the decider accepts, in many histories', () => {
    const histories = fc.sample(arbCompetencyHistory(defaultPolicy), settings)
    const withGapPlan = histories.filter(({ events }) =>
      events.some(
        event => event.type === 'DevelopmentPlanned' && event.data.items.some(item => item.basis === 'competency-gap'),
      ),
    )
    expect(withGapPlan.length).toBeGreaterThanOrEqual(histories.length / 10)
  })
})
