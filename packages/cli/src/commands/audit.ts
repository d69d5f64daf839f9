import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import {
  type AuditFinding,
  audit,
  type AuditSummary,
  decodeWith,
  type EventStore,
  formatDecodeFailure,
  HeadFile,
  headFileOf,
  type KeyStore,
  type PersonalDataSurvey,
  type PolicyConfig,
  type SealedFieldPlace,
  StoreUnavailableError,
} from '@pembina/core'
import { CliError, exitCodes } from '../cli-error.js'
import { readProgress } from '../progress.js'
import { reportCharts } from '../report/charts.js'
import { writeAuditCsv } from '../report/csv.js'
import { auditReportHtml } from '../report/html.js'
import { reportData } from '../report/report-data.js'
import { openKeys } from './personal-data.js'

/** What `pembina audit` is asked. */
export interface AuditCommandOptions {
  readonly config: PolicyConfig
  /** A head file: checked against when it exists, written after the audit when it does not. */
  readonly heads?: string
  readonly strict: boolean
  readonly json: boolean
  readonly progress: boolean
  /** When the audit runs: the time written on a head file and the report. */
  readonly now: Date
  /** Write the HTML report here. */
  readonly html?: string
  /** Write the CSV files into this folder. */
  readonly csv?: string
  /** The year the report's learning charts and files are about. */
  readonly year: number
  /** How the report names the run: the store URL and the command line. */
  readonly run: { readonly store: string; readonly config: string; readonly command: string }
  /**
   * The key store's SQLite file: the report gets a personal-data section (sealed fields, data subjects, erased subjects
   * and their fields), and a field under a key it does not know is an `unknown-key` finding.
   */
  readonly keys?: string
}

const readHeads = (file: string): HeadFile => {
  let json: unknown
  try {
    json = JSON.parse(readFileSync(file, 'utf8'))
  } catch (error) {
    throw new CliError(
      `the head file ${file} cannot be read as JSON: ${error instanceof Error ? error.message : String(error)}`,
    )
  }
  const heads = decodeWith(HeadFile, 'head file')(json)
  if (E.isLeft(heads)) throw new CliError(`the head file ${file} is refused: ${formatDecodeFailure(heads.left)}`)
  return heads.right
}

const findingLine = (finding: AuditFinding): string =>
  `${finding.kind.padEnd(18)} ${finding.streamName}${finding.revision === null ? '' : ` revision ${finding.revision}`}${finding.position === null ? '' : ` (position ${finding.position})`}: ${finding.message}`

const findingJson = (finding: AuditFinding) => ({
  ...finding,
  position: finding.position === null ? null : finding.position.toString(),
})

const placeJson = (place: SealedFieldPlace) => ({ ...place, position: place.position.toString() })

const personalDataJson = (survey: PersonalDataSurvey) => ({
  ...survey,
  erasedSubjects: survey.erasedSubjects.map(subject => ({ ...subject, fields: subject.fields.map(placeJson) })),
  unknownKeys: survey.unknownKeys.map(placeJson),
})

const plural = (count: number, one: string, many = `${one}s`): string => `${count} ${count === 1 ? one : many}`

/** The personal-data section of the audit's lines: the counts, then each erased subject and the fields of theirs. */
export const personalDataLines = (survey: PersonalDataSurvey): readonly string[] => [
  `personal data: ${plural(survey.fields, 'sealed field')} of ${plural(survey.subjects, 'data subject')} (${survey.sealed} with their key held, ${survey.erased} erased, ${survey.unknownKey} under a key the key store does not know); ${plural(survey.erasedSubjects.length, 'subject')} erased`,
  ...survey.erasedSubjects.flatMap(subject => [
    `  erased ${subject.subjectId} at ${subject.erasedAt}: ${plural(subject.fields.length, 'field')}, each now read as erased`,
    ...subject.fields.map(field => `    ${field.streamName} revision ${field.revision} (${field.type}) ${field.path}`),
  ]),
]

/**
 * Audits the store and prints what it found, a line each (or one JSON document), then the summary. Returns the exit
 * code: 1 when `strict` and anything was found, else 0.
 */
