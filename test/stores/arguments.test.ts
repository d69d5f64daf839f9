// Store methods called with arguments their types do not allow, as a JavaScript caller could (issue 23): refused as
// typed failures (InvalidAppend, InvalidArgument, InvalidArgumentError), never thrown, never StoreUnavailable, and
// never a hang (a float start that `+= 1` cannot move once kept the in-memory store's readAll looping).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { type EventStore, inMemoryEventStore, InvalidArgumentError } from '@pembina/core'
import { sqliteEventStore } from '@pembina/sqlite'
import { afterAll, describe, expect, it } from 'vitest'

const dir = mkdtempSync(join(tmpdir(), 'pembina-arguments-'))
afterAll(() => {
  rmSync(dir, { recursive: true, force: true })
})

/** A value of any type, as the port's types would not let it through. */
const loose = (value: unknown): never => value as never

const firstStep = async (iterable: AsyncIterable<unknown>): Promise<unknown> => {
  const iterator = iterable[Symbol.asyncIterator]()
  const timeout = new Promise((_, reject) => {
    setTimeout(() => {
      reject(new Error('the read did not answer'))
    }, 5_000)
  })
  try {
    return await Promise.race([iterator.next(), timeout])
  } catch (error) {
    return error
  } finally {
    await iterator.return?.()
  }
}

let files = 0
const event = { eventId: '5f0c6b1e-4d1a-4f7e-9a55-0d9a3f0b2c11', type: 'Tested', data: {}, metadata: {} }

describe.each([
  ['in-memory', (): EventStore => inMemoryEventStore()],
  ['SQLite', (): EventStore => sqliteEventStore({ path: join(dir, `events-${(files += 1)}.db`) })],
])('%s store, arguments of the wrong type', (_name, open) => {
  it('reads of the global order refuse a start that is not a 64-bit bigint, at once', async () => {
    const store = open()
    for (const after of ['-1e20', -1e20, 1.5, 2n ** 70n]) {
      const refused = await firstStep(store.readAll(loose({ after })))
      expect(refused).toBeInstanceOf(InvalidArgumentError)
      expect(refused).toMatchObject({ invalid: { argument: 'options.after' } })
      expect(await store.countAfter?.(loose({ after }))()).toEqual(
        E.left({ _tag: 'InvalidArgument', argument: 'options.after', rule: expect.any(String) as unknown }),
      )
      expect(await firstStep(store.subscribe(loose({ after })))).toBeInstanceOf(InvalidArgumentError)
    }
    expect(await firstStep(store.readAll(loose({ limit: -1 })))).toMatchObject({
      invalid: { argument: 'options.limit' },
    })
    expect(await firstStep(store.readAll(loose({ filter: 'enrollment' })))).toBeInstanceOf(InvalidArgumentError)
    await store.close()
  })

  it('stream reads refuse a name that is not a string and counts that are not whole numbers', async () => {
    const store = open()
    expect(await firstStep(store.readStream(loose(42)))).toMatchObject({ invalid: { argument: 'streamName' } })
    expect(await firstStep(store.readStream('x-1', loose({ fromRevision: Number.NaN })))).toMatchObject({
      invalid: { argument: 'options.fromRevision' },
    })
    expect(await firstStep(store.readStream('x-1', loose({ direction: 'sideways' })))).toBeInstanceOf(
      InvalidArgumentError,
    )
    await store.close()
  })

  it('an append with events that are not an array, a hole, a bad event or a bad expected revision is InvalidAppend; nothing is written', async () => {
    const store = open()
    const cases: readonly [unknown, unknown, unknown][] = [
      ['x-1', 'not events', 'any'],
      ['x-1', { length: 1 }, 'any'],
      // eslint-disable-next-line no-sparse-arrays -- the hole is the case
      ['x-1', [, event], 'any'],
      ['x-1', [{ ...event, eventId: 7 }], 'any'],
      ['x-1', [{ ...event, type: '' }], 'any'],
      ['x-1', [event], 'sometimes'],
      ['x-1', [event], -1],
      [null, [event], 'any'],
    ]
    for (const [streamName, events, expected] of cases) {
      const result = await store.append(loose(streamName), loose(events), loose(expected))()
      expect(result).toMatchObject(E.left({ _tag: 'InvalidAppend' }))
    }
    expect(await store.streamRevision('x-1')()).toEqual(E.right('no-stream'))
    await store.close()
  })
})
