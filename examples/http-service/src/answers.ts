import {
  absurd,
  type DecodeFailure,
  type DomainEvent,
  formatHandleFailure,
  type HandleNotSealed,
  type HandleResult,
  type Rejection,
  type SealingFailure,
} from '@pembina/core'
import type { JsonValue } from '@pembina/projections'

/** An HTTP answer: its status, its JSON body and any headers of its own. */
export interface Answer {
  readonly status: number
  readonly body: JsonValue
  readonly headers?: Readonly<Record<string, string>>
}

/** The answer of an error: `{ error, message, …details }`. */
export const errorAnswer = (
  status: number,
  error: string,
  message: string,
  details: Readonly<Record<string, JsonValue>> = {},
): Answer => ({ status, body: { error, message, ...details } })

/**
 * 400 for a body that does not decode: each bad field's path (`data.capacity`) and the rule it broke. The values are
 * not echoed back: they may be personal data.
 */
export const invalidCommandAnswer = (failure: DecodeFailure): Answer =>
  errorAnswer(400, 'invalid-command', `${failure.what} does not decode`, {
    issues: failure.issues.map(issue => ({ path: issue.path, rule: issue.rule })),
  })

/**
 * 201 with the events a command wrote, or 200 when it changed nothing. A retried command id gets the first outcome's
 * events back from the store, so the body and status are the same; only `Idempotent-Replayed: true` tells them apart.
 * The events' data is not echoed (a complaint's holds envelopes): their ids, types and revisions are.
 */
export const resultAnswer = (commandId: string, result: HandleResult<DomainEvent>): Answer => ({
  status: result.events.length === 0 ? 200 : 201,
  body: {
    commandId,
    streamName: result.streamName,
    events: result.events.map(({ revision, event, metadata }) => ({
      eventId: metadata.eventId,
      type: event.type,
      revision,
    })),
    position: result.position === null ? null : String(result.position),
  },
  ...(result.written || result.events.length === 0 ? {} : { headers: { 'idempotent-replayed': 'true' } }),
})

/** 422 for a domain rejection: its stable code, the English message and the Indonesian term. */
export const rejectionAnswer = (streamName: string, rejection: Rejection): Answer =>
  errorAnswer(422, 'rejected', rejection.message, { code: rejection.code, term: rejection.term, streamName })

const notSealedAnswer = (failure: HandleNotSealed): Answer => {
  switch (failure.reason) {
    case 'subject-erased':
      return rejectionAnswer(failure.streamName, {
        code: 'subject-erased',
        message: failure.message,
        term: 'data pribadi telah dihapus',
      })
    case 'subject-not-found':
      return errorAnswer(404, 'not-found', failure.message, { streamName: failure.streamName })
    case 'unavailable':
      return { ...errorAnswer(503, 'unavailable', failure.message), headers: { 'retry-after': '1' } }
  }
}

/**
 * The answer of a command that was not handled: 422 for a rejection (or a data subject erased), 409 for a stream still
 * changed by other writers after the handler's retries, 404 for a complaint with no filing to seal for, 503 when a
 * store does not answer (retry later, with the same `Idempotency-Key`), 500 for a stream or event the store cannot read
 * or hold. Every one of them wrote nothing.
 */
export const failureAnswer = (failure: SealingFailure<Rejection>): Answer => {
  switch (failure.kind) {
    case 'rejected':
      return rejectionAnswer(failure.streamName, failure.rejection)
    case 'conflict':
      return errorAnswer(409, 'conflict', formatHandleFailure(failure), {
        streamName: failure.streamName,
        attempts: failure.attempts,
      })
    case 'unavailable':
      return { ...errorAnswer(503, 'unavailable', failure.message), headers: { 'retry-after': '1' } }
    case 'corrupt-stream':
    case 'invalid-event':
      return errorAnswer(500, failure.kind, formatHandleFailure(failure), { streamName: failure.streamName })
    case 'not-sealed':
      return notSealedAnswer(failure)
    default:
      return absurd(failure)
  }
}
