import { describe, expect, it } from 'vitest'
import { TrackingTokenDigest } from '../../shared/tracking-token.js'
import { issueTrackingToken, trackingTokenDigestOf } from './tracking-token.js'

describe('tracking tokens', () => {
  it('issues a fresh secret each time, with its SHA-256 digest, which alone is stored', () => {
    const first = issueTrackingToken()
    const second = issueTrackingToken()
    expect(first.token).not.toBe(second.token)
    expect(first.token).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(TrackingTokenDigest.is(first.digest)).toBe(true)
    expect(trackingTokenDigestOf(first.token)).toBe(first.digest)
    expect(first.digest.includes(first.token)).toBe(false)
  })

  it('refuses a digest that is not 64 lower-case hex characters', () => {
    for (const bad of ['A'.repeat(64), 'a'.repeat(63), 'token-in-clear', ''])
      expect(TrackingTokenDigest.is(bad)).toBe(false)
  })
})
