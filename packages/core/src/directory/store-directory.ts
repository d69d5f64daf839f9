import * as E from 'fp-ts/lib/Either.js'
import { replayedEventOf } from '../audit/replayed-event.js'
import type { Decider } from '../kernel/decider.js'
import type { DomainEvent } from '../kernel/domain-event.js'
import { type EventStore, StreamNotFoundError } from '../kernel/event-store.js'
import type { EventRegistry } from '../kernel/registry.js'
import type { PersonnelDirectory } from '../application/handling/personnel-directory.js'
import { corrupt, type LoadFailure, unavailable } from '../application/loading/load-failure.js'
import { organisation, personnel, standingAt, unitStandingAt } from '../personnel/index.js'
import { type AsnStanding, defaultPolicy, type UnitStanding } from '../shared/index.js'

/** Folds one stream of the store to its current state; a stream never written is the initial state. */
const foldStream = async <Event extends DomainEvent, State>(
  store: EventStore,
  streamName: string,
  registry: EventRegistry<Event>,
  evolve: Decider<never, Event, State, unknown>['evolve'],
  initialState: State,
): Promise<E.Either<LoadFailure, State>> => {
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
  return {
    factsFor: async (request, at) => {
      const people: Record<string, AsnStanding> = {}
      const units: Record<string, UnitStanding> = {}
      for (const nip of new Set(request.nips)) {
        const state = await foldStream(
          store,
          personnel.streamName(nip),
          personnel.events,
          asnDecider.evolve,
          asnDecider.initialState,
        )
        if (E.isLeft(state)) return state
        const standing = standingAt(state.right, at)
        if (standing !== null) people[nip] = standing
      }
      for (const unitId of new Set(request.units)) {
        const state = await foldStream(
          store,
          organisation.streamName(unitId),
          organisation.events,
          unitDecider.evolve,
          unitDecider.initialState,
        )
        if (E.isLeft(state)) return state
        const standing = unitStandingAt(state.right, at)
        if (standing !== null) units[unitId] = standing
      }
      return E.right({ people, units })
    },
  }
}
