import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { commandHandlingBench } from './command-handling.js'

// Each case runs the benchmark's SQLite workload at a tiny size: about 3 s alone, up to 6 s while another test run
// shares the two cores, so each case gets ten times its quiet run instead of vitest's 5 s default.
const propertyTimeoutMs = 30_000

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

describe('the command-handling benchmark, at a tiny size', { timeout: propertyTimeoutMs }, () => {
  // The benchmark throws when a baseline's file does not hold exactly the rows our run wrote.
  it.each(['rows', 'computed'] as const)('the %s baseline writes our rows, byte for byte', async baseline => {
    const dir = mkdtempSync(join(tmpdir(), 'pembina-bench-test-'))
    dirs.push(dir)
    const lines: string[] = []
    const result = await commandHandlingBench({
      offerings: 3,
      rounds: 2,
      mode: 'NORMAL',
      cache: false,
      baseline,
      dir,
      progress: line => lines.push(line),
    })
    expect(result.commands).toBe(30)
    expect(result.rounds.ours).toHaveLength(2)
    expect(result.rounds.baseline).toHaveLength(2)
    expect(lines.some(line => line.includes('round 2/2 baseline'))).toBe(true)
  })

  it('times ours on the in-memory store against the baseline inserting the rows of a run on SQLite', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pembina-bench-test-'))
    dirs.push(dir)
    const lines: string[] = []
    const result = await commandHandlingBench({
      ...{ offerings: 3, rounds: 2, mode: 'NORMAL', cache: false, baseline: 'rows', on: 'memory' },
      ...{ dir, progress: (line: string) => lines.push(line) },
    })
    expect(result).toMatchObject({ on: 'memory', commands: 30 })
    expect(result.rounds.ours).toHaveLength(2)
    expect(lines[0]).toMatch(/ours in memory \(no storage\)/)
  })
})
