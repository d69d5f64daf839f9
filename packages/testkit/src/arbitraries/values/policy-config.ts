import fc from 'fast-check'
import { type PolicyConfig, type PolicyConfigInput, TeknisCode, policyConfig } from '@pembina/core'
import { arbHolidayCalendar, type HolidayCalendarOptions } from './calendar.js'

// A number of JP as the configuration takes it: 0 to 1000, whole or not.
const arbJp = fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.double({ min: 0, max: 1000, noNaN: true }))

// An agency's teknis code: mostly in the usual `T.KES.07` style, sometimes any token the codec accepts.
const arbTeknisCode = fc.oneof(
  { weight: 4, arbitrary: fc.stringMatching(/^T\.[A-Z]{2,4}\.\d{2}$/) },
  {
    weight: 1,
    arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }).filter(code => TeknisCode.is(code)),
  },
)

// A competency name: 1 to 200 characters, not blank.
const arbCompetencyName = fc.oneof(
  fc.constantFrom('Pelayanan Imunisasi', 'Surveilans Epidemiologi', 'Pengelolaan Arsip', 'Kesehatan Lingkungan'),
  fc.string({ minLength: 1, maxLength: 60 }).filter(name => name.trim() !== ''),
)

const arbComplaintDays = fc.integer({ min: 1, max: 365 })

const arbSessionMinutes = fc
  .tuple(fc.integer({ min: 1, max: 1440 }), fc.integer({ min: 1, max: 1440 }))
  .map(([a, b]) => ({ min: Math.min(a, b), max: Math.max(a, b) }))

/**
 * Policy configuration as JSON input (`PolicyConfigInput`, what `decodePolicyConfig` and `policyConfig` take): each
 * parameter present or not, and when present anywhere in its range, its bounds included: annual JP minimums for PNS
 * and PPPK (0 to 1000, whole or not), JP for a policy consultation, activities for the incentive (0 to 100), the
 * attendance share (above 0, at most 1), the mentor's seniority (0 to 40 years) and active mentees (1 to 100), the
 * session range (1 to 1440 minutes, min ≤ max), what mentoring credits the mentor, the eight complaint periods (1 to
 * 365 days each), the holidays (`arbHolidayCalendar(calendar)`), a teknis catalogue and the NI PPPK codes (13 to 99).
 */
export const arbPolicyConfigInput = (
  options: { readonly calendar?: HolidayCalendarOptions } = {},
): fc.Arbitrary<PolicyConfigInput> =>
  fc.record(
    {
      annualMinimumJp: fc.record({ PNS: arbJp, PPPK: arbJp }, { requiredKeys: [] }),
      policyParticipationJp: arbJp,
      minActivities: fc.integer({ min: 0, max: 100 }),
      minimumAttendance: fc.oneof(
        fc.constantFrom(1, 0.75, 0.8),
        fc.double({ min: 0, max: 1, minExcluded: true, noNaN: true }),
      ),
      minSeniorityYears: fc.integer({ min: 0, max: 40 }),
      maxActiveMentees: fc.integer({ min: 1, max: 100 }),
      sessionMinutes: arbSessionMinutes,
      mentorCredit: fc.constantFrom('activity', 'activity-and-minutes'),
      complaint: fc.record(
        {
          filingWindowDays: arbComplaintDays,
          verificationWorkingDays: arbComplaintDays,
          completionWindowDays: arbComplaintDays,
          followUpWorkingDays: arbComplaintDays,
          decisionDays: arbComplaintDays,
          notificationDays: arbComplaintDays,
          autoCloseWorkingDays: arbComplaintDays,
          ratingWindowDays: arbComplaintDays,
        },
        { requiredKeys: [] },
      ),
      holidays: arbHolidayCalendar(options.calendar),
      teknisCompetencies: fc.dictionary(arbTeknisCode, arbCompetencyName, { maxKeys: 6 }),
      niPppkCodes: fc.uniqueArray(
        fc.integer({ min: 13, max: 99 }).map(code => String(code)),
        { maxLength: 4 },
      ),
    },
    { requiredKeys: [] },
  )

/** Valid policy configurations: `arbPolicyConfigInput(options)` built with `policyConfig`, defaults for the rest. */
export const arbPolicyConfig = (
  options: { readonly calendar?: HolidayCalendarOptions } = {},
): fc.Arbitrary<PolicyConfig> => arbPolicyConfigInput(options).map(input => policyConfig(input))

