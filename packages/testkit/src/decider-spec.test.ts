import * as E from 'fp-ts/lib/Either.js'
import type { Decider } from '@pembina/core'
import { describe, expect, it } from 'vitest'
import { deciderSpec } from './decider-spec.js'

type Command = { readonly type: 'Add'; readonly amount: number }
type Event = { readonly type: 'Added'; readonly amount: number }
type Reject = { readonly code: 'too-much' }

// A counter that refuses to pass 10: the smallest decider that accepts, refuses and does nothing.
const counter: Decider<Command, Event, number, Reject> = {
  initialState: 0,
  decide: (command, total) =>
    command.amount === 0
      ? E.right([])
      : total + command.amount > 10
        ? E.left({ code: 'too-much' })
        : E.right([{ type: 'Added', amount: command.amount }]),
  evolve: (total, event) => total + event.amount,
}
const spec = deciderSpec(counter)

describe('deciderSpec', () => {
  it('is not a promise: awaiting what `when` returns gives it back unchanged, so its assertions still run', async () => {
    const outcome = spec.given().when({ type: 'Add', amount: 3 })
    expect('then' in outcome).toBe(false)
    // Promise.resolve adopts a thenable exactly as `await` does.
    const awaited = await Promise.resolve(outcome)
    expect(awaited).toBe(outcome)
    expect(() => {
      awaited.thenEvents([{ type: 'Added', amount: 4 }])
    }).toThrow()
  })

  it('thenEvents, thenRejects and thenNothing each fail on another outcome', () => {
    const given = spec.given({ type: 'Added', amount: 8 })
    given.when({ type: 'Add', amount: 2 }).thenEvents([{ type: 'Added', amount: 2 }])
    given.when({ type: 'Add', amount: 3 }).thenRejects('too-much')
    given.when({ type: 'Add', amount: 0 }).thenNothing()
    expect(() => {
      given.when({ type: 'Add', amount: 3 }).thenEvents([])
    }).toThrow(/rejected/)
    expect(() => {
      given.when({ type: 'Add', amount: 2 }).thenRejects('too-much')
    }).toThrow(/accepted/)
    expect(() => {
      given.when({ type: 'Add', amount: 2 }).thenNothing()
    }).toThrow()
  })
})
