// The analyst's script, run on the Belawan scenario's history copied into an SQLite file: it verifies the history,
// reads it as of a date, and writes the two CSV files a spreadsheet opens.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sqliteEventStore } from '@pembina/sqlite'
import { runBelawanScenario } from '../belawan/scenario.js'
import { main } from './learning-and-breaches.js'

const dir = mkdtempSync(join(tmpdir(), 'pembina-audit-example-'))
const storeFile = join(dir, 'belawan.db')

beforeAll(async () => {
  const run = await runBelawanScenario()
  const copy = sqliteEventStore({ path: storeFile })
  // Every event as it was written (ids, metadata, hashes), in global order.
  for await (const record of run.ledger.store.readAll())
    if (record.kind === 'event') {
      const appended = await copy.append(record.streamName, [record], 'any')()
      if (E.isLeft(appended)) throw new Error(`copying ${record.streamName}: ${appended.left._tag}`)
    }
  await copy.close()
  await run.ledger.close()
})

afterAll(() => {
  rmSync(dir, { recursive: true, force: true })
})

describe('the analyst’s script (examples/audit)', { timeout: 60_000 }, () => {
  it('verifies the history, and writes learning by unit and the missed complaint deadlines as of a date', async () => {
    const lines: string[] = []
    const out = join(dir, 'laporan')
    const code = await main(['--store', `sqlite:${storeFile}`, '--as-of', '2026-12-31', '--out', out], line => {
      lines.push(line)
    })
    expect(code).toBe(0)
    expect(lines[0]).toMatch(/^\d+ events in \d+ streams, 0 audit findings$/)
    const learning = readFileSync(join(out, 'learning-hours-by-unit.csv'), 'utf8')
    expect(learning.startsWith('\uFEFFunit,asn,atMinimum,eligible,creditedJp,meanJp\r\n')).toBe(true)
    expect(learning.split('\r\n').length).toBeGreaterThan(2)
    const breaches = readFileSync(join(out, 'complaint-breaches.csv'), 'utf8').split('\r\n')
    // The scenario's complaint missed its follow-up deadline.
    expect(breaches.some(line => line.includes(',follow-up,'))).toBe(true)
  })

  it('as of a date before the miss, the complaint has no breach yet', async () => {
    const lines: string[] = []
    const code = await main(
      ['--store', `sqlite:${storeFile}`, '--as-of', '2026-04-08', '--out', join(dir, 'early')],
      line => {
        lines.push(line)
      },
    )
    expect(code).toBe(0)
    expect(lines).toContain('0 missed complaint deadlines as of 2026-04-08')
  })

  it('asks for the date rather than guessing it', async () => {
    const lines: string[] = []
    expect(await main(['--store', `sqlite:${storeFile}`], line => lines.push(line))).toBe(2)
    expect(lines[0]).toMatch(/^usage: /)
  })
})
