// Soft delete at its edges, as EventStoreDB 23.10 decides it. Source: EventStore/EventStore
// src/EventStore.Core/Services/Storage/StorageWriterService.cs (Handle(WriteDelete): the commit check first, then,
// for a soft delete, "no events and no metadata" is WrongExpectedVersion with current -1 whatever was expected, and
// the metadata written is `new StreamMetadata(truncateBefore: EventNumber.DeletedStream)`, nothing else;
// WritePrepares/SoftUndeleteMetastream: new metadata on a soft-deleted stream undeletes it with $tb = last + 1),
// src/EventStore.Core/Services/Transport/Grpc/RpcExceptions.cs (WrongExpectedVersion("Delete", ...)).
import { jsonEvent, NO_STREAM, StreamNotFoundError, WrongExpectedVersionError } from '@eventstore/db-client'
import { describe, expect, it } from 'vitest'
import { testServerForThisFile, collect, describeEvent, failureOf } from './client-helpers.js'

const esdb = testServerForThisFile()
const event = (type: string) => jsonEvent({ type, data: {} })
const labels = async (streamName: string) => (await collect(esdb.client.readStream(streamName))).map(describeEvent)

describe('soft delete edges (StorageWriterService.cs)', () => {
  it('soft-deleting a stream never written is WrongExpectedVersion (actual -1) with any, no_stream or a revision', async () => {
    await expect(esdb.client.deleteStream('never-any')).rejects.toMatchObject({
      constructor: WrongExpectedVersionError,
      streamName: 'never-any',
      expectedVersion: -2n,
      actualVersion: -1n,
    })
    await expect(esdb.client.deleteStream('never-none', { expectedRevision: NO_STREAM })).rejects.toMatchObject({
      constructor: WrongExpectedVersionError,
      expectedVersion: -1n,
      actualVersion: -1n,
    })
    await expect(esdb.client.deleteStream('never-exact', { expectedRevision: 0n })).rejects.toMatchObject({
      constructor: WrongExpectedVersionError,
      expectedVersion: 0n,
      actualVersion: -1n,
    })
    // Nothing was written for them.
    expect(await failureOf(esdb.client.readStream('$$never-any'))).toBeInstanceOf(StreamNotFoundError)
  })

  it('a stream with metadata but no events can be soft-deleted; a tombstone needs neither', async () => {
    await esdb.client.setStreamMetadata('only-meta', { maxCount: 3 })
    const deleted = await esdb.client.deleteStream('only-meta')
    expect(deleted.position?.commit).toBeGreaterThan(0n)
    const tombstoned = await esdb.client.tombstoneStream('never-tombstoned')
    expect(tombstoned.position?.commit).toBeGreaterThan(0n)
  })

  it('a soft delete replaces the whole metadata: $maxCount, $acl and custom keys are gone', async () => {
    await esdb.client.appendToStream('meta-dropped', event('A'))
    await esdb.client.setStreamMetadata('meta-dropped', {
      maxCount: 5,
      acl: { readRoles: ['$admins'] },
      owner: 'someone',
    })
    await esdb.client.deleteStream('meta-dropped')
    const metadata = await collect(esdb.client.readStream('$$meta-dropped'))
    expect(metadata.map(event => Buffer.from(JSON.stringify(event.event?.data)).toString())).toEqual([
      JSON.stringify({ $tb: Number(9223372036854775807n) }),
    ])
  })

  it('new metadata on a soft-deleted stream undeletes it: the node adds $tb = last + 1, the old events stay hidden', async () => {
    await esdb.client.appendToStream('meta-undelete', [event('A'), event('B')])
    await esdb.client.deleteStream('meta-undelete')
    await esdb.client.setStreamMetadata('meta-undelete', { maxCount: 5 })
    expect((await esdb.client.getStreamMetadata('meta-undelete')).metadata).toEqual({ maxCount: 5, truncateBefore: 2 })
    // The stream exists again (no StreamNotFound) but shows nothing yet.
    expect(await labels('meta-undelete')).toEqual([])
    await esdb.client.appendToStream('meta-undelete', event('C'), { expectedRevision: 1n })
    expect(await labels('meta-undelete')).toEqual(['meta-undelete@2:C'])
  })
})
