import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { parseStreamName, streamName } from './stream-name.js'

describe('stream names', () => {
  it('are <category>-<id>, and the id may itself contain dashes', () => {
    const name = streamName('enrollment', 'pmwp-2026-ii')
    expect(name).toBe('enrollment-pmwp-2026-ii')
    expect(parseStreamName(name)).toEqual(E.right({ category: 'enrollment', id: 'pmwp-2026-ii' }))
  })

  it('refuse an unknown category or an empty id', () => {
    expect(E.isLeft(parseStreamName('payroll-1'))).toBe(true)
    expect(E.isLeft(parseStreamName('complaint-'))).toBe(true)
    expect(E.isLeft(parseStreamName('complaint'))).toBe(true)
  })
})
