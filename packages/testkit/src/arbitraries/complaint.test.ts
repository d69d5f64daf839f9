import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { defaultPolicy } from '@pembina/core'
import { describe, expect, it } from 'vitest'
import { arbComplaintHistory } from './complaint.js'

const settings = { seed: 20_261_129, numRuns: 200 }

describe('arbComplaintHistory', () => {
  it('an early end by the desk (archived, not within authority) comes where it is lawful: before the disposition', () => {
    fc.assert(
      fc.property(arbComplaintHistory(defaultPolicy), ({ steps }) => {
        const refused = steps.flatMap(({ command, result }) =>
          (command.type === 'ArchiveComplaint' || command.type === 'DeclareNotInAuthority') &&
          E.isLeft(result) &&
          result.left.code === 'already-disposed'
            ? [command.type]
            : [],
        )
        expect(refused).toEqual([])
      }),
      settings,
    )
  })
})
