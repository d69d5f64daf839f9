import * as E from 'fp-ts/lib/Either.js'
import type { CountOptions, EventStore } from '@pembina/core'
import { expect, it } from 'vitest'
import type { ContractContext } from './fixtures.js'
import { appendOk, asEvents, collect, testEvents } from './fixtures.js'

const countOf = async (store: EventStore, options: CountOptions): Promise<number> => {
  if (store.countAfter === undefined)
    throw new Error('the store offers no countAfter, yet the suite was told it counts')
  const counted = await store.countAfter(options)()
  if (E.isLeft(counted))
    throw new Error(
      `countAfter failed: ${counted.left._tag === 'InvalidArgument' ? counted.left.rule : counted.left.message}`,
    )
  return counted.right
}

/** Declares the cases of `countAfter`, for a store the suite was told counts (`countsEvents`), else that it does not. */
export const countCases = (ctx: ContractContext): void => {
  if (!ctx.countsEvents) {
    it('a store that cannot count leaves countAfter out, so nobody relies on a guess', async () => {
      const store = await ctx.open()
      expect(store.countAfter).toBeUndefined()
    })
    return
  }

  it('counts the events after a position that pass a filter, as many as a read of all yields', async () => {
    const store = await ctx.open()
    const [category, other] = [ctx.uniqueCategory(), ctx.uniqueCategory()]
    const [first, second, elsewhere] = [ctx.uniqueStream(category), ctx.uniqueStream(category), ctx.uniqueStream(other)]
    await appendOk(store, first, testEvents(3), 'no-stream')
    await appendOk(store, elsewhere, testEvents(2), 'no-stream')
    await appendOk(store, second, testEvents(4), 'no-stream')
    await appendOk(store, first, testEvents(1, 3), 2)
    const positions = [undefined, ...asEvents(await collect(store.readAll())).map(e => e.position)]
    const filters = [undefined, { category }, { category: other }, { streamPrefix: first }]
    for (const after of positions)
      for (const filter of filters) {
        const options = { ...(after === undefined ? {} : { after }), ...(filter === undefined ? {} : { filter }) }
        const read = await collect(store.readAll(options))
        expect(await countOf(store, options), JSON.stringify({ after: String(after), filter })).toBe(read.length)
      }
    expect(await countOf(store, { filter: { category } })).toBe(8)
    expect(await countOf(store, { filter: { category: ctx.uniqueCategory() } })).toBe(0)
  })

  it('a closed store answers countAfter with StoreUnavailable', async () => {
    const store = await ctx.open()
    await appendOk(store, ctx.uniqueStream(), testEvents(1), 'no-stream')
    await ctx.closeNow(store)
    const counted = await store.countAfter?.()()
    expect(counted).toMatchObject(E.left({ _tag: 'StoreUnavailable' }))
  })
}
