import * as E from 'fp-ts/lib/Either.js'
import { InvalidArgumentError } from '@pembina/core'
import { expect, it } from 'vitest'
import type { ContractContext } from './fixtures.js'
import { testEvent } from './fixtures.js'

/** A value of any type, as the port's types would not let it through: what a JavaScript caller can pass. */
const loose = (value: unknown): never => value as never

/** What the first step of a read came to: its value, or what it rejected with (within 5 s, not a hang). */
const firstStep = async (iterable: AsyncIterable<unknown>): Promise<unknown> => {
  const iterator = iterable[Symbol.asyncIterator]()
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => {
      reject(new Error('the read did not answer within 5 s'))
    }, 5_000)
  })
  try {
    return await Promise.race([iterator.next(), timeout])
  } catch (error) {
    return error
  } finally {
    clearTimeout(timer)
    await iterator.return?.()
  }
}

/**
 * Declares the cases of arguments outside the port's types (a caller without TypeScript's checks): refused as typed
 * failures, never thrown, never `StoreUnavailable`, never a hang.
 */
export const argumentCases = (ctx: ContractContext): void => {
  it('reads of the global order refuse a start that is not a 64-bit bigint, at once, with InvalidArgumentError', async () => {
    const store = await ctx.open()
    for (const after of ['-1e20', -1e20, 1.5, 2n ** 70n]) {
      const refused = await firstStep(store.readAll(loose({ after })))
      expect(refused).toBeInstanceOf(InvalidArgumentError)
      expect(refused).toMatchObject({ invalid: { argument: 'options.after' } })
      expect(await firstStep(store.subscribe(loose({ after })))).toBeInstanceOf(InvalidArgumentError)
      if (store.countAfter !== undefined)
        expect(await store.countAfter(loose({ after }))()).toMatchObject(
          E.left({ _tag: 'InvalidArgument', argument: 'options.after' }),
        )
    }
    expect(await firstStep(store.readAll(loose({ limit: -1 })))).toMatchObject({
      invalid: { argument: 'options.limit' },
    })
    expect(await firstStep(store.readAll(loose({ filter: 'enrollment' })))).toBeInstanceOf(InvalidArgumentError)
  })

  it('stream reads refuse a name that is not a string, and a start or limit that is not a whole number', async () => {
    const store = await ctx.open()
    const stream = ctx.uniqueStream()
    expect(await firstStep(store.readStream(loose(42)))).toMatchObject({ invalid: { argument: 'streamName' } })
    expect(await firstStep(store.readStream(stream, loose({ fromRevision: Number.NaN })))).toMatchObject({
      invalid: { argument: 'options.fromRevision' },
    })
    expect(await firstStep(store.readStream(stream, loose({ limit: 0.5 })))).toMatchObject({
      invalid: { argument: 'options.limit' },
    })
    expect(await firstStep(store.readStream(stream, loose({ direction: 'sideways' })))).toBeInstanceOf(
      InvalidArgumentError,
    )
  })

  it('an append of events that are not an array, a hole, a bad event or a bad expected revision is InvalidAppend; nothing is written', async () => {
    const store = await ctx.open()
    const stream = ctx.uniqueStream()
    const event = testEvent()
    // An array with a hole before its event, as `[, event]` writes it.
    const holey: unknown[] = []
    holey[1] = event
    const cases: readonly [unknown, unknown, unknown][] = [
      [stream, 'not events', 'any'],
      [stream, { length: 1 }, 'any'],
      [stream, holey, 'any'],
      [stream, [{ ...event, eventId: 7 }], 'any'],
      [stream, [{ ...event, type: '' }], 'any'],
      [stream, [event], 'sometimes'],
      [stream, [event], -1],
      [null, [event], 'any'],
    ]
    for (const [streamName, events, expected] of cases)
      expect(await store.append(loose(streamName), loose(events), loose(expected))()).toMatchObject(
        E.left({ _tag: 'InvalidAppend' }),
      )
    expect(await store.streamRevision(stream)()).toEqual(E.right('no-stream'))
  })
}
