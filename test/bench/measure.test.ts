import { describe, expect, it } from 'vitest'
import { alternate, formatTable, median, missedTargets, pairedRatios, ratioCell, type TableRow } from './measure.js'

describe('benchmark measurement', () => {
  it('the median of an odd count is the middle value, of an even count the mean of the middle two', () => {
    expect(median([5, 1, 3])).toBe(3)
    expect(median([4, 1, 3, 2])).toBe(2.5)
    expect(median([])).toBeNaN()
  })

  it('ratios pair each round of ours with the same round of the baseline', () => {
    expect(pairedRatios({ ours: [50, 90], baseline: [100, 100] })).toEqual([0.5, 0.9])
    expect(ratioCell([0.5, 0.9, 0.7])).toBe('0.70× (0.50×-0.90×)')
  })

  it('rounds alternate which side goes first, so neither always runs on a warmer machine', async () => {
    const order: string[] = []
    const side = (name: string) => (round: number) => {
      order.push(`${name}${round}`)
      return Promise.resolve({ units: 10, seconds: 1 })
    }
    const rounds = await alternate(3, side('o'), side('b'), () => undefined)
    expect(order).toEqual(['o1', 'b1', 'b2', 'o2', 'o3', 'b3'])
    expect(rounds).toEqual({ ours: [10, 10, 10], baseline: [10, 10, 10] })
  })

  it('the table aligns every column under its heading', () => {
    const row = { benchmark: 'x', size: '1 event', ours: '1/s', baseline: '2/s', ratio: '0.50×', target: '>= 0.70×' }
    const lines = formatTable([{ ...row, result: 'MISSED' }]).split('\n')
    expect(lines).toHaveLength(3)
    expect(lines[2]?.indexOf('MISSED')).toBe(lines[0]?.indexOf('result'))
  })

  it('peak RSS columns show each side in its own process, and - for a row run in process', () => {
    const row = { benchmark: 'x', size: '1', ours: '1/s', baseline: '2/s', ratio: '0.50×', target: '-' } as const
    const lines = formatTable([
      { ...row, result: 'n/a', oursRss: '120 MB', baselineRss: '110 MB' },
      { ...row, result: 'n/a' },
    ]).split('\n')
    expect(lines[0]).toMatch(/ours peak RSS +baseline peak RSS$/)
    expect(lines[2]).toMatch(/120 MB +110 MB$/)
    expect(lines[3]).toMatch(/n\/a +- +-$/)
  })

  it('a missed target is reported with its ratio and target, so `pnpm bench` exits non-zero; none missed reports nothing', () => {
    const row = (benchmark: string, result: TableRow['result']): TableRow => ({
      benchmark,
      size: '1',
      ours: '1',
      baseline: '1',
      ratio: '0.50×',
      target: '>= 0.70×',
      result,
    })
    expect(missedTargets([row('read', 'met'), row('rebuild', 'n/a')])).toBeUndefined()
    expect(missedTargets([row('read', 'met'), row('command handling, FULL', 'MISSED')])).toBe(
      '1 target(s) missed: command handling, FULL (0.50×, >= 0.70×)',
    )
  })
})
