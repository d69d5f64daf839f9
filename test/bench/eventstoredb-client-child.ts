// One side of the client comparison (eventstoredb-clients.ts) in a process of its own, so that it loads one client
// package only: the adapter through `clientPackage`, against the test server at the connection string. Warms up,
// then times `events` one-event appends to fresh streams and a read of one `events`-event stream, and reports both.
import { randomUUID } from 'node:crypto'
import type { EventToAppend } from '@pembina/core'
import { type ClientPackage, eventStoreDbEventStore } from '@pembina/eventstoredb'
import { secondsSince } from './measure.js'

const [clientPackage, connectionString, count] = process.argv.slice(2)
const packages: readonly string[] = ['@eventstore/db-client', '@kurrent/kurrentdb-client']
const isClientPackage = (value: string | undefined): value is ClientPackage =>
  value !== undefined && packages.includes(value)
if (!isClientPackage(clientPackage) || connectionString === undefined || count === undefined)
  throw new Error('usage: eventstoredb-client-child.ts CLIENT_PACKAGE CONNECTION_STRING EVENTS')
const events = Number.parseInt(count, 10)

const event = (n: number): EventToAppend => ({
  eventId: randomUUID(),
  type: 'BenchLogged',
  data: { offeringId: 'latsar-2026-01', nip: '199001102015031001', n, note: 'Pelayanan Publik Prima' },
  metadata: { commandId: `bench-${n}`, actor: { kind: 'asn', nip: '197505052000031004' }, schemaVersion: 1 },
})

const store = eventStoreDbEventStore({ connectionString, clientPackage })
try {
  const run = randomUUID().replaceAll('-', '').slice(0, 8)
  const append = async (stream: string, batch: readonly EventToAppend[]): Promise<void> => {
    const result = await store.append(stream, batch, 'no-stream')()
    if (result._tag === 'Left') throw new Error(`append failed: ${result.left._tag}`)
  }
  // Warm-up (JIT, the connection, the adapter's first look at the end of $all) before anything counts.
  for (let n = 0; n < Math.min(1_000, events); n += 1) await append(`bench${run}warm-${n}`, [event(n)])
  const appendStart = performance.now()
  for (let n = 0; n < events; n += 1) await append(`bench${run}append-${n}`, [event(n)])
  const appendSeconds = secondsSince(appendStart)
  const stream = `bench${run}read-1`
  for (let from = 0; from < events; from += 500) {
    const batch = Array.from({ length: Math.min(500, events - from) }, (_, i) => event(from + i))
    const result = await store.append(stream, batch, from === 0 ? 'no-stream' : from - 1)()
    if (result._tag === 'Left') throw new Error(`append failed: ${result.left._tag}`)
  }
  for await (const record of store.readStream(stream, { limit: 100 })) if (record.kind !== 'event') break
  const readStart = performance.now()
  let read = 0
  for await (const record of store.readStream(stream)) if (record.kind === 'event') read += 1
  const readSeconds = secondsSince(readStart)
  process.send?.({ events, appendSeconds, read, readSeconds })
} finally {
  // A close that does not settle (as the 6.x client's dispose() did after reads left early) is said, and the side ends.
  const late = setTimeout(() => {
    console.error(`${clientPackage}: the store's close() did not settle within 5 s`)
    process.exit(0)
  }, 5_000)
  await store.close()
  clearTimeout(late)
}
