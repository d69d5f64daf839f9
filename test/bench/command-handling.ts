// Benchmark 1: enrollment commands through `commandHandler` on `sqliteEventStore`, against a hand-written
// better-sqlite3 program doing the same reads and inserts, one BEGIN IMMEDIATE transaction per command.
import { createHash } from 'node:crypto'
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { EventMetadata, inMemoryEventStore } from '@pembina/core'
import { openBaselineEventsFile } from './baseline-events-file.js'
import { openDatabase, type SyncMode } from './better-sqlite3.js'
import { commandsPerOffering, enrollmentHandler, handleOrThrow, workloadCommands } from './enrollment-workload.js'
import { type DecidedCommand, type DecidedEvent, runComputingBaseline } from './computing-baseline.js'
import { alternate, type Rounds, secondsSince, type Timed } from './measure.js'
import { removeDatabaseFiles, sqliteEventStore } from './sqlite-store.js'

/** An event as our run stored it: the exact text the baseline inserts. */
interface StoredRow {
  readonly eventId: string
  readonly type: string
  readonly data: string
  readonly metadata: string
}

/**
 * One command's append as our run made it: its stream, the revision it started at and its events as stored; and
 * the same command as the computing baseline receives it (context and decided events, no ids, hashes or text).
 */
interface CapturedCommand {
  readonly streamName: string
  readonly category: string | null
  readonly firstRevision: number
  readonly events: readonly StoredRow[]
  readonly decided: DecidedCommand
}

interface EventsRow {
  readonly stream_name: string
  readonly category: string | null
  readonly revision: number
  readonly event_id: string
  readonly type: string
  readonly data: string
  readonly metadata: string
}

/**
 * Which store our handler runs on: `sqlite`, the benchmark itself; `memory`, the in-memory store, which leaves the
 * library's own cost per command (decoding, folding, deciding, ids, hash chain, metadata) with no storage under it.
 */
export type OurStore = 'sqlite' | 'memory'

/** Handles `offerings` × 10 commands through our handler and store (command k of every offering, then k + 1). */
const runOurs = async (
  file: string,
  mode: SyncMode,
  offerings: number,
  cache: boolean,
  on: OurStore = 'sqlite',
): Promise<Timed> => {
  const store =
    on === 'memory'
      ? inMemoryEventStore()
      : sqliteEventStore({ path: file, durability: mode === 'FULL' ? 'full' : 'normal' })
  const handler = enrollmentHandler(store, cache)
  const commands = workloadCommands(offerings)
  const start = performance.now()
  for (const command of commands) await handleOrThrow(handler, command)
  const seconds = secondsSince(start)
  await store.close()
  return { units: commands.length, seconds }
}

/** Reads back every command's append from a file our run wrote, in commit order. */
const captureCommands = (file: string): readonly CapturedCommand[] => {
  const db = openDatabase(file)
  const rows = db.prepare<EventsRow>(
    'SELECT stream_name, category, revision, event_id, type, data, metadata FROM events ORDER BY position',
  )
  const commands: (CapturedCommand & { readonly events: StoredRow[]; readonly decided: { events: DecidedEvent[] } })[] =
    []
  let lastCommandId: string | undefined
  for (const row of rows.iterate()) {
    const decoded = EventMetadata.decode(JSON.parse(row.metadata))
    if (E.isLeft(decoded)) throw new Error(`${row.stream_name}@${row.revision}: metadata does not decode`)
    const metadata = decoded.right
    const event = { eventId: row.event_id, type: row.type, data: row.data, metadata: row.metadata }
    const decidedEvent = {
      type: row.type,
      schemaVersion: metadata.schemaVersion,
      data: JSON.parse(row.data) as unknown,
    }
    const current = commands[commands.length - 1]
    if (current !== undefined && metadata.commandId === lastCommandId) {
      current.events.push(event)
      current.decided.events.push(decidedEvent)
    } else {
      const where = { streamName: row.stream_name, category: row.category, firstRevision: row.revision }
      const { commandId, correlationId, causationId, actor, occurredAt } = metadata
      commands.push({
        ...where,
        events: [event],
        decided: { ...where, commandId, correlationId, causationId, actor, occurredAt, events: [decidedEvent] },
      })
    }
    lastCommandId = metadata.commandId
  }
  db.close()
  return commands
}

/**
 * The baseline: per command, BEGIN IMMEDIATE, read the stream's rows and JSON.parse them (a hand-written program
 * folds them), check the next revision, insert the events, COMMIT. No decoding, hashing or metadata building.
 */
const runBaseline = async (file: string, mode: SyncMode, commands: readonly CapturedCommand[]): Promise<Timed> => {
  const events = await openBaselineEventsFile(file, mode)
  let parsed = 0
  const start = performance.now()
  for (const command of commands)
    events.inTransaction(() => {
      let head = -1
      for (const row of events.readStream(command.streamName)) {
        if (JSON.parse(row.data) !== null && JSON.parse(row.metadata) !== null) parsed++
        head = row.revision
      }
      if (head + 1 !== command.firstRevision) throw new Error(`${command.streamName}: unexpected revision ${head}`)
      command.events.forEach((event, i) => {
        const { eventId, type, data, metadata } = event
        events.insert(command.streamName, command.category, head + 1 + i, eventId, type, data, metadata)
      })
    })
  const seconds = secondsSince(start)
  events.close()
  if (parsed === 0 && commands.length > 1) throw new Error('the baseline read nothing')
  return { units: commands.length, seconds }
}

