import { describe, expect, it } from 'vitest'
import { sha256Hex } from '../application/integrity/index.js'
import { StreamChains } from './stream-chains.js'

describe('StreamChains', () => {
  it('keeps every stream’s revision, position, hash and soundness apart, past the point where its arrays grow', () => {
    const chains = new StreamChains()
    const streams = 5_000
    for (let i = 0; i < streams; i++) {
      const slot = chains.slotOf(`training-${i}`)
      expect(chains.revision(slot)).toBe(-1)
      expect(chains.hash(slot)).toBeNull()
      chains.advance(slot, i % 7, BigInt(i * 10), i % 5 === 0 ? null : sha256Hex(String(i)))
      if (i % 3 === 0) chains.break(slot)
    }
    expect(chains.size).toBe(streams)
    for (let i = 0; i < streams; i++) {
      const slot = chains.slotOf(`training-${i}`)
      expect(chains.revision(slot)).toBe(i % 7)
      expect(chains.hash(slot)).toBe(i % 5 === 0 ? null : sha256Hex(String(i)))
      expect(chains.sound(slot)).toBe(i % 3 !== 0)
    }
    const heads = chains.soundHeads()
    expect(Object.keys(heads)).toHaveLength([...Array(streams).keys()].filter(i => i % 5 !== 0 && i % 3 !== 0).length)
    expect(heads['training-1']).toEqual({ revision: 1, hash: sha256Hex('1'), position: '10' })
    expect(heads['training-4999']).toEqual({ revision: 4999 % 7, hash: sha256Hex('4999'), position: '49990' })
    expect(chains.revisionOf('training-4999')).toBe(4999 % 7)
    expect(chains.revisionOf('never-met')).toBe(-1)
  })

  it('forgets a hash when a later event carries none, and keeps a break', () => {
    const chains = new StreamChains()
    const slot = chains.slotOf('complaint-1')
    chains.advance(slot, 0, 1n, sha256Hex('a'))
    chains.break(slot)
    chains.advance(slot, 1, 2n, null)
    expect(chains.hash(slot)).toBeNull()
    chains.advance(slot, 2, 3n, sha256Hex('b'))
    expect(chains.hash(slot)).toBe(sha256Hex('b'))
    expect(chains.sound(slot)).toBe(false)
    expect(chains.soundHeads()).toEqual({})
  })
})
