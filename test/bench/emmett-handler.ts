// The in-memory peer of the command-handling benchmark: Emmett 0.38.5's `DeciderCommandHandler` on its
// `getInMemoryEventStore`, running our enrollment decider (the same decide and evolve as ours). Emmett is a dev
// dependency that only the benchmark imports; nothing of it is copied or shipped.
import * as E from 'fp-ts/lib/Either.js'
import { DeciderCommandHandler, getInMemoryEventStore } from '@event-driven-io/emmett'
import {
  defaultPolicy,
  enrollment,
  type EnrollmentCommand,
  type EnrollmentEvent,
  type EnrollmentState,
} from '@pembina/core'
import type { WorkloadCommand } from './enrollment-workload.js'

const decider = enrollment.decider(defaultPolicy)

/**
 * Our decider as Emmett's: Emmett's `decide` returns the events or throws, so a rejection (which the workload never
 * meets) becomes an error; its `initialState` is a function.
 */
const handle = DeciderCommandHandler<EnrollmentState, EnrollmentCommand, EnrollmentEvent>({
  decide: (command, state) => {
    const decision = decider.decide(command, state)
    if (E.isLeft(decision)) throw new Error(`${command.type} rejected: ${JSON.stringify(decision.left)}`)
    return [...decision.right]
  },
  evolve: decider.evolve,
  initialState: () => decider.initialState,
})

/** Emmett's in-memory event store, as `getInMemoryEventStore` makes it. */
export type EmmettStore = ReturnType<typeof getInMemoryEventStore>

/** A fresh Emmett in-memory event store. */
export const emmettStore = (): EmmettStore => getInMemoryEventStore()

/**
 * Handles one command through Emmett's handler on the command's stream (the stream name ours derives, from the same
 * aggregate) and throws unless it appended an event: a benchmark must not time failures.
 */
export const handleWithEmmett = async (store: EmmettStore, { command, commandId }: WorkloadCommand): Promise<void> => {
  const result = await handle(store, enrollment.streamOf(command), command)
  if (result.newEvents.length === 0) throw new Error(`${commandId} appended nothing`)
}

/** The event types of a stream of an Emmett store, in stream order. */
export const emmettStreamTypes = async (store: EmmettStore, streamName: string): Promise<readonly string[]> => {
  const { events } = await store.readStream(streamName)
  return events.map(event => event.type)
}
