import { EventStoreDBClient, type ResolvedEvent, type Position } from '@eventstore/db-client'
import { afterAll, beforeAll } from 'vitest'
import { startEsdbTestServer, type EsdbTestServer } from './index.js'

/** Everything an async iterable yields, in order. */
export const collect = async <T>(items: AsyncIterable<T>): Promise<readonly T[]> => {
  const collected: T[] = []
  for await (const item of items) collected.push(item)
  return collected
}

/** The error iterating `items` rejects with, or undefined when it completes. */
export const failureOf = async (items: AsyncIterable<unknown>): Promise<unknown> => {
  try {
    await collect(items)
    return undefined
  } catch (error) {
    return error
  }
}

/** A short description of a resolved event: `stream@revision:type`. */
export const describeEvent = (resolved: ResolvedEvent): string =>
  resolved.event === undefined
    ? '<no event>'
    : `${resolved.event.streamId}@${resolved.event.revision.toString()}:${resolved.event.type}`

/** One thing a subscription reported, in the order it reported it. */
export type Sighting =
  | { readonly kind: 'event'; readonly label: string; readonly position: bigint | undefined }
  | { readonly kind: 'caught-up' }
  | { readonly kind: 'checkpoint'; readonly position: bigint }
  | { readonly kind: 'error'; readonly error: unknown }
  | { readonly kind: 'end' }

/** A subscription seen from the outside: its events and signals, checkpoints included. */
export interface SubscriptionWatch {
  readonly sightings: readonly Sighting[]
  /** The `checkpointReached` callback to hand to a filter. */
  readonly checkpointReached: (subscription: unknown, position: Position) => void
  /** Starts watching a subscription's events, `caughtUp`, errors and end. */
  readonly attach: (subscription: NodeJS.EventEmitter) => void
  /** Resolves once `predicate` holds for the sightings; rejects after `timeoutMs`. */
  readonly until: (predicate: (sightings: readonly Sighting[]) => boolean, timeoutMs?: number) => Promise<void>
}

/** A fresh watch with nothing seen yet. */
export const watchSubscription = (): SubscriptionWatch => {
  const sightings: Sighting[] = []
  const waiters = new Set<() => void>()
  const see = (sighting: Sighting): void => {
    sightings.push(sighting)
    for (const waiter of [...waiters]) waiter()
  }
  return {
    sightings,
    checkpointReached: (_subscription, position) => {
      see({ kind: 'checkpoint', position: position.commit })
    },
    attach: subscription => {
      subscription.on('data', (resolved: ResolvedEvent) => {
        see({ kind: 'event', label: describeEvent(resolved), position: resolved.event?.position?.commit })
      })
      subscription.on('caughtUp', () => {
        see({ kind: 'caught-up' })
      })
      subscription.on('error', (error: unknown) => {
        see({ kind: 'error', error })
      })
      subscription.on('end', () => {
        see({ kind: 'end' })
      })
    },
    until: (predicate, timeoutMs = 2000) =>
      new Promise((resolve, reject) => {
        const check = (): void => {
          if (!predicate(sightings)) return
          waiters.delete(check)
          clearTimeout(timer)
          resolve()
        }
        const timer = setTimeout(() => {
          waiters.delete(check)
          reject(
            new Error(
              `Timed out; saw ${JSON.stringify(sightings, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value))}`,
            ),
          )
        }, timeoutMs)
        waiters.add(check)
        check()
      }),
  }
}

/** The first error a subscription reported, if any. */
export const firstError = (sightings: readonly Sighting[]): unknown => {
  for (const sighting of sightings) if (sighting.kind === 'error') return sighting.error
  return undefined
}

/** The labels of the events sighted so far. */
export const eventLabels = (sightings: readonly Sighting[]): readonly string[] =>
  sightings.flatMap(sighting => (sighting.kind === 'event' ? [sighting.label] : []))

/** A raw client connected to the test server. */
export const clientOf = (server: EsdbTestServer): EventStoreDBClient =>
  EventStoreDBClient.connectionString(server.connectionString)

/** The test server and a raw client on it that the tests of one file share. */
export interface SharedTestServer {
  readonly server: EsdbTestServer
  readonly client: EventStoreDBClient
}

/**
 * Starts a test server and a raw client on it before the tests of the calling file and closes both after them. Read
 * `server` and `client` inside tests and hooks registered after this call (its `beforeAll` runs first).
 */
export const testServerForThisFile = (): SharedTestServer => {
  let started: SharedTestServer | undefined
  beforeAll(async () => {
    const server = await startEsdbTestServer()
    started = { server, client: clientOf(server) }
  })
  afterAll(async () => {
    await started?.client.dispose()
    await started?.server.close()
  })
  const get = (): SharedTestServer => {
    if (started === undefined) throw new Error('the test server is started in beforeAll; read it in a test or hook')
    return started
  }
  return {
    get server() {
      return get().server
    },
    get client() {
      return get().client
    },
  }
}
