import { randomUUID } from 'node:crypto'
import { Server, ServerCredentials } from '@grpc/grpc-js'
import { appendRpc, batchAppendRpc } from './append-rpc.js'
import { deleteRpc, tombstoneRpc } from './delete-rpc.js'
import { type FrontDoor, openFrontDoor } from './front-door.js'
import { type ServerGeneration, getSupportedMethodsRpc } from './features-rpc.js'
import { createMemoryLog } from './memory-log.js'
import { type ShutdownMode, createOpenCalls } from './open-calls.js'
import { ServerFeaturesService, StreamsService } from './protocol.js'
import { readRpc } from './read-rpc.js'

/** A running in-process EventStoreDB test double, reachable over loopback gRPC without TLS. */
export interface EsdbTestServer {
  readonly port: number
  /** e.g. `esdb://127.0.0.1:PORT?tls=false` — what EventStoreDBClient.connectionString accepts. */
  readonly connectionString: string
  /**
   * Stops serving; the data is kept. `graceful` (the default) plays a node shutting down: reads in flight fail
   * UNAVAILABLE "Server Is Not Ready", appends UNAVAILABLE; subscriptions are dropped and end when the connections
   * close (with `relay`; without it they fail UNAVAILABLE).
   * `kill` (only with the `relay` option) plays a node that dies: every connection is reset and nothing answered.
   */
  readonly stop: (options?: { readonly mode?: ShutdownMode }) => Promise<void>
  /**
   * Serves again on the same port with the same stored data (after stop), writing a new epoch and its
   * `$epoch-information` event first, as a node does at every start.
   */
  readonly start: () => Promise<void>
  /** Stops for good. */
  readonly close: () => Promise<void>
}

// Events are stamped with wall-clock time, as a real node does; this is test infrastructure, not domain code.
const systemTicks = (): bigint =>
  // eslint-disable-next-line no-restricted-syntax -- the server plays EventStoreDB, whose `created` is the node's clock
  BigInt(Date.now()) * 10_000n

const bind = (server: Server, address: string): Promise<number> =>
  new Promise((resolve, reject) => {
    server.bindAsync(address, ServerCredentials.createInsecure(), (error, port) => {
      if (error === null) resolve(port)
      else reject(error)
    })
  })

// TFConsts.EffectiveMaxLogRecordSize at 23.10: MaxLogRecordSize (16 MiB) less LogRecordOverheadSize (10,000).
const maxReceiveMessageLength = 16 * 1024 * 1024 - 10_000

// Time for the UNAVAILABLE statuses of aborted calls to reach the wire before the sessions are destroyed.
const graceMilliseconds = 50

const shutDown = (server: Server, closeConnections: () => Promise<void>): Promise<void> =>
  new Promise(resolve => {
    const force = setTimeout(() => {
      void closeConnections().then(() => {
        server.forceShutdown()
        resolve()
      })
    }, graceMilliseconds)
    server.tryShutdown(() => {
      clearTimeout(force)
      void closeConnections().then(() => {
        server.forceShutdown()
        resolve()
      })
    })
  })

/**
 * Starts an EventStoreDB gRPC test double on 127.0.0.1 (port 0 picks a free port, kept for restarts). It keeps every
 * event in memory for as long as the returned server lives, across stop() and start().
 */
export const startEsdbTestServer = async (
  options: {
    readonly port?: number
    /** Which release to play: '23.10' (the default) or '22.10' (no `caught_up`; see subscriptions.ts). */
    readonly generation?: ServerGeneration
    /**
     * Puts a TCP relay (front-door.ts) in front of the gRPC server, so a stop closes the clients' connections as a
     * node's going does: `kill` resets them, `graceful` ends them after the answers (off by default).
     */
    readonly relay?: boolean
    /** The node's clock in .NET ticks since the Unix epoch (the wall clock by default); `$maxAge` is judged by it. */
    readonly nowTicks?: () => bigint
    /** The largest append in bytes, as EventStoreDB's `MaxAppendSize` (default 1,048,576); see append-rpc.ts. */
    readonly maxAppendSize?: number
  } = {},
): Promise<EsdbTestServer> => {
  const log = createMemoryLog({ nowTicks: options.nowTicks ?? systemTicks, newEventId: randomUUID })
  const generation = options.generation ?? '23.10'
  const instanceId = randomUUID()
  const openCalls = createOpenCalls()
  let port = options.port ?? 0
  let running: { readonly server: Server; readonly door: FrontDoor | undefined } | undefined
  let closed = false

  const start = async (): Promise<void> => {
    if (closed) throw new Error('The EventStoreDB test server was closed for good')
    if (running !== undefined) return
    // EventStoreDB's gRPC MaxReceiveMessageSize for Streams (ClusterVNodeStartup.cs at 23.10): 16 MiB less 10,000.
    const server = new Server({ 'grpc.max_receive_message_length': maxReceiveMessageLength })
    server.addService(StreamsService, {
      read: readRpc(log, openCalls, generation),
      append: appendRpc(log, openCalls, options.maxAppendSize),
      batchAppend: batchAppendRpc(log, openCalls, options.maxAppendSize),
      delete: deleteRpc(log),
      tombstone: tombstoneRpc(log),
    })
    server.addService(ServerFeaturesService, { getSupportedMethods: getSupportedMethodsRpc(generation) })
    // With the relay, clients reach the gRPC server through the front door, whose port stays across restarts.
    const door = options.relay === true ? await openFrontDoor(port, await bind(server, '127.0.0.1:0')) : undefined
    port = door?.port ?? (await bind(server, `127.0.0.1:${port.toString()}`))
    running = { server, door }
    // A node writes a new epoch each time it becomes leader, before it serves (EpochManager.WriteNewEpoch).
    log.writeEpoch(instanceId)
  }

  const stop: EsdbTestServer['stop'] = async ({ mode = 'graceful' } = {}) => {
    const stopping = running
    if (stopping === undefined) return
    const door = stopping.door
    if (mode === 'kill' && door === undefined)
      throw new Error("stop({ mode: 'kill' }) resets connections: start the server with relay")
    running = undefined
    if (mode === 'kill' && door !== undefined) {
      // The process is gone: the clients' connections are reset before anything more is said.
      await door.close('reset')
      stopping.server.forceShutdown()
      openCalls.abortAll({ reads: false, subscriptions: false })
      return
    }
    openCalls.abortAll({ reads: true, subscriptions: door === undefined })
    await shutDown(stopping.server, () => door?.close('end') ?? Promise.resolve())
  }

  await start()
  return {
    port,
    connectionString: `esdb://127.0.0.1:${port.toString()}?tls=false`,
    stop,
    start,
    close: async () => {
      closed = true
      await stop()
    },
  }
}
