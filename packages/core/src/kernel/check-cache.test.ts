import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { describe, expect, it } from 'vitest'
import { parseNip } from '../shared/nip.js'
import { cachedCheck } from './check-cache.js'

/** A check that counts its calls: accepted when the text is all digits. */
const counting = () => {
  const calls: string[] = []
  const check = (text: string): boolean => {
    calls.push(text)
    return /^\d+$/.test(text)
  }
  return { calls, check }
}

describe('the cache of a check (issue 23)', () => {
  it('keeps accepted outcomes, so a repeated valid input is checked once', () => {
    const { calls, check } = counting()
    const cached = cachedCheck(check, { accepted: ok => ok })
    expect([cached('123'), cached('123'), cached('123')]).toEqual([true, true, true])
    expect(calls).toEqual(['123'])
  })

  it('never keeps a refused input, nor one longer than its bound, so neither stays in memory', () => {
    const { calls, check } = counting()
    const cached = cachedCheck(check, { accepted: ok => ok, maxTextLength: 8 })
    expect([cached('12x'), cached('12x')]).toEqual([false, false])
    expect([cached('1234567890'), cached('1234567890')]).toEqual([true, true])
    expect(calls).toEqual(['12x', '12x', '1234567890', '1234567890'])
  })

  it('starts afresh once it holds its capacity', () => {
    const { calls, check } = counting()
    const cached = cachedCheck(check, { accepted: ok => ok, capacity: 2 })
    for (const text of ['1', '2', '3', '1']) cached(text)
    expect(calls).toEqual(['1', '2', '3', '1'])
  })

  it('150 distinct refused 1 MB NIPs leave no more than a few megabytes of heap after collection', () => {
    setFlagsFromString('--expose-gc')
    const collect = runInNewContext('gc') as () => void
    collect()
    const before = process.memoryUsage().heapUsed
    for (let i = 0; i < 150; i++)
      expect(parseNip(`${String(i).padStart(3, '0')}${'9'.repeat(1_000_000)}`)._tag).toBe('Left')
    collect()
    const grown = process.memoryUsage().heapUsed - before
    // Kept, they would hold 150 MB (300 MB as UTF-16 in V8's worst case).
    expect(grown).toBeLessThan(20 * 1024 * 1024)
  })
})
