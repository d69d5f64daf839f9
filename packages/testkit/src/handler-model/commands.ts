import * as E from 'fp-ts/lib/Either.js'
import type fc from 'fast-check'
import {
  type CommandHandler,
  enrollment,
  type EnrollmentCommand,
  type EnrollmentEvent,
  type EnrollmentRejection,
  type EventStore,
  type StoredRecord,
} from '@pembina/core'
import {
  emptyStream,
  type ModelEvent,
  type ModelOutcome,
  modelStep,
  outcomeText,
  sameEvents,
  sameOutcome,
  type SeenOutcome,
  seenOutcome,
  storedStream,
  type StreamModel,
  streamsText,
  type WrittenByCommand,
} from './model.js'
import { commandOf, type ModelUniverse, type PlannedCommand, plannedText } from './universe.js'

/** A command the run has issued: its id, the command, and its offering. */
export interface IssuedCommand {
  readonly commandId: string
  readonly command: EnrollmentCommand
  readonly offering: number
}

/** The model of one run: per offering, the events accepted so far; the events each command id wrote; the ids issued. */
export interface HandlerModel {
  readonly universe: ModelUniverse
  readonly runId: string
  readonly streams: StreamModel[]
  written: WrittenByCommand
  readonly issued: IssuedCommand[]
  /** Accept `written: true` from a repeat that ran at once with its command's first write (see the option). */
  readonly reappendsAtOnceMayReportWritten: boolean
}

/** One of the run's command handlers, each a separate `commandHandler` instance. */
export interface ModelWriter {
  readonly name: string
  readonly handler: CommandHandler<EnrollmentCommand, EnrollmentEvent, EnrollmentRejection>
  /** The store it writes to, which reads go through too. */
  readonly store: EventStore
}

/** What the model runs against: the store under test, and the handlers that write to it. */
export interface HandlerReal {
  readonly store: EventStore
  readonly writers: readonly ModelWriter[]
}

/** A new model of one run: every stream empty, no command issued. */
export const newModel = (
  universe: ModelUniverse,
  runId: string,
  reappendsAtOnceMayReportWritten = false,
): HandlerModel => ({
  universe,
  runId,
  streams: universe.offerings.map(() => emptyStream),
  written: new Map(),
  issued: [],
  reappendsAtOnceMayReportWritten,
})

const writerOf = (real: HandlerReal, index: number): ModelWriter => {
  const writer = real.writers[index % real.writers.length]
  if (writer === undefined) throw new Error('the model runs with no command handler')
  return writer
}

const streamOf = (model: HandlerModel, offering: number): StreamModel => model.streams[offering] ?? emptyStream

const streamNameOf = (model: HandlerModel, offering: number): string => {
  const open = model.universe.offerings[offering]
  if (open === undefined) throw new Error(`the model has no offering ${offering}`)
  return enrollment.streamOf(open)
}

const nextCommandId = (model: HandlerModel): string => `${model.runId}c${model.issued.length}`

/** Every record of a stream, in order; none when the stream does not exist. */
export const readRecords = async (store: EventStore, streamName: string): Promise<readonly StoredRecord[]> => {
  const records: StoredRecord[] = []
  try {
    for await (const record of store.readStream(streamName)) records.push(record)
  } catch (cause) {
    if (cause instanceof Error && cause.name === 'StreamNotFoundError') return []
    throw cause
  }
  return records
}

const failed = (what: string, detail: string): Error => new Error(`${what}: ${detail}`)

/** The stream as stored, checked (every record an event, each id once, capacity kept, the chain verifying). */
const storedEvents = async (store: EventStore, streamName: string, what: string): Promise<readonly ModelEvent[]> => {
  const stored = await storedStream(await readRecords(store, streamName))
  if (E.isLeft(stored)) throw failed(what, `${streamName}: ${stored.left}`)
  return stored.right
}

