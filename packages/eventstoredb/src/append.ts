import * as E from 'fp-ts/lib/Either.js'
import {
  type AppendError,
  type AppendResult,
  type EventToAppend,
  type ExpectedRevision,
  type InvalidAppend,
  type StoreUnavailable,
  type StreamRevision,
  invalidAppend,
  unstorableBatch,
  satisfiesExpected,
} from '@pembina/core'
import type { ClientAppendResult, ClientJsonEvent } from './client.js'
import { encodeData, encodeMetadata, errorMeaning, isUuid, toAppendExpectedRevision } from './mapping.js'
import { type ReadContext, streamHead } from './read.js'
import { describeError, retrying } from './retry.js'

/** What an append needs beyond a read: the highest global position the store knows existed before it. */
export interface AppendContext extends ReadContext {
  readonly highestSeen: () => Promise<bigint>
  /** The largest append the adapter sends, in bytes as `appendSize` counts them (default 1,048,576). */
  readonly maxAppendSize: number
}

/** EventStoreDB's default `MaxAppendSize`: 1 MiB. */
export const defaultMaxAppendSize = 1_048_576

const unavailable = (message: string, cause?: unknown): StoreUnavailable =>
  cause === undefined ? { _tag: 'StoreUnavailable', message } : { _tag: 'StoreUnavailable', message, cause }

/**
 * What JSON.stringify serializes for a value: its own toJSON's answer when it has one (a Date, a value object), the
 * value otherwise. JSON.stringify calls toJSON once per value, so a wrapper answering the value itself would skip it.
 */
const jsonFormOf = (value: unknown): unknown => {
  if ((typeof value !== 'object' || value === null) && typeof value !== 'bigint') return value
  const toJSON: unknown = Reflect.get(Object(value), 'toJSON')
  if (typeof toJSON !== 'function') return value
  const form: unknown = Reflect.apply(toJSON, value, [''])
  return form
}

// The client writes JSON.stringify(data) for a JSON event; handing it an object whose toJSON answers the caller's
// value's JSON form writes exactly what JSON.stringify(value) would, whatever JSON it is (a number, null, a string),
// without copying it.
const toEventData = (event: EventToAppend): ClientJsonEvent => ({
  id: event.eventId,
  contentType: 'application/json',
  type: event.type,
  data: { toJSON: () => jsonFormOf(event.data) },
  metadata: encodeMetadata(event.metadata),
})

/**
 * What one event counts towards the maximum append size, as KurrentDB 25.0's `Event.SizeOnDisk` sums it: the data's
 * bytes, the metadata's bytes, and twice the type's length in UTF-16 code units. EventStoreDB 20.10 to 24.10 count
 * the data's bytes only (the same function's `??` took the rest away until KurrentDB 25.0 put parentheses in), so an
 * append this count lets through fits every server with the same limit.
 */
const sizeOnDisk = (dataText: string, metadata: Uint8Array, type: string): number =>
  Buffer.byteLength(dataText, 'utf8') + metadata.length + type.length * 2

/** The reason an append over the limit is refused, naming the event at which the sum passed it. */
const oversize = (event: EventToAppend, size: number, total: number, limit: number): string =>
  `(type ${event.type}, ${size.toString()} bytes) brings the append to ${total.toString()} bytes, over the ` +
  `maximum append size of ${limit.toString()} bytes (EventStoreDB's MaxAppendSize); split the command's events ` +
  'or make them smaller'

/**
 * Why events cannot be written as they are (an id that is not a UUID, data or metadata without JSON form, more bytes
 * than the maximum append size), if so.
 */
const refusal = (streamName: string, events: readonly EventToAppend[], limit: number): InvalidAppend | undefined => {
  let total = 0
  for (const event of events) {
    if (!isUuid(event.eventId))
      return invalidAppend(streamName, event.eventId, 'is not a UUID: EventStoreDB stores UUID event ids only')
    const data = encodeData(event.data)
    if (E.isLeft(data)) return invalidAppend(streamName, event.eventId, `has data that is not JSON: ${data.left}`)
    let metadata: Uint8Array
    try {
      metadata = encodeMetadata(event.metadata)
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error)
      return invalidAppend(streamName, event.eventId, `has metadata that is not JSON: ${reason}`, error)
    }
    const size = sizeOnDisk(data.right, metadata, event.type)
    total += size
    if (total > limit) return invalidAppend(streamName, event.eventId, oversize(event, size, total, limit))
  }
  return undefined
}

/**
 * The `InvalidAppend` for an append the server refused as too large (over its own maximum append size, or an event
 * over its gRPC message limit): it names the largest event.
 */
