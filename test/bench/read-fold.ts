// Benchmark 2: read + decode + fold of a long history through our store, registry and decider, against
// better-sqlite3 `iterate()` + JSON.parse of the same rows; each side in a child process of its own, for its RSS.
import { join } from 'node:path'
import { runSideInChild } from './child-side.js'
import { commandsPerOffering } from './enrollment-workload.js'
import { alternate, formatCount, type Rounds, secondsSince, type Timed } from './measure.js'
import { writeHistory } from './read-fold-data.js'
import { ReplayReport } from './read-fold-report.js'
import { removeDatabaseFiles } from './sqlite-store.js'

const childScript = join(import.meta.dirname, 'read-fold-child.ts')

/** Runs one side in a child process and returns its report. */
const replayInChild = (side: 'ours' | 'baseline', file: string): Promise<ReplayReport> =>
  runSideInChild(childScript, [side, file], ReplayReport, `the ${side} replay`)

/** What the read benchmark is run with. */
export interface ReadBenchOptions {
  readonly events: number
  readonly rounds: number
  /** Where the history file goes (deleted at the end). */
  readonly dir: string
  readonly progress: (line: string) => void
}

/** The read benchmark's result: events per second of each side per round, and each side's peak RSS per round. */
export interface ReadBenchResult {
  readonly events: number
  readonly setupSeconds: number
  readonly rounds: Rounds
  readonly maxRssBytes: { readonly ours: readonly number[]; readonly baseline: readonly number[] }
}

/**
 * Writes the history once, then alternates ours and the baseline for `rounds` rounds, each in a fresh process,
 * checking that both replayed every event and that our fold saw every complete offering started.
 */
export const readFoldBench = async (options: ReadBenchOptions): Promise<ReadBenchResult> => {
  const { events, dir, progress } = options
  const file = join(dir, 'history.sqlite')
  progress(`read + decode + fold: writing a history of ${formatCount(events)} events`)
  const setupStart = performance.now()
  await writeHistory(file, events, progress)
  const setupSeconds = secondsSince(setupStart)
  progress(`  history written in ${setupSeconds.toFixed(1)} s`)
  const rss: { ours: number[]; baseline: number[] } = { ours: [], baseline: [] }
  const offerings = Math.floor(events / commandsPerOffering)
  const side = (name: 'ours' | 'baseline') => async (): Promise<Timed> => {
    const report = await replayInChild(name, file)
    if (report.events !== events) throw new Error(`${name} replayed ${report.events} of ${events} events`)
    if (name === 'ours' && report.started !== offerings)
      throw new Error(`our fold found ${report.started} of ${offerings} offerings started`)
    rss[name].push(report.maxRssBytes)
    return { units: report.events, seconds: report.seconds }
  }
  try {
    progress('  warming the page cache (one baseline replay, not counted)')
    await replayInChild('baseline', file)
    const rounds = await alternate(options.rounds, side('ours'), side('baseline'), progress)
    return { events, setupSeconds, rounds, maxRssBytes: rss }
  } finally {
    removeDatabaseFiles(file)
  }
}
