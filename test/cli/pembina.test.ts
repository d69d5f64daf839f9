// The `pembina` command end to end: each case runs the built binary, as npm installed it from the packed package
// (run-pembina.ts), in a process of its own on SQLite files, and reads its stdout, stderr and exit code.
import { readFileSync, writeFileSync } from 'node:fs'
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import * as E from 'fp-ts/lib/Either.js'
import { competency, openField, seal } from '@pembina/core'
import { sqliteKeyStore } from '@pembina/sqlite'
import { staffNip, writeCreditedHistory } from '../reactor/fixtures.js'
import { rewriteWithRecomputedHashes } from '../audit/tamper.js'
import { openRawDatabase } from '../reliability/raw-sqlite.js'
import { makeTempDir, type TempDir } from '../reliability/temp-dir.js'
import { installTimeoutMs, pembinaBinary, runPembina } from './run-pembina.js'

// A case starts up to ten processes of about a second each (15 s at most here, alone); eight times that, for a second
// test run beside it.
const caseTimeoutMs = 120_000

// The packages are packed and installed once per test run, by the first test file that needs them.
beforeAll(pembinaBinary, installTimeoutMs)

let dir: TempDir
beforeEach(() => {
  dir = makeTempDir('pembina-cli-')
})
afterEach(() => {
  dir.remove()
})

const pembina = (...args: readonly string[]) => runPembina(dir.path, args)

const staff = [staffNip(0), staffNip(1), staffNip(2)]

/** Three ASN, two offerings they all completed, and the reactor's credits, in an SQLite file. */
const writeStore = (file: string): Promise<void> => writeCreditedHistory(file, staff, ['cli-2026-01', 'cli-2026-02'])

