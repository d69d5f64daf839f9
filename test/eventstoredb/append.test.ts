import { randomUUID } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { type AppendResult, enrollment, type EventStore, type EventToAppend, inMemoryEventStore } from '@pembina/core'
import { adapterForThisFile } from './adapter-fixture.js'

const { openStore } = adapterForThisFile()

const placeRequested = (n: number): EventToAppend => ({
  eventId: randomUUID(),
  type: 'PlaceRequested',
  data: { n },
  metadata: { commandId: `request-${n}` },
})

describe('appends to EventStoreDB', () => {
  it('a store opened after events were written reports their re-append as not written, without reading the stream', async () => {
    const stream = enrollment.streamName(randomUUID())
    const events = [placeRequested(0), placeRequested(1)]
    const first = openStore()
    const written = await first.append(stream, events, 'no-stream')()
    await first.close()
    const second = openStore()
    try {
      const again = await second.append(stream, events, 'no-stream')()
      expect(E.isRight(written) && written.right.written).toBe(true)
      expect(again).toEqual(E.map((result: AppendResult) => ({ ...result, written: false }))(written))
      const fresh = await second.append(stream, [placeRequested(2)], 1)()
      expect(E.isRight(fresh) && fresh.right).toMatchObject({ nextExpectedRevision: 2, written: true })
    } finally {
      await second.close()
    }
  })

  it('data with its own toJSON is written as JSON.stringify writes it, as every other store keeps it', async () => {
    const store = openStore()
    const memory = inMemoryEventStore()
    const stream = enrollment.streamName(randomUUID())
    // A value object an application might hand over as data: its JSON form is what toJSON answers.
    const data = [new Date(Date.UTC(2026, 0, 5)), { toJSON: () => ({ minutes: 90 }) }]
    const events = data.map(value => ({ ...placeRequested(0), eventId: randomUUID(), data: value }))
    try {
      for (const target of [store, memory])
        expect(E.isRight(await target.append(stream, events, 'no-stream')())).toBe(true)
      const read = async (target: EventStore): Promise<readonly unknown[]> => {
        const found: unknown[] = []
        for await (const record of target.readStream(stream)) if (record.kind === 'event') found.push(record.data)
        return found
      }
      expect(await read(store)).toEqual(['2026-01-05T00:00:00.000Z', { minutes: 90 }])
      expect(await read(store)).toEqual(await read(memory))
    } finally {
      await store.close()
      await memory.close()
    }
  })

  it('an event id that is not a UUID is refused before anything is sent', async () => {
    const store = openStore()
    const stream = enrollment.streamName(randomUUID())
    try {
      const refused = await store.append(stream, [{ ...placeRequested(0), eventId: 'request-0' }], 'no-stream')()
      expect(E.isLeft(refused) && refused.left).toMatchObject({
        _tag: 'InvalidAppend',
        streamName: stream,
        eventId: 'request-0',
        reason: expect.stringMatching(/not a UUID/) as string,
      })
      expect(await store.streamRevision(stream)()).toEqual(E.right('no-stream'))
    } finally {
      await store.close()
    }
  })
})
