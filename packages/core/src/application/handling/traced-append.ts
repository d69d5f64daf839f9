import { context as otelContext, type Span, SpanStatusCode, trace, type Tracer } from '@opentelemetry/api'
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
  const span = tracer.startSpan(
    'pembina.append',
    {
      attributes: {
        'pembina.stream': streamName,
        'pembina.events': events.length,
        'pembina.expected_revision': String(expected),
      },
    },
    trace.setSpan(otelContext.active(), parent),
  )
  try {
    const result = await store.append(streamName, events, expected)()
    span.setAttribute(
      'pembina.outcome',
      E.isLeft(result) ? result.left._tag : result.right.written ? 'written' : 'already-written',
    )
    if (E.isLeft(result)) span.setStatus({ code: SpanStatusCode.ERROR, message: result.left._tag })
    return result
  } catch (cause) {
    span.setAttribute('pembina.outcome', 'StoreUnavailable')
    span.setStatus({ code: SpanStatusCode.ERROR, message: String(cause) })
    return E.left({ _tag: 'StoreUnavailable', message: cause instanceof Error ? cause.message : String(cause), cause })
  } finally {
    span.end()
  }
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