/** Reads an offering's stream through a writer's store and checks it holds exactly the model's events. */
export const checkStream = async (model: HandlerModel, store: EventStore, offering: number, what: string) => {
  const streamName = streamNameOf(model, offering)
  const stored = await storedEvents(store, streamName, what)
  const expected = streamOf(model, offering).events
  if (!sameEvents(stored, expected))
    throw failed(what, `${streamName} does not hold the model's events\n  ${streamsText(stored, expected)}`)
  const revision = await store.streamRevision(streamName)()
  const at = expected.length === 0 ? 'no-stream' : expected.length - 1
  if (E.isLeft(revision) || revision.right !== at)
    throw failed(what, `${streamName} says it is at ${JSON.stringify(revision)}, the model at ${at}`)
}

/** Handles one command and checks the outcome is the model's; the model then takes the step. */
const handleOne = async (
  model: HandlerModel,
  real: HandlerReal,
  writer: number,
  issued: IssuedCommand,
  what: string,
): Promise<void> => {
  const { commandId, command, offering } = issued
  const result = await writerOf(real, writer).handler.handle(command, { commandId })()
  const seen = seenOutcome(result)
  const step = modelStep(streamOf(model, offering), model.written, commandId, command)
  if (!sameOutcome(seen, step.outcome))
    throw failed(what, `the handler answered ${outcomeText(seen)}; the model says ${outcomeText(step.outcome)}`)
  model.streams[offering] = step.stream
  model.written = step.written
}

/** Handles a new command (valid or not) through one of the handlers. */
export class HandleCommand implements fc.AsyncCommand<HandlerModel, HandlerReal> {
  constructor(
    readonly planned: PlannedCommand,
    readonly writer: number,
  ) {}
  check = (): boolean => true
  run = async (model: HandlerModel, real: HandlerReal): Promise<void> => {
    const { offering } = this.planned
    const command = commandOf(model.universe, this.planned, streamOf(model, offering).state)
    const issued = { commandId: nextCommandId(model), command, offering }
    model.issued.push(issued)
    await handleOne(model, real, this.writer, issued, `${this.toString()} (${issued.commandId})`)
  }
  toString = (): string => `handle ${plannedText(this.planned)} via w${this.writer}`
}

/**
 * Handles an earlier command again under its command id: one that wrote must answer its first outcome and write
 * nothing; one that wrote nothing is decided again.
 */
export class RepeatCommand implements fc.AsyncCommand<HandlerModel, HandlerReal> {
  constructor(
    readonly pick: number,
    readonly writer: number,
  ) {}
  check = (model: Readonly<HandlerModel>): boolean => model.issued.length > 0
  run = async (model: HandlerModel, real: HandlerReal): Promise<void> => {
    const issued = model.issued[this.pick % model.issued.length]
    if (issued === undefined) throw new Error('no command to repeat')
    const what = `${this.toString()} (${issued.commandId}, ${issued.command.type})`
    await handleOne(model, real, this.writer, issued, what)
    await checkStream(model, writerOf(real, this.writer).store, issued.offering, what)
  }
  toString = (): string => `repeat command #${this.pick} via w${this.writer}`
}

/** Reads an offering's stream back through one handler's store: the model's events, the chain verifying. */
export class ReadCommand implements fc.AsyncCommand<HandlerModel, HandlerReal> {
  constructor(
    readonly offering: number,
    readonly reader: number,
  ) {}
  check = (): boolean => true
  run = async (model: HandlerModel, real: HandlerReal): Promise<void> => {
    await checkStream(model, writerOf(real, this.reader).store, this.offering, this.toString())
  }
  toString = (): string => `read o${this.offering} via w${this.reader}`
}

/** One command of a concurrent batch: a new one, or the previous one again under its command id. */
export interface ConcurrentItem {
  readonly planned: PlannedCommand
  readonly writer: number
  /** The same command under the same id as the item before it, at once: a client retrying too early. */
  readonly again: boolean
}

