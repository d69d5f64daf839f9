import type { CaughtUp, StoredRecord, Subscription } from '@pembina/core'
import { expect, it } from 'vitest'
import type { ContractContext } from './fixtures.js'
import { TimedOut, appendOk, asEvents, idsOf, testEvents, within } from './fixtures.js'

type Delivered = StoredRecord | CaughtUp

const records = (delivered: readonly Delivered[]): readonly StoredRecord[] =>
  delivered.flatMap(d => (d.kind === 'caught-up' ? [] : [d]))

/** Reads a subscription step by step, each step bounded by the delivery timeout. */
const reader = (ctx: ContractContext, subscription: Subscription) => {
  const iterator = subscription[Symbol.asyncIterator]()
  const step = async (): Promise<IteratorResult<Delivered, unknown>> =>
    within(iterator.next(), ctx.deliveryTimeoutMs, 'waiting for the subscription')
  return {
    step,
    /** The next `count` deliveries, failing if the subscription ends first. */
    take: async (count: number): Promise<readonly Delivered[]> => {
      const taken: Delivered[] = []
      while (taken.length < count) {
        const next = await step()
        if (next.done === true) throw new Error(`the subscription ended after ${taken.length} of ${count}`)
        taken.push(next.value)
      }
      return taken
    },
    /**
     * Deliveries up to the next `count` records (with any `caught-up` among them). When the subscription ends or goes
     * quiet first, what came so far, so the test's own expectation shows which records are missing.
     */
    takeRecords: async (count: number): Promise<readonly Delivered[]> => {
      const taken: Delivered[] = []
      while (records(taken).length < count) {
        const next = await step().catch((error: unknown) => {
          if (error instanceof TimedOut) return undefined
          throw error
        })
        if (next === undefined || next.done === true) break
        taken.push(next.value)
      }
      return taken
    },
  }
}

