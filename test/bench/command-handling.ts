// Benchmark 1: enrollment commands through `commandHandler` on `sqliteEventStore`, against a hand-written
// better-sqlite3 program doing the same reads and inserts, one BEGIN IMMEDIATE transaction per command; and in
// memory, through our handler on `inMemoryEventStore` against Emmett's. Each side of each round runs in a child
// process of its own (`command-handling-child.ts`), for its peak RSS.
import { fork } from 'node:child_process'
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { repositoryRoot, type SyncMode } from './better-sqlite3.js'
import { type CommandRun, CommandRunReport, type StoredSummary } from './command-run.js'
import { commandsPerOffering } from './enrollment-workload.js'
import { alternate, type Rounds, type Timed } from './measure.js'
import { digestOf } from './our-rows.js'
import { removeDatabaseFiles } from './sqlite-store.js'

const childScript = join(import.meta.dirname, 'command-handling-child.ts')

// The flags `pnpm bench` runs with, spelled out rather than taken from process.execArgv, so the child also starts
// under vitest (whose workers run without tsx's loader).
const childExecArgv = ['--conditions=@pembina/source', '--import', 'tsx']

/** Runs one side of one round in a child process, from the repository root (where `tsx` resolves). */
const runInChild = (run: CommandRun): Promise<CommandRunReport> =>
  new Promise((resolve, reject) => {
    const options = { execArgv: childExecArgv, cwd: repositoryRoot, stdio: 'inherit' } as const
    const child = fork(childScript, [JSON.stringify(run)], options)
    let report: CommandRunReport | undefined
    child.on('message', (message: unknown) => {
      const decoded = CommandRunReport.decode(message)
      if (E.isRight(decoded)) report = decoded.right
    })
    child.on('error', reject)
    child.on('exit', code => {
      if (code === 0 && report !== undefined) resolve(report)
      else reject(new Error(`the ${run.side} side exited with ${String(code)} and ${report ? 'a' : 'no'} report`))
    })
  })

/**
 * Which store our handler runs on: `sqlite`, the benchmark itself; `memory`, the in-memory store, which leaves the
 * library's own cost per command (decoding, folding, deciding, ids, hash chain, metadata) with no storage under it.
 */
export type OurStore = 'sqlite' | 'memory'

/**
 * What ours is compared with: `rows`, a hand-written program inserting the exact rows our run stored (SQLite's work
 * alone; the target's baseline); `computed`, the same computing them (ids, hash chain, metadata, JSON) as it goes;
 * `emmett`, Emmett 0.38.5's `DeciderCommandHandler` on its in-memory store (with ours in memory); `unverified`, our
 * own handler without `verifyOnLoad`, while ours verifies the hash chain of every event it folds (its cost alone);
 * `unkeyed`, our own handler with `verifyOnLoad`, while ours also keys the chain (`chainKeys`: a MAC written with every
 * event and verified with every event folded; the keyed chain's cost alone).
 */
export type BaselineKind = 'rows' | 'computed' | 'emmett' | 'unverified' | 'unkeyed'

/** What the command-handling benchmark is run with. */
export interface CommandBenchOptions {
  readonly offerings: number
  readonly rounds: number
  /** The SQLite durability of every side on SQLite (the Emmett row touches no disk and ignores it). */
  readonly mode: SyncMode
  /** Whether our handler keeps a state cache (`stateCache()`), so each command reads only its stream's tail. */
  readonly cache: boolean
  readonly baseline: BaselineKind
  /** The store our side is timed on (default `sqlite`); the SQLite baselines always run on SQLite in `mode`. */
  readonly on?: OurStore
  /**
   * Offerings each side handles in its own process, untimed, before its timed run; by default as many as it times:
   * a fresh process reaches its steady speed only after about one whole run (its JIT and its heap's sizing).
   */
  readonly warmUpOfferings?: number
  /** Where its database files go (deleted after each run). */
  readonly dir: string
  readonly progress: (line: string) => void
}

/** The command-handling benchmark's result: commands per second and peak RSS of each side, per round. */
export interface CommandBenchResult {
  readonly mode: SyncMode
  readonly cache: boolean
  readonly baseline: BaselineKind
  readonly on: OurStore
  readonly offerings: number
  readonly commands: number
  readonly rounds: Rounds
  readonly maxRssBytes: Rounds
  /** What each in-memory store held after its first round (the Emmett row only). */
  readonly stored?: { readonly ours: StoredSummary; readonly baseline: StoredSummary }
}

/** The benchmark's name in progress lines and the table: `command handling, NORMAL, state cache`. */
export const commandBenchTitle = (options: Pick<CommandBenchOptions, 'mode' | 'cache' | 'baseline' | 'on'>): string =>
  options.baseline === 'emmett'
    ? 'command handling in memory, ours vs Emmett 0.38.5'
    : options.baseline === 'unverified'
      ? `command handling, ${options.mode}${options.cache ? ', state cache' : ''}, verifyOnLoad vs without`
      : options.baseline === 'unkeyed'
        ? `command handling, ${options.mode}${options.cache ? ', state cache' : ''}, verifyOnLoad, keyed chain vs unkeyed`
        : `command handling, ${options.mode}${options.cache ? ', state cache' : ''}${options.baseline === 'computed' ? ', vs computing baseline' : ''}${options.on === 'memory' ? ', ours in memory (no storage)' : ''}`

