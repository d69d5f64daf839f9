// Appending, as EventStoreDB documents it: expected revisions, idempotent retries, and what an event carries.
import {
  ANY,
  binaryEvent,
  jsonEvent,
  NO_STREAM,
  STREAM_EXISTS,
  StreamDeletedError,
  EventStoreDBClient,
  WrongExpectedVersionError,
} from '@eventstore/db-client'
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { testServerForThisFile, collect } from './client-helpers.js'

const esdb = testServerForThisFile()

const event = (type: string, id?: string) => jsonEvent({ type, data: { type }, ...(id === undefined ? {} : { id }) })

const revisionsOf = async (streamName: string): Promise<readonly bigint[]> =>
  (await collect(esdb.client.readStream(streamName))).map(resolved => resolved.event?.revision ?? -1n)

describe('appending events (the client goes through BatchAppend, which the server advertises)', () => {
  it('append with expectedRevision NO_STREAM to a new stream records revisions from 0 with increasing positions', async () => {
    const first = await esdb.client.appendToStream('append-new', [event('A'), event('B')], {
      expectedRevision: NO_STREAM,
    })
    const second = await esdb.client.appendToStream('append-new', event('C'), { expectedRevision: 1n })
    expect(first.nextExpectedRevision).toBe(1n)
    expect(second.nextExpectedRevision).toBe(2n)
    expect(second.position?.commit).toBeGreaterThan(first.position?.commit ?? Infinity)
    expect(await revisionsOf('append-new')).toEqual([0n, 1n, 2n])
  })

  it('append with expectedRevision NO_STREAM to an existing stream fails with WrongExpectedVersionError', async () => {
    await esdb.client.appendToStream('append-exists', event('A'))
    const failure: unknown = await esdb.client
      .appendToStream('append-exists', event('B'), { expectedRevision: NO_STREAM })
      .catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(WrongExpectedVersionError)
    expect(failure).toMatchObject({ streamName: 'append-exists', expectedVersion: 'no_stream', actualVersion: 0n })
    expect(await revisionsOf('append-exists')).toEqual([0n])
  })

  it('append with an exact expectedRevision succeeds only at the current revision', async () => {
    await esdb.client.appendToStream('append-exact', [event('A'), event('B')])
    await expect(
      esdb.client.appendToStream('append-exact', event('C'), { expectedRevision: 0n }),
    ).rejects.toMatchObject({
      expectedVersion: 0n,
      actualVersion: 1n,
    })
    await expect(
      esdb.client.appendToStream('append-exact', event('C'), { expectedRevision: 5n }),
    ).rejects.toBeInstanceOf(WrongExpectedVersionError)
    const appended = await esdb.client.appendToStream('append-exact', event('C'), { expectedRevision: 1n })
    expect(appended.nextExpectedRevision).toBe(2n)
  })

  it('append with STREAM_EXISTS fails on a missing stream and succeeds on an existing one', async () => {
    await expect(
      esdb.client.appendToStream('append-stream-exists', event('A'), { expectedRevision: STREAM_EXISTS }),
    ).rejects.toMatchObject({ expectedVersion: 'stream_exists', actualVersion: 'no_stream' })
    await esdb.client.appendToStream('append-stream-exists', event('A'), { expectedRevision: NO_STREAM })
    const appended = await esdb.client.appendToStream('append-stream-exists', event('B'), {
      expectedRevision: STREAM_EXISTS,
    })
    expect(appended.nextExpectedRevision).toBe(1n)
  })

  it('append with ANY succeeds whatever the stream holds', async () => {
    await esdb.client.appendToStream('append-any', event('A'), { expectedRevision: ANY })
    await esdb.client.appendToStream('append-any', event('B'), { expectedRevision: ANY })
    expect(await revisionsOf('append-any')).toEqual([0n, 1n])
  })

  it('re-appending the same event ids at the same expected revision is idempotent', async () => {
    const batch = [event('A', randomUUID()), event('B', randomUUID())]
    const first = await esdb.client.appendToStream('append-retry', batch, { expectedRevision: NO_STREAM })
    const retry = await esdb.client.appendToStream('append-retry', batch, { expectedRevision: NO_STREAM })
    expect(retry).toEqual(first)
    const later = await esdb.client.appendToStream('append-retry', event('C'), { expectedRevision: 1n })
    const retryAtRevision = await esdb.client.appendToStream('append-retry', batch.slice(1), { expectedRevision: 0n })
    expect(retryAtRevision.nextExpectedRevision).toBe(1n)
    expect(later.nextExpectedRevision).toBe(2n)
    expect(await revisionsOf('append-retry')).toEqual([0n, 1n, 2n])
  })

  it('re-appending the same event ids with ANY is idempotent; a retry that matches only in part is a conflict', async () => {
    const [a, b, c] = [event('A', randomUUID()), event('B', randomUUID()), event('C', randomUUID())]
    const first = await esdb.client.appendToStream('append-retry-any', [a, b], { expectedRevision: ANY })
    await esdb.client.appendToStream('append-retry-any', c, { expectedRevision: ANY })
    const retry = await esdb.client.appendToStream('append-retry-any', [a, b], { expectedRevision: ANY })
    expect(retry.nextExpectedRevision).toBe(first.nextExpectedRevision)
    await expect(
      esdb.client.appendToStream('append-retry-any', [a, event('D', randomUUID())], { expectedRevision: ANY }),
    ).rejects.toBeInstanceOf(WrongExpectedVersionError)
    await expect(
      esdb.client.appendToStream('append-retry-any', [b, a], { expectedRevision: 0n }),
    ).rejects.toBeInstanceOf(WrongExpectedVersionError)
    expect(await revisionsOf('append-retry-any')).toEqual([0n, 1n, 2n])
  })

  it('append with STREAM_EXISTS to a soft-deleted stream fails with StreamDeletedError; NO_STREAM recreates it', async () => {
    await esdb.client.appendToStream('append-soft-deleted', event('A'))
    await esdb.client.deleteStream('append-soft-deleted')
    await expect(
      esdb.client.appendToStream('append-soft-deleted', event('B'), { expectedRevision: STREAM_EXISTS }),
    ).rejects.toBeInstanceOf(StreamDeletedError)
    const recreated = await esdb.client.appendToStream('append-soft-deleted', event('B'), {
      expectedRevision: NO_STREAM,
    })
    expect(recreated.nextExpectedRevision).toBe(1n)
  })

  it('a refused append is reported as success: false when the client does not throw on append failure', async () => {
    const lenientClient = EventStoreDBClient.connectionString(
      `${esdb.server.connectionString}&throwOnAppendFailure=false`,
    )
    await lenientClient.appendToStream('append-lenient', event('A'))
    const result = await lenientClient.appendToStream('append-lenient', event('B'), { expectedRevision: NO_STREAM })
    expect(result.success).toBe(false)
    await lenientClient.dispose()
  })

  it('an event keeps its id, type, content type, data, custom metadata and creation time', async () => {
    const id = randomUUID()
    await esdb.client.appendToStream('append-shape', [
      jsonEvent({ id, type: 'Json', data: { answer: 42 }, metadata: { correlation: 'c-1' } }),
      binaryEvent({ type: 'Binary', data: Uint8Array.from([1, 2, 3]), metadata: Uint8Array.from([9]) }),
    ])
    const [json, binary] = (await collect(esdb.client.readStream('append-shape'))).map(resolved => resolved.event)
    expect(json).toMatchObject({
      id,
      type: 'Json',
      isJson: true,
      data: { answer: 42 },
      metadata: { correlation: 'c-1' },
    })
    // `created` travels as .NET ticks since the Unix epoch; a wrong unit or epoch lands far outside this range.
    expect(json?.created.getUTCFullYear()).toBeGreaterThanOrEqual(2024)
    expect(json?.created.getUTCFullYear()).toBeLessThan(2200)
    expect(binary?.isJson).toBe(false)
    expect(binary?.type).toBe('Binary')
    expect([...(binary?.data instanceof Uint8Array ? binary.data : [])]).toEqual([1, 2, 3])
  })
})

