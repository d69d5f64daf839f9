import { createRequire } from 'node:module'

/** A position in `$all`, as both clients write it. */
export interface ClientPosition {
  readonly commit: bigint
  readonly prepare: bigint
}

/** An expected revision in the clients' spelling. */
export type ClientExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | bigint

/** Data whose JSON form the client writes: `JSON.stringify` calls its `toJSON`. */
// A type alias, not an interface: both clients type JSON data as a record, which an interface does not fit.
export type ClientJsonData = { readonly toJSON: () => unknown }

/** A JSON event as the adapter hands it to a client's `appendToStream`. */
export type ClientJsonEvent = {
  readonly id: string
  readonly contentType: 'application/json'
  readonly type: string
  readonly data: ClientJsonData
  readonly metadata: Uint8Array
}

/**
 * The expected revision under both clients' names: @eventstore/db-client 6.x reads `expectedRevision`,
 * @kurrent/kurrentdb-client 1.x `streamState`, and each passes the other's key on unread.
 */
export interface ClientAppendOptions {
  readonly expectedRevision: ClientExpectedRevision
  readonly streamState: ClientExpectedRevision
}

/** What a client answers to an append. */
export interface ClientAppendResult {
  readonly success: boolean
  readonly nextExpectedRevision: bigint
  readonly position?: ClientPosition | undefined
}

/** What both kinds of server-side filter of a subscription to `$all` carry: a callback at each checkpoint. */
export type ClientFilterBase = {
  readonly filterOn: 'streamName' | 'eventType'
  readonly checkpointInterval: number
  readonly checkpointReached: (at: { readonly readableLength: number }, position: ClientPosition) => void
}

/** A server-side filter of a subscription to `$all`: by prefixes or by a regular expression. */
export type ClientFilter =
  (ClientFilterBase & { readonly prefixes: string[] }) | (ClientFilterBase & { readonly regex: string })

/** A subscription to `$all`: events as an async iterable (a Readable), the caught-up message as an event. */
export interface ClientSubscription extends AsyncIterable<unknown> {
  readonly readableLength: number
  on(event: 'caughtUp', listener: () => void): unknown
  unsubscribe(): Promise<void>
  destroy(): unknown
}

/**
 * The part of an EventStoreDB/KurrentDB client this adapter calls: append, the two reads, the subscription to `$all`
 * and dispose. Both `EventStoreDBClient` (@eventstore/db-client 6.x) and `KurrentDBClient`
 * (@kurrent/kurrentdb-client 1.x) have it; the adapter decodes what they answer, so neither package's types are
 * needed to use it.
 */
export interface EsdbClient {
  appendToStream(
    streamName: string,
    events: ClientJsonEvent[],
    options: ClientAppendOptions,
  ): Promise<ClientAppendResult>
  readStream(
    streamName: string,
    options: {
      readonly direction: 'forwards' | 'backwards'
      readonly fromRevision: 'start' | 'end' | bigint
      readonly maxCount?: number
    },
  ): AsyncIterable<unknown>
  readAll(options: {
    readonly direction: 'forwards' | 'backwards'
    readonly fromPosition: 'start' | 'end' | ClientPosition
    readonly maxCount?: number
  }): AsyncIterable<unknown>
  subscribeToAll(options: {
    readonly fromPosition: 'start' | 'end' | ClientPosition
    readonly filter: ClientFilter
  }): ClientSubscription
  dispose(): Promise<void>
}

/** The client packages the adapter can create a client from. */
export type ClientPackage = '@eventstore/db-client' | '@kurrent/kurrentdb-client'

const clientClass: Readonly<Record<ClientPackage, string>> = {
  '@eventstore/db-client': 'EventStoreDBClient',
  '@kurrent/kurrentdb-client': 'KurrentDBClient',
}

const requireHere = createRequire(import.meta.url)

const installed = (name: ClientPackage): boolean => {
  try {
    requireHere.resolve(name)
    return true
  } catch {
    return false
  }
}

const kurrentScheme = /^kurrentdb(\+discover)?:\/\//i
const esdbScheme = /^esdb(\+discover)?:\/\//i

/**
 * Which package a connection string's client comes from: the one named; for a `kurrentdb://` string
 * @kurrent/kurrentdb-client; otherwise @eventstore/db-client when it is installed, @kurrent/kurrentdb-client when
 * only it is.
 */
export const chooseClientPackage = (
  connectionString: string,
  named: ClientPackage | undefined,
  isInstalled: (name: ClientPackage) => boolean = installed,
): ClientPackage => {
  if (named !== undefined) return named
  if (kurrentScheme.test(connectionString)) return '@kurrent/kurrentdb-client'
  if (isInstalled('@eventstore/db-client')) return '@eventstore/db-client'
  if (isInstalled('@kurrent/kurrentdb-client')) return '@kurrent/kurrentdb-client'
  throw new Error(
    '@pembina/eventstoredb needs a client package: install @eventstore/db-client or @kurrent/kurrentdb-client',
  )
}

/** The connection string in the scheme the package reads (`esdb://` for the 6.x client, `kurrentdb://` for 1.x). */
export const connectionStringFor = (name: ClientPackage, connectionString: string): string =>
  name === '@kurrent/kurrentdb-client'
    ? connectionString.replace(esdbScheme, (_, discover: string | undefined) => `kurrentdb${discover ?? ''}://`)
    : connectionString.replace(kurrentScheme, (_, discover: string | undefined) => `esdb${discover ?? ''}://`)

const methods = ['appendToStream', 'readStream', 'readAll', 'subscribeToAll', 'dispose'] as const

/** Whether a value has every method the adapter calls. */
export const isEsdbClient = (value: unknown): value is EsdbClient =>
  typeof value === 'object' &&
  value !== null &&
  methods.every(method => typeof Reflect.get(value, method) === 'function')

/**
 * Creates a client of the package from a connection string. The package is loaded only now, and only this one: the
 * two packages' generated protobuf classes share one global namespace, so loading both into one process lets the
 * one loaded last replace the other's classes.
 */
export const createClient = (name: ClientPackage, connectionString: string): EsdbClient => {
  const loaded: unknown = requireHere(name)
  const cls: unknown = Reflect.get(Object(loaded), clientClass[name])
  const create: unknown = cls === undefined ? undefined : Reflect.get(Object(cls), 'connectionString')
  if (typeof create !== 'function') throw new Error(`${name} has no ${clientClass[name]}.connectionString`)
  const client: unknown = Reflect.apply(create, cls, [connectionStringFor(name, connectionString)])
  if (!isEsdbClient(client)) throw new Error(`${name}'s client lacks a method the adapter calls`)
  return client
}
