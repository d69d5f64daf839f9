import {
  context as otelContext,
  INVALID_SPAN_CONTEXT,
  isSpanContextValid,
  type Span,
  SpanStatusCode,
  trace,
  type Tracer,
} from '@opentelemetry/api'
import * as E from 'fp-ts/lib/Either.js'
import type {
  AppendError,
  AppendResult,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  InvalidAppend,
  StoreUnavailable,
} from '../../kernel/event-store.js'
import type { HandleUnavailable } from '../loading/index.js'
import type { HandleInvalidEvent } from './handle-outcome.js'

// What an append's span is when its command's span reaches no one (no SDK registered: the API's no-op tracer).
const unseen: Span = trace.wrapSpanContext(INVALID_SPAN_CONTEXT)

/**
 * Starts the span of an append (`pembina.append`: stream, count, expected revision), a child of the command's. Under a
 * command span no SDK records or even gives a valid context (none is registered), it is the one no-op span, made once.
 */
export const startAppendSpan = (
  tracer: Tracer,
  parent: Span,
  streamName: string,
  events: number,
  expected: ExpectedRevision,
): Span =>
  !parent.isRecording() && !isSpanContextValid(parent.spanContext())
    ? unseen
    : tracer.startSpan(
        'pembina.append',
        {
          attributes: {
            'pembina.stream': streamName,
            'pembina.events': events,
            'pembina.expected_revision': String(expected),
          },
        },
        trace.setSpan(otelContext.active(), parent),
      )

/** Ends an append's span with its outcome; a failed append marks it as an error. */
export const endAppendSpan = (span: Span, result: E.Either<AppendError, AppendResult>): void => {
  span.setAttribute(
    'pembina.outcome',
    E.isLeft(result) ? result.left._tag : result.right.written ? 'written' : 'already-written',
  )
  if (E.isLeft(result)) span.setStatus({ code: SpanStatusCode.ERROR, message: result.left._tag })
  span.end()
}

/** A store's rejection, which it should have returned as a failure, as the `StoreUnavailable` it stands for. */
export const rejectedByStore = (cause: unknown): StoreUnavailable => ({
  _tag: 'StoreUnavailable',
  message: cause instanceof Error ? cause.message : String(cause),
  cause,
})

/**
 * Appends a command's events under a child span of the command's (`pembina.append`: stream, count, expected revision
 * and outcome). A store that rejects instead of returning its failure is still reported as unavailable, not lost.
 */
export const tracedAppend = async (
  tracer: Tracer,
  parent: Span,
  store: EventStore,
  streamName: string,
  events: readonly EventToAppend[],
  expected: ExpectedRevision,
): Promise<E.Either<AppendError, AppendResult>> => {
  const span = startAppendSpan(tracer, parent, streamName, events.length, expected)
  let result: E.Either<AppendError, AppendResult>
  try {
    result = await store.append(streamName, events, expected)()
  } catch (cause) {
    result = E.left(rejectedByStore(cause))
  }
  endAppendSpan(span, result)
  return result
}

/** An append the store refused for good, as the handler reports it: unavailable, or the event it found invalid. */
export const refusedAppend = (
  streamName: string,
  error: StoreUnavailable | InvalidAppend,
  events: readonly EventToAppend[],
): HandleUnavailable | HandleInvalidEvent =>
  error._tag === 'StoreUnavailable'
    ? { kind: 'unavailable', streamName, message: error.message, cause: error.cause }
    : {
        kind: 'invalid-event',
        streamName: error.streamName,
        eventType: events.find(event => event.eventId === error.eventId)?.type ?? 'unknown',
        reason: `the store refused event ${error.eventId}: ${error.reason}`,
      }
