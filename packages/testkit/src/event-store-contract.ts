import type { EventStore } from '@pembina/core'
import { afterEach, describe, expect, it } from 'vitest'
import { appendCases } from './event-store-contract/append-cases.js'
import { argumentCases } from './event-store-contract/argument-cases.js'
import { countCases } from './event-store-contract/count-cases.js'
import { type EventStoreContractOptions, contractContext } from './event-store-contract/fixtures.js'
import { lifecycleCases } from './event-store-contract/lifecycle-cases.js'
import { lockedWriteCases } from './event-store-contract/locked-write-cases.js'
import { readCases } from './event-store-contract/read-cases.js'
import { subscribeCases } from './event-store-contract/subscribe-cases.js'

export type { EventStoreContractOptions } from './event-store-contract/fixtures.js'
export { assertStoresAgree, type ComparedStore, type StoresAgreeOptions } from './event-store-contract/differential.js'

/**
 * Declares the contract every EventStore adapter passes: expected revisions and conflicts, atomic and idempotent
 * appends, stream and global reads with filters and limits, counts and locked writes (for stores that offer them),
 * subscriptions (catch-up, caught-up, live, close),
 * exact JSON round-trips, large streams and closing, and arguments outside the port's types refused as typed failures. Each test makes its own store with `makeStore`, closes it
 * afterwards, and writes only to streams no other test or run uses, so a shared server can run it too.
 */
export const eventStoreContract = (
  name: string,
  makeStore: () => Promise<EventStore> | EventStore,
  options: EventStoreContractOptions = {},
): void => {
  describe(`EventStore contract: ${name}`, () => {
    const opened = new Set<EventStore>()
    const ctx = contractContext(makeStore, options, opened)
    afterEach(async () => {
      const stores = [...opened]
      opened.clear()
      for (const store of stores) await store.close()
    })
    describe('append', () => {
      appendCases(ctx)
    })
    describe('read', () => {
      readCases(ctx)
    })
    describe('count', () => {
      countCases(ctx)
    })
    describe('arguments outside their types', () => {
      argumentCases(ctx)
    })
    describe('read and append under one lock', () => {
      if (ctx.locksWrites) lockedWriteCases(ctx)
      else
        it('leaves `readAndAppend` out: the store does not lock its writes', async () => {
          expect((await ctx.open()).readAndAppend).toBeUndefined()
        })
    })
    // A case that waits for a delivery runs longer than the wait, so a missing delivery fails with its own message
    // (what was waited for, what came) rather than with the runner's bare test timeout.
    const waiting = { timeout: ctx.deliveryTimeoutMs + 5_000 }
    describe('subscribe', waiting, () => {
      subscribeCases(ctx)
    })
    describe('data, size and lifecycle', waiting, () => {
      lifecycleCases(ctx)
    })
  })
}
