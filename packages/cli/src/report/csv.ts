import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { stringify } from 'csv-stringify/sync'
import type { AuditFinding, PersonalDataSurvey } from '@pembina/core'
import type { ReportData } from './report-data.js'

/** Writes a CSV file a spreadsheet opens as UTF-8: a byte-order mark, a header row, CRLF line ends. */
export const writeCsv = (
  file: string,
  rows: readonly Readonly<Record<string, string | number | boolean>>[],
  columns: readonly string[],
): void => {
  const text = stringify(
    rows.map(row => columns.map(column => row[column] ?? '')),
    {
      header: true,
      columns: [...columns],
      record_delimiter: 'windows',
      cast: { boolean: value => (value ? 'yes' : 'no') },
    },
  )
  writeFileSync(file, `\uFEFF${text}`, 'utf8')
}

/**
 * The audit's CSV files in `dir`: the findings, one per read model the report draws on, and, when the audit was given
 * a key store, `personal-data.csv`: every sealed field of an erased subject, where it is (no value, not even sealed).
 * Returns their names.
 */
export const writeAuditCsv = (
  dir: string,
  findings: readonly AuditFinding[],
  data: ReportData,
  personalData?: PersonalDataSurvey,
): readonly string[] => {
  const files = ['findings.csv', 'learning-hours.csv', 'complaint-board.csv'] as const
  writeCsv(
    join(dir, files[0]),
    findings.map(finding => ({
      kind: finding.kind,
      stream: finding.streamName,
      revision: finding.revision ?? '',
      position: finding.position?.toString() ?? '',
      why: finding.message,
    })),
    ['kind', 'stream', 'revision', 'position', 'why'],
  )
  writeCsv(
    join(dir, files[1]),
    data.learning.map(line => ({ ...line, year: data.year })),
    [
      'nip',
      'unit',
      'employeeType',
      'year',
      'creditedJp',
      'minimumJp',
      'activities',
      'atMinimum',
      'eligible',
      'reasons',
    ],
  )
  writeCsv(
    join(dir, files[2]),
    data.complaints.map(line => ({ ...line })),
    ['complaintId', 'unit', 'status', 'receivedAt', 'missedStages'],
  )
  if (personalData === undefined) return files
  const erased = 'personal-data.csv'
  writeCsv(
    join(dir, erased),
    personalData.erasedSubjects.flatMap(subject =>
      subject.fields.map(field => ({
        subjectId: subject.subjectId,
        erasedAt: subject.erasedAt,
        keyId: field.keyId,
        stream: field.streamName,
        revision: field.revision,
        position: field.position.toString(),
        type: field.type,
        field: field.path,
        status: 'erased',
      })),
    ),
    ['subjectId', 'erasedAt', 'keyId', 'stream', 'revision', 'position', 'type', 'field', 'status'],
  )
  return [...files, erased]
}
