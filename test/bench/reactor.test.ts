import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { reactorBench } from './reactor.js'

// Each side of each round is a child process of its own (about 1 s to start under tsx): the case takes about 5 s here,
// more while another test run shares the two cores, so it gets about ten times that instead of vitest's 5 s default.
const tinyRunTimeoutMs = 60_000

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

describe('the reactor benchmark, at a tiny size', { timeout: tinyRunTimeoutMs }, () => {
  // The benchmark throws unless each side credited every place and parked nothing.
  it('times the reactor and the handler loop over copies of one history, each crediting every place', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pembina-bench-test-'))
    dirs.push(dir)
    const lines: string[] = []
    const result = await reactorBench({ places: 45, profiles: 30, rounds: 1, dir, progress: line => lines.push(line) })
    expect(result.rounds.ours).toHaveLength(1)
    expect(result.rounds.baseline).toHaveLength(1)
    expect(Math.min(...result.maxRssBytes.ours, ...result.maxRssBytes.baseline)).toBeGreaterThan(0)
    expect(lines.filter(line => line.includes('round 1/1'))).toHaveLength(2)
  })
})