export const auditCommand = async (
  store: EventStore,
  options: AuditCommandOptions,
  out: (line: string) => void,
): Promise<number> => {
  const headsFile = options.heads
  const checking = headsFile !== undefined && existsSync(headsFile)
  const heads = checking ? readHeads(headsFile) : undefined
  const keys = options.keys === undefined ? undefined : openKeys(options.keys)
  try {
    return await auditWith(store, options, out, checking ? headsFile : undefined, heads, keys)
  } finally {
    keys?.close()
  }
}

/** The audit of `auditCommand`, the head file read (`checking` names it) and the key store opened. */
const auditWith = async (
  store: EventStore,
  options: AuditCommandOptions,
  out: (line: string) => void,
  checking: string | undefined,
  heads: HeadFile | undefined,
  keys: KeyStore | undefined,
): Promise<number> => {
  const headsFile = options.heads
  const progress = await readProgress(store, 'auditing', options.progress && !options.json)
  const findings: AuditFinding[] = []
  const running = audit(store, {
    config: options.config,
    ...(heads === undefined ? {} : { heads }),
    ...(keys === undefined ? {} : { keys }),
    onProgress: records => {
      progress.update(records)
    },
  })
  let summary: AuditSummary
  try {
    for (;;) {
      const next = await running.next()
      if (next.done === true) {
        summary = next.value
        break
      }
      findings.push(next.value)
      if (!options.json) out(findingLine(next.value))
    }
  } catch (error) {
    if (error instanceof StoreUnavailableError) throw new CliError(error.message, exitCodes.storeFailed)
    throw error
  } finally {
    progress.stop()
  }
  let wroteHeads: string | undefined
  if (headsFile !== undefined && checking === undefined) {
    writeFileSync(headsFile, `${JSON.stringify(headFileOf(summary, options.now), null, 2)}\n`)
    wroteHeads = headsFile
  }
  const written: string[] = []
  if (options.html !== undefined || options.csv !== undefined) {
    const data = await reportData(store, options.config, options.year)
    if (options.html !== undefined) {
      const charts = await reportCharts(data)
      const run = { ...options.run, at: options.now, headsChecked: checking ?? null }
      writeFileSync(options.html, auditReportHtml(findings, summary, charts, data, run), 'utf8')
      written.push(options.html)
    }
    if (options.csv !== undefined) {
      mkdirSync(options.csv, { recursive: true })
      written.push(
        ...writeAuditCsv(options.csv, findings, data, summary.personalData).map(file => join(options.csv ?? '', file)),
      )
    }
  }
  if (options.json)
    out(
      JSON.stringify(
        {
          findings: findings.map(findingJson),
          // The heads themselves go to a head file (--heads): one per stream, too many to print for a large store.
          summary: {
            records: summary.records,
            streams: summary.streams,
            otherRecords: summary.otherRecords,
            findings: summary.findings,
            byKind: summary.byKind,
            position: summary.position === null ? null : summary.position.toString(),
          },
          headsChecked: checking ?? null,
          personalData: summary.personalData === undefined ? null : personalDataJson(summary.personalData),
          headsWritten: wroteHeads ?? null,
          reports: written,
        },
        null,
        2,
      ),
    )
  else {
    const kinds = Object.entries(summary.byKind).map(([kind, count]) => `${count} ${kind}`)
    out(
      `${summary.records} events in ${summary.streams} streams audited${summary.otherRecords === 0 ? '' : ` (${summary.otherRecords} records of other streams passed by)`}: ${summary.findings === 0 ? 'no findings' : `${summary.findings} findings (${kinds.join(', ')})`}`,
    )
    if (summary.personalData !== undefined) for (const line of personalDataLines(summary.personalData)) out(line)
    if (checking !== undefined) out(`history up to the heads in ${checking} checked`)
    if (wroteHeads !== undefined) out(`heads of ${Object.keys(summary.heads).length} streams written to ${wroteHeads}`)
    if (written.length > 0) out(`report written: ${written.join(', ')}`)
  }
  return options.strict && summary.findings > 0 ? exitCodes.findings : exitCodes.ok
}
