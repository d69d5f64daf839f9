import type { Database } from 'better-sqlite3'
import * as E from 'fp-ts/lib/Either.js'
import {
  type AppendError,
  type AppendResult,
  type EventStore,
  type ExpectedRevision,
  invalidAppend,
  type LockedWrite,
  type LockedWriteResult,
  unstorableBatch,
  type StoredRecord,
  type StoreUnavailable,
} from '@pembina/core'
import {
  appendInTransaction,
  type AppendQueries,
  appendAtHead,
  type EncodedEvent,
  encodeEvents,
  eventStoredElsewhere,
  isDuplicateEventId,
  type StreamHead,
} from './append.js'
import { storeUnavailable } from './errors.js'
import type { ReadQueries } from './read.js'
import { toStreamRecord } from './rows.js'

/** What a store's locked writes run on: its connection, its queries, and how it tells readers of new events. */
export interface LockedWriteContext {
  readonly db: Database
  readonly writes: AppendQueries
  readonly reads: ReadQueries
  readonly pageSize: number
  readonly file: string
  readonly isClosed: () => boolean
  readonly closedMessage: string
  /** Wakes the store's subscriptions after a write. */
  readonly notify: () => void
}

/** A stream read page by page inside the write transaction, and the head it found once read to its end. */
interface LockedRead {
  readonly records: Iterable<StoredRecord>
  /** The stream's last event, when the read went to the end and so saw it (from revision 0, an empty read: none). */
  readonly head: () => { readonly known: true; readonly head: StreamHead } | { readonly known: false }
}

const lockedRead = (reads: ReadQueries, streamName: string, fromRevision: number, pageSize: number): LockedRead => {
  // Where the read has got to: the last event it saw, and whether it has seen the end.
  const at: { last: StreamHead; ended: boolean } = { last: undefined, ended: false }
  // A page at a time with `all`, so no statement stays open while the write folds (or later inserts).
  const page = (from: number): readonly StoredRecord[] => {
    const records = reads.streamRows(streamName, from, pageSize).map(row => toStreamRecord(row, streamName))
    const final = records[records.length - 1]
    if (final !== undefined) at.last = { revision: final.revision, position: final.position }
    if (records.length < pageSize) at.ended = true
    return records
  }
  function* pages(first: readonly StoredRecord[]): Generator<StoredRecord> {
    yield* first
    while (!at.ended && at.last !== undefined) yield* page(at.last.revision + 1)
  }
  const first = page(Math.max(0, fromRevision))
  return {
    // Most streams fit in one page: the page itself is the iterable, without a generator's cost per record.
    records: at.ended ? first : pages(first),
    head: () =>
      at.ended && (at.last !== undefined || fromRevision <= 0) ? { known: true, head: at.last } : { known: false },
  }
}

/** Carries a throw of the write out of the transaction, which it rolls back, to be told from SQLite's own errors. */
class WriteThrew extends Error {
  constructor(readonly thrown: unknown) {
    super(thrown instanceof Error ? thrown.message : String(thrown))
  }
}

/** Carries an append whose insert met an id already stored out of the transaction, which it rolls back. */
class IdStored extends Error {
  constructor(
    readonly events: readonly EncodedEvent[],
    readonly expected: ExpectedRevision,
  ) {
    super('an event id of the append is already stored')
  }
}

type Append = NonNullable<LockedWrite<unknown>['append']>

/**
 * `readAndAppend` on SQLite: one `BEGIN IMMEDIATE` transaction reads the stream's rows (a page at a time), runs the
 * write on them, and inserts what it answers at the head the read saw, so a command costs one write lock, the read
 * and the inserts, as a hand-written program's would. An id the UNIQUE index finds stored rolls it all back, and the
 * append is then made on its own, checked id by id (a re-append, a conflict, or an id of another stream).
 */
