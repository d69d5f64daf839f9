import * as E from 'fp-ts/lib/Either.js'
import type * as t from 'io-ts'
import type { Decider } from './decider.js'
import type { DomainEvent } from './domain-event.js'
import type { EventRegistry } from './registry.js'
import { parseStreamNameIn, type StreamName, streamName } from './stream-name.js'

/** What snapshots of an aggregate's state need: the version of the state's shape and its codec. */
export interface StateSnapshots<State> {
  /** Bump it whenever the state type or `evolve` changes: snapshots of another version are ignored. */
  readonly version: number
  readonly codec: t.Type<State, unknown>
}

/** What an aggregate is made of; `aggregate` derives the rest. */
export interface AggregateDefinition<
  Category extends string,
  Id extends string,
  Command extends { readonly type: string },
  Event extends DomainEvent,
  State,
  Reject,
  Config,
  Facts = unknown,
> {
  /** The category of its streams, `<category>-<id>`. */
  readonly category: Category
  /** Codec of its commands: what comes from outside is decoded with it before it reaches the decider. */
  readonly commands: t.Type<Command, unknown>
  /** Its event registry: every event type with its codec, schema version and upcasters. */
  readonly events: EventRegistry<Event>
  /** Its decider under a configuration. */
  readonly decider: (config: Config) => Decider<Command, Event, State, Reject, Facts>
  /** Codec of the id of its streams (the `<id>` of `<category>-<id>`). */
  readonly id: t.Type<Id, string>
  /** The id of the stream a command addresses. */
  readonly idOf: (command: Command) => Id
  /** What snapshots of its state need, where it offers them. */
  readonly snapshots?: StateSnapshots<State>
}

/**
 * One aggregate, ready to use: everything a command handler, a projector, a reactor or an audit needs, so each is
 * built from it in one line and no caller writes a stream name by hand.
 */
export interface Aggregate<
  Category extends string,
  Id extends string,
  Command extends { readonly type: string },
  Event extends DomainEvent,
  State,
  Reject,
  Config,
  Facts = unknown,
> extends AggregateDefinition<Category, Id, Command, Event, State, Reject, Config, Facts> {
  /** The stream of one instance. */
  readonly streamName: (id: Id) => StreamName<Category>
  /** The stream a command addresses. */
  readonly streamOf: (command: Command) => StreamName<Category>
  /** The id in a stream name of this aggregate, or why the name is not one of its streams. */
  readonly idOfStream: (name: string) => E.Either<string, Id>
}

/** An aggregate that offers snapshots of its state: a command handler may keep them for its long streams. */
export type SnapshottedAggregate<
  Category extends string,
  Id extends string,
  Command extends { readonly type: string },
  Event extends DomainEvent,
  State,
  Reject,
  Config,
  Facts = unknown,
> = Aggregate<Category, Id, Command, Event, State, Reject, Config, Facts> & {
  readonly snapshots: StateSnapshots<State>
}

/** Builds an aggregate from its definition: its stream names follow from its category and id codec. */
export function aggregate<
  Category extends string,
  Id extends string,
  Command extends { readonly type: string },
  Event extends DomainEvent,
  State,
  Reject,
  Config,
  Facts = unknown,
>(
  definition: AggregateDefinition<Category, Id, Command, Event, State, Reject, Config, Facts> & {
    readonly snapshots: StateSnapshots<State>
  },
): SnapshottedAggregate<Category, Id, Command, Event, State, Reject, Config, Facts>
/** Builds an aggregate from its definition: its stream names follow from its category and id codec. */
export function aggregate<
  Category extends string,
  Id extends string,
  Command extends { readonly type: string },
  Event extends DomainEvent,
  State,
  Reject,
  Config,
  Facts = unknown,
>(
  definition: AggregateDefinition<Category, Id, Command, Event, State, Reject, Config, Facts>,
): Aggregate<Category, Id, Command, Event, State, Reject, Config, Facts>
export function aggregate<
  Category extends string,
  Id extends string,
  Command extends { readonly type: string },
  Event extends DomainEvent,
  State,
  Reject,
  Config,
  Facts = unknown,
>(
  definition: AggregateDefinition<Category, Id, Command, Event, State, Reject, Config, Facts>,
): Aggregate<Category, Id, Command, Event, State, Reject, Config, Facts> {
  const { category, id, idOf } = definition
  const categories: readonly Category[] = [category]
  return {
    ...definition,
    streamName: instance => streamName(category, instance),
    streamOf: command => streamName(category, idOf(command)),
    idOfStream: name => {
      const parsed = parseStreamNameIn(name, categories)
      if (E.isLeft(parsed)) return parsed
      return id.is(parsed.right.id)
        ? E.right(parsed.right.id)
        : E.left(`stream id "${parsed.right.id}" is not a valid ${id.name}`)
    },
  }
}
