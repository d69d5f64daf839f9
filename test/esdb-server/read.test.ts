// Reading one stream and `$all`, as EventStoreDB documents it: direction, starting point, count, missing streams.
import { BACKWARDS, END, FORWARDS, jsonEvent, START, StreamNotFoundError } from '@eventstore/db-client'
import { credentials } from '@grpc/grpc-js'
import streamsGrpc from '@eventstore/db-client/generated/streams_grpc_pb.js'
import type { ReadResp } from '@eventstore/db-client/generated/streams_pb.js'
import { beforeAll, describe, expect, it } from 'vitest'
import { testServerForThisFile, collect, describeEvent, failureOf } from './client-helpers.js'
import { shared, streams } from './protocol.js'
import { streamNameOf } from './wire.js'

const esdb = testServerForThisFile()

// Five events in `read-a`, interleaved with two in `read-b`, plus metadata on `read-a`.
beforeAll(async () => {
  const event = (type: string) => jsonEvent({ type, data: {} })
  await esdb.client.appendToStream('read-a', [event('A0'), event('A1')])
  await esdb.client.appendToStream('read-b', event('B0'))
  await esdb.client.appendToStream('read-a', [event('A2'), event('A3'), event('A4')])
  await esdb.client.appendToStream('read-b', event('B1'))
  await esdb.client.setStreamMetadata('read-a', { custom: 'x' })
})

const labels = async (reads: AsyncIterable<Parameters<typeof describeEvent>[0]>) =>
  (await collect(reads)).map(describeEvent)

describe('reading a stream', () => {
  it('readStream forwards from START returns every event in revision order', async () => {
    expect(await labels(esdb.client.readStream('read-a'))).toEqual([
      'read-a@0:A0',
      'read-a@1:A1',
      'read-a@2:A2',
      'read-a@3:A3',
      'read-a@4:A4',
    ])
  })

  it('readStream forwards from a revision starts at that revision and stops after maxCount', async () => {
    expect(await labels(esdb.client.readStream('read-a', { fromRevision: 2n, maxCount: 2 }))).toEqual([
      'read-a@2:A2',
      'read-a@3:A3',
    ])
  })

  it('readStream backwards from END starts at the last event', async () => {
    expect(
      await labels(esdb.client.readStream('read-a', { direction: BACKWARDS, fromRevision: END, maxCount: 2 })),
    ).toEqual(['read-a@4:A4', 'read-a@3:A3'])
  })

  it('readStream backwards from a revision includes that revision and goes down to 0', async () => {
    expect(await labels(esdb.client.readStream('read-a', { direction: BACKWARDS, fromRevision: 1n }))).toEqual([
      'read-a@1:A1',
      'read-a@0:A0',
    ])
  })

  it('readStream forwards from END returns nothing', async () => {
    expect(await labels(esdb.client.readStream('read-a', { direction: FORWARDS, fromRevision: END }))).toEqual([])
  })

  it('reading a stream that was never written throws StreamNotFoundError', async () => {
    const failure = await failureOf(esdb.client.readStream('read-missing'))
    expect(failure).toBeInstanceOf(StreamNotFoundError)
    expect(failure).toMatchObject({ streamName: 'read-missing' })
  })

  it('stream metadata is a $metadata event in the $$ stream, read back by getStreamMetadata', async () => {
    expect(await labels(esdb.client.readStream('$$read-a'))).toEqual(['$$read-a@0:$metadata'])
    expect((await esdb.client.getStreamMetadata('read-a')).metadata).toEqual({ custom: 'x' })
    expect((await esdb.client.getStreamMetadata('read-b')).metadata).toBeUndefined()
  })
})

