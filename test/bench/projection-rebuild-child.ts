// One side of the rebuild benchmark, in a process of its own so its peak RSS is its own:
// `projection-rebuild-child.ts ours|baseline HISTORY OUT` rebuilds the offering rosters of the history and sends
// what it did to the parent. Ours writes them to the SQLite read-model file OUT; the baseline, once timed, writes its
// documents to OUT as a dump (one canonical JSON line per document, in key order) for the parent to compare.
import { writeFileSync } from 'node:fs'
import * as E from 'fp-ts/lib/Either.js'
import { canonicalJson } from '@pembina/core'
import { compareCodePoints, offeringRosterProjection, startProjector } from '@pembina/projections'
import { sqliteReadModelStore } from '@pembina/sqlite'
import { openDatabase } from './better-sqlite3.js'
import { secondsSince } from './measure.js'
import type { RebuildReport } from './projection-rebuild-report.js'
import { applyToRosters, type Roster } from './roster-baseline.js'
import { sqliteEventStore } from './sqlite-store.js'

type Measured = Omit<RebuildReport, 'maxRssBytes'>

/** Ours: the offering-rosters projection rebuilt from the SQLite event store into a fresh SQLite read-model file. */
const rebuildOurs = async (history: string, out: string): Promise<Measured> => {
  const events = sqliteEventStore({ path: history })
  const readModels = sqliteReadModelStore({ path: out })
  const start = performance.now()
  const done = await startProjector({ events, readModels, projection: offeringRosterProjection, live: false }).done
  const seconds = secondsSince(start)
  await events.close()
  await readModels.close()
  return { events: done.events, seconds }
}

/** The baseline: the same rows in global order through better-sqlite3 `iterate()`, JSON.parse and the rosters by hand. */
const rebuildBaseline = (history: string): Measured & { readonly rosters: Map<string, Roster> } => {
  const db = openDatabase(history)
  const rows = db.prepare<{ readonly type: string; readonly data: string }>(
    'SELECT type, data FROM events ORDER BY position',
  )
  const rosters = new Map<string, Roster>()
  let events = 0
  const start = performance.now()
  for (const row of rows.iterate()) {
    // Unchecked, as a program without the library would take it: the history was written by the handler.
    applyToRosters(rosters, row.type, JSON.parse(row.data) as Parameters<typeof applyToRosters>[2])
    events++
  }
  const seconds = secondsSince(start)
  db.close()
  return { events, seconds, rosters }
}

/** Writes documents as the dump the parent compares: `[key, doc]` in canonical JSON, one line each, in key order (SQLite's). */
const writeDump = (file: string, rosters: ReadonlyMap<string, Roster>): void => {
  const lines = [...rosters.keys()].sort(compareCodePoints).map(key => {
    const line = canonicalJson([key, rosters.get(key)])
    if (E.isLeft(line)) throw new Error(`roster ${key} is not JSON`)
    return line.right
  })
  writeFileSync(file, lines.length === 0 ? '' : `${lines.join('\n')}\n`)
}

const [side, history, out] = process.argv.slice(2)
if (history === undefined || out === undefined || (side !== 'ours' && side !== 'baseline'))
  throw new Error('usage: projection-rebuild-child.ts ours|baseline HISTORY OUT')
let report: RebuildReport
if (side === 'ours') {
  const measured = await rebuildOurs(history, out)
  // ru_maxrss: the kernel's record of this process's peak resident set, in kilobytes.
  report = { ...measured, maxRssBytes: process.resourceUsage().maxRSS * 1024 }
} else {
  const { rosters, ...measured } = rebuildBaseline(history)
  // Read before the dump is written: the dump is the benchmark's check, not the baseline's work.
  report = { ...measured, maxRssBytes: process.resourceUsage().maxRSS * 1024 }
  writeDump(out, rosters)
}
if (process.send === undefined) console.log(JSON.stringify(report))
else
  process.send(report, () => {
    process.disconnect()
  })
