import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import {
  aggregates,
  complaint,
  defaultPolicy,
  enrollment,
  type PembinaAggregate,
  type PembinaCommand,
} from '@pembina/core'
import { describe, expect, it } from 'vitest'
import { arbCommandOf, arbComplaintCommand, arbEnrollmentCommand, commandArbitraries } from './commands.js'

const settings = { seed: 20_261_208, numRuns: 300 }

// The decider of an aggregate, seen through the commands any of them takes (for a fuzz over every aggregate alike).
interface AnyDecider {
  readonly initialState: unknown
  readonly decide: (command: PembinaCommand, state: unknown) => E.Either<unknown, readonly unknown[]>
  readonly evolve: (state: unknown, event: unknown) => unknown
}
const anyDecider = (aggregate: PembinaAggregate): AnyDecider =>
  aggregate.decider(defaultPolicy) as unknown as AnyDecider

describe('command generators', () => {
  for (const aggregate of aggregates)
    it(`every ${aggregate.category} command decodes with the aggregate's codec as it is, and every type is drawn`, () => {
      fc.assert(
        fc.property(arbCommandOf(aggregate), command => {
          expect(aggregate.commands.decode(command)).toEqual(E.right(command))
        }),
        settings,
      )
      const drawn = new Set(
        fc.sample(arbCommandOf(aggregate), { seed: settings.seed, numRuns: 400 }).map(command => command.type),
      )
      expect([...drawn].sort()).toEqual(Object.keys(commandArbitraries[aggregate.category]).sort())
    })

  it('draws only the command types named', () => {
    const drawn = fc.sample(arbCommandOf(enrollment, 'ApprovePlace', 'DeclinePlace'), 100)
    expect(new Set(drawn.map(command => command.type))).toEqual(new Set(['ApprovePlace', 'DeclinePlace']))
    expect(() => arbCommandOf(complaint, 'Nonsense' as 'CloseComplaint')).toThrow(RangeError)
    for (const command of fc.sample(arbComplaintCommand, 50))
      expect(E.isRight(complaint.commands.decode(command))).toBe(true)
    for (const command of fc.sample(arbEnrollmentCommand, 50))
      expect(E.isRight(enrollment.commands.decode(command))).toBe(true)
  })

  for (const aggregate of aggregates)
    it(`the ${aggregate.category} decider answers every sequence of well-formed commands without throwing`, () => {
      const decider = anyDecider(aggregate)
      fc.assert(
        fc.property(fc.array(arbCommandOf(aggregate), { maxLength: 15 }), commands => {
          let state = decider.initialState
          for (const command of commands) {
            const decided = decider.decide(command, state)
            if (E.isRight(decided)) for (const event of decided.right) state = decider.evolve(state, event)
          }
        }),
        { ...settings, numRuns: 100 },
      )
    })
})
