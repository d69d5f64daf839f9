// Benchmark 5: the reactor crediting completed places on SQLite, against the competency handler fed the same commands
// in a loop; each side in a child process of its own, for its peak RSS, on a fresh copy of the same history.
import { copyFileSync } from 'node:fs'
import { join } from 'node:path'
import { runSideInChild } from './child-side.js'
import { alternate, formatCount, type Rounds, secondsSince, type Timed } from './measure.js'
import { writeReactorHistory } from './reactor-data.js'
import { ReactorSideReport } from './reactor-report.js'
import { removeDatabaseFiles } from './sqlite-store.js'

const childScript = join(import.meta.dirname, 'reactor-child.ts')

const runChild = (side: 'ours' | 'baseline', file: string): Promise<ReactorSideReport> =>
  runSideInChild(childScript, [side, file], ReactorSideReport, `the ${side} side`)

/** What the reactor benchmark is run with. */
export interface ReactorBenchOptions {
  /** Completed places, one credit command each. */
  readonly places: number
  /** Registered profiles the places are spread over. */
  readonly profiles: number
  readonly rounds: number
  readonly dir: string
  readonly progress: (line: string) => void
}

/** Commands per second of each side per round, and each side's peak RSS per round. */
export interface ReactorBenchResult {
  readonly places: number
  readonly profiles: number
  readonly setupSeconds: number
  readonly rounds: Rounds
  readonly maxRssBytes: { readonly ours: readonly number[]; readonly baseline: readonly number[] }
}

/**
 * Writes the history once, then alternates ours and the baseline, each on a fresh copy of it, checking that both
 * credited every place and parked nothing.
 */
export const reactorBench = async (options: ReactorBenchOptions): Promise<ReactorBenchResult> => {
  const { places, profiles, dir, progress } = options
  // An offering's 30 places go to 30 consecutive profiles, which are 30 different ASN only if there are 30 or more.
  if (profiles < 30) throw new RangeError(`the reactor benchmark needs at least 30 profiles, not ${profiles}`)
  const template = join(dir, 'reactor-history.sqlite')
  progress(
    `reactor: completing ${formatCount(places)} places of ${formatCount(profiles)} ASN through the enrollment handler`,
  )
  const setupStart = performance.now()
  await writeReactorHistory(template, places, profiles, progress)
  const setupSeconds = secondsSince(setupStart)
  progress(`  history written in ${setupSeconds.toFixed(1)} s`)
  const rss: { ours: number[]; baseline: number[] } = { ours: [], baseline: [] }
  let copies = 0
  const side = (name: 'ours' | 'baseline') => async (): Promise<Timed> => {
    const file = join(dir, `reactor-${name}-${++copies}.sqlite`)
    copyFileSync(template, file)
    try {
      const report = await runChild(name, file)
      if (report.commands !== places || report.parked !== 0)
        throw new Error(`${name} credited ${report.commands} of ${places} places and parked ${report.parked}`)
      rss[name].push(report.maxRssBytes)
      return { units: report.commands, seconds: report.seconds }
    } finally {
      removeDatabaseFiles(file)
    }
  }
  try {
    const rounds = await alternate(options.rounds, side('ours'), side('baseline'), progress)
    return { places, profiles, setupSeconds, rounds, maxRssBytes: rss }
  } finally {
    removeDatabaseFiles(template)
  }
}
