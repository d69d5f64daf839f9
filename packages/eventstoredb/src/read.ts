import * as E from 'fp-ts/lib/Either.js'
import {
  type ReadAllOptions,
  type ReadStreamOptions,
  type StoredRecord,
  StoreUnavailableError,
  StreamNotFoundError,
  matchesFilter,
} from '@pembina/core'
import type { EsdbClient } from './client.js'
import {
  backoffDelay,
  decodeResolvedEvent,
  errorMeaning,
  isSystemEvent,
  type PositionedEvent,
  streamSelection,
  toStoredRecord,
} from './mapping.js'
import { type RetryPolicy, describeError, pause, retrying } from './retry.js'

/** What reads share: the client, the retry policy, whether the store is closed, and a note of positions seen. */
export interface ReadContext {
  readonly client: EsdbClient
  readonly retry: RetryPolicy
  readonly isClosed: () => boolean
  readonly closedMessage: string
  /** Records a global position the store has seen (for telling a re-append from a new one). */
  readonly saw: (position: bigint) => void
}

// The clients' names for the start and end of a stream and the two directions.
const START = 'start'
const END = 'end'
const FORWARDS = 'forwards'
const BACKWARDS = 'backwards'

/**
 * The items of a read. @eventstore/db-client's reads are Readables piped from the gRPC call: iterated with
 * `destroyOnReturn: false`, so that leaving the loop early does not destroy the Readable (`release` ends it). A
 * destroyed one stops pulling from its gRPC call, which then stays paused: its end and status are never seen, and
 * the client's `dispose()`, which waits for every call it made to finish, never settles.
 * @kurrent/kurrentdb-client's reads are async generators, iterated as they are.
 */
const itemsOf = (read: AsyncIterable<unknown>): AsyncIterable<unknown> => {
  const iterator: unknown = Reflect.get(read, 'iterator')
  if (typeof iterator !== 'function') return read
  const items: unknown = Reflect.apply(iterator, read, [{ destroyOnReturn: false }])
  return isAsyncIterable(items) ? items : read
}

const isAsyncIterable = (value: unknown): value is AsyncIterable<unknown> =>
  typeof value === 'object' && value !== null && typeof Reflect.get(value, Symbol.asyncIterator) === 'function'

/**
 * Ends a read the adapter is done with. A Readable of @eventstore/db-client left before its end is cancelled (the
 * gRPC call ends) and set flowing, so it drains what the call had sent and sees the call's end; errors from then on
 * concern nobody. Nothing is left to do for one read to its end, nor for an async generator of
 * @kurrent/kurrentdb-client, which the `for await` has returned already.
 */
const release = (read: AsyncIterable<unknown>): void => {
  const cancel: unknown = Reflect.get(read, 'cancel')
  if (Reflect.get(read, 'readableEnded') === true || typeof cancel !== 'function') return
  const on: unknown = Reflect.get(read, 'on')
  if (typeof on === 'function') Reflect.apply(on, read, ['error', () => undefined])
  const cancelled: unknown = Reflect.apply(cancel, read, [])
  if (cancelled instanceof Promise) cancelled.catch(() => undefined)
  const resume: unknown = Reflect.get(read, 'resume')
  if (typeof resume === 'function') Reflect.apply(resume, read, [])
}

const positioned = (ctx: ReadContext, item: unknown): PositionedEvent => {
  const decoded = decodeResolvedEvent(item)
  if (E.isLeft(decoded)) throw new StoreUnavailableError(decoded.left)
  ctx.saw(decoded.right.position)
  return decoded.right
}

const readLimit = (limit: number | undefined): number =>
  limit === undefined ? Number.POSITIVE_INFINITY : Math.max(0, Math.floor(limit))

/** Rejects with `StreamNotFoundError` when the stream has no event to read, and when the store is closed or fails. */
const streamExists = async (ctx: ReadContext, streamName: string): Promise<void> => {
  if (ctx.isClosed()) throw new StoreUnavailableError(ctx.closedMessage)
  let head: Awaited<ReturnType<typeof streamHead>>
  try {
    head = await streamHead(ctx, streamName)
  } catch (error) {
    if (error instanceof StoreUnavailableError) throw error
    throw new StoreUnavailableError(`reading stream ${streamName} failed: ${describeError(error)}`, { cause: error })
  }
  if (head === undefined) throw new StreamNotFoundError(streamName)
}

/**
 * Reads a stream through the client's streamed read (gRPC flow control keeps memory bounded). When the server
 * drops out mid-read, the read resumes after the last event yielded, at most `retry.attempts` times in a row.
 */
