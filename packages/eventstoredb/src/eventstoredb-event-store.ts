import * as E from 'fp-ts/lib/Either.js'
import type * as TE from 'fp-ts/lib/TaskEither.js'
import {
  type AppendError,
  type AppendResult,
  checkingArguments,
  type EventStore,
  type StoreUnavailable,
  type StreamRevision,
} from '@pembina/core'
import { type AppendContext, appendEvents, defaultMaxAppendSize } from './append.js'
import { type ClientPackage, type EsdbClient, chooseClientPackage, createClient } from './client.js'
import { allHead, readAllRecords, readStreamRecords, streamHead } from './read.js'
import { type ResubscribePolicy, type RetryPolicy, describeError } from './retry.js'
import { type SubscribeContext, openSubscription } from './subscribe.js'

/**
 * Where the store's client comes from: a connection string (the store creates the client, from `clientPackage`, and
 * owns it) or the host's client (an `EventStoreDBClient` of @eventstore/db-client 6.x or a `KurrentDBClient` of
 * @kurrent/kurrentdb-client 1.x).
 */
export type EsdbConnection<Client extends EsdbClient = EsdbClient> =
  | {
      readonly connectionString: string
      /**
       * The package whose client the store creates. Default: @kurrent/kurrentdb-client for a `kurrentdb://` string;
       * otherwise @eventstore/db-client when it is installed, @kurrent/kurrentdb-client when only it is.
       */
      readonly clientPackage?: ClientPackage
      readonly client?: never
    }
  | { readonly client: Client; readonly connectionString?: never; readonly clientPackage?: never }

/** Options of an EventStoreDB event store: the connection, and tuning with documented defaults. */
export type EventStoreDbEventStoreOptions<Client extends EsdbClient = EsdbClient> = EsdbConnection<Client> & {
  /** Retries of appends and reads while the server is unavailable (default 5 tries, 100 ms doubling to 2 s). */
  readonly retry?: Partial<RetryPolicy>
  /** Backoff of a subscription resubscribing after the server was lost (default 100 ms doubling to 5 s). */
  readonly resubscribe?: Partial<ResubscribePolicy>
  /**
   * The largest append the store sends, in bytes: each event's data and metadata bytes plus twice its type's length
   * (default 1,048,576, EventStoreDB's default `MaxAppendSize`; set it to the server's). A larger append is refused
   * with `InvalidAppend` before anything is sent.
   */
  readonly maxAppendSize?: number
}

/** An EventStore in EventStoreDB/KurrentDB, with the client it talks through. */
export interface EventStoreDbEventStore<Client extends EsdbClient = EsdbClient> extends EventStore {
  readonly client: Client
}

const defaultRetry: RetryPolicy = { attempts: 5, initialDelayMs: 100, maxDelayMs: 2_000 }
const defaultResubscribe: ResubscribePolicy = { initialDelayMs: 100, maxDelayMs: 5_000 }

/**
 * Opens an EventStore on EventStoreDB/KurrentDB through @eventstore/db-client or @kurrent/kurrentdb-client: appends are one atomic call with the
 * expected revision, reads stream in bounded memory, subscriptions catch up on `$all` then follow it live and
 * resubscribe after the server is lost. `close()` disposes the client only when the store created it.
 */
export function eventStoreDbEventStore<Client extends EsdbClient>(
  options: EventStoreDbEventStoreOptions<Client> & { readonly client: Client },
): EventStoreDbEventStore<Client>
export function eventStoreDbEventStore(options: EventStoreDbEventStoreOptions): EventStoreDbEventStore
export function eventStoreDbEventStore<Client extends EsdbClient>(
  options: EventStoreDbEventStoreOptions<Client>,
): EventStoreDbEventStore<Client> | EventStoreDbEventStore {
  const { client, connectionString } = options
  if (client !== undefined) return openStore(client, false, options)
  if (connectionString === undefined)
    throw new Error('an EventStoreDB event store needs a connectionString or a client')
  return openStore(
    createClient(chooseClientPackage(connectionString, options.clientPackage), connectionString),
    true,
    options,
  )
}

type Tuning = Pick<EventStoreDbEventStoreOptions, 'retry' | 'resubscribe' | 'maxAppendSize'>

const openStore = <Client extends EsdbClient>(
  client: Client,
  owned: boolean,
  options: Tuning,
): EventStoreDbEventStore<Client> => {
  const closedMessage = 'the EventStoreDB event store is closed'
  const feeds = new Set<() => Promise<void>>()
  let closed = false
  let highest = -1n
  let learnedHead: Promise<void> | undefined
  const saw = (position: bigint): void => {
    if (position > highest) highest = position
  }
  const context: AppendContext & SubscribeContext = {
    client,
    retry: { ...defaultRetry, ...options.retry },
    resubscribe: { ...defaultResubscribe, ...options.resubscribe },
    maxAppendSize: options.maxAppendSize ?? defaultMaxAppendSize,
    isClosed: () => closed,
    closedMessage,
    saw,
    highestSeen: async () => {
      // Once per store, the end of `$all` (the read records its position): a re-append of events written before the
      // store opened then reads as one.
      learnedHead ??= allHead(context).then(
        () => undefined,
        (error: unknown) => {
          learnedHead = undefined
          throw error
        },
      )
      await learnedHead
      return highest
    },
    track: close => {
      feeds.add(close)
      return () => {
        feeds.delete(close)
      }
    },
  }
  const unavailable = (message: string, cause?: unknown): StoreUnavailable =>
    cause === undefined ? { _tag: 'StoreUnavailable', message } : { _tag: 'StoreUnavailable', message, cause }

  return checkingArguments({
    client,
    append: (streamName, events, expected): TE.TaskEither<AppendError, AppendResult> => {
      // Copied now: the caller may reuse its array before the task runs.
      const batch = [...events]
      return () => appendEvents(context, streamName, batch, expected)
    },
    readStream: (streamName, readOptions) => readStreamRecords(context, streamName, readOptions),
    readAll: readOptions => readAllRecords(context, readOptions),
    subscribe: subscribeOptions => openSubscription(context, subscribeOptions),
    streamRevision:
      (streamName): TE.TaskEither<StoreUnavailable, StreamRevision> =>
      async () => {
        if (closed) return E.left(unavailable(closedMessage))
        try {
          const head = await streamHead(context, streamName)
          return E.right(head?.revision ?? 'no-stream')
        } catch (error) {
          return E.left(unavailable(`reading the revision of ${streamName} failed: ${describeError(error)}`, error))
        }
      },
    close: async () => {
      if (closed) return
      closed = true
      await Promise.all([...feeds].map(close => close()))
      if (owned) await client.dispose()
    },
  })
}
