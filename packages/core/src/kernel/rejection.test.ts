import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { rejectionCatalog } from './rejection.js'

const offeringRejections = rejectionCatalog({
  'capacity-reached': { message: 'Approved places may not exceed the capacity of the offering', term: 'kuota penuh' },
  'offering-not-open': { message: 'No offering has been opened in this stream', term: 'pelatihan belum dibuka' },
  'mentor-not-senior': {
    message: (minYears: number) => `The mentor must be appointed at least ${minYears} year(s) before the mentee`,
    term: 'senioritas',
  },
})

describe('a rejection catalog', () => {
  it('gives each code its message and Indonesian term', () => {
    expect(offeringRejections.rejection('capacity-reached')).toEqual({
      code: 'capacity-reached',
      message: 'Approved places may not exceed the capacity of the offering',
      term: 'kuota penuh',
    })
    expect(offeringRejections.rejection('offering-not-open')).toEqual({
      code: 'offering-not-open',
      message: 'No offering has been opened in this stream',
      term: 'pelatihan belum dibuka',
    })
    expect(offeringRejections.term('mentor-not-senior')).toBe('senioritas')
  })

  it('writes a message from the details the decision knows', () => {
    expect(offeringRejections.refuse('mentor-not-senior', 3)).toEqual(
      E.left({
        code: 'mentor-not-senior',
        message: 'The mentor must be appointed at least 3 year(s) before the mentee',
        term: 'senioritas',
      }),
    )
  })

  it('lists every code in its order', () => {
    expect(offeringRejections.codes).toEqual(['capacity-reached', 'offering-not-open', 'mentor-not-senior'])
  })
})
