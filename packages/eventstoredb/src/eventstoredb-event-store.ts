import { EventStoreDBClient } from '@eventstore/db-client'
import * as E from 'fp-ts/lib/Either.js'
import type * as TE from 'fp-ts/lib/TaskEither.js'
import type { AppendError, AppendResult, EventStore, StoreUnavailable, StreamRevision } from '@pembina/core'
import { type AppendContext, appendEvents } from './append.js'
import type { EsdbClient } from './client.js'
import { allHead, readAllRecords, readStreamRecords, streamHead } from './read.js'
import { type ResubscribePolicy, type RetryPolicy, describeError } from './retry.js'
import { type SubscribeContext, openSubscription } from './subscribe.js'

/** Where the store's client comes from: a connection string (the store owns the client) or the host's client. */
export type EsdbConnection =
  | { readonly connectionString: string; readonly client?: never }
  | { readonly client: EsdbClient; readonly connectionString?: never }

/** Options of an EventStoreDB event store: the connection, and tuning with documented defaults. */
export type EventStoreDbEventStoreOptions = EsdbConnection & {
  /** Retries of appends and reads while the server is unavailable (default 5 tries, 100 ms doubling to 2 s). */
  readonly retry?: Partial<RetryPolicy>
  /** Backoff of a subscription resubscribing after the server was lost (default 100 ms doubling to 5 s). */
  readonly resubscribe?: Partial<ResubscribePolicy>
}

/** An EventStore in EventStoreDB/KurrentDB, with the client it talks through. */
export interface EventStoreDbEventStore extends EventStore {
  readonly client: EsdbClient
}

const defaultRetry: RetryPolicy = { attempts: 5, initialDelayMs: 100, maxDelayMs: 2_000 }
const defaultResubscribe: ResubscribePolicy = { initialDelayMs: 100, maxDelayMs: 5_000 }

/**
 * Opens an EventStore on EventStoreDB/KurrentDB through @eventstore/db-client: appends are one atomic call with the
 * expected revision, reads stream in bounded memory, subscriptions catch up on `$all` then follow it live and
 * resubscribe after the server is lost. `close()` disposes the client only when the store created it.
 */
export const eventStoreDbEventStore = (options: EventStoreDbEventStoreOptions): EventStoreDbEventStore => {
  const owned = options.client === undefined
  const client: EsdbClient = options.client ?? EventStoreDBClient.connectionString(options.connectionString)
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

  return {
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
  }
}
