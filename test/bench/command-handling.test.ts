import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { commandHandlingBench } from './command-handling.js'

// Each case runs the benchmark's workload at a tiny size, every side of every round in a child process of its own
// (about 1 s to start under tsx): 2 to 8 s each on this machine, more while another test run shares its two cores, so
// each case gets about ten times its usual run instead of vitest's 5 s default.
const propertyTimeoutMs = 60_000

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

  it('times ours in memory against Emmett, and both stores hold every event, each stream the same types', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pembina-bench-test-'))
    dirs.push(dir)
    const lines: string[] = []
    const result = await commandHandlingBench({
      ...{ offerings: 3, rounds: 1, mode: 'NORMAL', cache: false, baseline: 'emmett', on: 'memory' },
      ...{ dir, progress: (line: string) => lines.push(line) },
    })
    expect(result.rounds.ours).toHaveLength(1)
    expect(result.rounds.baseline).toHaveLength(1)
    expect(result.stored?.ours).toMatchObject({ events: 30, streams: 3 })
    expect(result.stored?.baseline).toEqual(result.stored?.ours)
    expect(Math.min(...result.maxRssBytes.ours, ...result.maxRssBytes.baseline)).toBeGreaterThan(0)
    expect(lines[0]).toMatch(/ours vs Emmett 0\.38\.5/)
  })
})
