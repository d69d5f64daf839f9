import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { auditBench } from './audit-bench.js'

// Each side of each round is a child process of its own (about 1 s to start under tsx): the case takes about 6 s here,
// more while another test run shares the two cores, so it gets ten times that instead of vitest's 5 s default.
const tinyRunTimeoutMs = 60_000

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

describe('the audit benchmark, at a tiny size', { timeout: tinyRunTimeoutMs }, () => {
  // The benchmark throws unless both sides read every event and our audit found nothing in the rechained copies.
  it('audits a history of rechained copies with no finding, against the JSON.parse baseline', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pembina-bench-test-'))
    dirs.push(dir)
    const lines: string[] = []
    const result = await auditBench({ events: 1_000, rounds: 1, dir, progress: line => lines.push(line) })
    expect(result.rounds.ours).toHaveLength(1)
    expect(result.rounds.baseline).toHaveLength(1)
    expect(result.tenthRssBytes).toBeGreaterThan(0)
    expect(lines.filter(line => line.includes('round 1/1'))).toHaveLength(2)
  })
})
