// Benchmark 4: a rebuild of the offering-rosters read model from the SQLite event store into the SQLite read-model
// store through the projection engine, against a hand-written single pass computing the same documents in memory from
// the same rows; each side in a child process of its own, for its RSS. The documents of both must be equal.
import { fork } from 'node:child_process'
import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { canonicalJson } from '@pembina/core'
import { offeringRosterProjection } from '@pembina/projections'
import { openDatabase } from './better-sqlite3.js'
import { alternate, formatCount, type Rounds, secondsSince, type Timed } from './measure.js'
import { RebuildReport } from './projection-rebuild-report.js'
import { writeHistory } from './read-fold-data.js'
import { removeDatabaseFiles } from './sqlite-store.js'

const childScript = join(import.meta.dirname, 'projection-rebuild-child.ts')

/** Runs one side in a child process (with this process's loader flags, so TypeScript runs) and returns its report. */
const rebuildInChild = (side: 'ours' | 'baseline', history: string, out: string): Promise<RebuildReport> =>
  new Promise((resolve, reject) => {
    const child = fork(childScript, [side, history, out], { execArgv: process.execArgv, stdio: 'inherit' })
    let report: RebuildReport | undefined
    child.on('message', (message: unknown) => {
      const decoded = RebuildReport.decode(message)
      if (E.isRight(decoded)) report = decoded.right
    })
    child.on('error', reject)
    child.on('exit', code => {
      if (code === 0 && report !== undefined) resolve(report)
      else reject(new Error(`the ${side} rebuild exited with ${String(code)} and ${report ? 'a' : 'no'} report`))
    })
  })

/** The SHA-256 of the dump of a read-model file's offering rosters, read row by row in key order, and their count. */
const dumpOfReadModels = (file: string): { readonly sha256: string; readonly documents: number } => {
  const db = openDatabase(file)
  try {
    const rows = db.prepare<{ readonly key: string; readonly doc: string }>(
      'SELECT key, doc FROM read_model_documents WHERE projection = ? AND version = ? ORDER BY key',
    )
    const hash = createHash('sha256')
    let documents = 0
    for (const row of rows.iterate(offeringRosterProjection.name, offeringRosterProjection.version)) {
      const line = canonicalJson([row.key, JSON.parse(row.doc)])
      if (E.isLeft(line)) throw new Error(`document ${row.key} is not JSON`)
      hash.update(`${line.right}\n`)
      documents++
    }
    return { sha256: hash.digest('hex'), documents }
  } finally {
    db.close()
  }
}

/** The SHA-256 of a dump file and its number of lines, read as a stream. */
const dumpOfFile = async (file: string): Promise<{ readonly sha256: string; readonly documents: number }> => {
  const hash = createHash('sha256')
  let documents = 0
  for await (const chunk of createReadStream(file)) {
    if (!(chunk instanceof Buffer)) throw new Error('a file stream gave text, not bytes')
    hash.update(chunk)
    for (const byte of chunk) if (byte === 0x0a) documents++
  }
  return { sha256: hash.digest('hex'), documents }
}

/** What the rebuild benchmark is run with. */
export interface ProjectionRebuildBenchOptions {
  readonly events: number
  readonly rounds: number
  /** Where the history, read-model and dump files go (deleted at the end). */
  readonly dir: string
  readonly progress: (line: string) => void
}

/** The rebuild benchmark's result: events per second of each side per round, and each side's peak RSS per round. */
export interface ProjectionRebuildBenchResult {
  readonly events: number
  readonly rounds: Rounds
  readonly maxRssBytes: Rounds
}

/**
 * Writes the history once, then alternates ours and the baseline for `rounds` rounds, each in a fresh process (ours
 * into a fresh read-model file), checking that both applied every event and, after the first round, that our read
 * model and the baseline's documents are the same, byte for byte.
 */
export const projectionRebuildBench = async (
  options: ProjectionRebuildBenchOptions,
): Promise<ProjectionRebuildBenchResult> => {
  const { events, dir, progress } = options
  const history = join(dir, 'rebuild-history.sqlite')
  const baselineDump = join(dir, 'rebuild-baseline.dump')
  const oursFile = (round: number): string => join(dir, `rebuild-read-models-${round}.sqlite`)
  progress(`projection rebuild: writing a history of ${formatCount(events)} events`)
  const setupStart = performance.now()
  await writeHistory(history, events, progress)
  progress(`  history written in ${secondsSince(setupStart).toFixed(1)} s`)
  const rss: { ours: number[]; baseline: number[] } = { ours: [], baseline: [] }
  const check = (side: string, report: RebuildReport): void => {
    if (report.events !== events) throw new Error(`${side} applied ${report.events} of ${events} events`)
  }
  const ours = async (round: number): Promise<Timed> => {
    const out = oursFile(round)
    removeDatabaseFiles(out)
    try {
      const report = await rebuildInChild('ours', history, out)
      check('ours', report)
      rss.ours.push(report.maxRssBytes)
      if (round === 1) {
        const [mine, theirs] = [dumpOfReadModels(out), await dumpOfFile(baselineDump)]
        if (mine.documents === 0 || mine.sha256 !== theirs.sha256 || mine.documents !== theirs.documents)
          throw new Error(
            `our read model (${mine.documents} documents, sha256 ${mine.sha256}) differs from the baseline's documents (${theirs.documents}, sha256 ${theirs.sha256})`,
          )
        progress(`  the ${formatCount(mine.documents)} rosters of both sides are equal, byte for byte`)
      }
      return { units: report.events, seconds: report.seconds }
    } finally {
      removeDatabaseFiles(out)
    }
  }
  const baseline = async (): Promise<Timed> => {
    const report = await rebuildInChild('baseline', history, baselineDump)
    check('the baseline', report)
    rss.baseline.push(report.maxRssBytes)
    return { units: report.events, seconds: report.seconds }
  }
  try {
    progress('  warming the page cache (one baseline rebuild, not counted)')
    await rebuildInChild('baseline', history, baselineDump)
    const rounds = await alternate(options.rounds, ours, baseline, progress)
    return { events, rounds, maxRssBytes: rss }
  } finally {
    removeDatabaseFiles(history)
    removeDatabaseFiles(baselineDump)
  }
}
