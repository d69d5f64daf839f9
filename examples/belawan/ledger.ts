// The demo's application: the aggregates' command handlers on the in-memory event store, and the reactor running the
// policies between them. Each command is decoded, handled (fold, decide, append with ids and hash chain), and then
// waited on until the reactor has reacted to its events, and to the events of its reactions in turn (a mentor's
// acceptance: a place reserved in the mentor's roster, then the mentorship confirmed), so that the report can show
// what the policies did and the next command finds the mentorship active.
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
  type MentorRosterEvent,
  type MentorshipEvent,
  type PembinaEvent,
  type PolicyConfig,
  type KeyStore,
  type Rejection,
  type SealingHandler,
  type SerializedEvent,
  commandHandler,
  ComplaintInput,
  complaintSealer,
  complaintSubjectFromStore,
  inMemoryKeyStore,
  rememberedSubjects,
  sealingHandler,
  EventMetadataHead,
  competency,
  complaint,
  decodeWith,
  enrollment,
  formatHandleFailure,
  inMemoryEventStore,
  mentorRoster,
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

/** The aggregates on one in-memory store, the policies run by the reactor after every accepted command. */
export interface Ledger {
  readonly enrollment: (command: unknown) => Promise<Outcome>
  readonly mentorship: (command: unknown) => Promise<Outcome>
  readonly competency: (command: unknown) => Promise<Outcome>
  readonly complaint: (command: unknown) => Promise<Outcome>
  readonly profile: (nip: string) => Promise<readonly CompetencyEvent[]>
  readonly profiles: () => Promise<readonly string[]>
  readonly offering: (offeringId: string) => Promise<readonly EnrollmentEvent[]>
  readonly mentorshipEvents: (mentorshipId: string) => Promise<readonly MentorshipEvent[]>
  /** The events of a mentor's roster: the places the mentor's mentorships hold. */
  readonly mentorRosterEvents: (mentorNip: string) => Promise<readonly MentorRosterEvent[]>
  readonly complaintEvents: (complaintId: string) => Promise<readonly ComplaintEvent[]>
  /** The store the ledger writes to: for an audit or a replay of what the scenario did. */
  readonly store: EventStore
  /** The key store the complainants' personal data is sealed with, one key per data subject. */
  readonly keys: KeyStore
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
  const keys = inMemoryKeyStore()
  const handlers = {
    enrollment: commandHandler({ store, aggregate: enrollment, config }),
    mentorship: commandHandler({ store, aggregate: mentorship, config }),
    mentor: commandHandler({ store, aggregate: mentorRoster, config }),
    competency: commandHandler({ store, aggregate: competency, config }),
    complaint: commandHandler({ store, aggregate: complaint, config }),
  }
  // What the reactor's commands came to, by the id of the event that caused them: the report shows them under it.
  const reactions = new Map<string, { readonly outcome: Outcome; readonly result?: HandleResult<DomainEvent> }[]>()
  const noteReaction = (
    causationId: string | undefined,
    outcome: Outcome,
    result?: HandleResult<DomainEvent>,
  ): void => {
    if (causationId === undefined) return
    reactions.set(causationId, [
      ...(reactions.get(causationId) ?? []),
      { outcome, ...(result === undefined ? {} : { result }) },
    ])
  }
  /** A handler for the reactor that notes what each of its commands came to. */
  const noting = <Command extends HandledCommand, Event extends PembinaEvent>(
    handler: CommandHandler<Command, Event, Rejection>,
    streamOf: (command: Command) => string,
  ): CommandHandler<Command, Event, Rejection> => ({
    handle: (command, context) => async () => {
      const result = await handler.handle(command, context)()
      const stream = streamOf(command)
      if (E.isRight(result))
        noteReaction(
          context.causationId,
          { kind: 'accepted', stream, events: result.right.events.map(written => written.event), reactions: [] },
          result.right,
        )
      else if (result.left.kind === 'rejected')
        noteReaction(context.causationId, {
          kind: 'rejected',
          stream,
          type: command.type,
          rejection: result.left.rejection,
        })
      return result
    },
  })
  const reactorHandlers: ReactorHandlers = {
    competency: noting(handlers.competency, competency.streamOf),
    mentorship: noting(handlers.mentorship, mentorship.streamOf),
    mentor: noting(handlers.mentor, mentorRoster.streamOf),
  }
  const reactor = startReactor({
    store,
    checkpoints: inMemoryReadModelStore(),
    handlers: reactorHandlers,
    config,
    batchDelayMs: 0,
  })
  let commands = 0

  /**
   * Waits until the reactor has passed the events written, then gathers what it did for them, and for the events its
   * commands wrote in turn.
   */
  const reactedTo = async (result: HandleResult<DomainEvent>): Promise<readonly Outcome[]> => {
    const { position } = result
    if (position === null) return []
    while ((reactor.status().position ?? -1n) < position) {
      const { phase, error } = reactor.status()
      if (phase === 'failed' || phase === 'stopped') throw error ?? new Error(`the reactor has ${phase}`)
      await new Promise(resolve => setTimeout(resolve, 1))
    }
    const noted = result.events.flatMap(written => reactions.get(written.metadata.eventId) ?? [])
    return Promise.all(
      noted.map(async ({ outcome, result: reacted }) =>
        outcome.kind === 'accepted' && reacted !== undefined
          ? { ...outcome, reactions: await reactedTo(reacted) }
          : outcome,
      ),
    )
  }

  const submit =
    <Command extends HandledCommand, Event extends PembinaEvent>(
      aggregate: { readonly commands: t.Type<Command, unknown>; readonly streamOf: (command: Command) => string },
      handler: Pick<SealingHandler<Command, Event, Rejection>, 'handle'>,
    ) =>
    async (input: unknown): Promise<Outcome> => {
      const command = decodeWith(aggregate.commands)(input)
      if (E.isLeft(command)) return { kind: 'invalid', stream: '(not decoded)', failure: command.left }
      const stream = aggregate.streamOf(command.right)
      const result = await handler.handle(command.right, { commandId: `demo-command-${++commands}` })()
      if (E.isLeft(result)) {
        if (result.left.kind === 'not-sealed') throw new Error(`${result.left.streamName}: ${result.left.message}`)
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
    // Complaints come with the complainant's name, contact and texts in clear, and are sealed before the decider.
    complaint: submit(
      { commands: ComplaintInput, streamOf: (input: ComplaintInput) => complaint.streamName(input.data.complaintId) },
      sealingHandler(
        handlers.complaint,
        complaintSealer(keys, rememberedSubjects(complaintSubjectFromStore(store))),
        input => complaint.streamName(input.data.complaintId),
      ),
    ),
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
    mentorRosterEvents: nip => streamEvents(mentorRoster, nip),
    complaintEvents: id => streamEvents(complaint, id),
    store,
    keys,
    close: async () => {
      await reactor.stop()
      await store.close()
    },
  }
}
