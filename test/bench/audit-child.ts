// One side of the audit benchmark, in a process of its own so its peak RSS is its own:
// `audit-child.ts ours|baseline FILE` reads the file and sends what it did to the parent.
//   ours:     `audit` of @pembina/core over sqliteEventStore: every chain verified, every event decoded, the rules
//             across streams checked (the file holds none to break);
//   ours-keyed: the same, with the chain's keyring (`chainKeys`): every event's MAC verified too;
//   baseline: the same rows in the same order through better-sqlite3 `iterate()`, data and metadata JSON.parse-d.
import { audit, defaultPolicy } from '@pembina/core'
import { openDatabase } from './better-sqlite3.js'
import { benchChainKeys } from './enrollment-workload.js'
import { secondsSince } from './measure.js'
import type { ReplayReport } from './read-fold-report.js'
import { sqliteEventStore } from './sqlite-store.js'

const auditOurs = async (file: string, keyed = false): Promise<Omit<ReplayReport, 'maxRssBytes'>> => {
  const store = sqliteEventStore({ path: file })
  const start = performance.now()
  const running = audit(store, { config: defaultPolicy, ...(keyed ? { chainKeys: benchChainKeys } : {}) })
  let findings = 0
  for (;;) {
    const next = await running.next()
    if (next.done === true) {
      const seconds = secondsSince(start)
      await store.close()
      // `started` carries the findings: the benchmark requires none.
      return { events: next.value.records, streams: next.value.streams, started: findings, seconds }
    }
    findings++
  }
}

const readBaseline = (file: string): Omit<ReplayReport, 'maxRssBytes'> => {
  const db = openDatabase(file)
  const rows = db.prepare<{ readonly stream_name: string; readonly data: string; readonly metadata: string }>(
    'SELECT stream_name, revision, type, data, metadata FROM events ORDER BY position',
  )
  let events = 0
  const start = performance.now()
  for (const row of rows.iterate()) if (JSON.parse(row.data) !== null && JSON.parse(row.metadata) !== null) events++
  const seconds = secondsSince(start)
  db.close()
  return { events, streams: 0, started: 0, seconds }
}

const [side, file] = process.argv.slice(2)
if (file === undefined || (side !== 'ours' && side !== 'ours-keyed' && side !== 'baseline'))
  throw new Error('usage: audit-child.ts ours|ours-keyed|baseline FILE')
const done = side === 'baseline' ? readBaseline(file) : await auditOurs(file, side === 'ours-keyed')
// ru_maxrss: the kernel's record of this process's peak resident set, in kilobytes.
const report: ReplayReport = { ...done, maxRssBytes: process.resourceUsage().maxRSS * 1024 }
if (process.send === undefined) console.log(JSON.stringify(report))
else
  process.send(report, () => {
    process.disconnect()
  })
