// The maximum append size and the gRPC message limit, as EventStoreDB 23.10 enforces them: the sum in
// src/EventStore.Core/Services/Transport/Grpc/Streams.Append.cs and Streams.BatchAppend.cs, the errors in
// RpcExceptions.cs and Status.cs, the message limit in ClusterVNodeStartup.cs (github:EventStore/EventStore at
// oss-v23.10.0), and what @eventstore/db-client 6.2.1 makes of them (src/utils/CommandError.ts,
// src/streams/appendToStream/unpackError.ts).
import { binaryEvent, MaxAppendSizeExceededError, StreamNotFoundError, UnknownError } from '@eventstore/db-client'
import { status } from '@grpc/grpc-js'
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { clientOf, collect, failureOf } from './client-helpers.js'
import { type EsdbTestServer, startEsdbTestServer } from './index.js'

const servers: EsdbTestServer[] = []
let standard: EsdbTestServer | undefined
let small: EsdbTestServer | undefined
beforeAll(async () => {
  standard = await startEsdbTestServer()
  small = await startEsdbTestServer({ maxAppendSize: 1_000 })
  servers.push(standard, small)
})
afterAll(async () => {
  await Promise.all(servers.map(server => server.close()))
})

const started = (server: EsdbTestServer | undefined): EsdbTestServer => {
  if (server === undefined) throw new Error('the test servers are started in beforeAll')
  return server
}

const bytes = (length: number): Uint8Array => new Uint8Array(length).fill(0x61)
const event = (dataBytes: number, metadataBytes = 0) =>
  binaryEvent({ type: 'Sized', data: bytes(dataBytes), metadata: bytes(metadataBytes) })

// The Append RPC is what the client uses when a call carries credentials; BatchAppend otherwise.
const paths = [
  { rpc: 'BatchAppend', options: {} },
  { rpc: 'Append', options: { credentials: { username: 'admin', password: 'changeit' } } },
] as const

describe.each(paths)('the maximum append size through $rpc', ({ options }) => {
  it('the default limit is 1,048,576 bytes (ClusterVNodeOptions.cs): an append of exactly that much is written', async () => {
    const client = clientOf(started(standard))
    try {
      const stream = `size-${randomUUID()}`
      const result = await client.appendToStream(stream, [event(524_288), event(524_288)], options)
      expect(result.nextExpectedRevision).toBe(1n)
    } finally {
      await client.dispose()
    }
  })

  it('one byte more is refused with MaxAppendSizeExceededError carrying the limit, and nothing is written', async () => {
    const client = clientOf(started(standard))
    try {
      const stream = `size-${randomUUID()}`
      const failure = await client
        .appendToStream(stream, [event(524_288), event(524_289)], options)
        .catch((error: unknown) => error)
      expect(failure).toBeInstanceOf(MaxAppendSizeExceededError)
      expect(failure).toMatchObject({ maxAppendSize: 1_048_576 })
      expect(await failureOf(client.readStream(stream))).toBeInstanceOf(StreamNotFoundError)
      // The connection is still good: the next append is written.
      await client.appendToStream(stream, event(10), options)
      expect(await collect(client.readStream(stream))).toHaveLength(1)
    } finally {
      await client.dispose()
    }
  })

  it("23.10 counts the data's bytes only (Event.SizeOnDisk's precedence): metadata and type are not counted", async () => {
    const client = clientOf(started(small))
    try {
      const stream = `size-${randomUUID()}`
      await client.appendToStream(stream, [event(500, 5_000), event(500, 5_000)], options)
      const failure = await client
        .appendToStream(stream, [event(500), event(501)], options)
        .catch((error: unknown) => error)
      expect(failure).toMatchObject({ maxAppendSize: 1_000 })
      expect(await collect(client.readStream(stream))).toHaveLength(2)
    } finally {
      await client.dispose()
    }
  })

  it('an event over the gRPC message limit (16 MiB less 10,000 bytes) is refused RESOURCE_EXHAUSTED, as UnknownError', async () => {
    const client = clientOf(started(standard))
    try {
      const stream = `size-${randomUUID()}`
      // Small data (under the append limit as 23.10 counts it), metadata past the message limit.
      const failure = await client
        .appendToStream(stream, event(10, 16 * 1024 * 1024), options)
        .catch((error: unknown) => error)
      expect(failure).toBeInstanceOf(UnknownError)
      expect(failure).toMatchObject({ code: status.RESOURCE_EXHAUSTED })
      expect(await failureOf(client.readStream(stream))).toBeInstanceOf(StreamNotFoundError)
      await client.appendToStream(stream, event(10), options)
      expect(await collect(client.readStream(stream))).toHaveLength(1)
    } finally {
      await client.dispose()
    }
  })
})

describe('the maximum append size through BatchAppend, over several requests', () => {
  it('an append the client splits into requests is refused when the sum passes the limit, and later requests are ignored', async () => {
    const client = clientOf(started(small))
    try {
      const stream = `size-${randomUUID()}`
      // batchAppendSize 300: the client sends these ten events in several requests of one correlation id.
      const events = Array.from({ length: 10 }, () => event(200))
      const failure = await client
        .appendToStream(stream, events, { batchAppendSize: 300 })
        .catch((error: unknown) => error)
      expect(failure).toBeInstanceOf(MaxAppendSizeExceededError)
      expect(failure).toMatchObject({ maxAppendSize: 1_000 })
      expect(await failureOf(client.readStream(stream))).toBeInstanceOf(StreamNotFoundError)
      await client.appendToStream(
        stream,
        Array.from({ length: 5 }, () => event(200)),
        { batchAppendSize: 300 },
      )
      expect(await collect(client.readStream(stream))).toHaveLength(5)
    } finally {
      await client.dispose()
    }
  })
})
