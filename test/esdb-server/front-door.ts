import { type Server, type Socket, createConnection, createServer } from 'node:net'

/**
 * The test server's public port: a TCP relay in front of the gRPC server, so that a stop can close the clients'
 * connections the way a node's going does: in order (`end`, the HTTP server's connections closed after what it
 * had to say) or by a reset (`reset`, the process died: the peer's kernel answers RST).
 */
export interface FrontDoor {
  readonly port: number
  /** Stops accepting and closes every relayed connection as `how` says. */
  readonly close: (how: 'end' | 'reset') => Promise<void>
}

const listen = (server: Server, port: number): Promise<number> =>
  new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject)
      const address = server.address()
      if (address === null || typeof address === 'string') reject(new Error('the front door has no TCP address'))
      else resolve(address.port)
    })
  })

const pause = (milliseconds: number): Promise<void> =>
  new Promise(resolve => {
    setTimeout(resolve, milliseconds)
  })

// Time for relayed bytes to reach a client before its connection is ended, and for the client to close its side.
const flushMilliseconds = 20
const lingerMilliseconds = 200

/** Opens the front door on 127.0.0.1:`port` (0 picks a free one), relaying every connection to `targetPort`. */
export const openFrontDoor = async (port: number, targetPort: number): Promise<FrontDoor> => {
  const pairs = new Set<readonly [client: Socket, upstream: Socket]>()
  const server = createServer({ noDelay: true }, client => {
    const upstream = createConnection({ port: targetPort, host: '127.0.0.1', noDelay: true })
    const pair = [client, upstream] as const
    pairs.add(pair)
    const forget = (): void => {
      pairs.delete(pair)
      client.destroy()
      upstream.destroy()
    }
    client.on('error', forget)
    upstream.on('error', forget)
    client.on('close', forget)
    // What the gRPC server sent before closing still reaches the client: the pipe ends the client after it.
    client.pipe(upstream)
    upstream.pipe(client)
  })
  const bound = await listen(server, port)
  const closed = new Promise<void>(resolve => {
    server.on('close', resolve)
  })
  return {
    port: bound,
    close: async how => {
      server.close()
      if (how === 'reset') {
        for (const [client, upstream] of [...pairs]) {
          client.resetAndDestroy()
          upstream.destroy()
        }
      } else {
        // Let what the gRPC server has said reach the clients, then close their connections in order.
        await pause(flushMilliseconds)
        for (const [client, upstream] of [...pairs]) {
          client.end()
          upstream.destroy()
        }
        await Promise.race([closed, pause(lingerMilliseconds)])
        for (const [client] of [...pairs]) client.destroy()
      }
      await closed
    },
  }
}
