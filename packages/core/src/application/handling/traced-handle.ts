import { type Span, SpanStatusCode, type Tracer } from '@opentelemetry/api'
import * as E from 'fp-ts/lib/Either.js'
import type { DomainEvent } from '../../kernel/domain-event.js'
import type { Outcome } from './decision.js'
import type { CommandContext, HandledCommand } from './handle-outcome.js'

const outcomeName = <Event extends DomainEvent, Reject>(outcome: Outcome<Event, Reject>): string =>
  E.isLeft(outcome)
    ? outcome.left.kind
    : outcome.right.written
      ? 'written'
      : outcome.right.events.length > 0
        ? 'duplicate'
        : 'unchanged'

/**
 * Handles a command under its span (`pembina.handle <type>`: the command's type and id, its stream, the attempts and
 * the outcome). A failure other than a rejection marks the span as an error; a throw is recorded, then rethrown.
 */
export const tracedHandle = async <Event extends DomainEvent, Reject>(
  tracer: Tracer,
  command: HandledCommand,
  context: CommandContext,
  streamOf: () => string,
  run: (streamName: string, span: Span) => Promise<Outcome<Event, Reject>>,
): Promise<Outcome<Event, Reject>> => {
  const span = tracer.startSpan(`pembina.handle ${command.type}`, {
    attributes: { 'pembina.command.type': command.type, 'pembina.command.id': context.commandId },
  })
  try {
    const streamName = streamOf()
    span.setAttribute('pembina.stream', streamName)
    const outcome = await run(streamName, span)
    span.setAttribute('pembina.outcome', outcomeName(outcome))
    if (E.isLeft(outcome) && outcome.left.kind !== 'rejected')
      span.setStatus({ code: SpanStatusCode.ERROR, message: outcome.left.kind })
    return outcome
  } catch (cause) {
    span.recordException(cause instanceof Error ? cause : String(cause))
    span.setStatus({ code: SpanStatusCode.ERROR, message: String(cause) })
    throw cause
  } finally {
    span.end()
  }
}
