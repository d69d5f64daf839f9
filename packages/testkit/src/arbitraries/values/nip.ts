import fc from 'fast-check'
import { type LocalDate, type Nip, type NipError, addDays, localDate, nip } from '@pembina/core'

const pad = (n: number, width: number): string => String(n).padStart(width, '0')

/** The four segments of a NIP (Perka BKN 22/2007): `YYYYMMDD YYYYMM G NNN`. */
export interface NipParts {
  /** The birth date (segment 1). */
  readonly birthDate: LocalDate
  /** The year and month of first appointment, TMT CPNS (segment 2). */
  readonly tmt: { readonly year: number; readonly month: number }
  /** The gender digit (segment 3): 1 male, 2 female. */
  readonly sex: 1 | 2
  /** The sequence number (segment 4), 1 to 999. */
  readonly serial: number
}

const digitsOf = (parts: NipParts): string =>
  `${parts.birthDate.replace(/-/g, '')}${pad(parts.tmt.year, 4)}${pad(parts.tmt.month, 2)}${parts.sex}${pad(parts.serial, 3)}`

/** The NIP its parts make; throws a RangeError when they do not make a valid one (see `parseNip`). */
export const nipFromParts = (parts: NipParts): Nip => nip(digitsOf(parts))

// A year and month as one number of months, and back.
const monthIndex = (year: number, month: number): number => year * 12 + month - 1
const yearMonth = (index: number): { readonly year: number; readonly month: number } => ({
  year: Math.floor(index / 12),
  month: (index % 12) + 1,
})
const monthOfDate = (date: LocalDate): number => monthIndex(Number(date.slice(0, 4)), Number(date.slice(5, 7)))
const parseYearMonth = (text: string): number => {
  const match = /^(\d{4})-(\d{2})$/.exec(text)
  if (match === null) throw new RangeError(`expected a year and month written YYYY-MM, got "${text}"`)
  return monthIndex(Number(match[1]), Number(match[2]))
}
const lastDayOfMonth = (index: number): LocalDate => {
  const { year, month } = yearMonth(index + 1)
  return addDays(localDate(`${pad(year, 4)}-${pad(month, 2)}-01`), -1)
}

/**
 * The first TMT month on or after the 18th birthday: the month of the birthday when it falls on the 1st (a TMT is the
 * 1st of its month), the month after it otherwise.
 */
const firstAdultMonth = (birthDate: LocalDate): number =>
  monthOfDate(birthDate) + 18 * 12 + (birthDate.endsWith('-01') ? 0 : 1)

/** Where generated NIPs are born and appointed. */
export interface NipPartsOptions {
  /** Earliest birth date, `YYYY-MM-DD` (default 1960-01-01). */
  readonly bornFrom?: string
  /** Latest birth date, `YYYY-MM-DD` (default 2004-12-31); lowered so that an 18th birthday falls by `appointedBy`. */
  readonly bornTo?: string
  /** Latest TMT, `YYYY-MM` (default 2026-12): no NIP is appointed after it, "in the future". */
  readonly appointedBy?: string
  /** Most years between the birth and the TMT (default 45). */
  readonly maxAgeAtAppointment?: number
}

/**
 * The segments of plausible NIPs: a real birth date, a TMT on or after the 18th birthday (at most
 * `maxAgeAtAppointment` years after the birth) and not after `appointedBy`, either gender, a sequence 001-999.
 * Throws a RangeError when the options leave no such NIP.
 */
export const arbNipParts = (options: NipPartsOptions = {}): fc.Arbitrary<NipParts> => {
  const appointedBy = parseYearMonth(options.appointedBy ?? '2026-12')
  const maxAge = options.maxAgeAtAppointment ?? 45
  const bornFrom = localDate(options.bornFrom ?? '1960-01-01')
  const latestBirth = lastDayOfMonth(appointedBy - 18 * 12 - 1)
  const askedTo = localDate(options.bornTo ?? '2004-12-31')
  const bornTo = askedTo < latestBirth ? askedTo : latestBirth
  if (bornFrom > bornTo)
    throw new RangeError(
      `arbNipParts: no one born from ${bornFrom} to ${askedTo} can be appointed at 18 by ${options.appointedBy ?? '2026-12'}`,
    )
  const span = Math.round((Date.parse(`${bornTo}T00:00:00Z`) - Date.parse(`${bornFrom}T00:00:00Z`)) / 86_400_000)
  return fc
    .integer({ min: 0, max: span })
    .map(days => addDays(bornFrom, days))
    .chain(birthDate => {
      const earliest = firstAdultMonth(birthDate)
      const latest = Math.max(earliest, Math.min(appointedBy, monthOfDate(birthDate) + maxAge * 12))
      return fc.record({
        birthDate: fc.constant(birthDate),
        tmt: fc.integer({ min: earliest, max: latest }).map(yearMonth),
        sex: fc.constantFrom<1 | 2>(1, 2),
        serial: fc.integer({ min: 1, max: 999 }),
      })
    })
}

