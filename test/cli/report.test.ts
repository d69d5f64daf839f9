// The audit's report of the demo year: one HTML file that validates, carries its three charts as inline SVG and refers
// to nothing on the network; CSV files a spreadsheet opens (UTF-8 with a byte-order mark, a header row); and, where
// Debian's Chromium is installed, a screenshot of the report rendered headless.
import { execFile } from 'node:child_process'
import { existsSync, readFileSync, statSync } from 'node:fs'
import { promisify } from 'node:util'
import { HtmlValidate } from 'html-validate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeTempDir, type TempDir } from '../reliability/temp-dir.js'
import { installTimeoutMs, pembinaBinary, runPembina } from './run-pembina.js'

// The demo, then the audit with its report: about 15 s here, more under a second test run.
const setupTimeoutMs = 120_000
const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find(path => existsSync(path))

let dir: TempDir
let html = ''
// The packages are packed and installed once per test run, by the first test file that needs them.
beforeAll(pembinaBinary, installTimeoutMs)
beforeAll(async () => {
  dir = makeTempDir('pembina-report-')
  expect((await runPembina(dir.path, ['demo'])).code).toBe(0)
  const audited = await runPembina(dir.path, ['audit', '--html', 'audit.html', '--csv', 'csv', '--year', '2026'])
  expect(audited.stderr).toBe('')
  expect(audited.stdout).toMatch(/report written: audit\.html, csv\/findings\.csv/)
  html = readFileSync(dir.file('audit.html'), 'utf8')
}, setupTimeoutMs)
afterAll(() => {
  dir.remove()
})

describe('the audit report', () => {
  it('is valid HTML', async () => {
    const validator = new HtmlValidate({
      extends: ['html-validate:document'],
      rules: { 'no-inline-style': 'off', 'long-title': 'off' },
    })
    const report = await validator.validateString(html)
    expect(
      report.results.flatMap(result => result.messages.map(message => `${message.ruleId}: ${message.message}`)),
    ).toEqual([])
  })

  it('carries its three charts as inline SVG and refers to nothing on the network', () => {
    expect(html.match(/<svg /g)).toHaveLength(3)
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import/i)
    // The only addresses are the SVG and XLink namespaces, which name a vocabulary and are never fetched.
    const addresses = [...html.matchAll(/https?:\/\/[^\s"'<>)]+/g)].map(([address]) => address)
    expect(new Set(addresses)).toEqual(new Set(['http://www.w3.org/2000/svg', 'http://www.w3.org/1999/xlink']))
    expect(html).toMatch(/No findings/)
    expect(html).toMatch(/Puskesmas Belawan/)
  })

  it('comes with CSV files a spreadsheet opens as UTF-8, a header row each', () => {
    for (const [file, header] of [
      ['findings.csv', 'kind,stream,revision,position,why'],
      ['learning-hours.csv', 'nip,unit,employeeType,year,creditedJp,minimumJp,activities,atMinimum,eligible,reasons'],
      ['complaint-board.csv', 'complaintId,unit,status,receivedAt,missedStages'],
    ] as const) {
      const text = readFileSync(dir.file(`csv/${file}`), 'utf8')
      expect(text.startsWith(`\uFEFF${header}\r\n`), file).toBe(true)
    }
    const learning = readFileSync(dir.file('csv/learning-hours.csv'), 'utf8').trim().split('\r\n')
    expect(learning.length).toBeGreaterThan(200)
  })

  it('renders in headless Chromium (Debian package chromium)', async context => {
    if (chromium === undefined) context.skip('Chromium is not installed (apt install chromium): no screenshot taken')
    const shot = dir.file('audit.png')
    await promisify(execFile)(
      chromium ?? 'chromium',
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        `--screenshot=${shot}`,
        '--window-size=1200,2400',
        `file://${dir.file('audit.html')}`,
      ],
      { timeout: 60_000 },
    )
    expect(statSync(shot).size).toBeGreaterThan(20_000)
  }, 90_000)
})