describe('appending through the plain Append RPC (the client uses it when a call carries credentials)', () => {
  const credentials = { username: 'admin', password: 'changeit' }

  it('append with expectedRevision NO_STREAM to an existing stream fails with WrongExpectedVersionError', async () => {
    const first = await esdb.client.appendToStream('plain-append', [event('A'), event('B')], {
      expectedRevision: NO_STREAM,
      credentials,
    })
    expect(first.nextExpectedRevision).toBe(1n)
    await expect(
      esdb.client.appendToStream('plain-append', event('C'), { expectedRevision: NO_STREAM, credentials }),
    ).rejects.toMatchObject({ expectedVersion: 'no_stream', actualVersion: 1n })
    await expect(
      esdb.client.appendToStream('plain-append', event('C'), { expectedRevision: 7n, credentials }),
    ).rejects.toMatchObject({ expectedVersion: 7n, actualVersion: 1n })
  })

  it('re-appending the same event ids at the same expected revision is idempotent', async () => {
    const batch = [event('A', randomUUID())]
    const first = await esdb.client.appendToStream('plain-retry', batch, { expectedRevision: NO_STREAM, credentials })
    const retry = await esdb.client.appendToStream('plain-retry', batch, { expectedRevision: NO_STREAM, credentials })
    expect(retry).toEqual(first)
    expect(await revisionsOf('plain-retry')).toEqual([0n])
  })
})