/** Valid NIPs built from `arbNipParts`: the 18 digits, as the `Nip` codec decodes them. */
export const arbValidNip = (options: NipPartsOptions = {}): fc.Arbitrary<Nip> => arbNipParts(options).map(nipFromParts)

/** The ways a NIP may be written (DOMAIN.md): the 18 digits together, or the four segments apart by spaces or dots. */
export type NipWriting = 'together' | 'spaced' | 'dotted' | 'mixed' | 'padded'

/**
 * A valid NIP in one of its written forms (`value`, which the `Nip` codec decodes to `nip`): together, spaced
 * (`19660801 198803 1 001`), dotted (`19660801.198803.1.001`), apart by spaces and dots mixed, or with spaces around.
 */
export const arbWrittenNip = (
  options: NipPartsOptions = {},
): fc.Arbitrary<{ readonly value: string; readonly nip: Nip; readonly writing: NipWriting }> =>
  fc
    .record({
      nip: arbValidNip(options),
      writing: fc.constantFrom<NipWriting>('together', 'spaced', 'dotted', 'mixed', 'padded'),
      separators: fc.tuple(fc.constantFrom('', ' ', '.'), fc.constantFrom('', ' ', '.'), fc.constantFrom('', ' ', '.')),
    })
    .map(({ nip: value, writing, separators: [a, b, c] }) => {
      const segments = [value.slice(0, 8), value.slice(8, 14), value.slice(14, 15), value.slice(15)] as const
      const apart = (s1: string, s2: string, s3: string): string =>
        `${segments[0]}${s1}${segments[1]}${s2}${segments[2]}${s3}${segments[3]}`
      switch (writing) {
        case 'together':
          return { value, nip: value, writing }
        case 'spaced':
          return { value: apart(' ', ' ', ' '), nip: value, writing }
        case 'dotted':
          return { value: apart('.', '.', '.'), nip: value, writing }
        case 'mixed':
          return { value: apart(a, b, c), nip: value, writing }
        case 'padded':
          return { value: `  ${apart(a, b, c)} `, nip: value, writing }
      }
    })

/** What makes an implausible NIP implausible, though the `Nip` codec accepts it (DOMAIN.md does not make it invalid). */
export type NipImplausibility = 'tmt-before-18th-birthday' | 'tmt-in-the-future'

/**
 * NIPs that the `Nip` codec accepts but a stricter check may question: a TMT before the 18th birthday (yet after the
 * birth month), or a TMT after `asOf` (`YYYY-MM`, default 2026-12). DOMAIN.md makes a NIP valid when both dates are real,
 * the TMT is after the birth date, the gender digit is 1 or 2 and the sequence is not 000; it sets no minimum age and the
 * codec reads no clock, so neither is a rule the codec checks. For testing a check of your own.
 */
export const arbImplausibleNip = (
  options: { readonly asOf?: string } = {},
): fc.Arbitrary<{ readonly value: Nip; readonly implausible: NipImplausibility; readonly parts: NipParts }> => {
  const asOf = options.asOf ?? '2026-12'
  const young = arbNipParts({ appointedBy: asOf }).chain(parts => {
    const birthMonth = monthOfDate(parts.birthDate)
    return fc
      .integer({ min: birthMonth + 1, max: firstAdultMonth(parts.birthDate) - 1 })
      .map(tmt => ({ ...parts, tmt: yearMonth(tmt) }))
      .map(young => ({ value: nipFromParts(young), implausible: 'tmt-before-18th-birthday' as const, parts: young }))
  })
  const future = fc
    .record({ parts: arbNipParts({ appointedBy: asOf }), monthsAhead: fc.integer({ min: 1, max: 120 }) })
    .map(({ parts, monthsAhead }) => {
      const later = { ...parts, tmt: yearMonth(parseYearMonth(asOf) + monthsAhead) }
      return { value: nipFromParts(later), implausible: 'tmt-in-the-future' as const, parts: later }
    })
  return fc.oneof(young, future)
}

