import * as E from 'fp-ts/lib/Either.js'
import type { Decider } from '../kernel/decider.js'
import type { DomainEvent } from '../kernel/domain-event.js'
import { type EventStore, StoreUnavailableError, StreamNotFoundError } from '../kernel/event-store.js'
import type { EventRegistry } from '../kernel/registry.js'
import type { Instant } from '../shared/index.js'
import { replayedEventOf } from './replayed-event.js'

/** What folding needs of an aggregate: its registry and its decider under a configuration. */
export interface FoldedAggregate<Event extends DomainEvent, State, Config> {
  readonly events: EventRegistry<Event>
  readonly decider: (config: Config) => Pick<Decider<never, Event, State, unknown>, 'initialState' | 'evolve'>
}

/** What replaying one stream needs of an aggregate: folding, and the name of the stream of an id. */
export interface ReplayedAggregate<Id, Event extends DomainEvent, State, Config> extends FoldedAggregate<
  Event,
  State,
  Config
> {
  readonly streamName: (id: Id) => string
}

/** A stream's state as of an instant, and what it was folded from. */
export interface StateAsOf<State> {
  readonly streamName: string
  readonly state: State
  /** Whether the stream exists at all (a stream with no event by then still exists if it has later ones). */
  readonly exists: boolean
  /** Events folded: those that occurred at or before the instant, up to the first that occurred after it. */
  readonly events: number
  /** The revision of the last event folded; null when none was (the state is the decider's initial state). */
  readonly revision: number | null
  /** When the last folded event occurred; null when none was. */
  readonly lastOccurredAt: Instant | null
}

/** Why a replay could not give a state: a record it cannot read (with its place), or the store failed. */
export type ReplayFailure =
  | {
      readonly kind: 'unreadable'
      readonly streamName: string
      readonly revision: number
      readonly position: bigint
      readonly reason: string
    }
  | { readonly kind: 'unavailable'; readonly message: string }

/** The instant's time on the clock, or a RangeError for text that is not an instant. */
export const epochOf = (instant: string): number => {
  const ms = Date.parse(instant)
  if (Number.isNaN(ms)) throw new RangeError(`${instant} is not an instant`)
  return ms
}

/**
 * The state of one stream as of an instant: its events folded in revision order while they occurred (their metadata's
 * `occurredAt`, the instant of the command that wrote them) at or before `asOf`, stopping at the first one that
 * occurred after it, so the state is always one the stream really passed through. Reads one event at a time: memory
 * does not grow with the stream. A record that cannot be read is a failure naming its place, not a state that skips it.
 */
export const stateAsOf = async <Id, Event extends DomainEvent, State, Config>(
  store: EventStore,
  aggregate: ReplayedAggregate<Id, Event, State, Config>,
  id: Id,
  asOf: Instant,
  config: Config,
): Promise<E.Either<ReplayFailure, StateAsOf<State>>> => {
  const streamName = aggregate.streamName(id)
  const decider = aggregate.decider(config)
  const until = epochOf(asOf)
  let state = decider.initialState
  let events = 0
  let revision: number | null = null
  let lastOccurredAt: Instant | null = null
  try {
    for await (const record of store.readStream(streamName)) {
      const replayed = replayedEventOf(record, aggregate.events)
      if (E.isLeft(replayed)) {
        const { revision: at, position } = record
        return E.left({ kind: 'unreadable', streamName, revision: at, position, reason: replayed.left })
      }
      const { event, metadata } = replayed.right
      if (epochOf(metadata.occurredAt) > until) break
      state = decider.evolve(state, event)
      events++
      revision = record.revision
      lastOccurredAt = metadata.occurredAt
    }
  } catch (error) {
    if (error instanceof StreamNotFoundError)
      return E.right({ streamName, state, exists: false, events: 0, revision: null, lastOccurredAt: null })
    if (error instanceof StoreUnavailableError) return E.left({ kind: 'unavailable', message: error.message })
    throw error
  }
  return E.right({ streamName, state, exists: true, events, revision, lastOccurredAt })
}
