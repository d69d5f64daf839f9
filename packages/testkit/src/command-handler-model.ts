import fc from 'fast-check'
import type { EventStore } from '@pembina/core'
import { describe, it } from 'vitest'
import { commandHandlerModelProperty, type CommandHandlerModelPropertyOptions } from './handler-model/property.js'

export {
  commandHandlerModelProperty,
  type CommandHandlerModelPropertyOptions,
  type CommandHandlerModelRun,
} from './handler-model/property.js'
export type { HandlerModel, HandlerReal, IssuedCommand, ModelWriter } from './handler-model/commands.js'
export type { ModelUniverse } from './handler-model/universe.js'
export type { ModelEvent, StreamModel, WrittenByCommand } from './handler-model/model.js'

/** Options of the command handler's model-based suite; every one has a default. */
export interface CommandHandlerModelOptions extends CommandHandlerModelPropertyOptions {
  /** Runs of each property (default 25). */
  readonly numRuns?: number
  /** fast-check's seed (default a fixed one, so a failure reproduces; pass another to explore). */
  readonly seed?: number
  /** Timeout of each test in milliseconds (default 120,000). */
  readonly timeoutMs?: number
}

/**
 * Declares model-based tests (`fc.commands`) of the command handler over a store: generated enrollment commands
 * (opening two offerings of capacity 1–3, requests, approvals by the right and the wrong actor, declines,
 * withdrawals, the start, cancellations), handled by four separate `commandHandler`s on the store, checked against
 * a model that folds the decider in memory. One test handles one command at a time, the other also runs batches of
 * commands on one stream at once (the same command id among them sometimes). Every outcome must be the model's;
 * a repeated command id answers its first outcome and writes nothing; every stream read back holds the model's
 * events, its hash chain verifying; after a concurrent batch the stream is that of some serial order of it. Each run
 * makes its own store with `makeStore` and closes it, and writes only streams no other run uses. With
 * `concurrentWriters: false` the second test is not declared (say why where you call it).
 */
export const commandHandlerModel = (
  name: string,
  makeStore: () => Promise<EventStore> | EventStore,
  options: CommandHandlerModelOptions = {},
): void => {
  const { numRuns = 25, seed = 20261219, timeoutMs = 120_000, ...property } = options
  describe(`Command handler model: ${name}`, { timeout: timeoutMs }, () => {
    it('one command at a time: every outcome, repeat and read is the model’s', async () => {
      await fc.assert(commandHandlerModelProperty(makeStore, { ...property, concurrentWriters: false }), {
        seed,
        numRuns,
      })
    })
    // Left out (not declared at all) only when the caller says the store cannot take them yet.
    if (property.concurrentWriters !== false)
      it('concurrent writers on one stream leave a serial order the model accepts', async () => {
        await fc.assert(commandHandlerModelProperty(makeStore, { ...property, concurrentWriters: true }), {
          seed,
          numRuns,
        })
      })
  })
}
