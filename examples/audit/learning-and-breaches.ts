// An analyst's script on Pembina's replay and audit: open a store (an SQLite file, an EventStoreDB, or an export),
// verify its history, then read it as it stood at a date: learning hours by unit (a CSV a spreadsheet opens) and every
// complaint whose deadline was missed by then.
//
//   node --import tsx --conditions=@pembina/source examples/audit/learning-and-breaches.ts \
//     --store sqlite:pembina.db --as-of 2026-06-30 --out laporan
//
// writes laporan/learning-hours-by-unit.csv and laporan/complaint-breaches.csv, and prints what it found.
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import {
  defaultPolicy,
  type EventStore,
  incentiveEligibility,
  instant,
  minutesToJp,
  localDate,
  type PolicyConfig,
  replay,
  runAudit,
} from '@pembina/core'
import { openStore, parseStoreUrl, readConfig, writeCsv } from '@pembina/cli'

/** One unit's learning in the year of the date: how many ASN, how many at the minimum, JP credited. */
export interface UnitLearning {
  readonly unit: string
  readonly asn: number
  readonly atMinimum: number
  readonly eligible: number
  readonly creditedJp: number
  readonly meanJp: number
}

/** One missed complaint deadline as of the date. */
export interface Breach {
  readonly complaintId: string
  readonly unit: string
  readonly stage: string
  readonly dueAt: string
  readonly status: string
}

/** What the analysis found: whether the history verifies, learning by unit, the breaches. */
export interface Analysis {
  readonly asOf: string
  readonly verified: { readonly events: number; readonly streams: number; readonly findings: number }
  readonly learning: readonly UnitLearning[]
  readonly breaches: readonly Breach[]
}

const round1 = (n: number): number => Math.round(n * 10) / 10

/**
 * Verifies the store's history (hash chains, decoding, the rules across streams), then replays every competency
 * profile and complaint as it stood at the end of `asOf` (WIB): learning in that year by unit, and missed deadlines.
 */
export const analyse = async (store: EventStore, asOfDate: string, config: PolicyConfig): Promise<Analysis> => {
  const { summary } = await runAudit(store, { config })
  const asOf = instant(`${localDate(asOfDate)}T23:59:59+07:00`)
  const year = Number(asOfDate.slice(0, 4))
  const units = new Map<string, { asn: number; atMinimum: number; eligible: number; minutes: number }>()
  const breaches: Breach[] = []
  for await (const stream of replay(store, { config, asOf, categories: ['competency', 'complaint'] })) {
    if (stream.category === 'competency' && stream.state.status === 'registered') {
      const standing = incentiveEligibility(stream.state, year, config)
      const unit = units.get(stream.state.employment.unit) ?? { asn: 0, atMinimum: 0, eligible: 0, minutes: 0 }
      units.set(stream.state.employment.unit, {
        asn: unit.asn + 1,
        atMinimum: unit.atMinimum + (standing.creditedMinutes >= standing.minimumMinutes ? 1 : 0),
        eligible: unit.eligible + (standing.eligible ? 1 : 0),
        minutes: unit.minutes + standing.creditedMinutes,
      })
    }
    if (stream.category === 'complaint' && stream.state.status !== 'not-filed') {
      const complaint = stream.state
      for (const [stage, dueAt] of Object.entries(complaint.missed))
        breaches.push({
          complaintId: complaint.complaintId,
          unit: complaint.unit,
          stage,
          dueAt,
          status: complaint.status,
        })
    }
  }
  const learning = [...units.entries()]
    .map(([unit, { asn, atMinimum, eligible, minutes }]) => ({
      unit,
      asn,
      atMinimum,
      eligible,
      creditedJp: round1(minutesToJp(minutes)),
      meanJp: round1(minutesToJp(minutes) / asn),
    }))
    .sort((a, b) => a.unit.localeCompare(b.unit))
  breaches.sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.complaintId.localeCompare(b.complaintId))
  return {
    asOf,
    verified: { events: summary.records, streams: summary.streams, findings: summary.findings },
    learning,
    breaches,
  }
}

/** Writes the analysis as two CSV files in `dir`; returns their paths. */
export const writeAnalysis = (analysis: Analysis, dir: string): readonly string[] => {
  mkdirSync(dir, { recursive: true })
  const learningFile = join(dir, 'learning-hours-by-unit.csv')
  writeCsv(
    learningFile,
    analysis.learning.map(row => ({ ...row })),
    ['unit', 'asn', 'atMinimum', 'eligible', 'creditedJp', 'meanJp'],
  )
  const breachesFile = join(dir, 'complaint-breaches.csv')
  writeCsv(
    breachesFile,
    analysis.breaches.map(row => ({ ...row })),
    ['complaintId', 'unit', 'stage', 'dueAt', 'status'],
  )
  return [learningFile, breachesFile]
}

/** The script: `--store URL --as-of YYYY-MM-DD --out DIR [--config FILE]`. */
export const main = async (argv: readonly string[], out: (line: string) => void): Promise<number> => {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      store: { type: 'string', default: 'sqlite:pembina.db' },
      'as-of': { type: 'string' },
      out: { type: 'string', default: 'laporan' },
      config: { type: 'string' },
    },
  })
  const asOf = values['as-of']
  if (asOf === undefined) {
    out('usage: learning-and-breaches --store URL --as-of YYYY-MM-DD [--out DIR] [--config FILE]')
    return 2
  }
  const config = values.config === undefined ? defaultPolicy : readConfig(values.config)
  const store = await openStore(parseStoreUrl(values.store), { mustExist: true })
  try {
    const analysis = await analyse(store, asOf, config)
    const files = writeAnalysis(analysis, values.out)
    out(
      `${analysis.verified.events} events in ${analysis.verified.streams} streams, ${analysis.verified.findings} audit findings`,
    )
    for (const line of analysis.learning)
      out(`${line.unit}: ${line.atMinimum} of ${line.asn} ASN at the minimum, ${line.meanJp} JP on average`)
    out(`${analysis.breaches.length} missed complaint deadlines as of ${asOf}`)
    for (const file of files) out(`wrote ${file}`)
    return analysis.verified.findings === 0 ? 0 : 1
  } finally {
    await store.close()
  }
}

if (import.meta.url === `file://${process.argv[1] ?? ''}`)
  process.exitCode = await main(process.argv.slice(2), line => {
    console.log(line)
  })
