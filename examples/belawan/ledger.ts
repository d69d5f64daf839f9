// The demo's application: the four aggregates' command handlers on the in-memory event store, and the reactor running
// the policies between them. Each command is decoded, handled (fold, decide, append with ids and hash chain), and
// then waited on until the reactor has reacted to its events, so that the report can show what the policies did.
import * as E from 'fp-ts/lib/Either.js'
import type * as t from 'io-ts'
import {
  type CommandHandler,
  type HandledCommand,
  type CompetencyEvent,
  type ComplaintEvent,
  type DecodeFailure,
  type DomainEvent,
  type EnrollmentEvent,
  type EventStore,
  type HandleResult,
  type MentorshipEvent,
  type PembinaEvent,
  type PolicyConfig,
  type Rejection,
  type SerializedEvent,
  commandHandler,
  EventMetadataHead,
  competency,
  complaint,
  decodeWith,
  enrollment,
  formatHandleFailure,
  inMemoryEventStore,
  mentorship,
  StreamNotFoundError,
} from '@pembina/core'
import { inMemoryReadModelStore, type ReactorHandlers, startReactor } from '@pembina/projections'

/** What became of one submitted command, and of the commands the policies sent in reaction to its events. */
export type Outcome =
  | {
      readonly kind: 'accepted'
      readonly stream: string
      readonly events: readonly PembinaEvent[]
      readonly reactions: readonly Outcome[]
    }
  | { readonly kind: 'rejected'; readonly stream: string; readonly type: string; readonly rejection: Rejection }
  | { readonly kind: 'invalid'; readonly stream: string; readonly failure: DecodeFailure }

/** The four aggregates on one in-memory store, the policies run by the reactor after every accepted command. */
export interface Ledger {
  readonly enrollment: (command: unknown) => Promise<Outcome>
  readonly mentorship: (command: unknown) => Promise<Outcome>
  readonly competency: (command: unknown) => Promise<Outcome>
  readonly complaint: (command: unknown) => Promise<Outcome>
  readonly profile: (nip: string) => Promise<readonly CompetencyEvent[]>
  readonly profiles: () => Promise<readonly string[]>
  readonly offering: (offeringId: string) => Promise<readonly EnrollmentEvent[]>
  readonly mentorshipEvents: (mentorshipId: string) => Promise<readonly MentorshipEvent[]>
  readonly complaintEvents: (complaintId: string) => Promise<readonly ComplaintEvent[]>
  /** The store the ledger writes to: for an audit or a replay of what the scenario did. */
  readonly store: EventStore
  /** Stops the reactor and closes the store. */
  readonly close: () => Promise<void>
}

/** The events of a stream, decoded by its aggregate's registry; none when it does not exist. */
const eventsOf = async <Event extends DomainEvent>(
  store: EventStore,
  streamName: string,
  decode: (stored: SerializedEvent) => E.Either<DecodeFailure, Event>,
): Promise<readonly Event[]> => {
  const events: Event[] = []
  try {
    for await (const record of store.readStream(streamName)) {
      if (record.kind === 'corrupt') throw new Error(`${streamName}: a corrupt record: ${record.reason}`)
      const head = EventMetadataHead.decode(record.metadata)
      if (E.isLeft(head)) throw new Error(`${streamName} revision ${record.revision}: metadata does not decode`)
      const event = decode({ type: record.type, data: record.data, schemaVersion: head.right.schemaVersion })
      if (E.isLeft(event)) throw new Error(`${streamName} revision ${record.revision} does not decode`)
      events.push(event.right)
    }
  } catch (error) {
    if (error instanceof StreamNotFoundError) return []
    throw error
  }
  return events
}

