import { describe, expect, it } from 'vitest'
import { throughput } from './throughput.js'

describe('events per second', () => {
  it('is 0 before two readings lie apart', () => {
    const rate = throughput(() => 1_000)
    expect(rate.perSecond()).toBe(0)
    rate.record(50)
    expect(rate.perSecond()).toBe(0)
  })

  it('is the growth of the count over the time since the oldest reading in the window', () => {
    let now = 0
    const rate = throughput(() => now, 5_000)
    rate.record(0)
    now = 1_000
    rate.record(400)
    now = 2_000
    rate.record(1_000)
    expect(rate.perSecond()).toBe(500)
  })

  it('falls to 0 over a quiet spell instead of freezing at the last rate', () => {
    let now = 0
    const rate = throughput(() => now, 1_000)
    rate.record(0)
    now = 500
    rate.record(500)
    expect(rate.perSecond()).toBe(1_000)
    now = 10_000
    expect(rate.perSecond()).toBe(0)
    now = 10_500
    rate.record(600)
    // Measured from the last reading before the window: 100 events over the 10 s since.
    expect(rate.perSecond()).toBe(10)
  })
})