/** How an invalid NIP is broken, one rule each; `InvalidNip.broken` names the segment `parseNip` reports for it. */
export type InvalidNipRule =
  | 'birth-month-impossible'
  | 'birth-day-impossible'
  | 'tmt-month-00'
  | 'tmt-not-after-birth'
  | 'ni-pppk-year-not-after-birth'
  | 'gender-digit-not-1-or-2'
  | 'sequence-000'
  | 'too-short'
  | 'too-long'
  | 'letter'
  | 'non-ascii-digit'
  | 'misplaced-separator'
  | 'double-separator'
  | 'foreign-separator'

/** An invalid NIP: its text, the segment the `Nip` codec names when it refuses it, and the rule it breaks. */
export interface InvalidNip {
  readonly value: string
  /** The segment `parseNip` reports (`NipError['segment']`): the rest of the number is valid. */
  readonly broken: NipError['segment']
  readonly rule: InvalidNipRule
}

const daysIn = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate()

const splice = (text: string, at: number, remove: number, insert: string): string =>
  `${text.slice(0, at)}${insert}${text.slice(at + remove)}`

const invalid = (value: string, broken: NipError['segment'], rule: InvalidNipRule): InvalidNip => ({
  value,
  broken,
  rule,
})

// Each generator starts from a valid NIP and breaks one segment, keeping the others as they were.
const brokenBirthMonth = fc
  .record({ digits: arbValidNip(), month: fc.oneof(fc.constant(0), fc.integer({ min: 13, max: 99 })) })
  .map(({ digits, month }) => invalid(splice(digits, 4, 2, pad(month, 2)), 'birth-date', 'birth-month-impossible'))

const brokenBirthDay = fc
  .record({ digits: arbValidNip(), zero: fc.boolean(), beyond: fc.integer({ min: 1, max: 99 }) })
  .map(({ digits, zero, beyond }) => {
    const days = daysIn(Number(digits.slice(0, 4)), Number(digits.slice(4, 6)))
    const day = zero ? 0 : Math.min(99, days + beyond)
    return invalid(splice(digits, 6, 2, pad(day, 2)), 'birth-date', 'birth-day-impossible')
  })

const brokenTmtMonth = arbValidNip().map(digits => invalid(splice(digits, 12, 2, '00'), 'appointment', 'tmt-month-00'))

const brokenTmtOrder = fc
  .record({ parts: arbNipParts(), monthsBefore: fc.integer({ min: 0, max: 600 }) })
  .map(({ parts, monthsBefore }) => {
    const { year, month } = yearMonth(monthOfDate(parts.birthDate) - monthsBefore)
    const digits = `${parts.birthDate.replace(/-/g, '')}${pad(year, 4)}${pad(month, 2)}${parts.sex}${pad(parts.serial, 3)}`
    return invalid(digits, 'appointment', 'tmt-not-after-birth')
  })

const brokenNiPppkYear = fc
  .record({
    parts: arbNipParts(),
    yearsBefore: fc.integer({ min: 0, max: 50 }),
    code: fc.integer({ min: 13, max: 99 }),
  })
  .map(({ parts, yearsBefore, code }) => {
    const year = Number(parts.birthDate.slice(0, 4)) - yearsBefore
    const digits = `${parts.birthDate.replace(/-/g, '')}${pad(year, 4)}${pad(code, 2)}${parts.sex}${pad(parts.serial, 3)}`
    return invalid(digits, 'appointment', 'ni-pppk-year-not-after-birth')
  })

const brokenGender = fc
  .record({ digits: arbValidNip(), gender: fc.constantFrom(0, 3, 4, 5, 6, 7, 8, 9) })
  .map(({ digits, gender }) => invalid(splice(digits, 14, 1, String(gender)), 'gender', 'gender-digit-not-1-or-2'))

const brokenSequence = arbValidNip().map(digits => invalid(splice(digits, 15, 3, '000'), 'sequence', 'sequence-000'))

