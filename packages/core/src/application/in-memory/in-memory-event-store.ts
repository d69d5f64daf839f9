import * as E from 'fp-ts/lib/Either.js'
import type * as TE from 'fp-ts/lib/TaskEither.js'
import {
  type AppendError,
  type AppendResult,
  type EventStore,
  type EventToAppend,
  type ExpectedRevision,
  type LockedWrite,
  type LockedWriteResult,
  type ReadAllOptions,
  type ReadStreamOptions,
  type StoreUnavailable,
  type StoredRecord,
  type StreamRevision,
  StoreUnavailableError,
  StreamNotFoundError,
  invalidAppend,
  matchesFilter,
  unstorableBatch,
  satisfiesExpected,
} from '../../kernel/event-store.js'
import { checkingArguments } from '../../kernel/store-arguments.js'
import { type InMemoryRow, firstIndexAfter, lazyAsync, readLimit, storedJson } from './in-memory-log.js'
import { markImmutable } from '../loading/index.js'
import { openSubscription } from './in-memory-subscription.js'

interface InMemoryStream {
  readonly rows: InMemoryRow[]
  /** Revision of each event id in the stream, for idempotent re-appends. */
  readonly revisions: Map<string, number>
}

const closedMessage = 'the in-memory event store is closed'

const unavailable = (message: string, cause?: unknown): StoreUnavailable =>
  cause === undefined ? { _tag: 'StoreUnavailable', message } : { _tag: 'StoreUnavailable', message, cause }

const revisionOf = (stream: InMemoryStream | undefined): StreamRevision =>
  stream === undefined || stream.rows.length === 0 ? 'no-stream' : stream.rows.length - 1

/** Whether `events` are exactly the events already at the revisions this append would have given them. */
const isReappend = (stream: InMemoryStream, events: readonly EventToAppend[], expected: ExpectedRevision): boolean => {
  const first = events[0]
  const found = first === undefined ? undefined : stream.revisions.get(first.eventId)
  if (found === undefined) return false
  const start = typeof expected === 'number' ? expected + 1 : expected === 'no-stream' ? 0 : found
  return found === start && events.every((event, i) => stream.rows[start + i]?.eventId === event.eventId)
}

/**
 * An EventStore held in memory, for tests and small embedded use: appends are atomic, data and metadata are kept
 * as their JSON reads back (so they round-trip as a durable store would), frozen (so no caller can change what was
 * written, and reads hand out the stored records without copies), and
 * global positions start at 1. An empty append that satisfies the expected revision writes nothing and answers
 * the stream's current revision (-1 and position 0 when the stream does not exist).
 */
