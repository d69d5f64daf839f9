import * as E from 'fp-ts/lib/Either.js'
import { replayedEventOf } from '../audit/replayed-event.js'
import type { Decider } from '../kernel/decider.js'
import type { DomainEvent } from '../kernel/domain-event.js'
import { type EventStore, StreamNotFoundError } from '../kernel/event-store.js'
import type { EventRegistry } from '../kernel/registry.js'
import type { PersonnelDirectory } from '../application/handling/personnel-directory.js'
import { corrupt, type LoadFailure, unavailable } from '../application/loading/load-failure.js'
import { organisation, personnel, standingAt, unitStandingAt } from '../personnel/index.js'
import { defaultPolicy } from '../shared/index.js'

/** What folding a stream needs of a decider. */
type Folding<Event, State> = Pick<Decider<never, Event, State, unknown>, 'evolve' | 'initialState'>

/** Folds one stream of the store to its current state; a stream never written is the initial state. */
const foldStream = async <Event extends DomainEvent, State>(
  store: EventStore,
  streamName: string,
  registry: EventRegistry<Event>,
  decider: Folding<Event, State>,
): Promise<E.Either<LoadFailure, State>> => {
  const { evolve, initialState } = decider
  let state = initialState
  try {
    for await (const record of store.readStream(streamName)) {
      const replayed = replayedEventOf(record, registry)
      if (E.isLeft(replayed)) return E.left(corrupt(record, replayed.left))
      state = evolve(state, replayed.right.event)
    }
  } catch (error) {
    if (error instanceof StreamNotFoundError) return E.right(initialState)
    return E.left(unavailable(streamName, error))
  }
  return E.right(state)
}

/**
 * The personnel directory of an event store: each person's `asn-<nip>` and each unit's `unit-<id>` stream read and
 * folded, then read as of the command's instant (`standingAt`, `unitStandingAt`). Nothing is cached: a record
 * written a moment ago is seen by the next command.
 */
export const storeDirectory = (store: EventStore): PersonnelDirectory => {
  const asnDecider = personnel.decider(defaultPolicy)
  const unitDecider = organisation.decider(defaultPolicy)
  /** The standing of each id's stream at the instant, read at once; the first failure, if any. */
  const standings = async <Id extends string, Event extends DomainEvent, State, Standing>(
    ids: readonly Id[],
    streamName: (id: Id) => string,
    registry: EventRegistry<Event>,
    decider: Folding<Event, State>,
    standingOf: (state: State) => Standing | null,
  ): Promise<E.Either<LoadFailure, Record<string, Standing>>> => {
    const read = await Promise.all(
      [...new Set(ids)].map(async id => {
        const state = await foldStream(store, streamName(id), registry, decider)
        return E.map((folded: State) => [id, standingOf(folded)] as const)(state)
      }),
    )
    const found: Record<string, Standing> = {}
    for (const each of read) {
      if (E.isLeft(each)) return each
      const [id, standing] = each.right
      if (standing !== null) found[id] = standing
    }
    return E.right(found)
  }
  return {
    factsFor: async (request, at) => {
      const people = await standings(request.nips, personnel.streamName, personnel.events, asnDecider, state =>
        standingAt(state, at),
      )
      if (E.isLeft(people)) return people
      const units = await standings(request.units, organisation.streamName, organisation.events, unitDecider, state =>
        unitStandingAt(state, at),
      )
      if (E.isLeft(units)) return units
      return E.right({ people: people.right, units: units.right })
    },
  }
}
