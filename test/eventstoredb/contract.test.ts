import { randomUUID } from 'node:crypto'
import { binaryEvent } from '@eventstore/db-client'
import type { EventStore } from '@pembina/core'
import { eventStoreDbEventStore, type EventStoreDbEventStore } from '@pembina/eventstoredb'
import { eventStoreContract } from '@pembina/testkit'
import { afterAll, beforeAll } from 'vitest'
import { type EsdbTestServer, startEsdbTestServer } from '../esdb-server/index.js'

// The stores the suite opens, by the store the suite sees, so a corrupt record can be written through its client.
const opened = new WeakMap<EventStore, EventStoreDbEventStore>()

const open = (connectionString: string) => (): EventStore => {
  const store = eventStoreDbEventStore({ connectionString, retry: { attempts: 2, initialDelayMs: 20 } })
  opened.set(store, store)
  return store
}

// A binary event (content type application/octet-stream) holding half a JSON object, at the stream's next revision:
// the one kind of non-JSON data @eventstore/db-client itself can write.
const writeCorruptRecord = async (store: EventStore, streamName: string): Promise<void> => {
  const client = opened.get(store)?.client
  if (client === undefined) throw new Error('the store was not opened by this suite')
  await client.appendToStream(
    streamName,
    binaryEvent({ id: randomUUID(), type: 'Broken', data: new TextEncoder().encode('{"half":') }),
  )
}

let server: EsdbTestServer | undefined
beforeAll(async () => {
  server = await startEsdbTestServer()
})
afterAll(async () => {
  await server?.close()
})

const connectionString = (): string => {
  if (server === undefined) throw new Error('the test server did not start')
  return server.connectionString
}

eventStoreContract('EventStoreDB adapter on the test server', () => open(connectionString())(), {
  writeCorruptRecord,
})

// Against a real EventStoreDB/KurrentDB when one is named (see docs/adapters/eventstoredb.md).
const url = process.env.ESDB_CONNECTION_STRING
if (url !== undefined)
  eventStoreContract('EventStoreDB adapter on a real server', open(url), {
    writeCorruptRecord,
    largeStreamTimeoutMs: 180_000,
  })