export const inMemoryEventStore = (): EventStore => {
  const log: InMemoryRow[] = []
  const streams = new Map<string, InMemoryStream>()
  const listeners = new Set<() => void>()
  let closed = false

  const notify = (): void => {
    // Copied: a listener may stop listening while it is told. Most stores have none to tell.
    if (listeners.size > 0) for (const listener of [...listeners]) listener()
  }

  const resultAt = (stream: InMemoryStream | undefined, revision: number, written: boolean): AppendResult => ({
    nextExpectedRevision: revision,
    position: stream?.rows[revision]?.position ?? 0n,
    written,
  })

  const appendNow = (
    streamName: string,
    events: readonly EventToAppend[],
    expected: ExpectedRevision,
  ): E.Either<AppendError, AppendResult> => {
    if (closed) return E.left(unavailable(closedMessage))
    const repeated = unstorableBatch(streamName, events)
    if (repeated !== undefined) return E.left(repeated)
    const stream = streams.get(streamName)
    const actual = revisionOf(stream)
    const conflict = E.left<AppendError>({ _tag: 'ConcurrencyConflict', streamName, expected, actual })
    if (stream !== undefined && events.some(event => stream.revisions.has(event.eventId))) {
      // Already written: a retry of an append that landed, or else (a partial or shifted overlap) a conflict.
      if (!isReappend(stream, events, expected)) return conflict
      const last = stream.revisions.get(events[events.length - 1]?.eventId ?? '') ?? -1
      return E.right(resultAt(stream, last, false))
    }
    if (!satisfiesExpected(expected, actual)) return conflict
    if (events.length === 0) return E.right(resultAt(stream, actual === 'no-stream' ? -1 : actual, false))
    const target = stream ?? { rows: [], revisions: new Map<string, number>() }
    const rows: InMemoryRow[] = []
    for (const [i, event] of events.entries()) {
      try {
        rows.push(
          Object.freeze({
            kind: 'event',
            streamName,
            revision: target.rows.length + i,
            position: BigInt(log.length + i + 1),
            eventId: event.eventId,
            type: event.type,
            data: storedJson(event.data),
            metadata: storedJson(event.metadata),
          }),
        )
      } catch (cause) {
        const detail = cause instanceof Error ? `: ${cause.message}` : ''
        return E.left(invalidAppend(streamName, event.eventId, `has data or metadata that is not JSON${detail}`, cause))
      }
    }
    for (const row of rows) {
      markImmutable(row)
      log.push(row)
      target.rows.push(row)
      target.revisions.set(row.eventId, row.revision)
    }
    streams.set(streamName, target)
    notify()
    return E.right(resultAt(target, target.rows.length - 1, true))
  }

  // JavaScript runs one write at a time: reading the stream and appending in one synchronous step holds the lock.
  const readAndAppendNow = <A>(
    streamName: string,
    fromRevision: number,
    write: (records: Iterable<StoredRecord>) => LockedWrite<A>,
  ): E.Either<AppendError, LockedWriteResult<A>> => {
    if (closed) return E.left(unavailable(closedMessage))
    const rows = streams.get(streamName)?.rows ?? []
    let decided: LockedWrite<A>
    try {
      // The rows themselves, not a copy, from the first event: the write sees them through an iterator only.
      decided = write(fromRevision <= 0 ? rows.values() : rows.slice(fromRevision))
    } catch (cause) {
      const detail = cause instanceof Error ? cause.message : String(cause)
      return E.left(unavailable(`writing to ${streamName}: the write under its lock threw: ${detail}`, cause))
    }
    const { value, append } = decided
    if (append === undefined) return E.right({ value, appended: null })
    const appended = appendNow(streamName, append.events, append.expected)
    return E.isLeft(appended) ? appended : E.right({ value, appended: appended.right })
  }

  function ensureOpen(): void {
    if (closed) throw new StoreUnavailableError(closedMessage)
  }

  function* readStream(streamName: string, options: ReadStreamOptions = {}): Generator<StoredRecord, void, undefined> {
    ensureOpen()
    const stream = streams.get(streamName)
    if (stream === undefined) throw new StreamNotFoundError(streamName)
    const last = stream.rows.length - 1
    const step = options.direction === 'backwards' ? -1 : 1
    const from = options.fromRevision ?? (step === 1 ? 0 : last)
    let revision = step === 1 ? Math.max(0, from) : Math.min(last, from)
    for (let remaining = readLimit(options.limit); remaining > 0; remaining -= 1, revision += step) {
      const row = revision <= last ? stream.rows[revision] : undefined
      if (row === undefined) return
      ensureOpen()
      yield row
    }
  }

  function* readAll(options: ReadAllOptions = {}): Generator<StoredRecord, void, undefined> {
    ensureOpen()
    const end = log.length
    let remaining = readLimit(options.limit)
    for (let index = firstIndexAfter(options.after, end); index < end && remaining > 0; index += 1) {
      const row = log[index]
      if (row === undefined || !matchesFilter(row.streamName, options.filter)) continue
      ensureOpen()
      remaining -= 1
      yield row
    }
  }

  return checkingArguments({
    append: (streamName, events, expected): TE.TaskEither<AppendError, AppendResult> => {
      // Copied now: the caller may reuse its array before the task runs.
      const batch = [...events]
      return () => Promise.resolve(appendNow(streamName, batch, expected))
    },
    readAndAppend: (streamName, fromRevision, write) => () =>
      Promise.resolve(readAndAppendNow(streamName, fromRevision, write)),
    readStream: (streamName, options) => lazyAsync(() => readStream(streamName, options)),
    readAll: options => lazyAsync(() => readAll(options)),
    subscribe: options =>
      openSubscription(
        {
          log,
          isClosed: () => closed,
          listen: listener => {
            listeners.add(listener)
            return () => {
              listeners.delete(listener)
            }
          },
        },
        options,
      ),
    countAfter:
      (options = {}) =>
      () => {
        if (closed) return Promise.resolve(E.left(unavailable(closedMessage)))
        let count = 0
        for (let index = firstIndexAfter(options.after, log.length); index < log.length; index += 1) {
          const row = log[index]
          if (row !== undefined && matchesFilter(row.streamName, options.filter)) count += 1
        }
        return Promise.resolve(E.right(count))
      },
    streamRevision: streamName => () =>
      Promise.resolve(closed ? E.left(unavailable(closedMessage)) : E.right(revisionOf(streams.get(streamName)))),
    close: () => {
      closed = true
      notify()
      return Promise.resolve()
    },
  })
}