export const sqliteReadAndAppend = (context: LockedWriteContext): NonNullable<EventStore['readAndAppend']> => {
  const { db, writes, reads, pageSize, file, closedMessage } = context
  const appendAfterRead = (
    streamName: string,
    read: LockedRead,
    append: Append,
  ): E.Either<AppendError, AppendResult> => {
    const repeated = unstorableBatch(streamName, append.events)
    if (repeated !== undefined) return E.left(repeated)
    const encoded = encodeEvents(append.events)
    if (E.isLeft(encoded)) {
      const { eventId, cause } = encoded.left
      const detail = cause instanceof Error ? `: ${cause.message}` : ''
      return E.left(invalidAppend(streamName, eventId, `has data or metadata that is not JSON${detail}`, cause))
    }
    const seen = read.head()
    const head = seen.known ? seen.head : writes.streamHead(streamName)
    try {
      return appendAtHead(writes, streamName, encoded.right, append.expected, 'optimistic', head)
    } catch (error) {
      if (isDuplicateEventId(error)) throw new IdStored(encoded.right, append.expected)
      throw error
    }
  }
  const transaction = db.transaction(
    (
      streamName: string,
      fromRevision: number,
      write: (records: Iterable<StoredRecord>) => Append | undefined,
    ): E.Either<AppendError, AppendResult | null> => {
      const read = lockedRead(reads, streamName, fromRevision, pageSize)
      let append: Append | undefined
      try {
        append = write(read.records)
      } catch (thrown) {
        throw new WriteThrew(thrown)
      }
      return append === undefined ? E.right(null) : appendAfterRead(streamName, read, append)
    },
  )
  // An id found stored rolls the whole transaction back (an earlier insert of the batch may have landed); the append
  // is then made again on its own, checked id by id: a re-append, a conflict, or (its insert rolled back too) an id
  // of another stream.
  const checkedAppend = db.transaction(
    (streamName: string, events: readonly EncodedEvent[], expected: ExpectedRevision) =>
      appendInTransaction(writes, streamName, events, expected, 'checked'),
  )
  const lockedOrChecked = (
    streamName: string,
    fromRevision: number,
    write: (records: Iterable<StoredRecord>) => Append | undefined,
  ): E.Either<AppendError, AppendResult | null> => {
    try {
      return transaction.immediate(streamName, fromRevision, write)
    } catch (error) {
      if (!(error instanceof IdStored)) throw error
      try {
        return checkedAppend.immediate(streamName, error.events, error.expected)
      } catch (stored) {
        if (!isDuplicateEventId(stored)) throw stored
        return E.left(eventStoredElsewhere(writes, streamName, error.events, stored))
      }
    }
  }

  const unavailable = (message: string, cause?: unknown): StoreUnavailable =>
    cause === undefined ? { _tag: 'StoreUnavailable', message } : { _tag: 'StoreUnavailable', message, cause }

  const readAndAppend = <A>(
    streamName: string,
    fromRevision: number,
    write: (records: Iterable<StoredRecord>) => LockedWrite<A>,
  ): E.Either<AppendError, LockedWriteResult<A>> => {
    if (context.isClosed()) return E.left(unavailable(closedMessage))
    let decided: LockedWrite<A> | undefined
    try {
      const result = lockedOrChecked(streamName, fromRevision, records => {
        decided = write(records)
        return decided.append
      })
      if (decided === undefined)
        return E.left(unavailable(`writing to ${streamName} in ${file}: the write did not run`))
      const { value } = decided
      if (E.isRight(result) && result.right?.written === true) context.notify()
      return E.isLeft(result) ? result : E.right({ value, appended: result.right })
    } catch (error) {
      if (error instanceof WriteThrew)
        return E.left(
          unavailable(
            `writing to ${streamName} in ${file}: the write under its lock threw: ${error.message}`,
            error.thrown,
          ),
        )
      return E.left(storeUnavailable(error, `writing to ${streamName} in`, file))
    }
  }
  return (streamName, fromRevision, write) => () => Promise.resolve(readAndAppend(streamName, fromRevision, write))
}