/** A policy configuration input with one field broken, and the path `decodePolicyConfig` names for it. */
export interface InvalidPolicyConfig {
  /** The input: valid but for the one field. */
  readonly input: Readonly<Record<string, unknown>>
  /** The dotted path of the broken field, as the decode failure's issues name it (`complaint.decisionDays`). */
  readonly broken: string
  /** What is wrong with it, in a few words (`above the maximum`, `unknown key`). */
  readonly rule: string
}

type Input = Readonly<Record<string, unknown>>

/** One way to break a field: what is wrong, and the input with the bad value in it with the path of that value. */
interface Breaker {
  readonly rule: string
  readonly apply: (input: Input) => { readonly input: Input; readonly broken: string }
}

type Bad = readonly [rule: string, value: unknown]

const objectAt = (input: Input, key: string): Input => {
  const value = input[key]
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Input) : {}
}

const arrayAt = (input: Input, key: string): readonly unknown[] => {
  const value = input[key]
  return Array.isArray(value) ? (value as readonly unknown[]) : []
}

// A top-level field set to a bad value.
const breakTop = (key: string, bad: fc.Arbitrary<Bad>): fc.Arbitrary<Breaker> =>
  bad.map(([rule, value]) => ({ rule, apply: input => ({ input: { ...input, [key]: value }, broken: key }) }))

// A field of a group (`complaint`, `annualMinimumJp`, `sessionMinutes`) set to a bad value, the others kept.
const breakNested = (key: string, field: string, bad: fc.Arbitrary<Bad>): fc.Arbitrary<Breaker> =>
  bad.map(([rule, value]) => ({
    rule,
    apply: input => ({
      input: { ...input, [key]: { ...objectAt(input, key), [field]: value } },
      broken: `${key}.${field}`,
    }),
  }))

// A bad element put into a list (`holidays`, `niPppkCodes`) among its good ones.
const breakElement = (key: string, bad: fc.Arbitrary<Bad>): fc.Arbitrary<Breaker> =>
  fc.record({ bad, at: fc.nat() }).map(({ bad: [rule, value], at }) => ({
    rule,
    apply: input => {
      const list = arrayAt(input, key)
      const index = at % (list.length + 1)
      return {
        input: { ...input, [key]: [...list.slice(0, index), value, ...list.slice(index)] },
        broken: `${key}.${index}`,
      }
    },
  }))

// A key of the teknis catalogue that is no teknis code, or a good key with a bad name.
const breakCatalogue = (key: fc.Arbitrary<string>, bad: fc.Arbitrary<Bad>): fc.Arbitrary<Breaker> =>
  fc.record({ key, bad }).map(({ key: code, bad: [rule, name] }) => ({
    rule,
    apply: input => ({
      input: { ...input, teknisCompetencies: { ...objectAt(input, 'teknisCompetencies'), [code]: name } },
      broken: `teknisCompetencies.${code}`,
    }),
  }))

// The session range set whole, one bound bad or the two upside down.
const breakSession = (
  broken: string,
  bad: fc.Arbitrary<readonly [rule: string, range: unknown]>,
): fc.Arbitrary<Breaker> =>
  bad.map(([rule, range]) => ({ rule, apply: input => ({ input: { ...input, sessionMinutes: range }, broken }) }))

const badJp = fc.constantFrom<Bad>(
  ['below 0', -1],
  ['below 0', -0.5],
  ['above 1000', 1000.5],
  ['above 1000', 1e9],
  ['not a number', Number.NaN],
  ['not a number', Number.POSITIVE_INFINITY],
  ['not a number', '20'],
  ['not a number', null],
)

const badWhole = (min: number, max: number): fc.Arbitrary<Bad> =>
  fc.oneof(
    fc.integer({ min: min - 1000, max: min - 1 }).map((n): Bad => ['below the minimum', n]),
    fc.integer({ min: max + 1, max: max + 1000 }).map((n): Bad => ['above the maximum', n]),
    fc
      .double({ min, max, noNaN: true })
      .filter(n => !Number.isInteger(n))
      .map((n): Bad => ['not whole', n]),
    fc.constantFrom<Bad>(['not a number', String(min)], ['not a number', true]),
  )

const arbMinutes = fc.integer({ min: 1, max: 1440 })

const complaintFields = [
  'filingWindowDays',
  'verificationWorkingDays',
  'completionWindowDays',
  'followUpWorkingDays',
  'decisionDays',
  'notificationDays',
  'autoCloseWorkingDays',
  'ratingWindowDays',
] as const