const refusedAsTooLarge = (
  streamName: string,
  events: readonly EventToAppend[],
  limit: number | undefined,
  cause: unknown,
): InvalidAppend => {
  let largest: { readonly event: EventToAppend; readonly size: number } | undefined
  for (const event of events) {
    const data = encodeData(event.data)
    const size = sizeOnDisk(E.isRight(data) ? data.right : '', encodeMetadata(event.metadata), event.type)
    if (largest === undefined || size > largest.size) largest = { event, size }
  }
  const what =
    limit === undefined
      ? "is larger than the server's gRPC message limit"
      : `is part of an append over the server's maximum append size of ${limit.toString()} bytes`
  const event = largest?.event
  return invalidAppend(
    streamName,
    event?.eventId ?? '',
    `(type ${event?.type ?? ''}, ${(largest?.size ?? 0).toString()} bytes, the largest of the append) ${what}; ` +
      'the server refused the append',
    cause,
  )
}

const conflict = (
  streamName: string,
  expected: ExpectedRevision,
  actual: StreamRevision,
): E.Either<AppendError, never> => E.left({ _tag: 'ConcurrencyConflict', streamName, expected, actual })

// An empty append writes nothing, so it needs no write: the stream's head answers whether it would conflict.
const appendNothing = async (
  ctx: AppendContext,
  streamName: string,
  expected: ExpectedRevision,
): Promise<E.Either<AppendError, AppendResult>> => {
  const head = await streamHead(ctx, streamName)
  const actual = head?.revision ?? 'no-stream'
  if (!satisfiesExpected(expected, actual)) return conflict(streamName, expected, actual)
  return E.right({ nextExpectedRevision: head?.revision ?? -1, position: head?.position ?? 0n, written: false })
}

/**
 * Reads what the server answered. EventStoreDB answers an idempotent re-append (every id already in the stream at
 * those revisions) with success, like a new write; it tells them apart only by the position: older servers send
 * none, newer ones send the original events' position, which is not past the highest position the store knew to
 * exist before sending (the end of `$all` read at its first append, and every position read or written since),
 * whereas a new write always lands after every event that existed then.
 */
const outcome = async (
  ctx: AppendContext,
  streamName: string,
  expected: ExpectedRevision,
  answer: ClientAppendResult,
  seenBefore: bigint,
): Promise<E.Either<AppendError, AppendResult>> => {
  if (!answer.success) {
    // Only a client built with throwOnAppendFailure: false answers so; its revision is not always right, so look.
    const head = await streamHead(ctx, streamName)
    return conflict(streamName, expected, head?.revision ?? 'no-stream')
  }
  const nextExpectedRevision = Number(answer.nextExpectedRevision)
  const commit = answer.position?.commit
  if (commit !== undefined) {
    ctx.saw(commit)
    return E.right({ nextExpectedRevision, position: commit, written: commit > seenBefore })
  }
  const last = await streamHead(ctx, streamName, nextExpectedRevision)
  return E.right({ nextExpectedRevision, position: last?.position ?? 0n, written: false })
}

/**
 * Appends a command's events in one call (atomic on the server), retried with backoff while the server is
 * unavailable; a conflict carries the stream's actual revision, and a failure after the retries wrote nothing.
 */
export const appendEvents = async (
  ctx: AppendContext,
  streamName: string,
  events: readonly EventToAppend[],
  expected: ExpectedRevision,
): Promise<E.Either<AppendError, AppendResult>> => {
  if (ctx.isClosed()) return E.left(unavailable(ctx.closedMessage))
  const repeated = unstorableBatch(streamName, events)
  if (repeated !== undefined) return E.left(repeated)
  const refused = refusal(streamName, events, ctx.maxAppendSize)
  if (refused !== undefined) return E.left(refused)
  try {
    if (events.length === 0) return await appendNothing(ctx, streamName, expected)
    const seenBefore = await ctx.highestSeen()
    const data = events.map(toEventData)
    const revision = toAppendExpectedRevision(expected)
    const answer = await retrying(ctx.retry, ctx.isClosed, ctx.closedMessage, () =>
      ctx.client.appendToStream(streamName, data, { expectedRevision: revision, streamState: revision }),
    )
    return await outcome(ctx, streamName, expected, answer, seenBefore)
  } catch (error) {
    const meaning = errorMeaning(error)
    if (meaning.kind === 'conflict') return conflict(streamName, expected, meaning.actual)
    if (meaning.kind === 'too-large') return E.left(refusedAsTooLarge(streamName, events, meaning.limit, error))
    return E.left(unavailable(`appending to ${streamName} failed: ${describeError(error)}`, error))
  }
}