const tooShort = fc
  .record({ digits: arbValidNip(), at: fc.integer({ min: 0, max: 17 }), more: fc.integer({ min: 0, max: 16 }) })
  .map(({ digits, at, more }) => invalid(splice(digits, at, 1 + Math.min(more, 17 - at), ''), 'format', 'too-short'))

const tooLong = fc
  .record({
    digits: arbValidNip(),
    at: fc.integer({ min: 0, max: 18 }),
    extra: fc.stringMatching(/^\d{1,6}$/),
  })
  .map(({ digits, at, extra }) => invalid(splice(digits, at, 0, extra), 'format', 'too-long'))

const letter = fc
  .record({
    digits: arbValidNip(),
    at: fc.integer({ min: 0, max: 17 }),
    letter: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'.split('')),
  })
  .map(({ digits, at, letter: l }) => invalid(splice(digits, at, 1, l), 'format', 'letter'))

const nonAsciiDigit = fc
  .record({
    digits: arbValidNip(),
    at: fc.integer({ min: 0, max: 17 }),
    // Full-width, Arabic-Indic and Devanagari digits: digits to a reader, not to the codec.
    zero: fc.constantFrom(0xff10, 0x0660, 0x0966),
  })
  .map(({ digits, at, zero }) =>
    invalid(splice(digits, at, 1, String.fromCodePoint(zero + Number(digits[at] ?? '0'))), 'format', 'non-ascii-digit'),
  )

// Inside the number, a separator anywhere but between two segments (after digits 8, 14 and 15).
const misplacedSeparator = fc
  .record({
    digits: arbValidNip(),
    at: fc.integer({ min: 1, max: 17 }).filter(at => at !== 8 && at !== 14 && at !== 15),
    separator: fc.constantFrom(' ', '.'),
  })
  .map(({ digits, at, separator }) => invalid(splice(digits, at, 0, separator), 'format', 'misplaced-separator'))

const doubleSeparator = fc
  .record({
    digits: arbValidNip(),
    at: fc.constantFrom(8, 14, 15),
    separator: fc.constantFrom('  ', '..', ' .', '. '),
  })
  .map(({ digits, at, separator }) => invalid(splice(digits, at, 0, separator), 'format', 'double-separator'))

const foreignSeparator = fc
  .record({
    digits: arbValidNip(),
    separator: fc.constantFrom('-', '/', '_', ',', '\t', '\u00a0'),
  })
  .map(({ digits, separator }) =>
    invalid(
      [digits.slice(0, 8), digits.slice(8, 14), digits.slice(14, 15), digits.slice(15)].join(separator),
      'format',
      'foreign-separator',
    ),
  )

const invalidByRule: Readonly<Record<InvalidNipRule, fc.Arbitrary<InvalidNip>>> = {
  'birth-month-impossible': brokenBirthMonth,
  'birth-day-impossible': brokenBirthDay,
  'tmt-month-00': brokenTmtMonth,
  'tmt-not-after-birth': brokenTmtOrder,
  'ni-pppk-year-not-after-birth': brokenNiPppkYear,
  'gender-digit-not-1-or-2': brokenGender,
  'sequence-000': brokenSequence,
  'too-short': tooShort,
  'too-long': tooLong,
  letter,
  'non-ascii-digit': nonAsciiDigit,
  'misplaced-separator': misplacedSeparator,
  'double-separator': doubleSeparator,
  'foreign-separator': foreignSeparator,
}

/** Every rule `arbInvalidNip` breaks. */
export const invalidNipRules = Object.keys(invalidByRule) as readonly InvalidNipRule[]

/**
 * Invalid NIPs, each breaking one rule of one segment while the rest stays valid: an impossible birth date (month 00 or
 * 13+, day 00 or past the month's end), a TMT month 00, a TMT not after the birth month (or an NI PPPK's year not after
 * the birth year), a gender digit other than 1 or 2, sequence 000; or the written form: too short, too long, a letter
 * or a non-ASCII digit in place of a digit, a separator inside a segment, two separators, or a separator other than a
 * space or a dot. `broken` is the segment `parseNip` names when it refuses it. Pass rules to draw from those only.
 */
export const arbInvalidNip = (...rules: readonly InvalidNipRule[]): fc.Arbitrary<InvalidNip> =>
  fc.oneof(...(rules.length === 0 ? invalidNipRules : rules).map(rule => invalidByRule[rule]))
