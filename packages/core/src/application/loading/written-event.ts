import type { DomainEvent } from '../../kernel/domain-event.js'
import type { EventMetadata } from '../../shared/event-metadata.js'

/** An event of a command's outcome: the domain event, its revision in the stream and its metadata. */
export interface WrittenEvent<Event extends DomainEvent> {
  readonly revision: number
  readonly event: Event
  readonly metadata: EventMetadata
}
