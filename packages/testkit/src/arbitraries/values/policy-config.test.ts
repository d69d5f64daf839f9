import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import {
  checkedPolicy,
  decodePolicyConfig,
  exampleIndonesianHolidays2026,
  LocalDate,
  policyConfig,
  type PolicyConfig,
} from '@pembina/core'
import { describe, expect, it } from 'vitest'
import { arbHolidayCalendar, arbWorkingCalendar } from './calendar.js'
import { arbInvalidPolicyConfig, arbPolicyConfig, arbPolicyConfigInput } from './policy-config.js'

const settings = { seed: 20_261_208, numRuns: 300 }

describe('holiday calendar generators', () => {
  it('holidays are distinct real dates in order, within the years, usable in policyConfig', () => {
    fc.assert(
      fc.property(arbHolidayCalendar({ fromYear: 2024, toYear: 2028 }), holidays => {
        expect(holidays.every(date => E.isRight(LocalDate.decode(date)))).toBe(true)
        expect([...holidays].sort()).toEqual(holidays)
        expect(new Set(holidays).size).toBe(holidays.length)
        expect(holidays.every(date => date >= '2024-01-01' && date <= '2028-12-31')).toBe(true)
        expect(policyConfig({ holidays }).calendar.holidays).toEqual(holidays)
      }),
      settings,
    )
  })

  it("includes the core's example Indonesian holidays when asked, and leaves them out when asked", () => {
    fc.assert(
      fc.property(
        arbHolidayCalendar({ indonesian: true }),
        arbHolidayCalendar({ indonesian: false, maxPerYear: 0 }),
        (withExample, without) => {
          expect(exampleIndonesianHolidays2026.every(date => withExample.includes(date))).toBe(true)
          expect(without).toEqual([])
        },
      ),
      { ...settings, numRuns: 50 },
    )
    expect(fc.sample(arbHolidayCalendar({ fromYear: 2030, toYear: 2031, indonesian: true }), 5).flat()).not.toContain(
      '2026-08-17',
    )
  })

  it('a working calendar skips its holidays and the weekend', () => {
    fc.assert(
      fc.property(arbWorkingCalendar(), calendar => {
        expect(calendar.holidays.every(date => !calendar.isWorkingDay(date))).toBe(true)
      }),
      { ...settings, numRuns: 100 },
    )
  })
})

describe('policy configuration generators', () => {
  it("every generated input decodes with the core's codec, and every built configuration passes its check", () => {
    fc.assert(
      fc.property(arbPolicyConfigInput(), input => {
        const decoded = decodePolicyConfig(input)
        expect(E.isLeft(decoded) ? decoded.left.issues : []).toEqual([])
        if (E.isRight(decoded)) expect(checkedPolicy(decoded.right)).toBe(decoded.right)
      }),
      settings,
    )
    fc.assert(
      fc.property(arbPolicyConfig(), (config: PolicyConfig) => {
        expect(checkedPolicy(config)).toBe(config)
      }),
      settings,
    )
  })

  it('reaches every parameter and its bounds', () => {
    const inputs = fc.sample(arbPolicyConfigInput(), { seed: settings.seed, numRuns: 1_000 })
    const keys = new Set(inputs.flatMap(input => Object.keys(input)))
    expect([...keys].sort()).toEqual(
      [
        'annualMinimumJp',
        'policyParticipationJp',
        'minActivities',
        'minimumAttendance',
        'minSeniorityYears',
        'maxActiveMentees',
        'sessionMinutes',
        'mentorCredit',
        'complaint',
        'holidays',
        'teknisCompetencies',
        'niPppkCodes',
      ].sort(),
    )
    const complaintKeys = new Set(inputs.flatMap(input => Object.keys(input.complaint ?? {})))
    expect(complaintKeys.size).toBe(8)
    const seen = (values: readonly (number | undefined)[], value: number) => values.includes(value)
    expect(
      seen(
        inputs.map(input => input.minSeniorityYears),
        0,
      ),
    ).toBe(true)
    expect(
      seen(
        inputs.map(input => input.minSeniorityYears),
        40,
      ),
    ).toBe(true)
    expect(
      seen(
        inputs.map(input => input.maxActiveMentees),
        1,
      ),
    ).toBe(true)
    expect(
      seen(
        inputs.map(input => input.maxActiveMentees),
        100,
      ),
    ).toBe(true)
    expect(
      seen(
        inputs.map(input => input.minimumAttendance),
        1,
      ),
    ).toBe(true)
    expect(
      seen(
        inputs.map(input => input.annualMinimumJp?.PNS),
        0,
      ),
    ).toBe(true)
    expect(
      seen(
        inputs.map(input => input.annualMinimumJp?.PPPK),
        1000,
      ),
    ).toBe(true)
  })

  it('every invalid input is refused, naming the broken field and no other', () => {
    fc.assert(
      fc.property(arbInvalidPolicyConfig, ({ input, broken }) => {
        const decoded = decodePolicyConfig(input)
        expect(E.isLeft(decoded) && [...new Set(decoded.left.issues.map(issue => issue.path))]).toEqual([broken])
        expect(() => policyConfig(input)).toThrow(RangeError)
        expect(() => policyConfig(input)).toThrow(`${broken} `)
      }),
      { ...settings, numRuns: 600 },
    )
  })
})
