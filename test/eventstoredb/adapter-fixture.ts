// One in-process EventStoreDB test server per test file, and the adapter opened on it.
import { afterAll, beforeAll } from 'vitest'
import { eventStoreDbEventStore, type EventStoreDbEventStore } from '@pembina/eventstoredb'
import { type EsdbTestServer, startEsdbTestServer } from '../esdb-server/index.js'

/** Starts a test server before the calling file's tests and stops it after; `openStore` opens the adapter on it. */
export const adapterForThisFile = (): { readonly openStore: () => EventStoreDbEventStore } => {
  let server: EsdbTestServer | undefined
  beforeAll(async () => {
    server = await startEsdbTestServer()
  })
  afterAll(async () => {
    await server?.close()
  })
  return {
    openStore: () => {
      if (server === undefined) throw new Error('the test server is started in beforeAll; open the store in a test')
      return eventStoreDbEventStore({ connectionString: server.connectionString })
    },
  }
}
