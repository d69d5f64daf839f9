// One side of one round of the command-handling benchmark, in a process of its own so its peak RSS is its own:
// `command-handling-child.ts RUN` (RUN: a `CommandRun` as JSON) warms the side up on a store or file of its own, then
// times the side on a fresh one and sends what it did to the parent. Only the timed run is in `seconds`: not the
// process start, the module loading or the warm-up.
import { createHash } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import { decodeWith, type EventStore, formatDecodeFailure, inMemoryEventStore } from '@pembina/core'
import type { SyncMode } from './better-sqlite3.js'
import { CommandRun, type CommandRunReport, type StoredSummary } from './command-run.js'
import { runComputingBaseline } from './computing-baseline.js'
import { emmettStore, emmettStreamTypes, handleWithEmmett } from './emmett-handler.js'
import { enrollmentHandler, handleOrThrow, offeringStream, workloadCommands } from './enrollment-workload.js'
import { secondsSince, type Timed } from './measure.js'
import { captureCommands } from './our-rows.js'
import { runRowsBaseline } from './rows-baseline.js'
import { removeDatabaseFiles, sqliteEventStore } from './sqlite-store.js'

// ru_maxrss: the kernel's record of this process's peak resident set, in kilobytes. Read as soon as the timed run
// ends, before the benchmark's own checks read the store back.
const peakRssBytes = (): number => process.resourceUsage().maxRSS * 1024

// The warm-up runs the same code as the timed run, in NORMAL whatever the row's mode: in FULL it would only add the
// time of its fsyncs.
const warmUpMode: SyncMode = 'NORMAL'

type OursRun = Extract<CommandRun, { readonly side: 'ours' }>
type BaselineRun = Extract<CommandRun, { readonly side: 'rows' | 'computed' }>

/** What a store holds, read back stream by stream through `typesOf`, for the parent to compare between sides. */
const summaryOf = async (
  offerings: number,
  typesOf: (streamName: string) => Promise<readonly string[]>,
): Promise<StoredSummary> => {
  const hash = createHash('sha256')
  let events = 0
  for (let index = 0; index < offerings; index++) {
    const name = offeringStream(index)
    const types = await typesOf(name)
    hash.update(`${name}:${types.join(',')}\n`)
    events += types.length
  }
  return { events, streams: offerings, typesSha256: hash.digest('hex') }
}

const ourStreamTypes =
  (store: EventStore) =>
  async (streamName: string): Promise<readonly string[]> => {
    const types: string[] = []
    for await (const record of store.readStream(streamName)) {
      if (record.kind === 'corrupt') throw new Error(`${streamName}: corrupt record, ${record.reason}`)
      types.push(record.type)
    }
    return types
  }

/** Ours: every command through `commandHandler` on a fresh store; in memory, what the store then holds. */
const runOurs = async (run: OursRun, offerings: number, file: string): Promise<CommandRunReport> => {
  const store =
    run.on === 'memory'
      ? inMemoryEventStore()
      : sqliteEventStore({ path: file, durability: run.mode === 'FULL' ? 'full' : 'normal' })
  const handler = enrollmentHandler(store, run.cache, run.verifyOnLoad ?? false, run.chainKeyed ?? false)
  const commands = workloadCommands(offerings)
  const start = performance.now()
  for (const command of commands) await handleOrThrow(handler, command)
  const seconds = secondsSince(start)
  const maxRssBytes = peakRssBytes()
  const stored = run.on === 'memory' ? await summaryOf(offerings, ourStreamTypes(store)) : null
  await store.close()
  return { commands: commands.length, seconds, maxRssBytes, stored }
}

/** Emmett: every command through its `DeciderCommandHandler` on a fresh in-memory store, and what it then holds. */
const runEmmett = async (offerings: number): Promise<CommandRunReport> => {
  const store = emmettStore()
  const commands = workloadCommands(offerings)
  const start = performance.now()
  for (const command of commands) await handleWithEmmett(store, command)
  const seconds = secondsSince(start)
  const maxRssBytes = peakRssBytes()
  const stored = await summaryOf(offerings, name => emmettStreamTypes(store, name))
  return { commands: commands.length, seconds, maxRssBytes, stored }
}

/** A baseline, warmed up on the appends of the first offerings' streams, then timed on all of them. */
const runBaseline = async (run: BaselineRun): Promise<CommandRunReport> => {
  const captured = captureCommands(run.reference)
  const warmStreams = new Set(Array.from({ length: run.warmUpOfferings }, (_, index) => offeringStream(index)))
  const replay = (file: string, mode: SyncMode, commands: typeof captured): Promise<Timed> =>
    run.side === 'rows'
      ? runRowsBaseline(file, mode, commands)
      : runComputingBaseline(
          file,
          mode,
          commands.map(command => command.decided),
        )
  const warmFile = `${run.file}-warm`
  await replay(
    warmFile,
    warmUpMode,
    captured.filter(command => warmStreams.has(command.streamName)),
  )
  removeDatabaseFiles(warmFile)
  const timed = await replay(run.file, run.mode, captured)
  return { commands: timed.units, seconds: timed.seconds, maxRssBytes: peakRssBytes(), stored: null }
}

const measure = async (run: CommandRun): Promise<CommandRunReport> => {
  switch (run.side) {
    case 'ours': {
      const warmFile = `${run.file}-warm`
      await runOurs({ ...run, mode: warmUpMode }, run.warmUpOfferings, warmFile)
      removeDatabaseFiles(warmFile)
      return runOurs(run, run.offerings, run.file)
    }
    case 'emmett':
      await runEmmett(run.warmUpOfferings)
      return runEmmett(run.offerings)
    default:
      return runBaseline(run)
  }
}

const decoded = decodeWith(CommandRun, 'RUN')(JSON.parse(process.argv[2] ?? 'null'))
if (E.isLeft(decoded)) throw new Error(`usage: command-handling-child.ts RUN\n${formatDecodeFailure(decoded.left)}`)
const report = await measure(decoded.right)
if (process.send === undefined) console.log(JSON.stringify(report))
else
  process.send(report, () => {
    process.disconnect()
  })