describe('reading $all', () => {
  it('readAll forwards from START returns every event in commit order, system events included', async () => {
    expect(await labels(esdb.client.readAll())).toEqual([
      // What the node wrote itself when it started (EpochManager.cs), before any client write.
      '$epoch-information@0:$epoch-information',
      'read-a@0:A0',
      'read-a@1:A1',
      'read-b@0:B0',
      'read-a@2:A2',
      'read-a@3:A3',
      'read-a@4:A4',
      'read-b@1:B1',
      '$$read-a@0:$metadata',
    ])
  })

  it('readAll positions increase, and each event reports the same commit position twice', async () => {
    const all = await collect(esdb.client.readAll())
    const positions = all.map(resolved => resolved.event?.position.commit ?? -1n)
    expect(positions).toEqual([...positions].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)))
    expect(new Set(positions).size).toBe(positions.length)
    for (const resolved of all) expect(resolved.commitPosition).toBe(resolved.event?.position.commit)
  })

  it('readAll backwards from END returns the newest events first', async () => {
    expect(await labels(esdb.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 2 }))).toEqual([
      '$$read-a@0:$metadata',
      'read-b@1:B1',
    ])
  })

  it('readAll from a position: forwards includes the event at it, backwards returns the events before it', async () => {
    const all = await collect(esdb.client.readAll())
    // all[0] is the node's own $epoch-information event; all[3] is the third client event.
    const third = all[3]?.event?.position
    if (third === undefined) throw new Error('expected a third event')
    expect(await labels(esdb.client.readAll({ fromPosition: third, maxCount: 2 }))).toEqual([
      'read-b@0:B0',
      'read-a@2:A2',
    ])
    expect(await labels(esdb.client.readAll({ fromPosition: third, direction: BACKWARDS }))).toEqual([
      'read-a@1:A1',
      'read-a@0:A0',
      '$epoch-information@0:$epoch-information',
    ])
  })

  it('readAll backwards from START and forwards from END return nothing', async () => {
    expect(await labels(esdb.client.readAll({ fromPosition: START, direction: BACKWARDS }))).toEqual([])
    expect(await labels(esdb.client.readAll({ fromPosition: END }))).toEqual([])
  })
})

// The Node client's readAll sends no filter, so filtered reads are asked for with the generated gRPC esdb.client.
const filteredAllRead = async (
  port: number,
  filter: (options: InstanceType<typeof streams.ReadReq.Options.FilterOptions>) => void,
): Promise<readonly string[]> => {
  const Options = streams.ReadReq.Options
  const filterOptions = new Options.FilterOptions().setCount(new shared.Empty()).setCheckpointintervalmultiplier(1)
  filter(filterOptions)
  const options = new Options()
    .setAll(new Options.AllOptions().setStart(new shared.Empty()))
    .setReadDirection(Options.ReadDirection.FORWARDS)
    .setCount('100')
    .setUuidOption(new Options.UUIDOption().setString(new shared.Empty()))
    .setFilter(filterOptions)
  const reader = new streamsGrpc.StreamsClient(`127.0.0.1:${port.toString()}`, credentials.createInsecure())
  const labels: string[] = []
  try {
    await new Promise<void>((resolve, reject) => {
      const call = reader.read(new streams.ReadReq().setOptions(options))
      call.on('data', (response: ReadResp) => {
        const recorded = response.getEvent()?.getEvent()
        if (recorded !== undefined)
          labels.push(
            `${streamNameOf(recorded.getStreamIdentifier()) ?? '?'}:${recorded.getMetadataMap().get('type') ?? '?'}`,
          )
      })
      call.on('error', reject)
      call.on('end', resolve)
    })
  } finally {
    reader.close()
  }
  return labels
}

describe('reading $all with a server-side filter', () => {
  it('readAll with a stream-name prefix filter returns only the events of matching streams', async () => {
    const Expression = streams.ReadReq.Options.FilterOptions.Expression
    expect(
      await filteredAllRead(esdb.server.port, filter =>
        filter.setStreamIdentifier(new Expression().setPrefixList(['read-b'])),
      ),
    ).toEqual(['read-b:B0', 'read-b:B1'])
  })

  it('readAll with an event-type regex filter matches unanchored, like .NET Regex.IsMatch', async () => {
    const Expression = streams.ReadReq.Options.FilterOptions.Expression
    expect(
      await filteredAllRead(esdb.server.port, filter => filter.setEventType(new Expression().setRegex('[34]$'))),
    ).toEqual(['read-a:A3', 'read-a:A4'])
    expect(
      await filteredAllRead(esdb.server.port, filter =>
        filter.setStreamIdentifier(new Expression().setRegex('^\\$\\$')),
      ),
    ).toEqual(['$$read-a:$metadata'])
  })
})