export async function* readStreamRecords(
  ctx: ReadContext,
  streamName: string,
  options: ReadStreamOptions = {},
): AsyncGenerator<StoredRecord> {
  const backwards = options.direction === 'backwards'
  let remaining = readLimit(options.limit)
  const from = options.fromRevision === undefined ? undefined : Math.floor(options.fromRevision)
  // Forwards, a revision before the first means the first; backwards, there is nothing before it.
  let next = from === undefined || backwards ? from : Math.max(0, from)
  if (remaining === 0 || (next !== undefined && next < 0)) {
    // A read of no event still fails, as every store's does, for a missing stream or a closed store.
    await streamExists(ctx, streamName)
    return
  }
  let yielded = false
  let failures = 0
  while (remaining > 0 && (next === undefined || next >= 0)) {
    if (ctx.isClosed()) throw new StoreUnavailableError(ctx.closedMessage)
    const read = ctx.client.readStream(streamName, {
      direction: backwards ? BACKWARDS : FORWARDS,
      fromRevision: next === undefined ? (backwards ? END : START) : BigInt(next),
      ...(Number.isFinite(remaining) ? { maxCount: remaining } : {}),
    })
    try {
      for await (const item of itemsOf(read)) {
        const { event, position } = positioned(ctx, item)
        const record = toStoredRecord(event, position)
        yielded = true
        failures = 0
        next = backwards ? record.revision - 1 : record.revision + 1
        remaining -= 1
        yield record
        if (remaining <= 0) break
      }
      return
    } catch (error) {
      if (error instanceof StoreUnavailableError) throw error
      const meaning = errorMeaning(error)
      if (meaning.kind === 'not-found' && !yielded) throw new StreamNotFoundError(streamName)
      failures += 1
      if (meaning.kind !== 'unavailable' || failures >= ctx.retry.attempts)
        throw new StoreUnavailableError(`reading stream ${streamName} failed: ${describeError(error)}`, {
          cause: error,
        })
      await pause(backoffDelay(failures, ctx.retry.initialDelayMs, ctx.retry.maxDelayMs))
    } finally {
      release(read)
    }
  }
}

/**
 * Reads `$all` forwards after a position (exclusive: the client's `fromPosition` is inclusive, so the event at it
 * is skipped), leaving out EventStoreDB's own events and those the filter does not keep. The client (6.x) reads
 * `$all` without a server-side filter, so the filter is applied here. Resumes after the last position seen when the
 * server drops out, at most `retry.attempts` times in a row.
 */
export async function* readAllRecords(ctx: ReadContext, options: ReadAllOptions = {}): AsyncGenerator<StoredRecord> {
  if (ctx.isClosed()) throw new StoreUnavailableError(ctx.closedMessage)
  if (streamSelection(options.filter).kind === 'none') return
  let cursor = options.after
  let remaining = readLimit(options.limit)
  let failures = 0
  while (remaining > 0) {
    if (ctx.isClosed()) throw new StoreUnavailableError(ctx.closedMessage)
    const read = ctx.client.readAll({
      direction: FORWARDS,
      fromPosition: cursor === undefined ? START : { commit: cursor, prepare: cursor },
    })
    try {
      for await (const item of itemsOf(read)) {
        const { event, position } = positioned(ctx, item)
        if (cursor !== undefined && position <= cursor) continue
        cursor = position
        failures = 0
        if (isSystemEvent(event.streamId, event.type) || !matchesFilter(event.streamId, options.filter)) continue
        yield toStoredRecord(event, position)
        remaining -= 1
        if (remaining <= 0) return
      }
      return
    } catch (error) {
      if (error instanceof StoreUnavailableError) throw error
      failures += 1
      if (errorMeaning(error).kind !== 'unavailable' || failures >= ctx.retry.attempts)
        throw new StoreUnavailableError(`reading $all failed: ${describeError(error)}`, { cause: error })
      await pause(backoffDelay(failures, ctx.retry.initialDelayMs, ctx.retry.maxDelayMs))
    } finally {
      release(read)
    }
  }
}

/** The first event of a read of at most one event, or undefined when there is none (or no such stream). */
const firstOf = async (ctx: ReadContext, read: AsyncIterable<unknown>): Promise<PositionedEvent | undefined> => {
  try {
    for await (const item of itemsOf(read)) return positioned(ctx, item)
    return undefined
  } catch (error) {
    if (errorMeaning(error).kind === 'not-found') return undefined
    throw error
  } finally {
    release(read)
  }
}

/** The last event of a stream (or the one at `revision`), retried while the server is unavailable. */
export const streamHead = (
  ctx: ReadContext,
  streamName: string,
  revision?: number,
): Promise<{ readonly revision: number; readonly position: bigint } | undefined> =>
  retrying(ctx.retry, ctx.isClosed, ctx.closedMessage, async () => {
    const head = await firstOf(
      ctx,
      ctx.client.readStream(streamName, {
        direction: BACKWARDS,
        fromRevision: revision === undefined ? END : BigInt(revision),
        maxCount: 1,
      }),
    )
    return head === undefined ? undefined : { revision: Number(head.event.revision), position: head.position }
  })

/** The position of the last event in `$all` (EventStoreDB's own included), or null when it is empty; one try. */
export const readAllHead = async (ctx: ReadContext): Promise<bigint | null> => {
  const head = await firstOf(ctx, ctx.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 }))
  return head?.position ?? null
}

/** The position of the last event in `$all`, retried while the server is unavailable. */
export const allHead = (ctx: ReadContext): Promise<bigint | null> =>
  retrying(ctx.retry, ctx.isClosed, ctx.closedMessage, () => readAllHead(ctx))
