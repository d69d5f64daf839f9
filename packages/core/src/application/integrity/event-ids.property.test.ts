import fc from 'fast-check'
import { v5 } from 'uuid'
import { describe, expect, it } from 'vitest'
import { eventIdOf, pembinaEventNamespace, pembinaReactionNamespace, reactionCommandIdOf } from './event-ids.js'

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

describe('reaction command ids', () => {
  it('are the namespaces their comments say', () => {
    expect(v5('https://pembina.dev/event-id', v5.URL)).toBe(pembinaEventNamespace)
    expect(v5('https://pembina.dev/reaction-id', v5.URL)).toBe(pembinaReactionNamespace)
  })

  it('equal the uuid package’s v5 in the reaction namespace, and never an event id of the same name', () => {
    fc.assert(
      fc.property(fc.uuid(), fc.string({ maxLength: 40 }), fc.nat(20), (sourceEventId, policy, index) => {
        const id = reactionCommandIdOf(sourceEventId, policy, index)
        expect(id).toBe(v5(`${sourceEventId}:${policy}:${index}`, pembinaReactionNamespace))
        expect(id).not.toBe(eventIdOf(`${sourceEventId}:${policy}`, index))
      }),
      { seed: 20261206, numRuns: 500 },
    )
  })
})