/** Declares the cases of subscribing: catch-up, caught-up, live delivery, filters and closing. */
export const subscribeCases = (ctx: ContractContext): void => {
  it('a subscription catches up, says caught-up at the last delivered position, then delivers appends live', async () => {
    const store = await ctx.open()
    const category = ctx.uniqueCategory()
    const stream = ctx.uniqueStream(category)
    const stored = testEvents(2)
    const { position } = await appendOk(store, stream, stored, 'no-stream')
    const subscription = store.subscribe({ filter: { category } })
    const feed = reader(ctx, subscription)
    const caughtUp = await feed.take(3)
    expect(idsOf(asEvents(records(caughtUp)))).toEqual(idsOf(stored))
    expect(caughtUp[2]).toEqual({ kind: 'caught-up', position })
    const live = testEvents(3, 2)
    const waiting = feed.step() // already waiting when the event is appended
    await appendOk(store, stream, live.slice(0, 1), 1)
    const first = await waiting
    await appendOk(store, stream, live.slice(1), 2)
    const delivered = asEvents(records([...(first.done === true ? [] : [first.value]), ...(await feed.take(2))]))
    expect(idsOf(delivered)).toEqual(idsOf(live))
    expect(delivered.map(e => e.revision)).toEqual([2, 3, 4])
    await subscription.close()
    expect(await feed.step()).toMatchObject({ done: true })
  })

  it('a subscription from a position delivers only what came after it', async () => {
    const store = await ctx.open()
    const category = ctx.uniqueCategory()
    const stream = ctx.uniqueStream(category)
    const { position: after } = await appendOk(store, stream, testEvents(2), 'no-stream')
    const later = testEvents(2, 2)
    const { position: last } = await appendOk(store, stream, later, 1)
    const subscription = store.subscribe({ after, filter: { category } })
    const delivered = await reader(ctx, subscription).take(3)
    expect(idsOf(asEvents(records(delivered)))).toEqual(idsOf(later))
    expect(delivered[2]).toEqual({ kind: 'caught-up', position: last })
    await subscription.close()
  })

  it('events appended while a subscription catches up are delivered too, once each and in order', async () => {
    const store = await ctx.open()
    const category = ctx.uniqueCategory()
    const stream = ctx.uniqueStream(category)
    const stored = testEvents(3)
    await appendOk(store, stream, stored, 'no-stream')
    const subscription = store.subscribe({ filter: { category } })
    const feed = reader(ctx, subscription)
    const delivered = [...(await feed.take(1))] // catching up: two stored events still to come
    const during = testEvents(2, 3)
    await appendOk(store, stream, during, 2)
    const expected = idsOf([...stored, ...during])
    delivered.push(...(await feed.takeRecords(expected.length - records(delivered).length)))
    expect(idsOf(asEvents(records(delivered)))).toEqual(expected)
    expect(asEvents(records(delivered)).map(e => e.revision)).toEqual([0, 1, 2, 3, 4])
    await subscription.close()
  })

  it("a subscription's filter keeps other streams out of both catch-up and live delivery", async () => {
    const store = await ctx.open()
    const category = ctx.uniqueCategory()
    const stream = ctx.uniqueStream(category)
    await appendOk(store, ctx.uniqueStream(), testEvents(1), 'no-stream')
    const mine = testEvents(1)
    const { position: minePosition } = await appendOk(store, stream, mine, 'no-stream')
    await appendOk(store, `${category}x-1`, testEvents(1), 'no-stream')
    const subscription = store.subscribe({ filter: { category } })
    const feed = reader(ctx, subscription)
    const caughtUp = await feed.take(2)
    expect(idsOf(asEvents(records(caughtUp)))).toEqual(idsOf(mine))
    // The last record delivered, not the store's head (a stream of another category was written after it).
    expect(caughtUp[1]).toEqual({ kind: 'caught-up', position: minePosition })
    await appendOk(store, ctx.uniqueStream(), testEvents(1), 'no-stream')
    const next = testEvents(1, 1)
    await appendOk(store, stream, next, 0)
    expect(idsOf(asEvents(records(await feed.take(1))))).toEqual(idsOf(next))
    await subscription.close()
  })

  it('a subscription with nothing to catch up says caught-up with no position', async () => {
    const store = await ctx.open()
    const subscription = store.subscribe({ filter: { category: ctx.uniqueCategory() } })
    expect(await reader(ctx, subscription).take(1)).toEqual([{ kind: 'caught-up', position: null }])
    await subscription.close()
  })

  it('closing a subscription ends a pending iteration', async () => {
    const store = await ctx.open()
    const subscription = store.subscribe({ filter: { category: ctx.uniqueCategory() } })
    const feed = reader(ctx, subscription)
    await feed.take(1)
    const pending = feed.step()
    await subscription.close()
    expect(await pending).toMatchObject({ done: true })
  })

  it('breaking out of a for-await loop ends the subscription, and the store carries on', async () => {
    const store = await ctx.open()
    const category = ctx.uniqueCategory()
    const stream = ctx.uniqueStream(category)
    await appendOk(store, stream, testEvents(3), 'no-stream')
    const subscription = store.subscribe({ filter: { category } })
    let seen = 0
    for await (const delivered of subscription) {
      expect(delivered.kind).toBe('event')
      seen += 1
      if (seen === 2) break
    }
    expect(seen).toBe(2)
    expect(await appendOk(store, stream, testEvents(1), 2)).toMatchObject({ nextExpectedRevision: 3 })
    await subscription.close()
  })

  it('two subscriptions each receive every live event', async () => {
    const store = await ctx.open()
    const category = ctx.uniqueCategory()
    const stream = ctx.uniqueStream(category)
    const subscriptions = [store.subscribe({ filter: { category } }), store.subscribe({ filter: { category } })]
    const feeds = subscriptions.map(s => reader(ctx, s))
    for (const feed of feeds) expect(await feed.take(1)).toEqual([{ kind: 'caught-up', position: null }])
    const waiting = feeds.map(feed => feed.step()) // both already waiting when the events are appended
    const events = testEvents(3)
    await appendOk(store, stream, events, 'no-stream')
    for (const [i, feed] of feeds.entries()) {
      const first = await waiting[i]
      const delivered = [...(first === undefined || first.done === true ? [] : [first.value]), ...(await feed.take(2))]
      expect(idsOf(asEvents(records(delivered)))).toEqual(idsOf(events))
    }
    for (const subscription of subscriptions) await subscription.close()
  })
}
