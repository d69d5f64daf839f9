import { randomUUID } from 'node:crypto'
import fc from 'fast-check'
import { commandHandler, defaultPolicy, enrollment, type EventStore } from '@pembina/core'
import {
  checkStream,
  ConcurrentCommands,
  type ConcurrentItem,
  HandleCommand,
  type HandlerModel,
  type HandlerReal,
  type ModelWriter,
  newModel,
  ReadCommand,
  RepeatCommand,
} from './commands.js'
import { arbModelUniverse, arbOfferingIndex, arbPlannedCommand, forRun, type ModelUniverse } from './universe.js'

/** Options of the model-based property; every one has a default. */
export interface CommandHandlerModelPropertyOptions {
  /**
   * Opens a second store on the same data as `store`: another connection to the same file, another client of the
   * same server. When given, half the handlers write through it, so writers on separate connections meet on one
   * stream. Default: every handler writes through `store`.
   */
  readonly openAnother?: (store: EventStore) => Promise<EventStore> | EventStore
  /** The most commands in one run (default 15). */
  readonly maxCommands?: number
  /** Whether runs include batches of commands handled at once by several handlers (default true). */
  readonly concurrentWriters?: boolean
  /**
   * The store cannot tell a re-append of events it holds from a new write while the first append of those events is
   * still in flight (EventStoreDB, whose answer to both is success), so a command handled by two handlers at once
   * under one id may come back `written: true` from both. With true, the suite accepts that; the events must still
   * be the first outcome's, and the stream must hold them once. Default false: exactly one handler reports written.
   */
  readonly reappendsAtOnceMayReportWritten?: boolean
}

/** What one run of the property is: the universe it plays in, and the commands fast-check generated. */
export type CommandHandlerModelRun = [ModelUniverse, Iterable<fc.AsyncCommand<HandlerModel, HandlerReal>>]

/** How many command handlers a run has: two on `store`, two on the other store (or `store` again). */
const writerCount = 4
const arbWriter = fc.nat(writerCount - 1)

const arbConcurrentItem: fc.Arbitrary<ConcurrentItem> = fc.record({
  planned: arbPlannedCommand(fc.constant(0)),
  writer: arbWriter,
  again: fc.nat(4).map(n => n === 0),
})

const commandArbitraries = (concurrentWriters: boolean): fc.Arbitrary<fc.AsyncCommand<HandlerModel, HandlerReal>>[] => [
  fc
    .tuple(arbPlannedCommand(arbOfferingIndex), arbWriter)
    .map(([planned, writer]) => new HandleCommand(planned, writer)),
  fc
    .tuple(arbPlannedCommand(arbOfferingIndex), arbWriter)
    .map(([planned, writer]) => new HandleCommand(planned, writer)),
  fc.tuple(fc.nat(30), arbWriter).map(([pick, writer]) => new RepeatCommand(pick, writer)),
  fc.tuple(arbOfferingIndex, arbWriter).map(([offering, reader]) => new ReadCommand(offering, reader)),
  ...(concurrentWriters
    ? [
        fc
          .tuple(arbOfferingIndex, fc.array(arbConcurrentItem, { minLength: 2, maxLength: 4 }))
          .map(([offering, items]) => new ConcurrentCommands(offering, items)),
        fc
          .tuple(arbOfferingIndex, fc.array(arbConcurrentItem, { minLength: 2, maxLength: 4 }))
          .map(([offering, items]) => new ConcurrentCommands(offering, items)),
      ]
    : []),
]

/**
 * The store without `readAndAppend`: a handler on it reads, then appends at the revision it read, retrying on a
 * conflict, as on a store that does not lock its writes; it meets the handlers that lock on the same stream.
 */
const withoutLock = (store: EventStore): EventStore => ({
  append: (streamName, events, expected) => store.append(streamName, events, expected),
  readStream: (streamName, options) => store.readStream(streamName, options),
  readAll: options => store.readAll(options),
  subscribe: options => store.subscribe(options),
  streamRevision: streamName => store.streamRevision(streamName),
  close: () => store.close(),
})

const writer = (name: string, store: EventStore): ModelWriter => ({
  name,
  store,
  handler: commandHandler({ store, aggregate: enrollment, config: defaultPolicy }),
})

/**
 * The model-based property of the command handler over a store, for `fc.assert` or `fc.check`. Each run opens a
 * store with `makeStore` (and another with `openAnother`), plays generated commands of two enrollment offerings
 * through four separate `commandHandler`s (`w0` on the store, `w1` on it without its locked write, `w2` and `w3`
 * likewise on the other store), checks every outcome and read against a model (per stream, the events the decider
 * accepted; per command id, the events it wrote), reads every stream back at the end, and closes the stores. Streams
 * and command ids are new in every run, so a shared store can run it.
 */
export const commandHandlerModelProperty = (
  makeStore: () => Promise<EventStore> | EventStore,
  options: CommandHandlerModelPropertyOptions = {},
): fc.IAsyncPropertyWithHooks<CommandHandlerModelRun> =>
  fc.asyncProperty(
    arbModelUniverse,
    fc.commands(commandArbitraries(options.concurrentWriters ?? true), {
      maxCommands: options.maxCommands ?? 15,
      size: '+1',
    }),
    async (universe, commands) => {
      const opened: EventStore[] = []
      try {
        const store = await makeStore()
        opened.push(store)
        const another = options.openAnother === undefined ? store : await options.openAnother(store)
        if (another !== store) opened.push(another)
        const runId = `m${randomUUID().replaceAll('-', '').slice(0, 12)}`
        const model = newModel(forRun(universe, runId), runId, options.reappendsAtOnceMayReportWritten)
        const real: HandlerReal = {
          store,
          writers: [
            writer('w0', store),
            writer('w1', withoutLock(store)),
            writer('w2', another),
            writer('w3', withoutLock(another)),
          ],
        }
        // The set-up goes through the handlers and the model like any command.
        for (const [offering, { opened, requests }] of universe.setUp.entries()) {
          if (!opened) continue
          await new HandleCommand({ offering, intent: 'open', participant: 0 }, 0).run(model, real)
          for (let participant = 0; participant < requests; participant++)
            await new HandleCommand({ offering, intent: 'request', participant }, participant).run(model, real)
        }
        await fc.asyncModelRun(() => ({ model, real }), commands)
        for (const offering of model.streams.keys())
          await checkStream(model, another, offering, 'at the end of the run')
      } finally {
        for (const store of opened.reverse()) await store.close()
      }
    },
  )
