import { describe, expect, it } from 'vitest'
import { isPastHead, nothingToCatchUp, signalCoversHead } from './catch-up.js'

describe('telling a subscription has caught up', () => {
  it('an event past the end of $all read at the start is a new one; at or before it, a stored one', () => {
    expect(isPastHead(100n, 101n)).toBe(true)
    expect(isPastHead(100n, 100n)).toBe(false)
    expect(isPastHead(100n, 3n)).toBe(false)
    expect(isPastHead(null, 0n)).toBe(true)
  })

  it("the server's caught-up message always covers the start; a checkpoint once it reaches the head", () => {
    expect(signalCoversHead(100n, { kind: 'caught-up' })).toBe(true)
    expect(signalCoversHead(100n, { kind: 'checkpoint', position: 99n })).toBe(false)
    expect(signalCoversHead(100n, { kind: 'checkpoint', position: 100n })).toBe(true)
    expect(signalCoversHead(null, { kind: 'checkpoint', position: 0n })).toBe(true)
  })

  it('an empty $all, or a start at or after its end, leaves nothing to catch up', () => {
    expect(nothingToCatchUp(null, undefined)).toBe(true)
    expect(nothingToCatchUp(100n, 100n)).toBe(true)
    expect(nothingToCatchUp(100n, 250n)).toBe(true)
    expect(nothingToCatchUp(100n, 99n)).toBe(false)
    expect(nothingToCatchUp(100n, undefined)).toBe(false)
  })
})