/** Creates an empty ledger under a policy configuration, its reactor already following the store. */
export const ledger = (config: PolicyConfig): Ledger => {
  const store = inMemoryEventStore()
  const handlers = {
    enrollment: commandHandler({ store, aggregate: enrollment, config }),
    mentorship: commandHandler({ store, aggregate: mentorship, config }),
    competency: commandHandler({ store, aggregate: competency, config }),
    complaint: commandHandler({ store, aggregate: complaint, config }),
  }
  // What the reactor's commands came to, by the id of the event that caused them: the report shows them under it.
  const reactions = new Map<string, Outcome[]>()
  const noteReaction = (causationId: string | undefined, outcome: Outcome): void => {
    if (causationId === undefined) return
    reactions.set(causationId, [...(reactions.get(causationId) ?? []), outcome])
  }
  const reactorHandlers: ReactorHandlers = {
    competency: {
      handle: (command, context) => async () => {
        const result = await handlers.competency.handle(command, context)()
        const stream = competency.streamOf(command)
        if (E.isRight(result))
          noteReaction(context.causationId, {
            kind: 'accepted',
            stream,
            events: result.right.events.map(written => written.event),
            reactions: [],
          })
        else if (result.left.kind === 'rejected')
          noteReaction(context.causationId, {
            kind: 'rejected',
            stream,
            type: command.type,
            rejection: result.left.rejection,
          })
        return result
      },
    },
  }
  const reactor = startReactor({
    store,
    checkpoints: inMemoryReadModelStore(),
    handlers: reactorHandlers,
    config,
    batchDelayMs: 0,
  })
  let commands = 0

  /** Waits until the reactor has passed `position`, then gathers what it did for the events written. */
  const reactedTo = async (result: HandleResult<DomainEvent>): Promise<readonly Outcome[]> => {
    const { position } = result
    if (position === null) return []
    while ((reactor.status().position ?? -1n) < position) {
      const { phase, error } = reactor.status()
      if (phase === 'failed' || phase === 'stopped') throw error ?? new Error(`the reactor has ${phase}`)
      await new Promise(resolve => setTimeout(resolve, 1))
    }
    return result.events.flatMap(written => reactions.get(written.metadata.eventId) ?? [])
  }

  const submit =
    <Command extends HandledCommand, Event extends PembinaEvent>(
      aggregate: { readonly commands: t.Type<Command, unknown>; readonly streamOf: (command: Command) => string },
      handler: CommandHandler<Command, Event, Rejection>,
    ) =>
    async (input: unknown): Promise<Outcome> => {
      const command = decodeWith(aggregate.commands)(input)
      if (E.isLeft(command)) return { kind: 'invalid', stream: '(not decoded)', failure: command.left }
      const stream = aggregate.streamOf(command.right)
      const result = await handler.handle(command.right, { commandId: `demo-command-${++commands}` })()
      if (E.isLeft(result)) {
        if (result.left.kind !== 'rejected') throw new Error(formatHandleFailure(result.left))
        return { kind: 'rejected', stream, type: command.right.type, rejection: result.left.rejection }
      }
      return {
        kind: 'accepted',
        stream,
        events: result.right.events.map(written => written.event),
        reactions: await reactedTo(result.right),
      }
    }

  /** The events of the stream of an aggregate's id; none for an id that is not one. */
  const streamEvents = async <Id, Event extends PembinaEvent>(
    aggregate: {
      readonly id: t.Type<Id, unknown>
      readonly streamName: (id: Id) => string
      readonly events: { readonly decode: (stored: SerializedEvent) => E.Either<DecodeFailure, Event> }
    },
    id: string,
  ): Promise<readonly Event[]> => {
    const decoded = decodeWith(aggregate.id)(id)
    if (E.isLeft(decoded)) return []
    return eventsOf(store, aggregate.streamName(decoded.right), stored => aggregate.events.decode(stored))
  }

  return {
    enrollment: submit(enrollment, handlers.enrollment),
    mentorship: submit(mentorship, handlers.mentorship),
    competency: submit(competency, handlers.competency),
    complaint: submit(complaint, handlers.complaint),
    profile: nip => streamEvents(competency, nip),
    profiles: async () => {
      const nips = new Set<string>()
      for await (const record of store.readAll({ filter: { category: competency.category } })) {
        const nip = competency.idOfStream(record.streamName)
        if (E.isRight(nip)) nips.add(nip.right)
      }
      return [...nips]
    },
    offering: id => streamEvents(enrollment, id),
    mentorshipEvents: id => streamEvents(mentorship, id),
    complaintEvents: id => streamEvents(complaint, id),
    store,
    close: async () => {
      await reactor.stop()
      await store.close()
    },
  }
}
