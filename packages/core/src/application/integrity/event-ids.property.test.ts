import fc from 'fast-check'
import { v5 } from 'uuid'
import { describe, expect, it } from 'vitest'
import { eventIdOf, pembinaEventNamespace } from './event-ids.js'

describe('event ids (property)', () => {
  it('equal the uuid package’s v5 for any command id (any Unicode) and index', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), fc.nat(10_000), (commandId, index) => {
        expect(eventIdOf(commandId, index)).toBe(v5(`${commandId}:${index}`, pembinaEventNamespace))
      }),
      { seed: 20261128, numRuns: 1_000 },
    )
  })
})
