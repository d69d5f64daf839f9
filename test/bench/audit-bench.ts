// Benchmark 6: `audit` over a long SQLite history whose every chain verifies, against better-sqlite3 `iterate()` +
// JSON.parse of the same rows; each side in a child process of its own, for its peak RSS. Ours is also run once on a
// tenth of the history, for how its peak RSS grows with the history.
import { join } from 'node:path'
import { writeAuditHistory } from './audit-data.js'
import { benchChainKeys } from './enrollment-workload.js'
import { runSideInChild } from './child-side.js'
import { alternate, formatCount, type Rounds, secondsSince, type Timed } from './measure.js'
import { ReplayReport } from './read-fold-report.js'
import { removeDatabaseFiles } from './sqlite-store.js'

const childScript = join(import.meta.dirname, 'audit-child.ts')

const runChild = (side: 'ours' | 'ours-keyed' | 'baseline', file: string): Promise<ReplayReport> =>
  runSideInChild(childScript, [side, file], ReplayReport, `the ${side} side`)

/** What the audit benchmark is run with. */
export interface AuditBenchOptions {
  readonly events: number
  readonly rounds: number
  readonly dir: string
  readonly progress: (line: string) => void
}

/** Events per second of each side per round, each side's peak RSS, and ours' peak on a tenth of the history. */
export interface AuditBenchResult {
  readonly events: number
  readonly setupSeconds: number
  readonly rounds: Rounds
  readonly maxRssBytes: { readonly ours: readonly number[]; readonly baseline: readonly number[] }
  /** Ours' peak RSS auditing a history a tenth as long. */
  readonly tenthRssBytes: number
}

export const auditBench = async (options: AuditBenchOptions): Promise<AuditBenchResult> => {
  const { events, dir, progress } = options
  const file = join(dir, 'audit-history.sqlite')
  const tenth = join(dir, 'audit-history-tenth.sqlite')
  progress(`audit: writing a history of ${formatCount(events)} events whose every chain verifies`)
  const setupStart = performance.now()
  await writeAuditHistory(file, events, progress)
  await writeAuditHistory(tenth, Math.round(events / 10), () => undefined)
  const setupSeconds = secondsSince(setupStart)
  const rss: { ours: number[]; baseline: number[] } = { ours: [], baseline: [] }
  const side = (name: 'ours' | 'baseline') => async (): Promise<Timed> => {
    const report = await runChild(name, file)
    if (report.events !== events) throw new Error(`${name} read ${report.events} of ${events} events`)
    if (name === 'ours' && report.started !== 0) throw new Error(`our audit found ${report.started} findings, not none`)
    rss[name].push(report.maxRssBytes)
    return { units: report.events, seconds: report.seconds }
  }
  try {
    await runChild('baseline', file)
    const rounds = await alternate(options.rounds, side('ours'), side('baseline'), progress)
    const small = await runChild('ours', tenth)
    return { events, setupSeconds, rounds, maxRssBytes: rss, tenthRssBytes: small.maxRssBytes }
  } finally {
    removeDatabaseFiles(file)
    removeDatabaseFiles(tenth)
  }
}

/** Events per second of the keyed audit and the unkeyed one over the same keyed history, per round. */
export interface KeyedAuditBenchResult {
  readonly events: number
  readonly rounds: Rounds
  readonly maxRssBytes: { readonly ours: readonly number[]; readonly baseline: readonly number[] }
}

/**
 * What the keyed chain costs an audit: `audit` with the chain's keyring (every MAC verified) against `audit` without
 * it, over the same history written with MACs, each side in a child process of its own, alternating.
 */
export const keyedAuditBench = async (options: AuditBenchOptions): Promise<KeyedAuditBenchResult> => {
  const { events, dir, progress } = options
  const file = join(dir, 'audit-history-keyed.sqlite')
  progress(`audit, keyed chain vs unkeyed: writing a history of ${formatCount(events)} events, each with its MAC`)
  await writeAuditHistory(file, events, progress, benchChainKeys)
  const rss: { ours: number[]; baseline: number[] } = { ours: [], baseline: [] }
  const side = (name: 'ours-keyed' | 'ours') => async (): Promise<Timed> => {
    const report = await runChild(name, file)
    if (report.events !== events) throw new Error(`${name} read ${report.events} of ${events} events`)
    if (report.started !== 0) throw new Error(`${name} found ${report.started} findings, not none`)
    rss[name === 'ours' ? 'baseline' : 'ours'].push(report.maxRssBytes)
    return { units: report.events, seconds: report.seconds }
  }
  try {
    await runChild('ours', file)
    const rounds = await alternate(options.rounds, side('ours-keyed'), side('ours'), progress)
    return { events, rounds, maxRssBytes: rss }
  } finally {
    removeDatabaseFiles(file)
  }
}