function* permutations<T>(items: readonly T[]): Generator<readonly T[]> {
  if (items.length <= 1) {
    yield items
    return
  }
  for (const [i, item] of items.entries())
    for (const rest of permutations([...items.slice(0, i), ...items.slice(i + 1)])) yield [item, ...rest]
}

/**
 * Several handlers handle commands on one stream at once. Afterwards the stream, read back, must be what the model
 * makes of some serial order of the commands, each answered as the model answers it at its turn in that order (a
 * command that met a conflict at every attempt left out, having written nothing): nothing lost or written twice,
 * capacity never exceeded, the chain verifying.
 */
export class ConcurrentCommands implements fc.AsyncCommand<HandlerModel, HandlerReal> {
  constructor(
    readonly offering: number,
    readonly items: readonly ConcurrentItem[],
  ) {}
  check = (): boolean => true
  run = async (model: HandlerModel, real: HandlerReal): Promise<void> => {
    const batch: IssuedCommand[] = []
    for (const item of this.items) {
      const previous = batch[batch.length - 1]
      const planned = { ...item.planned, offering: this.offering }
      const issued =
        item.again && previous !== undefined
          ? previous
          : {
              commandId: nextCommandId(model),
              command: commandOf(model.universe, planned, streamOf(model, this.offering).state),
              offering: this.offering,
            }
      if (issued !== previous) model.issued.push(issued)
      batch.push(issued)
    }
    const what = `${this.toString()} (${batch.map(issued => issued.commandId).join(', ')})`
    const results = await Promise.all(
      batch.map((issued, i) =>
        writerOf(real, this.items[i]?.writer ?? 0).handler.handle(issued.command, { commandId: issued.commandId })(),
      ),
    )
    const seen = results.map(seenOutcome)
    const seenText = seen.map((outcome, i) => `\n  #${i}: ${outcomeText(outcome)}`).join('')
    for (const outcome of seen) if (outcome.kind === 'failed') throw failed(what, `a command failed:${seenText}`)
    const streamName = streamNameOf(model, this.offering)
    const stored = await storedEvents(real.store, streamName, what)
    // A repeat that ran at once with its command's first write, answered as written, where the option allows it.
    const reportedWritten = (issued: IssuedCommand, outcome: SeenOutcome, expected: ModelOutcome): boolean =>
      model.reappendsAtOnceMayReportWritten &&
      batch.filter(other => other.commandId === issued.commandId).length > 1 &&
      expected.kind === 'handled' &&
      !expected.written &&
      expected.events.length > 0 &&
      sameOutcome(outcome, { ...expected, written: true })
    const taken = seen.flatMap((outcome, i) => (outcome.kind === 'conflict' ? [] : [i]))
    for (const order of permutations(taken)) {
      let stream = streamOf(model, this.offering)
      let written = model.written
      const serial = order.every(i => {
        const issued = batch[i]
        const outcome = seen[i]
        if (issued === undefined || outcome === undefined) return false
        const step = modelStep(stream, written, issued.commandId, issued.command)
        stream = step.stream
        written = step.written
        return sameOutcome(outcome, step.outcome) || reportedWritten(issued, outcome, step.outcome)
      })
      if (serial && sameEvents(stored, stream.events)) {
        model.streams[this.offering] = stream
        model.written = written
        return
      }
    }
    const before = streamOf(model, this.offering).events
    throw failed(
      what,
      `no serial order of the commands gives what the handlers answered and the stream holds:${seenText}\n  ` +
        streamsText(stored, before, 'the model before them'),
    )
  }
  toString = (): string =>
    `at once on o${this.offering}: ${this.items
      .map(({ planned, writer, again }, i) =>
        again && i > 0
          ? `the same again via w${writer}`
          : `${plannedText({ ...planned, offering: this.offering })} via w${writer}`,
      )
      .join(' | ')}`
}
