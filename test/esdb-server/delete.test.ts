// Deleting streams, as EventStoreDB documents it: soft delete ($tb), recreation, and tombstones (hard delete).
import {
  jsonEvent,
  NO_STREAM,
  StreamDeletedError,
  StreamNotFoundError,
  WrongExpectedVersionError,
} from '@eventstore/db-client'
import { describe, expect, it } from 'vitest'
import { testServerForThisFile, collect, describeEvent, failureOf } from './client-helpers.js'

const esdb = testServerForThisFile()

const event = (type: string) => jsonEvent({ type, data: {} })
const labels = async (streamName: string) => (await collect(esdb.client.readStream(streamName))).map(describeEvent)
const allLabels = async () => (await collect(esdb.client.readAll())).map(describeEvent)

describe('soft delete (deleteStream)', () => {
  it('reading a soft-deleted stream throws StreamNotFoundError', async () => {
    await esdb.client.appendToStream('soft-read', [event('A'), event('B')])
    const deleted = await esdb.client.deleteStream('soft-read', { expectedRevision: 1n })
    expect(deleted.position?.commit).toBeGreaterThan(0n)
    expect(await failureOf(esdb.client.readStream('soft-read'))).toBeInstanceOf(StreamNotFoundError)
  })

  it('a soft-deleted stream can be appended to again; revisions continue, the old events and old metadata are gone', async () => {
    await esdb.client.appendToStream('soft-recreate', [event('A'), event('B')])
    await esdb.client.setStreamMetadata('soft-recreate', { owner: 'kept' })
    await esdb.client.deleteStream('soft-recreate')
    const recreated = await esdb.client.appendToStream('soft-recreate', event('C'), { expectedRevision: NO_STREAM })
    expect(recreated.nextExpectedRevision).toBe(2n)
    expect(await labels('soft-recreate')).toEqual(['soft-recreate@2:C'])
    // The soft delete replaced the metadata with {"$tb":Int64.MaxValue} ('owner' is gone), and recreation sets $tb
    // to the first new revision in what is left (EventStore/EventStore
    // src/EventStore.Core/Services/Storage/StorageWriterService.cs, WriteDelete and SoftUndeleteStream).
    expect((await esdb.client.getStreamMetadata('soft-recreate')).metadata).toEqual({ truncateBefore: 2 })
  })

  it('soft delete writes $tb to the $$ stream, and $all still holds the deleted events', async () => {
    await esdb.client.appendToStream('soft-all', event('A'))
    await esdb.client.deleteStream('soft-all')
    const metadata = await collect(esdb.client.readStream('$$soft-all'))
    expect(metadata.map(describeEvent)).toEqual(['$$soft-all@0:$metadata'])
    // $tb is Int64.MaxValue (EventNumber.DeletedStream); JSON parsing in the client rounds it to a double.
    expect(metadata[0]?.event?.data).toEqual({ $tb: Number(9223372036854775807n) })
    expect(await allLabels()).toEqual(expect.arrayContaining(['soft-all@0:A', '$$soft-all@0:$metadata']))
  })

  it('deleteStream with a wrong expected revision fails with WrongExpectedVersionError', async () => {
    await esdb.client.appendToStream('soft-wrong', [event('A'), event('B')])
    await expect(esdb.client.deleteStream('soft-wrong', { expectedRevision: 0n })).rejects.toMatchObject({
      constructor: WrongExpectedVersionError,
      streamName: 'soft-wrong',
      expectedVersion: 0n,
      actualVersion: 1n,
    })
    // EventStoreDB sends the commit check's current version, -1 for a stream without events (RpcExceptions.cs).
    await expect(esdb.client.deleteStream('soft-missing', { expectedRevision: 3n })).rejects.toMatchObject({
      actualVersion: -1n,
    })
    expect(await labels('soft-wrong')).toHaveLength(2)
  })

  it('truncateBefore set through metadata hides the earlier revisions from stream reads', async () => {
    await esdb.client.appendToStream('truncated', [event('A'), event('B'), event('C')])
    await esdb.client.setStreamMetadata('truncated', { truncateBefore: 2 })
    expect(await labels('truncated')).toEqual(['truncated@2:C'])
  })
})

describe('hard delete (tombstoneStream)', () => {
  it('reading a tombstoned stream throws StreamDeletedError', async () => {
    await esdb.client.appendToStream('hard-read', event('A'))
    await esdb.client.tombstoneStream('hard-read')
    const failure = await failureOf(esdb.client.readStream('hard-read'))
    expect(failure).toBeInstanceOf(StreamDeletedError)
    expect(failure).toMatchObject({ streamName: 'hard-read' })
  })

  it('a tombstoned stream cannot be appended to, deleted or tombstoned again', async () => {
    await esdb.client.appendToStream('hard-write', event('A'))
    await esdb.client.tombstoneStream('hard-write', { expectedRevision: 0n })
    await expect(esdb.client.appendToStream('hard-write', event('B'))).rejects.toBeInstanceOf(StreamDeletedError)
    await expect(
      esdb.client.appendToStream('hard-write', event('B'), {
        credentials: { username: 'admin', password: 'changeit' },
      }),
    ).rejects.toBeInstanceOf(StreamDeletedError)
    await expect(esdb.client.deleteStream('hard-write')).rejects.toBeInstanceOf(StreamDeletedError)
    await expect(esdb.client.tombstoneStream('hard-write')).rejects.toBeInstanceOf(StreamDeletedError)
  })

  it('tombstoneStream with a wrong expected revision fails with WrongExpectedVersionError and deletes nothing', async () => {
    await esdb.client.appendToStream('hard-wrong', event('A'))
    await expect(esdb.client.tombstoneStream('hard-wrong', { expectedRevision: NO_STREAM })).rejects.toBeInstanceOf(
      WrongExpectedVersionError,
    )
    expect(await labels('hard-wrong')).toEqual(['hard-wrong@0:A'])
  })

  it('the tombstone is a $streamDeleted event in $all', async () => {
    await esdb.client.appendToStream('hard-all', event('A'))
    await esdb.client.tombstoneStream('hard-all')
    expect(await allLabels()).toEqual(
      expect.arrayContaining(['hard-all@0:A', 'hard-all@9223372036854775807:$streamDeleted']),
    )
  })
})
