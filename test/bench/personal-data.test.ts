import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { personalDataBench } from './personal-data.js'

// Four child processes (about 1 s each to start under tsx) per round: the case takes about 10 s here, more while another
// test run shares the two cores, so it gets about ten times that instead of vitest's 5 s default.
const tinyRunTimeoutMs = 120_000

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

describe('the personal-data benchmark, at a tiny size', { timeout: tinyRunTimeoutMs }, () => {
  // Each side throws unless it wrote every command and opened every sealed field to its clear text.
  it('times ours, the baseline and the floor in one round, and leaves no database file behind', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pembina-bench-test-'))
    dirs.push(dir)
    const lines: string[] = []
    const result = await personalDataBench({
      complaints: 5,
      mode: 'NORMAL',
      rounds: 1,
      dir,
      progress: line => lines.push(line),
    })
    for (const rounds of [result.write, result.writeOpen, result.floorWrite, result.floorWriteOpen, result.bound]) {
      expect(rounds.ours).toHaveLength(1)
      expect(rounds.baseline).toHaveLength(1)
    }
    // The openings cost time: the whole is slower than the write path alone.
    expect(result.writeOpen.ours[0]).toBeLessThan(result.write.ours[0] ?? 0)
    expect(result.floorWriteOpen.ours[0]).toBeLessThan(result.floorWrite.ours[0] ?? 0)
    expect(Math.min(...result.maxRssBytes.ours, ...result.maxRssBytes.baseline)).toBeGreaterThan(0)
    expect(lines.filter(line => line.includes('round 1/1'))).toHaveLength(4)
    expect(lines.filter(line => line.includes('30 fields opened'))).toHaveLength(2)
    expect(readdirSync(dir)).toEqual([])
  })
})
