import * as E from 'fp-ts/lib/Either.js'
import { decodeGuarded, decodeWith, formatDecodeFailure } from '../../kernel/decode.js'
import { type DomainEvent } from '../../kernel/domain-event.js'
import { CommandMetadata, type EventMetadata } from '../../shared/event-metadata.js'
import type { EventToAppend, StreamRevision } from '../../kernel/event-store.js'
import type { EventRegistry, SerializedEvent } from '../../kernel/registry.js'
import { Actor } from '../../shared/actor.js'
import { chainHashSized, type ChainKeyring, chainMac, eventIdOf, formatNotJson } from '../integrity/index.js'
import type { WrittenEvent } from '../loading/index.js'
import type { CommandContext, HandledCommand, HandleInvalidEvent } from './handle-outcome.js'

/** A command's events ready to append: what the store receives and what the handler reports. */
export interface NewEvents<Event extends DomainEvent> {
  readonly toAppend: readonly EventToAppend[]
  readonly written: readonly WrittenEvent<Event>[]
}

/**
 * The most a command's events may take, in UTF-8 bytes of what their hashes cover (their data, actor, ids and place),
 * unless a handler is told otherwise (`maxCommandBytes`): 1,000,000, so that with the rest of their metadata (about
 * 200 bytes an event) they fit EventStoreDB's largest append by default, 1,048,576 bytes, the smallest limit of the
 * stores Pembina runs on.
 */
export const defaultMaxCommandBytes = 1_000_000

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

// What every event of a command takes from it, as a reader decodes it; the rest (the event id, schema version and
// hashes) is made here, always valid.
const checkCommandMetadata = decodeGuarded(CommandMetadata, 'metadata')

/** What every event of the command takes from it, checked once, or why it cannot be stored. */
const commandMetadataOf = (command: HandledCommand, context: CommandContext): E.Either<string, CommandMetadata> => {
  // An application's own fields on the actor it passes (a name, say) are neither stored in clear text nor hashed.
  const actor = actorAsStored(command.actor)
  if (E.isLeft(actor)) return actor
  const checked = checkCommandMetadata({
    commandId: context.commandId,
    correlationId: context.correlationId ?? context.commandId,
    causationId: context.causationId ?? context.commandId,
    actor: actor.right,
    occurredAt: command.at,
  })
  return E.isLeft(checked) ? E.left(formatDecodeFailure(checked.left)) : checked
}

/**
 * Gives each event its metadata: an id derived from the command id and its index, the command's actor and instant,
 * the schema version it is encoded with, and its place in the stream's hash chain after `head` (with the MAC of its
 * hash under the keyring's current key, when the chain is keyed). An event whose data or metadata a reader could not
 * decode back is refused: stored, it would leave the stream corrupt.
 */
export const newEvents = <Event extends DomainEvent>(
  registry: EventRegistry<Event>,
  command: HandledCommand,
  context: CommandContext,
  head: StreamHead,
  events: readonly Event[],
  maxCommandBytes: number = defaultMaxCommandBytes,
  keys?: ChainKeyring,
): E.Either<HandleInvalidEvent, NewEvents<Event>> => {
  const toAppend: EventToAppend[] = []
  const written: WrittenEvent<Event>[] = []
  const first = head.revision === 'no-stream' ? 0 : head.revision + 1
  const invalid = (event: Event, reason: string): E.Either<HandleInvalidEvent, never> =>
    E.left({ kind: 'invalid-event', streamName: head.streamName, eventType: event.type, reason })
  const fromCommand = commandMetadataOf(command, context)
  let prevHash = head.lastHash
  let bytes = 0
  for (const [index, event] of events.entries()) {
    if (E.isLeft(fromCommand)) return invalid(event, fromCommand.left)
    const { commandId, correlationId, causationId, actor: storedActor, occurredAt } = fromCommand.right
    const encoded = encode(registry, event)
    if (E.isLeft(encoded)) return invalid(event, encoded.left)
    const { type, data, schemaVersion } = encoded.right
    const revision = first + index
    const eventId = eventIdOf(commandId, index)
    const hash = chainHashSized({
      type,
      data,
      schemaVersion,
      eventId,
      commandId,
      correlationId,
      causationId,
      actor: storedActor,
      occurredAt,
      streamName: head.streamName,
      revision,
      prevHash,
    })
    if (E.isLeft(hash)) return invalid(event, formatNotJson(hash.left))
    bytes += hash.right.bytes
    if (bytes > maxCommandBytes)
      return invalid(
        event,
        `the command's events take more than ${maxCommandBytes.toLocaleString('en')} bytes (the limit of what one command may write; maxCommandBytes)`,
      )
    // Data its own codec refuses (a value a decider computed out of range) would leave the stream unreadable.
    const decodable = registry.decodeInPlace(encoded.right)
    if (E.isLeft(decodable)) return invalid(event, formatDecodeFailure(decodable.left))
    const metadata: EventMetadata = {
      eventId,
      commandId,
      correlationId,
      causationId,
      actor: storedActor,
      occurredAt,
      schemaVersion,
      prevHash,
      hash: hash.right.hash,
      ...(keys === undefined ? {} : { mac: chainMac(keys.current, hash.right.hash) }),
    }
    toAppend.push({ eventId, type, data, metadata })
    written.push({ revision, event, metadata })
    prevHash = hash.right.hash
  }
  return E.right({ toAppend, written })
}
