import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { demoBench } from './demo-bench.js'

// One demo under tsx: about 3 s here alone, more while another test run shares the two cores (50 times that).
const oneRoundTimeoutMs = 150_000

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

describe('the demo benchmark, one round', () => {
  it(
    'times a whole demo that wrote its commands, and leaves no database file behind',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'pembina-bench-test-'))
      dirs.push(dir)
      const lines: string[] = []
      const result = await demoBench({ rounds: 1, dir, progress: line => lines.push(line) })
      expect(result.seconds).toHaveLength(1)
      expect(result.seconds[0]).toBeGreaterThan(0)
      expect(result.commands).toBeGreaterThan(1_000)
      expect(lines).toEqual([expect.stringMatching(/^ {2}round 1\/1 pembina demo: \d+ commands in \d+\.\d s$/)])
      expect(existsSync(join(dir, 'demo.db'))).toBe(false)
    },
    oneRoundTimeoutMs,
  )
})