/**
 * Runs the command-handling benchmark: `rounds` rounds alternating ours and the baseline, each side in a fresh process
 * on a fresh store or file. The SQLite baselines replay the appends of a run of ours (its first round on SQLite, or an
 * untimed run on SQLite when ours is in memory), and the benchmark checks once that they wrote exactly its rows; ours
 * in memory and Emmett must hold the same events in every round.
 */
export const commandHandlingBench = async (options: CommandBenchOptions): Promise<CommandBenchResult> => {
  const { offerings, mode, cache, dir, progress } = options
  const on = options.on ?? 'sqlite'
  const warmUpOfferings = options.warmUpOfferings ?? offerings
  const fileOf = (name: string): string => join(dir, `commands-${mode}-${name}.sqlite`)
  const title = commandBenchTitle(options)
  const reference = fileOf('reference')
  let referenceDigest: string | undefined
  const writeReference = async (): Promise<void> => {
    await runInChild({ side: 'ours', on: 'sqlite', mode, cache, offerings, warmUpOfferings: 0, file: reference })
    referenceDigest = digestOf(reference)
  }
  const firstStored: { ours?: StoredSummary; baseline?: StoredSummary } = {}
  // Both in-memory sides must hold every event, each stream the same types in the same order, in every round.
  const checkStored = (side: 'ours' | 'baseline', stored: StoredSummary | null): void => {
    if (options.baseline !== 'emmett') return
    const name = side === 'ours' ? 'ours' : 'Emmett'
    const expected = offerings * commandsPerOffering
    if (stored === null || stored.events !== expected)
      throw new Error(`${name}'s store holds ${String(stored?.events)} events, not ${expected}`)
    firstStored[side] ??= stored
    const first = firstStored.ours ?? firstStored.baseline
    if (stored.typesSha256 !== first?.typesSha256) throw new Error(`${name}'s streams hold other event types`)
  }
  const rss: { ours: number[]; baseline: number[] } = { ours: [], baseline: [] }

  const ours = async (round: number): Promise<Timed> => {
    // The SQLite baselines insert the rows of a run of ours on SQLite: in memory, that run comes first, untimed.
    if (on === 'memory' && options.baseline !== 'emmett' && referenceDigest === undefined) await writeReference()
    const keep = on === 'sqlite' && referenceDigest === undefined
    const file = keep ? reference : fileOf(`ours-${round}`)
    const verifyOnLoad = options.baseline === 'unverified' || options.baseline === 'unkeyed'
    const chainKeyed = options.baseline === 'unkeyed'
    const report = await runInChild({
      ...{ side: 'ours', on, mode, cache, offerings, warmUpOfferings, file },
      ...{ verifyOnLoad, chainKeyed },
    })
    checkStored('ours', report.stored)
    if (keep) referenceDigest = digestOf(reference)
    else removeDatabaseFiles(file)
    rss.ours.push(report.maxRssBytes)
    return { units: report.commands, seconds: report.seconds }
  }
  const baseline = async (round: number): Promise<Timed> => {
    if (options.baseline === 'emmett') {
      const report = await runInChild({ side: 'emmett', offerings, warmUpOfferings })
      checkStored('baseline', report.stored)
      rss.baseline.push(report.maxRssBytes)
      return { units: report.commands, seconds: report.seconds }
    }
    if (options.baseline === 'unverified') {
      const file = fileOf(`unverified-${round}`)
      const report = await runInChild({ side: 'ours', on, mode, cache, offerings, warmUpOfferings, file })
      // Verifying changes nothing written: the same rows as ours.
      if (round === 1 && digestOf(file) !== referenceDigest)
        throw new Error('without verifying, other rows were written')
      removeDatabaseFiles(file)
      rss.baseline.push(report.maxRssBytes)
      return { units: report.commands, seconds: report.seconds }
    }
    if (options.baseline === 'unkeyed') {
      // The same handler verifying on load without a key: other rows than ours (no MACs), so none are compared.
      const file = fileOf(`unkeyed-${round}`)
      const report = await runInChild({
        ...{ side: 'ours', on, mode, cache, offerings, warmUpOfferings, file },
        verifyOnLoad: true,
      })
      removeDatabaseFiles(file)
      rss.baseline.push(report.maxRssBytes)
      return { units: report.commands, seconds: report.seconds }
    }
    if (referenceDigest === undefined) throw new Error('the baseline needs the rows of a run of ours first')
    const file = fileOf(`baseline-${round}`)
    const report = await runInChild({ side: options.baseline, mode, warmUpOfferings, reference, file })
    if (round === 1 && digestOf(file) !== referenceDigest) throw new Error('the baseline wrote other rows than ours')
    removeDatabaseFiles(file)
    rss.baseline.push(report.maxRssBytes)
    return { units: report.commands, seconds: report.seconds }
  }
  progress(
    `${title}: ${offerings} offerings × ${commandsPerOffering} commands per side and round, each side in a process of its own after ${warmUpOfferings} offerings of warm-up`,
  )
  try {
    const rounds = await alternate(options.rounds, ours, baseline, progress)
    const commands = offerings * commandsPerOffering
    const { ours: oursStored, baseline: baselineStored } = firstStored
    return {
      ...{ mode, cache, baseline: options.baseline, on, offerings, commands, rounds, maxRssBytes: rss },
      ...(oursStored && baselineStored ? { stored: { ours: oursStored, baseline: baselineStored } } : {}),
    }
  } finally {
    removeDatabaseFiles(reference)
  }
}
