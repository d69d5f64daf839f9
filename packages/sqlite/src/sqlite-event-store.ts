import * as E from 'fp-ts/lib/Either.js'
import type * as TE from 'fp-ts/lib/TaskEither.js'
import {
  type AppendError,
  type AppendResult,
  type EventStore,
  type EventToAppend,
  type ExpectedRevision,
  type SnapshotStore,
  type StoreUnavailable,
  StoreUnavailableError,
  checkingArguments,
  invalidAppend,
  unstorableBatch,
} from '@pembina/core'
import type { Database } from 'better-sqlite3'
import {
  appendInTransaction,
  type AppendQueries,
  appendQueries,
  type EncodedEvent,
  encodeEvents,
  eventStoredElsewhere,
  isDuplicateEventId,
} from './append.js'
import { type ConnectionPragmas, type Durability, openConnection, openFailure, readPragmas } from './connection.js'
import { storeUnavailable, storeUnavailableError } from './errors.js'
import {
  type ReadContext,
  type ReadQueries,
  filterClause,
  readAllRecords,
  readQueries,
  readStreamRecords,
} from './read.js'
import { sqliteReadAndAppend } from './locked-write.js'
import { latestEventsVersion } from './schema.js'
import { sqliteSnapshotStore } from './snapshots.js'
import { openSubscription } from './subscribe.js'

/** Options of an SQLite event store; all but the path have documented defaults. */
export interface SqliteEventStoreOptions {
  /** The database file, created when missing. */
  readonly path: string
  /**
   * `full` (default): an acknowledged append survives power loss (PRAGMA synchronous = FULL). `normal`: faster;
   * a power loss may drop the last acknowledged appends, but never corrupts the file or half-writes a command.
   */
  readonly durability?: Durability
  /** How long a write waits for another connection's lock before failing with StoreUnavailable (default 5,000). */
  readonly busyTimeoutMs?: number
  /** How often a live subscription looks for events appended by other processes, in ms (default 50). */
  readonly pollIntervalMs?: number
  /** Rows fetched per query by reads and subscriptions (default 500): memory holds at most one page. */
  readonly pageSize?: number
}

/** An EventStore in one SQLite file, with what it runs on for diagnostics. */
export interface SqliteEventStore extends EventStore {
  /** Reads a stream and appends to it in one `BEGIN IMMEDIATE` transaction (see `EventStore.readAndAppend`). */
  readonly readAndAppend: NonNullable<EventStore['readAndAppend']>
  /** The database file this store writes. */
  readonly file: string
  /** The journal mode, synchronous level and busy timeout the connection actually runs with. */
  readonly pragmas: () => ConnectionPragmas
  /** Snapshots of long streams, kept beside their events in the same file (for the command handler's `snapshots`). */
  readonly snapshots: SnapshotStore
  /** How many events lie after a position and pass a filter: a count over the store's indexes, no event read. */
  readonly countAfter: NonNullable<EventStore['countAfter']>
}

/**
 * Prepares every statement the store runs. A file whose tables do not match its recorded schema (edited by hand)
 * fails here: the connection is closed and the failure is a `StoreUnavailableError` naming the file.
 */
const prepareQueries = (
  db: Database,
  pageSize: number,
  file: string,
  isClosed: () => boolean,
  closedMessage: string,
): { readonly writes: AppendQueries; readonly reads: ReadQueries; readonly snapshots: SnapshotStore } => {
  try {
    return {
      writes: appendQueries(db),
      reads: readQueries(db, pageSize),
      snapshots: sqliteSnapshotStore(db, file, isClosed, closedMessage),
    }
  } catch (error) {
    db.close()
    throw openFailure(error, file, latestEventsVersion)
  }
}

/**
 * Opens an EventStore in one SQLite file (WAL mode): a command's events are written in one IMMEDIATE
 * transaction, global position is the row id, reads and subscriptions stream in pages. Throws
 * `SqliteSchemaError` for a file of a newer or foreign schema and `StoreUnavailableError` when it cannot open.
 */
