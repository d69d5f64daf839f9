// The maximum append size through the adapter, on one client package (append-size.test.ts, append-size-kurrent.test.ts).
// The server's side: test/esdb-server/append-size.test.ts, after Streams.Append.cs, Streams.BatchAppend.cs,
// RpcExceptions.cs and ClusterVNodeStartup.cs of EventStoreDB 23.10, and Event.cs of KurrentDB 25.0.
import { randomUUID } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { EventToAppend } from '@pembina/core'
import { eventStoreDbEventStore, type EventStoreDbEventStore } from '@pembina/eventstoredb'
import type { EsdbTestServer } from '../esdb-server/index.js'
import type { ClientUnderTest } from './clients.js'

const sized = (dataChars: number, type = 'Sized'): EventToAppend => ({
  eventId: randomUUID(),
  type,
  // JSON.stringify of a string of n ASCII characters is n + 2 bytes (its quotes).
  data: 'a'.repeat(dataChars - 2),
  metadata: null,
})
// An event's size as the adapter counts it: data bytes, metadata bytes (`null`: 4) and twice the type's length.
const sizeOf = (dataChars: number, type = 'Sized'): number => dataChars + 4 + type.length * 2

/** Counts the appends the store's client sends. */
const countingAppends = (store: EventStoreDbEventStore): { readonly count: () => number } => {
  let calls = 0
  const client = store.client
  const append = client.appendToStream.bind(client)
  Object.assign(client, {
    appendToStream: (...args: Parameters<typeof append>) => {
      calls += 1
      return append(...args)
    },
  })
  return { count: () => calls }
}

/** Registers the cases through `client`'s package. */
export const appendSizeSuite = ({ clientPackage, startServer }: ClientUnderTest): void => {
  let standard: EsdbTestServer | undefined
  let small: EsdbTestServer | undefined
  beforeAll(async () => {
    ;[standard, small] = await Promise.all([startServer(), startServer({ maxAppendSize: 1_000 })])
  })
  afterAll(async () => {
    await Promise.all([standard?.close(), small?.close()])
  })
  const open = (server: EsdbTestServer | undefined, maxAppendSize?: number): EventStoreDbEventStore => {
    if (server === undefined) throw new Error('the test servers are started in beforeAll')
    return eventStoreDbEventStore({
      connectionString: server.connectionString,
      clientPackage,
      retry: { attempts: 5, initialDelayMs: 50 },
      ...(maxAppendSize === undefined ? {} : { maxAppendSize }),
    })
  }

  describe(`the maximum append size through ${clientPackage}`, () => {
    it('an append of exactly 1,048,576 bytes (the default) is written; one byte more is InvalidAppend naming the event, unsent', async () => {
      const store = open(standard)
      const appends = countingAppends(store)
      try {
        const stream = `size-${randomUUID()}`
        const first = sized(524_288 - sizeOf(0))
        const fits = await store.append(stream, [first, sized(524_288 - sizeOf(0))], 'no-stream')()
        expect(E.isRight(fits)).toBe(true)
        const over = sized(524_289 - sizeOf(0, 'Oversize'), 'Oversize')
        const refused = await store.append(`${stream}-b`, [sized(524_288 - sizeOf(0)), over], 'no-stream')()
        expect(refused).toMatchObject({ _tag: 'Left', left: { _tag: 'InvalidAppend', eventId: over.eventId } })
        if (E.isLeft(refused) && refused.left._tag === 'InvalidAppend') {
          expect(refused.left.reason).toContain('type Oversize')
          expect(refused.left.reason).toContain('1048577 bytes')
          expect(refused.left.reason).toContain('maximum append size of 1048576 bytes')
        }
        expect(appends.count()).toBe(1)
        expect(await store.streamRevision(`${stream}-b`)()).toEqual(E.right('no-stream'))
      } finally {
        await store.close()
      }
    })

    it("metadata and type count too (KurrentDB 25's sum), and maxAppendSize sets the limit", async () => {
      const store = open(standard, 500)
      try {
        const stream = `size-${randomUUID()}`
        const event: EventToAppend = { ...sized(100), metadata: { note: 'm'.repeat(400) } }
        const refused = await store.append(stream, [event], 'no-stream')()
        expect(refused).toMatchObject({ _tag: 'Left', left: { _tag: 'InvalidAppend', eventId: event.eventId } })
        expect(await store.append(stream, [sized(500 - sizeOf(0))], 'no-stream')()).toMatchObject({ _tag: 'Right' })
      } finally {
        await store.close()
      }
    })

    it("the server's refusal (its own smaller limit) is InvalidAppend naming the largest event and the limit, sent once", async () => {
      const store = open(small)
      const appends = countingAppends(store)
      try {
        const stream = `size-${randomUUID()}`
        const largest = sized(700)
        const refused = await store.append(stream, [sized(400), largest], 'no-stream')()
        expect(refused).toMatchObject({ _tag: 'Left', left: { _tag: 'InvalidAppend', eventId: largest.eventId } })
        if (E.isLeft(refused) && refused.left._tag === 'InvalidAppend')
          expect(refused.left.reason).toContain("the server's maximum append size of 1000 bytes")
        expect(appends.count()).toBe(1)
        expect(await store.streamRevision(stream)()).toEqual(E.right('no-stream'))
      } finally {
        await store.close()
      }
    })

    it("an event over the server's gRPC message limit is InvalidAppend naming it, sent once, and the store goes on", async () => {
      // The adapter's own limit raised past the message limit, so the event reaches the server (23.10 counts the
      // data only, which is small here).
      const store = open(standard, 20_000_000)
      const appends = countingAppends(store)
      try {
        const stream = `size-${randomUUID()}`
        const huge: EventToAppend = { ...sized(10), metadata: { note: 'm'.repeat(16 * 1024 * 1024) } }
        const refused = await store.append(stream, [huge], 'no-stream')()
        expect(refused).toMatchObject({ _tag: 'Left', left: { _tag: 'InvalidAppend', eventId: huge.eventId } })
        if (E.isLeft(refused) && refused.left._tag === 'InvalidAppend')
          expect(refused.left.reason).toContain("larger than the server's gRPC message limit")
        expect(appends.count()).toBe(1)
        expect(await store.append(stream, [sized(10)], 'no-stream')()).toMatchObject({ _tag: 'Right' })
      } finally {
        await store.close()
      }
    })
  })
}
