import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { parseStreamNameIn, streamId, streamName } from './stream-name.js'

const categories = ['enrollment', 'complaint'] as const

describe('stream names', () => {
  it('are <category>-<id>, and the id may itself contain dashes', () => {
    const name = streamName('enrollment', 'pmwp-2026-ii')
    expect(name).toBe('enrollment-pmwp-2026-ii')
    expect(parseStreamNameIn(name, categories)).toEqual(E.right({ category: 'enrollment', id: 'pmwp-2026-ii' }))
  })

  it('refuse an unknown category or an empty id', () => {
    expect(E.isLeft(parseStreamNameIn('payroll-1', categories))).toBe(true)
    expect(E.isLeft(parseStreamNameIn('complaint-', categories))).toBe(true)
    expect(E.isLeft(parseStreamNameIn('complaint', categories))).toBe(true)
  })

  it('an id codec reports the one stream id rule under its own name', () => {
    const OfferingId = streamId('OfferingId')
    expect(OfferingId.is('pmwp-2026-ii')).toBe(true)
    expect(OfferingId.is('-starts-with-a-dash')).toBe(false)
    expect(OfferingId.is('x'.repeat(129))).toBe(false)
    expect(OfferingId.name).toBe('OfferingId')
  })
})
