import { absurd } from '../../kernel/absurd.js'
import type { DomainEvent } from '../../kernel/domain-event.js'
import type { ExpectedRevision, StreamRevision } from '../../kernel/event-store.js'
import type { Actor } from '../../shared/actor.js'
import type { Instant } from '../../shared/time.js'
import type { HandleCorruptStream, HandleUnavailable, WrittenEvent } from '../loading/index.js'

/** What a handler needs of a command beyond its decider: its type, the instant it was issued and who issued it. */
export interface HandledCommand {
  readonly type: string
  readonly at: Instant
  readonly actor: Actor
}

/**
 * Who asks for a command to be handled: the command id (the idempotency key a client reuses on retry), and the
 * correlation and causation ids it belongs to (both default to the command id: a command that starts a conversation).
 */
export interface CommandContext {
  readonly commandId: string
  readonly correlationId?: string
  readonly causationId?: string
}

/** A handled command: the events it wrote (or had written, for a repeated command id) and where the stream now is. */
export interface HandleResult<Event extends DomainEvent> {
  readonly streamName: string
  readonly events: readonly WrittenEvent<Event>[]
  /** The revision to expect next: after the events written, or the stream's current revision when nothing was. */
  readonly nextExpectedRevision: StreamRevision
  /** The global position of the last event of the outcome; null when the command had no events. */
  readonly position: bigint | null
  /** True only when this call appended the events. */
  readonly written: boolean
  /** Loads (and appends) it took: 1 unless a concurrent writer forced a retry. */
  readonly attempts: number
}

/** The decider refused the command; nothing was written. */
export interface HandleRejected<Reject> {
  readonly kind: 'rejected'
  readonly streamName: string
  readonly rejection: Reject
}

/** Other writers kept changing the stream: every attempt met a conflict; nothing was written. */
export interface HandleConflict {
  readonly kind: 'conflict'
  readonly streamName: string
  readonly attempts: number
  readonly expected: ExpectedRevision
  readonly actual: StreamRevision
}

/**
 * An event cannot be written as it is: the registry cannot encode it, its data has no JSON form, or its data or
 * metadata would not read back (data its own codec refuses, an empty command id, say), or the store refused it
 * (`InvalidAppend`: an event id it cannot hold). Nothing was written, and handling the command again fails alike.
 */
export interface HandleInvalidEvent {
  readonly kind: 'invalid-event'
  readonly streamName: string
  readonly eventType: string
  readonly reason: string
}

/** Why a command was not handled. Every failure wrote nothing. */
export type HandleFailure<Reject> =
  HandleRejected<Reject> | HandleConflict | HandleUnavailable | HandleCorruptStream | HandleInvalidEvent

const revisionText = (revision: ExpectedRevision): string => String(revision)

/** One line a person can read for a failure (a rejection shows its `message` when it has one). */
export const formatHandleFailure = <Reject>(failure: HandleFailure<Reject>): string => {
  switch (failure.kind) {
    case 'rejected': {
      const reason: unknown = failure.rejection
      const message =
        typeof reason === 'object' && reason !== null && 'message' in reason && typeof reason.message === 'string'
          ? reason.message
          : JSON.stringify(reason)
      return `${failure.streamName}: rejected: ${message}`
    }
    case 'conflict':
      return `${failure.streamName}: still changed by another writer after ${failure.attempts} attempts (expected ${revisionText(failure.expected)}, found ${revisionText(failure.actual)})`
    case 'unavailable':
      return `${failure.streamName}: store unavailable: ${failure.message}`
    case 'corrupt-stream':
      return `${failure.streamName}: refusing to decide on a corrupt stream: revision ${failure.revision}: ${failure.reason}`
    case 'invalid-event':
      return `${failure.streamName}: cannot write ${failure.eventType}: ${failure.reason}`
    default:
      return absurd(failure)
  }
}
