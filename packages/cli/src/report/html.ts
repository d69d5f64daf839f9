import type { AuditFinding, AuditSummary, PersonalDataSurvey } from '@pembina/core'
import type { ReportData } from './report-data.js'

/** How the audit was run, for the report's last section. */
export interface AuditRun {
  readonly store: string
  readonly config: string
  readonly at: Date
  readonly headsChecked: string | null
  readonly command: string
}

const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

const style = `
body { font-family: Helvetica, Arial, sans-serif; margin: 2rem auto; max-width: 60rem; color: #222; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.15rem; margin-top: 2rem; }
table { border-collapse: collapse; width: 100%; font-size: 0.85rem; }
th, td { border-bottom: 1px solid #ddd; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
.ok { color: #2e7d32; } .bad { color: #c62828; }
figure { margin: 1rem 0; } figcaption { font-weight: bold; margin-bottom: 0.5rem; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; } dt { font-weight: bold; }
`

const plural = (count: number, one: string, many = `${one}s`): string => `${count} ${count === 1 ? one : many}`

/** The report's personal-data section: the counts, and every field of an erased subject, which now reads as erased. */
const personalDataSection = (survey: PersonalDataSurvey): string => {
  const rows = survey.erasedSubjects
    .flatMap(subject =>
      subject.fields.map(
        field =>
          `<tr><td>${escapeHtml(subject.subjectId)}</td><td>${escapeHtml(subject.erasedAt)}</td><td>${escapeHtml(field.streamName)}</td><td>${field.revision}</td><td>${escapeHtml(field.type)}</td><td>${escapeHtml(field.path)}</td><td>erased</td></tr>`,
      ),
    )
    .join('\n')
  return `<h2>Personal data</h2>
<p>${plural(survey.fields, 'sealed field')} of ${plural(survey.subjects, 'data subject')} in the events: ${survey.sealed} with their key held, ${survey.erased} erased, ${survey.unknownKey} under a key the key store does not know${survey.unknownKey === 0 ? '' : ' (see the findings)'}. ${plural(survey.erasedSubjects.length, 'data subject')} erased: their fields read as erased wherever they are, the rest of the history is intact, and the chains still verify, since they cover the ciphertext. No field was opened for this report.</p>
${rows === '' ? '<p>No field of an erased subject.</p>' : `<table><thead><tr><th>subject</th><th>erased at</th><th>stream</th><th>revision</th><th>event</th><th>field</th><th>status</th></tr></thead><tbody>\n${rows}\n</tbody></table>`}
`
}

/**
 * The audit report as one self-contained HTML file: it opens offline and loads nothing (no script, no stylesheet
 * or font from the network); the charts are SVG drawn when the report was written.
 */
export const auditReportHtml = (
  findings: readonly AuditFinding[],
  summary: AuditSummary,
  charts: readonly { readonly title: string; readonly svg: string }[],
  data: ReportData,
  run: AuditRun,
): string => {
  const verdict =
    summary.findings === 0
      ? `<p class="ok">No findings: every chain holds, every event decodes, every credit traces to its source, every missed deadline is right by the calendar, every resolved complaint was notified first${run.headsChecked === null ? '' : ', and history up to the earlier heads is unchanged'}.</p>`
      : `<p class="bad">${summary.findings} findings: ${Object.entries(summary.byKind)
          .map(([kind, count]) => `${count} ${escapeHtml(kind)}`)
          .join(', ')}.</p>`
  const rows = findings
    .map(
      finding =>
        `<tr><td>${escapeHtml(finding.kind)}</td><td>${escapeHtml(finding.streamName)}</td><td>${finding.revision ?? ''}</td><td>${finding.position?.toString() ?? ''}</td><td>${escapeHtml(finding.message)}</td></tr>`,
    )
    .join('\n')
  const atMinimum = data.learning.filter(line => line.atMinimum).length
  const eligible = data.learning.filter(line => line.eligible).length
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Pembina audit report</title>
<style>${style}</style>
</head>
<body>
<h1>Pembina audit report</h1>
${verdict}
<p>${summary.records} events in ${summary.streams} streams. ${atMinimum} of ${data.learning.length} registered ASN reached their annual learning minimum in ${data.year}; ${eligible} are eligible for the development incentive. ${data.complaints.length} complaints, ${data.complaints.filter(line => line.missedStages !== '').length} with a missed deadline.</p>
<h2>Charts</h2>
${charts.map(chart => `<figure><figcaption>${escapeHtml(chart.title)}</figcaption>${chart.svg}</figure>`).join('\n')}
<h2>Findings</h2>
${findings.length === 0 ? '<p>None.</p>' : `<table><thead><tr><th>kind</th><th>stream</th><th>revision</th><th>position</th><th>why</th></tr></thead><tbody>\n${rows}\n</tbody></table>`}
${summary.personalData === undefined ? '' : personalDataSection(summary.personalData)}<h2>How the audit was run</h2>
<dl>
<dt>command</dt><dd><code>${escapeHtml(run.command)}</code></dd>
<dt>store</dt><dd>${escapeHtml(run.store)}</dd>
<dt>configuration</dt><dd>${escapeHtml(run.config)}</dd>
<dt>run at</dt><dd>${escapeHtml(run.at.toISOString())}</dd>
<dt>last position read</dt><dd>${summary.position?.toString() ?? 'none (an empty store)'}</dd>
<dt>earlier heads</dt><dd>${run.headsChecked === null ? 'none given' : escapeHtml(run.headsChecked)}</dd>
<dt>what it checks</dt><dd>every hash chain and revision, every event decoded and upcast by its codec, every credit's causation, every missed deadline against the working-day calendar, every resolved complaint notified first (docs/audit.md)</dd>
</dl>
</body>
</html>
`
}
