// The EventStoreDB adapter against the raw client it wraps, on one in-process test server: N one-event appends to
// fresh streams, and a read of one N-event stream. Both sides make the same calls with the same payloads, alternating
// within one run, so the ratio is the adapter's overhead (mapping, decoding, retries' bookkeeping) and nothing else.
import { randomUUID } from 'node:crypto'
import { EventStoreDBClient, FORWARDS, START, jsonEvent } from '@eventstore/db-client'
import { eventStoreDbEventStore } from '@pembina/eventstoredb'
import { startEsdbTestServer } from '../esdb-server/index.js'
import { type Rounds, type Timed, alternate, secondsSince } from './measure.js'

/** What the benchmark measured: appends and reads per second of both sides, per round, and the events per run. */
export interface EventStoreDbBenchResult {
  readonly appends: Rounds
  readonly reads: Rounds
  readonly events: number
}

const payload = (n: number) => ({
  data: { offeringId: 'latsar-2026-01', nip: '199001102015031001', n, note: 'Pelayanan Publik Prima' },
  metadata: { commandId: `bench-${n}`, actor: { kind: 'asn', nip: '197505052000031004' }, schemaVersion: 1 },
})

/**
 * Runs `rounds` alternating rounds of each comparison over `events` events on a test server started for it, and
 * reports progress lines as it goes.
 */
export const eventStoreDbBench = async (options: {
  readonly rounds: number
  readonly events: number
  readonly progress: (line: string) => void
}): Promise<EventStoreDbBenchResult> => {
  const { rounds, events, progress } = options
  const server = await startEsdbTestServer()
  const client = EventStoreDBClient.connectionString(server.connectionString)
  const store = eventStoreDbEventStore({ client })
  try {
    const run = randomUUID().replaceAll('-', '').slice(0, 8)
    const appendWith = async (
      side: string,
      round: number,
      append: (stream: string, n: number) => Promise<void>,
    ): Promise<Timed> => {
      const start = performance.now()
      for (let n = 0; n < events; n += 1) await append(`bench${run}${side}${round}-${n}`, n)
      return { units: events, seconds: secondsSince(start) }
    }
    const appendThroughAdapter = async (stream: string, n: number): Promise<void> => {
      const { data, metadata } = payload(n)
      const result = await store.append(
        stream,
        [{ eventId: randomUUID(), type: 'BenchLogged', data, metadata }],
        'no-stream',
      )()
      if (result._tag === 'Left') throw new Error(`append failed: ${result.left._tag}`)
    }
    const appendThroughClient = async (stream: string, n: number): Promise<void> => {
      const { data, metadata } = payload(n)
      await client.appendToStream(stream, jsonEvent({ id: randomUUID(), type: 'BenchLogged', data, metadata }), {
        expectedRevision: 'no_stream',
      })
    }
    // Both sides warm up (JIT, the connection, the adapter's first look at the end of $all) before anything counts.
    for (let n = 0; n < Math.min(2_000, events); n += 1) {
      await appendThroughAdapter(`bench${run}warmadapter-${n}`, n)
      await appendThroughClient(`bench${run}warmraw-${n}`, n)
    }
    progress(`EventStoreDB adapter: ${events} one-event appends to fresh streams, adapter vs raw client`)
    const appends = await alternate(
      rounds,
      round => appendWith('adapter', round, appendThroughAdapter),
      round => appendWith('raw', round, appendThroughClient),
      progress,
    )
    const stream = `bench${run}read-1`
    for (let from = 0; from < events; from += 500) {
      const batch = Array.from({ length: Math.min(500, events - from) }, (_, i) => {
        const { data, metadata } = payload(from + i)
        return jsonEvent({ id: randomUUID(), type: 'BenchLogged', data, metadata })
      })
      await client.appendToStream(stream, batch)
    }
    const adapterRead = async (): Promise<Timed> => {
      const start = performance.now()
      let count = 0
      for await (const record of store.readStream(stream)) if (record.kind === 'event') count += 1
      return { units: count, seconds: secondsSince(start) }
    }
    const rawRead = async (): Promise<Timed> => {
      const start = performance.now()
      let count = 0
      const read: AsyncIterable<unknown> = client.readStream(stream, { direction: FORWARDS, fromRevision: START })
      for await (const resolved of read) if (resolved !== undefined) count += 1
      return { units: count, seconds: secondsSince(start) }
    }
    await adapterRead()
    await rawRead()
    progress(`EventStoreDB adapter: reading a ${events}-event stream, adapter vs raw client`)
    const reads = await alternate(rounds, adapterRead, rawRead, progress)
    return { appends, reads, events }
  } finally {
    await store.close()
    await client.dispose()
    await server.close()
  }
}