/** A digest of every event row of a file, to prove both sides wrote the same rows. */
const digestOf = (file: string): string => {
  const db = openDatabase(file)
  const hash = createHash('sha256')
  const rows = db.prepare<EventsRow>(
    'SELECT stream_name, category, revision, event_id, type, data, metadata FROM events ORDER BY position',
  )
  for (const row of rows.iterate()) hash.update(JSON.stringify(row))
  db.close()
  return hash.digest('hex')
}

/**
 * Which hand-written program ours is compared with: `rows` inserts the exact rows our run stored (SQLite's work
 * alone; the target's baseline), `computed` computes them (ids, hash chain, metadata, JSON) as it goes.
 */
export type BaselineKind = 'rows' | 'computed'

/** What the command-handling benchmark is run with. */
export interface CommandBenchOptions {
  readonly offerings: number
  readonly rounds: number
  readonly mode: SyncMode
  /** Whether our handler keeps a state cache (`stateCache()`), so each command reads only its stream's tail. */
  readonly cache: boolean
  readonly baseline: BaselineKind
  /** The store our side is timed on (default `sqlite`); the baseline always runs on SQLite in `mode`. */
  readonly on?: OurStore
  /** Where its database files go (deleted after each run). */
  readonly dir: string
  readonly progress: (line: string) => void
}

/** The command-handling benchmark's result: commands per second of each side, per round. */
export interface CommandBenchResult {
  readonly mode: SyncMode
  readonly cache: boolean
  readonly baseline: BaselineKind
  readonly on: OurStore
  readonly offerings: number
  readonly commands: number
  readonly rounds: Rounds
}

const warmUpOfferings = 50

/** The benchmark's name in progress lines and the table: `command handling, NORMAL, state cache`. */
export const commandBenchTitle = (options: Pick<CommandBenchOptions, 'mode' | 'cache' | 'baseline' | 'on'>): string =>
  `command handling, ${options.mode}${options.cache ? ', state cache' : ''}${options.baseline === 'computed' ? ', vs computing baseline' : ''}${options.on === 'memory' ? ', ours in memory (no storage)' : ''}`

/**
 * Runs the command-handling benchmark in one durability mode: a small warm-up of both sides, then `rounds` rounds
 * alternating ours and the baseline on fresh files, checking once that both wrote identical rows.
 */
export const commandHandlingBench = async (options: CommandBenchOptions): Promise<CommandBenchResult> => {
  const { offerings, mode, cache, dir, progress } = options
  const on = options.on ?? 'sqlite'
  const fileOf = (name: string): string => join(dir, `commands-${mode}-${name}.sqlite`)
  const title = commandBenchTitle(options)
  const runTheBaseline = (file: string, commands: readonly CapturedCommand[]): Promise<Timed> =>
    options.baseline === 'rows'
      ? runBaseline(file, mode, commands)
      : runComputingBaseline(
          file,
          mode,
          commands.map(command => command.decided),
        )
  progress(`${title}: warming up (${warmUpOfferings} offerings per side)`)
  await runOurs(fileOf('warm-ours'), mode, warmUpOfferings, cache)
  if (on === 'memory') await runOurs(fileOf('warm-ours'), mode, warmUpOfferings, cache, on)
  await runTheBaseline(fileOf('warm-baseline'), captureCommands(fileOf('warm-ours')))
  for (const name of ['warm-ours', 'warm-baseline']) removeDatabaseFiles(fileOf(name))

  let captured: readonly CapturedCommand[] | undefined
  let oursDigest: string | undefined
  const ours = async (round: number): Promise<Timed> => {
    const file = fileOf(`ours-${round}`)
    // The baseline inserts the rows of a run on SQLite: in memory, that run comes first, untimed.
    if (on === 'memory' && captured === undefined) await runOurs(file, mode, offerings, cache)
    const timed = await runOurs(file, mode, offerings, cache, on)
    if (captured === undefined) {
      captured = captureCommands(file)
      oursDigest = digestOf(file)
    }
    removeDatabaseFiles(file)
    return timed
  }
  const baseline = async (round: number): Promise<Timed> => {
    if (captured === undefined) throw new Error('the baseline needs the rows of a run of ours first')
    const file = fileOf(`baseline-${round}`)
    const timed = await runTheBaseline(file, captured)
    if (round === 1 && digestOf(file) !== oursDigest) throw new Error('the baseline wrote other rows than ours')
    removeDatabaseFiles(file)
    return timed
  }
  progress(`${title}: ${offerings} offerings × ${commandsPerOffering} commands per side and round`)
  const rounds = await alternate(options.rounds, ours, baseline, progress)
  return { mode, cache, baseline: options.baseline, on, offerings, commands: offerings * commandsPerOffering, rounds }
}
