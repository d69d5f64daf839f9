import * as E from 'fp-ts/lib/Either.js'
import { decodeGuarded, decodeWith, formatDecodeFailure } from '../../kernel/decode.js'
import { type DomainEvent } from '../../kernel/domain-event.js'
import { EventMetadata } from '../../shared/event-metadata.js'
import type { EventToAppend, StreamRevision } from '../../kernel/event-store.js'
import type { EventRegistry, SerializedEvent } from '../../kernel/registry.js'
import { Actor } from '../../shared/actor.js'
import { chainHash, eventIdOf, formatNotJson } from '../integrity/index.js'
import type { WrittenEvent } from '../loading/index.js'
import type { CommandContext, HandledCommand, HandleInvalidEvent } from './handle-outcome.js'

/** A command's events ready to append: what the store receives and what the handler reports. */
export interface NewEvents<Event extends DomainEvent> {
  readonly toAppend: readonly EventToAppend[]
  readonly written: readonly WrittenEvent<Event>[]
}

/** Where a command's events go: the stream, the revision it was loaded at and the hash of its last event. */
export interface StreamHead {
  readonly streamName: string
  readonly revision: StreamRevision
  readonly lastHash: string | null
}

const encode = <Event extends DomainEvent>(
  registry: EventRegistry<Event>,
  event: Event,
): E.Either<string, SerializedEvent> => {
  try {
    return E.right(registry.encode(event))
  } catch (cause) {
    return E.left(cause instanceof Error ? cause.message : String(cause))
  }
}

// The actor as a reader decodes it, so what is hashed is what is stored and read back: a valid one written by its
// codec (which drops fields an Actor does not have), any other decoded (which normalizes it, or says what is wrong).
const actorAsStored = (actor: Actor): E.Either<string, Actor> => {
  const written: unknown = Actor.is(actor) ? Actor.encode(actor) : actor
  if (Actor.is(written)) return E.right(written)
  const decoded = decodeWith(Actor, 'actor')(actor)
  return E.isLeft(decoded) ? E.left(formatDecodeFailure(decoded.left)) : decoded
}

// The metadata as a reader decodes it.
const readBack = decodeGuarded(EventMetadata, 'metadata')

/**
 * Gives each event its metadata: an id derived from the command id and its index, the command's actor and instant,
 * the schema version it is encoded with, and its place in the stream's hash chain after `head`. An event whose data
 * or metadata a reader could not decode back is refused: stored, it would leave the stream corrupt.
 */
export const newEvents = <Event extends DomainEvent>(
  registry: EventRegistry<Event>,
  command: HandledCommand,
  context: CommandContext,
  head: StreamHead,
  events: readonly Event[],
): E.Either<HandleInvalidEvent, NewEvents<Event>> => {
  const toAppend: EventToAppend[] = []
  const written: WrittenEvent<Event>[] = []
  const first = head.revision === 'no-stream' ? 0 : head.revision + 1
  // An application's own fields on the actor it passes (a name, say) are neither stored in clear text nor hashed.
  const actor = actorAsStored(command.actor)
  let prevHash = head.lastHash
  for (const [index, event] of events.entries()) {
    const invalid = (reason: string): E.Either<HandleInvalidEvent, never> =>
      E.left({ kind: 'invalid-event', streamName: head.streamName, eventType: event.type, reason })
    if (E.isLeft(actor)) return invalid(actor.left)
    const encoded = encode(registry, event)
    if (E.isLeft(encoded)) return invalid(encoded.left)
    const revision = first + index
    const content = {
      eventId: eventIdOf(context.commandId, index),
      commandId: context.commandId,
      correlationId: context.correlationId ?? context.commandId,
      causationId: context.causationId ?? context.commandId,
      actor: actor.right,
      occurredAt: command.at,
      schemaVersion: encoded.right.schemaVersion,
      prevHash,
    }
    const hash = chainHash({
      ...content,
      type: encoded.right.type,
      data: encoded.right.data,
      streamName: head.streamName,
      revision,
    })
    if (E.isLeft(hash)) return invalid(formatNotJson(hash.left))
    // Data its own codec refuses (a value a decider computed out of range) would leave the stream unreadable.
    const decodable = registry.decode(encoded.right)
    if (E.isLeft(decodable)) return invalid(formatDecodeFailure(decodable.left))
    const readable = readBack({ ...content, hash: hash.right })
    if (E.isLeft(readable)) return invalid(formatDecodeFailure(readable.left))
    const metadata = readable.right
    toAppend.push({ eventId: metadata.eventId, type: encoded.right.type, data: encoded.right.data, metadata })
    written.push({ revision, event, metadata })
    prevHash = hash.right
  }
  return E.right({ toAppend, written })
}
