// The contract suite on the adapter through one client package (contract.test.ts and contract-kurrent.test.ts).
import type { EventStore } from '@pembina/core'
import { eventStoreDbEventStore, type ClientPackage } from '@pembina/eventstoredb'
import { eventStoreContract } from '@pembina/testkit'
import { afterAll, beforeAll, describe } from 'vitest'
import type { EsdbTestServer } from '../esdb-server/index.js'
import type { ClientUnderTest } from './clients.js'

/** Registers the contract suite through `client`'s package, on the test server and on a named real server. */
export const contractSuite = ({ clientPackage, startServer, writeBinary }: ClientUnderTest): void => {
  // The connection string each store the suite opens was opened with, so a corrupt record can be written beside it.
  const opened = new WeakMap<EventStore, string>()
  const open = (connectionString: string, through: ClientPackage) => (): EventStore => {
    const store = eventStoreDbEventStore({
      connectionString,
      clientPackage: through,
      retry: { attempts: 2, initialDelayMs: 20 },
    })
    opened.set(store, connectionString)
    return store
  }

  // A binary event (content type application/octet-stream) holding half a JSON object, at the stream's next
  // revision: the one kind of non-JSON data the clients themselves can write.
  const writeCorruptRecord = async (store: EventStore, streamName: string): Promise<void> => {
    const at = opened.get(store)
    if (at === undefined) throw new Error('the store was not opened by this suite')
    await writeBinary(at, streamName, new TextEncoder().encode('{"half":'))
  }

  let server: EsdbTestServer | undefined
  beforeAll(async () => {
    server = await startServer()
  })
  afterAll(async () => {
    await server?.close()
  })
  const connectionString = (): string => {
    if (server === undefined) throw new Error('the test server did not start')
    return server.connectionString
  }

  describe(`through ${clientPackage}`, () => {
    eventStoreContract('EventStoreDB adapter on the test server', () => open(connectionString(), clientPackage)(), {
      writeCorruptRecord,
    })

    // Against a real EventStoreDB/KurrentDB when one is named (see docs/adapters/eventstoredb.md).
    const url = process.env.ESDB_CONNECTION_STRING
    if (url !== undefined)
      eventStoreContract('EventStoreDB adapter on a real server', open(url, clientPackage), {
        writeCorruptRecord,
        largeStreamTimeoutMs: 180_000,
      })
  })
}
