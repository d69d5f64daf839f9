import type { KeyObject } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import {
  type AuditFinding,
  anchorKeyFingerprint,
  audit,
  type AuditSummary,
  type ChainKeyring,
  type EventStore,
  type HeadFile,
  headFileFrom,
  headFileOf,
  type KeyStore,
  type PersonalDataSurvey,
  type PolicyConfig,
  type SealedFieldPlace,
  signHeadFile,
  StoreUnavailableError,
} from '@pembina/core'
import { CliError, exitCodes } from '../cli-error.js'
import { readProgress } from '../progress.js'
import { reportCharts } from '../report/charts.js'
import { writeAuditCsv } from '../report/csv.js'
import { auditReportHtml } from '../report/html.js'
import { reportData } from '../report/report-data.js'
import { readAnchorPrivateKey, readAnchorPublicKey, readChainKeyring } from './keys.js'
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
  /** A chain key file (`pembina keys chain`): every event's MAC must verify with its keys, else `unauthenticated`. */
  readonly chainKeys?: string
  /** An Ed25519 private key (PEM): the head file written is signed with it. */
  readonly signKey?: string
  /** An Ed25519 public key (PEM): the head file read must be signed with its private key, and unchanged since. */
  readonly anchorKey?: string
}

/** The keys of an audit, read from their files before it starts. */
interface AuditKeys {
  readonly chainKeys?: ChainKeyring
  readonly sign?: { readonly key: KeyObject; readonly fingerprint: string }
  readonly anchor?: { readonly key: KeyObject; readonly fingerprint: string }
}

const readHeads = (file: string, anchor: AuditKeys['anchor']): HeadFile => {
  let json: unknown
  try {
    json = JSON.parse(readFileSync(file, 'utf8'))
  } catch (error) {
    throw new CliError(
      `the head file ${file} cannot be read as JSON: ${error instanceof Error ? error.message : String(error)}`,
    )
  }
  const heads = headFileFrom(json, anchor?.key)
  if (E.isLeft(heads))
    throw new CliError(
      `the head file ${file} is refused${anchor === undefined ? '' : ` (checked with anchor key ${anchor.fingerprint})`}: ${heads.left}`,
    )
  return heads.right
}

/** Reads the key files an audit is given, and refuses a combination that could not do what it asks. */
const auditKeys = (options: AuditCommandOptions, checking: boolean): AuditKeys => {
  if (options.heads === undefined)
    for (const [given, option, does] of [
      [options.signKey, '--sign-key', 'signs the head file an audit writes'],
      [options.anchorKey, '--anchor-key', 'checks the head file an audit reads'],
    ] as const)
      if (given !== undefined) throw new CliError(`${option} ${given} ${does}: give one with --heads`)
  const chainKeys = options.chainKeys === undefined ? undefined : readChainKeyring(options.chainKeys)
  const withFingerprint = (key: KeyObject) => ({ key, fingerprint: anchorKeyFingerprint(key) })
  const sign = options.signKey === undefined ? undefined : withFingerprint(readAnchorPrivateKey(options.signKey))
  const anchor = options.anchorKey === undefined ? undefined : withFingerprint(readAnchorPublicKey(options.anchorKey))
  if (!checking && anchor !== undefined) {
    // The head file is written now: with --anchor-key, the next audit will check it, so it must verify then.
    if (sign === undefined)
      throw new CliError(
        `the head file ${options.heads ?? ''} does not exist, so this audit writes it, unsigned: the next audit with --anchor-key ${options.anchorKey ?? ''} would refuse it (give --sign-key)`,
      )
    if (sign.fingerprint !== anchor.fingerprint)
      throw new CliError(
        `--sign-key ${options.signKey ?? ''} (key ${sign.fingerprint}) is not the private key of --anchor-key ${options.anchorKey ?? ''} (key ${anchor.fingerprint})`,
      )
  }
  return {
    ...(chainKeys === undefined ? {} : { chainKeys }),
    ...(sign === undefined ? {} : { sign }),
    ...(anchor === undefined ? {} : { anchor }),
  }
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
  const auditing = auditKeys(options, checking)
  const heads = checking ? readHeads(headsFile, auditing.anchor) : undefined
  const keys = options.keys === undefined ? undefined : openKeys(options.keys)
  try {
    return await auditWith(store, options, out, checking ? headsFile : undefined, heads, keys, auditing)
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
  auditing: AuditKeys,
): Promise<number> => {
  const headsFile = options.heads
  const progress = await readProgress(store, 'auditing', options.progress && !options.json)
  const findings: AuditFinding[] = []
  const running = audit(store, {
    config: options.config,
    ...(heads === undefined ? {} : { heads }),
    ...(keys === undefined ? {} : { keys }),
    ...(auditing.chainKeys === undefined ? {} : { chainKeys: auditing.chainKeys }),
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
  let headsSignedBy: string | undefined
  if (headsFile !== undefined && checking === undefined) {
    const unsigned = headFileOf(summary, options.now)
    const file = auditing.sign === undefined ? unsigned : signHeadFile(unsigned, auditing.sign.key)
    writeFileSync(headsFile, `${JSON.stringify(file, null, 2)}\n`)
    wroteHeads = headsFile
    headsSignedBy = auditing.sign?.fingerprint
  }
  const headsVerifiedWith = checking === undefined ? undefined : auditing.anchor?.fingerprint
  const written: string[] = []
  if (options.html !== undefined || options.csv !== undefined) {
    const data = await reportData(store, options.config, options.year)
    if (options.html !== undefined) {
      const charts = await reportCharts(data)
      const headsChecked =
        checking === undefined
          ? null
          : `${checking}${headsVerifiedWith === undefined ? '' : `, its signature checked with anchor key ${headsVerifiedWith}`}`
      const run = { ...options.run, at: options.now, headsChecked }
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
          headsVerifiedWith: headsVerifiedWith ?? null,
          chainKeysChecked: auditing.chainKeys === undefined ? null : (options.chainKeys ?? null),
          personalData: summary.personalData === undefined ? null : personalDataJson(summary.personalData),
          headsWritten: wroteHeads ?? null,
          headsSignedBy: headsSignedBy ?? null,
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
    if (auditing.chainKeys !== undefined)
      out(
        `every event's MAC checked with the chain keys in ${options.chainKeys ?? ''} (current ${auditing.chainKeys.current.id}${(auditing.chainKeys.retired ?? []).length === 0 ? '' : `, retired ${(auditing.chainKeys.retired ?? []).map(key => key.id).join(', ')}`})`,
      )
    if (checking !== undefined) out(`history up to the heads in ${checking} checked`)
    if (headsVerifiedWith !== undefined)
      out(`the head file ${checking ?? ''} was checked with key ${headsVerifiedWith}: signed by it, unchanged since`)
    if (wroteHeads !== undefined)
      out(
        `heads of ${Object.keys(summary.heads).length} streams written to ${wroteHeads}${summary.position === null ? '' : ` (up to position ${summary.position})`}`,
      )
    if (headsSignedBy !== undefined)
      out(`the head file ${wroteHeads ?? ''} was written and signed by key ${headsSignedBy}`)
    if (written.length > 0) out(`report written: ${written.join(', ')}`)
  }
  return options.strict && summary.findings > 0 ? exitCodes.findings : exitCodes.ok
}