describe('pembina', { timeout: caseTimeoutMs }, () => {
  it('seeds a Belawan year on the embedded store that audits clean, and adds nothing when run again', async () => {
    const first = await pembina('demo')
    expect(first.stderr).toBe('')
    expect(first.code).toBe(0)
    expect(first.stdout).toMatch(/Belawan 2026 \(seed 2026\): \d+ ASN, (\d+) commands through the command handlers/)
    expect(first.stdout).toMatch(/the reactor sent [1-9]\d* policy commands/)
    expect(first.stdout).toMatch(/Puskesmas Belawan +\d+ of +\d+ ASN at the minimum/)
    expect(first.stdout).toMatch(
      /Complaints: \d+ filed; \d+ handled within every deadline, [1-9]\d* with a missed deadline/,
    )
    const audited = await pembina('audit', '--strict')
    expect(audited.code).toBe(0)
    expect(audited.stdout).toMatch(/no findings/)
    const again = await pembina('demo', '--json')
    expect(JSON.parse(again.stdout)).toMatchObject({ commands: { written: 0, refused: {} }, reactor: { sent: 0 } })
    expect((await pembina('audit', '--json')).stdout).toBe((await pembina('audit', '--json')).stdout)
    const fresh = await pembina('demo', '--fresh', '--json')
    expect(JSON.parse(fresh.stdout)).toMatchObject({ commands: { unchanged: 0 } })
  })

  it('audits a clean store with no findings, writes a head file, then checks a flipped byte against it', async () => {
    const file = dir.file('pembina.db')
    await writeStore(file)
    const clean = await pembina('audit', '--store', `sqlite:${file}`, '--heads', 'heads.json', '--strict')
    expect(clean.stderr).toBe('')
    expect(clean.code).toBe(0)
    expect(clean.stdout).toMatch(/events in \d+ streams audited: no findings/)
    expect(clean.stdout).toMatch(/heads of \d+ streams written to heads\.json/)
    const heads: unknown = JSON.parse(readFileSync(dir.file('heads.json'), 'utf8'))
    expect(heads).toMatchObject({ format: 'pembina-heads/2' })

    const stream = competency.streamName(staff[0] ?? staffNip(0))
    const raw = openRawDatabase(file)
    raw.exec(
      `UPDATE events SET data = replace(data, 'Prima', 'Prime') WHERE stream_name = '${stream}' AND revision = 1`,
    )
    raw.close()
    const tampered = await pembina('audit', '--store', `sqlite:${file}`, '--heads', 'heads.json', '--strict', '--json')
    expect(tampered.code).toBe(1)
    const report: unknown = JSON.parse(tampered.stdout)
    // The changed event no longer matches its hash; the head (revision 2) still carries the hash recorded, so the head
    // check adds nothing here (it is what finds a stream rewritten with recomputed hashes: test/audit).
    expect(report).toMatchObject({ findings: [{ kind: 'tampered', streamName: stream, revision: 1 }] })
    expect(report).toHaveProperty('findings.length', 1)
    // The summary counts; the heads themselves are the head file's (one per stream: too many to print).
    expect(report).toMatchObject({ summary: { findings: 1, byKind: { tampered: 1 } } })
    expect(report).toHaveProperty('summary.position')
    expect(report).not.toHaveProperty('summary.heads')
  })

  it('finds a deleted event row, and a stream rewritten with recomputed hashes against a head file written before', async () => {
    const file = dir.file('pembina.db')
    await writeStore(file)
    expect((await pembina('audit', '--store', `sqlite:${file}`, '--heads', 'heads.json', '--strict')).code).toBe(0)
    const [first, second] = [staff[0] ?? staffNip(0), staff[1] ?? staffNip(1)].map(competency.streamName)
    const raw = openRawDatabase(file)
    raw.exec(`DELETE FROM events WHERE stream_name = '${first}' AND revision = 1`)
    raw.close()
    const last = await rewriteWithRecomputedHashes(file, second ?? '', 1, data => ({ ...data, minutes: 60 }))
    const audited = await pembina('audit', '--store', `sqlite:${file}`, '--heads', 'heads.json', '--strict', '--json')
    expect(audited.code).toBe(1)
    const report: unknown = JSON.parse(audited.stdout)
    expect(report).toMatchObject({
      findings: [
        { kind: 'revision-gap', streamName: first, revision: 2 },
        { kind: 'rewritten-history', streamName: second, revision: last },
      ],
    })
    expect(report).toHaveProperty('findings.length', 2)
    // Without the head file the rewritten stream verifies: only the deleted row is found.
    const chainOnly = await pembina('audit', '--store', `sqlite:${file}`, '--json')
    expect(chainOnly.code).toBe(0)
    expect(JSON.parse(chainOnly.stdout)).toHaveProperty('findings.length', 1)
  })

  it('exports and imports a store: the copy audits clean and replays to the same states', async () => {
    const file = dir.file('pembina.db')
    await writeStore(file)
    const exported = await pembina('export', '--store', `sqlite:${file}`, '--to', 'all.jsonl')
    expect(exported.code).toBe(0)
    const imported = await pembina('import', '--store', 'sqlite:copy.db', '--from', 'all.jsonl')
    expect(imported.stderr).toBe('')
    expect(imported.code).toBe(0)
    expect(imported.stdout).toBe(exported.stdout.replace('exported to', 'imported from'))
    expect((await pembina('audit', '--store', 'sqlite:copy.db', '--strict')).code).toBe(0)
    const asOf = '2026-12-31T23:59:59+07:00'
    const original = await pembina('replay', '--store', `sqlite:${file}`, '--as-of', asOf, '--json')
    const copy = await pembina('replay', '--store', 'sqlite:copy.db', '--as-of', asOf, '--json')
    expect(copy.stdout).toBe(original.stdout)
    expect(JSON.parse(original.stdout)).toMatchObject({ asOf })
    expect(original.stdout).toMatch(/"streamName": "competency-/)
    // The export itself, read as a store: the same replay, no findings, and no writing to it.
    const fromFile = await pembina('replay', '--store', 'jsonl:all.jsonl', '--as-of', asOf, '--json')
    expect(fromFile.stdout).toBe(original.stdout)
    expect((await pembina('audit', '--store', 'jsonl:all.jsonl', '--strict')).code).toBe(0)
    const readOnly = await pembina('import', '--store', 'jsonl:all.jsonl', '--from', 'all.jsonl')
    expect(readOnly.code).toBe(2)
    expect(readOnly.stderr).toMatch(/jsonl:all\.jsonl is read-only/)
    // Importing again into the same store is refused: it is not empty.
    const again = await pembina('import', '--store', 'sqlite:copy.db', '--from', 'all.jsonl')
    expect(again.code).toBe(2)
    expect(again.stderr).toMatch(/already holds events/)
  })

  it('replays one stream as of an instant', async () => {
    const file = dir.file('pembina.db')
    await writeStore(file)
    const before = await pembina(
      'replay',
      '--store',
      `sqlite:${file}`,
      '--stream',
      'enrollment-cli-2026-01',
      '--as-of',
      '2026-02-11T00:00:00+07:00',
      '--json',
    )
    expect(before.code).toBe(0)
    expect(JSON.parse(before.stdout)).toMatchObject({ streamName: 'enrollment-cli-2026-01', exists: true, revision: 3 })
  })

  it('refuses bad input with one clear line and exit code 2, writing nothing', async () => {
    const unknownScheme = await pembina('audit', '--store', 'postgres://localhost/pembina')
    expect(unknownScheme).toMatchObject({ code: 2 })
    expect(unknownScheme.stderr).toMatch(/unknown store URL scheme "postgres:"/)
    const missing = await pembina('audit', '--store', 'sqlite:nothing-here.db')
    expect(missing.code).toBe(2)
    expect(missing.stderr).toMatch(/no store at nothing-here\.db/)
    writeFileSync(dir.file('config.json'), JSON.stringify({ holiday: [] }))
    const config = await pembina('audit', '--store', 'sqlite:nothing-here.db', '--config', 'config.json')
    expect(config.code).toBe(2)
    expect(config.stderr).toMatch(/holiday/)
    writeFileSync(dir.file('bad.jsonl'), '{"streamName":"x","revision":0}\n')
    const badLine = await pembina('import', '--store', 'sqlite:fresh.db', '--from', 'bad.jsonl')
    expect(badLine.code).toBe(2)
    expect(badLine.stderr).toMatch(/bad\.jsonl line 1 is not an event/)
    expect((await pembina('export', '--store', 'sqlite:fresh.db', '--to', 'out.jsonl')).stdout).toBe(
      '0 events exported to out.jsonl\n',
    )
    const usage = await pembina('audit', '--no-such-option')
    expect(usage.code).toBe(2)
    expect(usage.stderr).toMatch(/unknown option '--no-such-option'/)
  })

  it("lists the decryption log and erases a subject, after which the subject's field opens as erased", async () => {
    const file = dir.file('keys.db')
    const keys = sqliteKeyStore({ path: file })
    const sealed = await seal(keys, 'warga-0042', 'Siti Aminah')()
    if (E.isLeft(sealed)) throw new Error('sealing failed')
    const access = { who: '196608011988031001', purpose: 'menindaklanjuti pengaduan', at: '2026-03-02T09:00:00+07:00' }
    expect(await openField(keys, 'complainant', sealed.right, access)()).toEqual(
      E.right({ kind: 'clear', text: 'Siti Aminah' }),
    )
    keys.close()

    const listed = await pembina('openings', '--keys', file, '--subject', 'warga-0042', '--json')
    expect(listed.code).toBe(0)
    expect(JSON.parse(listed.stdout)).toEqual([
      { ...access, subjectId: 'warga-0042', keyId: sealed.right.keyId, field: 'complainant', outcome: 'opened' },
    ])
    const erased = await pembina('erase', '--keys', file, '--subject', 'warga-0042')
    expect(erased.code).toBe(0)
    expect(erased.stdout).toMatch(/warga-0042: 1 key destroyed/)
    expect((await pembina('erase', '--keys', file, '--subject', 'warga-0042')).stdout).toMatch(/no key to destroy/)

    const again = sqliteKeyStore({ path: file })
    expect(await openField(again, 'complainant', sealed.right, access)()).toMatchObject(E.right({ kind: 'erased' }))
    again.close()
    const csv = await pembina('openings', '--keys', file, '--csv', dir.file('openings.csv'))
    expect(csv.stdout).toMatch(/2 openings written/)
    const text = readFileSync(dir.file('openings.csv'), 'utf8')
    expect(text).toMatch(/^\uFEFFat,subjectId,keyId,field,who,purpose,outcome\r\n/)
    expect(text).toMatch(/,erased\r\n$/)
    expect(text).not.toMatch(/Siti/)
    expect((await pembina('openings', '--keys', dir.file('missing.db'))).code).toBe(2)
  })
})