const breakers: readonly fc.Arbitrary<Breaker>[] = [
  breakNested('annualMinimumJp', 'PNS', badJp),
  breakNested('annualMinimumJp', 'PPPK', badJp),
  breakNested('annualMinimumJp', 'pppk', fc.constant<Bad>(['unknown key (misspelt)', 24])),
  breakTop('annualMinimumJp', fc.constant<Bad>(['not an object', 20])),
  breakTop('policyParticipationJp', badJp),
  breakTop('minActivities', badWhole(0, 100)),
  breakTop(
    'minimumAttendance',
    fc.oneof(
      fc.constantFrom<Bad>(['not above 0', 0], ['not above 0', -0.2], ['above 1', 80], ['not a number', '80%']),
      fc.double({ min: 1, max: 100, minExcluded: true, noNaN: true }).map((n): Bad => ['above 1', n]),
    ),
  ),
  breakTop('minSeniorityYears', badWhole(0, 40)),
  breakTop('maxActiveMentees', badWhole(1, 100)),
  breakSession(
    'sessionMinutes.min',
    fc.tuple(badWhole(1, 1440), arbMinutes).map(([[rule, min], max]) => [rule, { min, max }] as const),
  ),
  breakSession(
    'sessionMinutes.max',
    fc.tuple(badWhole(1, 1440), arbMinutes).map(([[rule, max], min]) => [rule, { min, max }] as const),
  ),
  breakSession(
    'sessionMinutes.max',
    arbMinutes.map(min => ['missing', { min }] as const),
  ),
  breakSession(
    'sessionMinutes.step',
    fc
      .tuple(arbMinutes, arbMinutes)
      .map(([a, b]) => ['unknown key', { min: Math.min(a, b), max: Math.max(a, b), step: 15 }] as const),
  ),
  breakSession(
    'sessionMinutes',
    fc
      .tuple(arbMinutes, arbMinutes)
      .filter(([a, b]) => a !== b)
      .map(([a, b]) => ['min above max', { min: Math.max(a, b), max: Math.min(a, b) }] as const),
  ),
  breakTop(
    'mentorCredit',
    fc.constantFrom<Bad>(['not a choice', 'jp'], ['not a choice', 'minutes'], ['not a choice', '']),
  ),
  fc.constantFrom(...complaintFields).chain(field => breakNested('complaint', field, badWhole(1, 365))),
  breakNested('complaint', 'escalationDays', fc.constant<Bad>(['unknown key', 7])),
  breakTop('complaint', fc.constant<Bad>(['not an object', 30])),
  breakElement(
    'holidays',
    fc.constantFrom<Bad>(
      ['not a real date', '2026-02-30'],
      ['not a real date', '2026-13-01'],
      ['not YYYY-MM-DD', '17-08-2026'],
      ['not YYYY-MM-DD', '2026-8-17'],
      ['not YYYY-MM-DD', 20_260_817],
    ),
  ),
  breakTop('holidays', fc.constant<Bad>(['not a list', '2026-08-17'])),
  breakCatalogue(
    fc.constantFrom('M.01', 'M.08', 'SK.01', 'T KES', 'kes 07'),
    fc.constant<Bad>(['key is no teknis code', 'Nama Kompetensi']),
  ),
  breakCatalogue(
    fc.stringMatching(/^T\.[A-Z]{2,4}\.\d{2}$/),
    fc.constantFrom<Bad>(
      ['blank name', ''],
      ['blank name', '   '],
      ['name too long', 'x'.repeat(201)],
      ['not text', 7],
    ),
  ),
  breakElement(
    'niPppkCodes',
    fc.constantFrom<Bad>(
      ['a month', '05'],
      ['a month', '12'],
      ['one digit', '7'],
      ['three digits', '100'],
      ['not digits', 'ab'],
      ['not text', 21],
    ),
  ),
  breakTop('minimumAtendance', fc.constant<Bad>(['unknown key (misspelt)', 0.8])),
  breakTop('holiday', fc.constant<Bad>(['unknown key (misspelt)', ['2026-08-17']])),
  breakTop('escalationDays', fc.constant<Bad>(['unknown key', 7])),
]

/**
 * Policy configuration inputs valid but for one field (out of range, of the wrong kind, a session range upside down,
 * an impossible holiday, a teknis code that is none or a blank name, an NI PPPK code that is a month, a misspelt or
 * unknown key), with the path `decodePolicyConfig` names for it (`broken`): the failure's issues name that path and
 * no other, and `policyConfig` throws a RangeError naming it.
 */
export const arbInvalidPolicyConfig: fc.Arbitrary<InvalidPolicyConfig> = fc
  .record({ base: arbPolicyConfigInput(), breaker: fc.oneof(...breakers) })
  .map(({ base, breaker }): InvalidPolicyConfig => ({ ...breaker.apply(base), rule: breaker.rule }))