export const sqliteEventStore = (options: SqliteEventStoreOptions): SqliteEventStore => {
  const file = options.path
  const db = openConnection({
    path: file,
    durability: options.durability ?? 'full',
    busyTimeoutMs: options.busyTimeoutMs ?? 5_000,
  })
  const pageSize = Math.max(1, Math.floor(options.pageSize ?? 500))
  const closedMessage = `the SQLite event store ${file} is closed`
  const listeners = new Set<() => void>()
  let closed = false
  const queries = prepareQueries(db, pageSize, file, () => closed, closedMessage)
  const { writes, reads } = queries

  const notify = (): void => {
    for (const listener of [...listeners]) listener()
  }
  const unavailable = (message: string, cause?: unknown): StoreUnavailable =>
    cause === undefined ? { _tag: 'StoreUnavailable', message } : { _tag: 'StoreUnavailable', message, cause }
  const guard = <A>(action: string, run: () => A): A => {
    if (closed) throw new StoreUnavailableError(closedMessage)
    try {
      return run()
    } catch (error) {
      throw storeUnavailableError(error, action, file)
    }
  }
  // A synchronous query as the port's task: a closed store or SQLite's error is a `StoreUnavailable`, not a throw.
  const answer =
    <A>(action: string, run: () => A): TE.TaskEither<StoreUnavailable, A> =>
    () => {
      if (closed) return Promise.resolve(E.left(unavailable(closedMessage)))
      try {
        return Promise.resolve(E.right(run()))
      } catch (error) {
        return Promise.resolve(E.left(storeUnavailable(error, action, file)))
      }
    }
  const context: ReadContext = { queries: reads, pageSize, streamHead: writes.streamHead, guard }
  const appendTransaction = db.transaction(appendInTransaction)
  // Most appends carry new ids: skip the per-id lookups, and only when an id turns out to be stored already (the
  // transaction rolled back whole) look them all up to tell a re-append from a conflict.
  const appendOnce = (
    streamName: string,
    events: readonly EncodedEvent[],
    expected: ExpectedRevision,
  ): E.Either<AppendError, AppendResult> => {
    try {
      return appendTransaction.immediate(writes, streamName, events, expected, 'optimistic')
    } catch (error) {
      if (!isDuplicateEventId(error)) throw error
      return appendTransaction.immediate(writes, streamName, events, expected, 'checked')
    }
  }

  const storedElsewhere = (streamName: string, events: readonly EncodedEvent[], cause: unknown): AppendError => {
    try {
      return eventStoredElsewhere(writes, streamName, events, cause)
    } catch (error) {
      return storeUnavailable(error, `appending to ${streamName} in`, file)
    }
  }

  const appendNow = (
    streamName: string,
    events: readonly EventToAppend[],
    expected: ExpectedRevision,
  ): E.Either<AppendError, AppendResult> => {
    if (closed) return E.left(unavailable(closedMessage))
    const repeated = unstorableBatch(streamName, events)
    if (repeated !== undefined) return E.left(repeated)
    const encoded = encodeEvents(events)
    if (E.isLeft(encoded)) {
      const { eventId, cause } = encoded.left
      const detail = cause instanceof Error ? `: ${cause.message}` : ''
      return E.left(invalidAppend(streamName, eventId, `has data or metadata that is not JSON${detail}`, cause))
    }
    try {
      const result = appendOnce(streamName, encoded.right, expected)
      if (E.isRight(result) && result.right.written) notify()
      return result
    } catch (error) {
      if (isDuplicateEventId(error)) return E.left(storedElsewhere(streamName, encoded.right, error))
      return E.left(storeUnavailable(error, `appending to ${streamName} in`, file))
    }
  }

  return checkingArguments({
    file,
    snapshots: queries.snapshots,
    pragmas: () => guard('reading the settings of', () => readPragmas(db)),
    append: (streamName, events, expected): TE.TaskEither<AppendError, AppendResult> => {
      // Copied now: the caller may reuse its array before the task runs.
      const batch = [...events]
      return () => Promise.resolve(appendNow(streamName, batch, expected))
    },
    readAndAppend: sqliteReadAndAppend({
      ...{ db, writes, reads, pageSize, file, closedMessage, notify },
      isClosed: () => closed,
    }),
    readStream: (streamName, readOptions) => readStreamRecords(context, streamName, readOptions),
    readAll: readOptions => readAllRecords(context, readOptions),
    subscribe: subscribeOptions => {
      const clause = filterClause(subscribeOptions?.filter)
      return openSubscription(
        {
          headPosition: () => guard('subscribing to', () => reads.headPosition()),
          page: (after, upTo, limit) => guard('subscribing to', () => reads.allPage(after, upTo, clause, limit)),
          pageSize,
          pollIntervalMs: options.pollIntervalMs ?? 50,
          listen: listener => {
            listeners.add(listener)
            return () => {
              listeners.delete(listener)
            }
          },
          isClosed: () => closed,
          closedMessage,
        },
        subscribeOptions,
      )
    },
    countAfter: countOptions =>
      answer('counting the events of', () =>
        reads.countAfter(countOptions?.after ?? 0n, filterClause(countOptions?.filter)),
      ),
    streamRevision: streamName =>
      answer(`reading the revision of ${streamName} in`, () => writes.streamHead(streamName)?.revision ?? 'no-stream'),
    close: () => {
      if (closed) return Promise.resolve()
      closed = true
      notify()
      db.close()
      return Promise.resolve()
    },
  })
}
