import { randomUUID } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { registerSari, sari, sariStream } from '../application/handling/test-support.js'
import { commandHandler, inMemoryEventStore } from '../application/index.js'
import { competency } from '../competency/index.js'
import { type EventStore, StoreUnavailableError } from '../kernel/event-store.js'
import { defaultPolicy, instant, nip } from '../shared/index.js'
import { replay } from './replay.js'
import { epochOf, stateAsOf } from './state-as-of.js'

const registered = async (): Promise<EventStore> => {
  const store = inMemoryEventStore()
  const handled = await commandHandler({ store, aggregate: competency, config: defaultPolicy }).handle(registerSari, {
    commandId: 'register-sari',
  })()
  expect(E.isRight(handled)).toBe(true)
  return store
}

describe('stateAsOf', () => {
  it('gives the initial state before the first event, and the state after it from its instant on', async () => {
    const store = await registered()
    const before = await stateAsOf(store, competency, sari, instant('2026-06-01T08:59:59+07:00'), defaultPolicy)
    expect(before).toEqual(
      E.right({
        streamName: sariStream,
        state: { status: 'unregistered', contracts: [] },
        exists: true,
        events: 0,
        revision: null,
        lastOccurredAt: null,
      }),
    )
    const at = await stateAsOf(store, competency, sari, registerSari.at, defaultPolicy)
    expect(E.isRight(at) && at.right).toMatchObject({ events: 1, revision: 0, lastOccurredAt: registerSari.at })
    expect(E.isRight(at) && at.right.state).toMatchObject({ status: 'registered' })
  })

  it('says a stream that does not exist does not, with the initial state', async () => {
    const result = await stateAsOf(
      inMemoryEventStore(),
      competency,
      nip('199001012015031003'),
      registerSari.at,
      defaultPolicy,
    )
    expect(E.isRight(result) && result.right).toMatchObject({
      exists: false,
      events: 0,
      state: { status: 'unregistered', contracts: [] },
    })
  })

  it('names the place of a record it cannot read, and replay stops that stream there', async () => {
    const store = await registered()
    await store.append(sariStream, [{ eventId: randomUUID(), type: 'LearningCredited', data: {}, metadata: {} }], 0)()
    const result = await stateAsOf(store, competency, sari, instant('2030-01-01T00:00:00Z'), defaultPolicy)
    expect(E.isLeft(result) && result.left).toMatchObject({ kind: 'unreadable', streamName: sariStream, revision: 1 })
    const streams = []
    for await (const stream of replay(store, { config: defaultPolicy })) streams.push(stream)
    expect(streams).toMatchObject([{ streamName: sariStream, events: 1, revision: 0, unreadable: { revision: 1 } }])
  })

  it('reports a store that fails as unavailable', async () => {
    const store = await registered()
    const failing: EventStore = {
      ...store,
      readStream: () => ({
        [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(new StoreUnavailableError('disk gone')) }),
      }),
    }
    expect(await stateAsOf(failing, competency, sari, registerSari.at, defaultPolicy)).toEqual(
      E.left({ kind: 'unavailable', message: 'disk gone' }),
    )
  })

  it('refuses text that is not an instant', () => {
    expect(() => epochOf('soon')).toThrow(RangeError)
    expect(epochOf('2026-06-01T09:00:00+07:00')).toBe(Date.parse('2026-06-01T02:00:00Z'))
  })
})
