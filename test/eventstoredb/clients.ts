// The two client packages the adapter takes, for the tests that run on each.
//
// Each test file loads one of them only, and @kurrent/kurrentdb-client's files run the test server in a child
// process (server-process.ts): both packages' generated protobuf classes live in one global namespace
// (`proto.event_store.client`), so in a process that loads both, the one loaded last replaces the other's classes and
// the other's calls fail (6.x: "message.getDeadline21100 is not a function"; 1.x appends: a oneof the 6.x classes
// lack). vitest gives each test file a worker of its own, so one file per package keeps them apart.
import { randomUUID } from 'node:crypto'
import type { ClientPackage, EsdbClient } from '@pembina/eventstoredb'
import type { EsdbTestServer } from '../esdb-server/index.js'

/** What `{ client }` accepts: each package's client as it is (the compiler checks the calls below). */
const acceptedAsClient = (_client: EsdbClient): void => undefined

/** One client package: its name, how its tests start a server, and a raw client's append of a binary event. */
export interface ClientUnderTest {
  readonly clientPackage: ClientPackage
  /** Starts the test server where this package's client can talk to it. */
  readonly startServer: (options?: { readonly maxAppendSize?: number }) => Promise<EsdbTestServer>
  /** Writes a binary event holding `bytes` through a raw client of the package, disposed after. */
  readonly writeBinary: (connectionString: string, streamName: string, bytes: Uint8Array) => Promise<void>
}

/** @eventstore/db-client 6.x, with the test server in this process (it is built on this package's classes). */
export const eventStoreDbClient: ClientUnderTest = {
  clientPackage: '@eventstore/db-client',
  startServer: async options => {
    const { startEsdbTestServer } = await import('../esdb-server/index.js')
    return startEsdbTestServer(options)
  },
  writeBinary: async (connectionString, streamName, bytes) => {
    const { EventStoreDBClient, binaryEvent } = await import('@eventstore/db-client')
    const client = EventStoreDBClient.connectionString(connectionString)
    acceptedAsClient(client)
    try {
      await client.appendToStream(streamName, binaryEvent({ id: randomUUID(), type: 'Broken', data: bytes }))
    } finally {
      await client.dispose()
    }
  },
}

/** @kurrent/kurrentdb-client 1.x, with the test server in a child process. */
export const kurrentDbClient: ClientUnderTest = {
  clientPackage: '@kurrent/kurrentdb-client',
  startServer: async options => {
    const { startEsdbTestServerProcess } = await import('./server-process.js')
    return startEsdbTestServerProcess(options)
  },
  writeBinary: async (connectionString, streamName, bytes) => {
    const { KurrentDBClient, binaryEvent } = await import('@kurrent/kurrentdb-client')
    const client = KurrentDBClient.connectionString(connectionString.replace(/^esdb:/, 'kurrentdb:'))
    acceptedAsClient(client)
    try {
      await client.appendToStream(streamName, binaryEvent({ id: randomUUID(), type: 'Broken', data: bytes }))
    } finally {
      await client.dispose()
    }
  },
}
