import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import { cachedCheck } from '../kernel/check-cache.js'
import { isRealDate, type LocalDate, localDate } from './time.js'

/** A valid NIP (Nomor Induk Pegawai): 18 digits, `YYYYMMDD YYYYMM G NNN` (Perka BKN 22/2007). */
export interface NipBrand {
  readonly Nip: unique symbol
}
export type Nip = t.Branded<string, NipBrand>

/** Which segment of a NIP is wrong, and why. */
export interface NipError {
  readonly segment: 'format' | 'birth-date' | 'appointment' | 'gender' | 'sequence'
  readonly message: string
}

const nipError = (segment: NipError['segment'], message: string): E.Either<NipError, never> =>
  E.left({ segment, message })

// The written forms of one NIP: the 18 digits together, or its four segments apart, each separated by one space or one
// dot (`19660801 198803 1 001`, `19660801.198803.1.001`), with spaces around the whole ignored.
const writtenNip = /^(\d{8})[ .]?(\d{6})[ .]?(\d)[ .]?(\d{3})$/

const parseNipText = (text: string): E.Either<NipError, Nip> => {
  const segments = writtenNip.exec(text.trim())
  if (segments === null)
    return nipError(
      'format',
      `NIP must be 18 digits, together or as YYYYMMDD YYYYMM G NNN apart by spaces or dots, got "${text}"`,
    )
  const digits = segments.slice(1).join('')
  const birth = { year: Number(digits.slice(0, 4)), month: Number(digits.slice(4, 6)), day: Number(digits.slice(6, 8)) }
  const appointment = { year: Number(digits.slice(8, 12)), month: Number(digits.slice(12, 14)) }
  const gender = digits.slice(14, 15)
  const sequence = digits.slice(15)
  if (!isRealDate(birth.year, birth.month, birth.day))
    return nipError('birth-date', `NIP birth date segment "${digits.slice(0, 8)}" is not a real calendar date`)
  if (appointment.month < 1)
    return nipError(
      'appointment',
      `NIP appointment segment "${digits.slice(8, 14)}" has no month ${digits.slice(12, 14)} (and 00 is no NI PPPK code)`,
    )
  // Digits 13-14 above 12 are no month: the number is an NI PPPK, whose code there the registration checks.
  if (appointment.month > 12) {
    if (appointment.year <= birth.year)
      return nipError(
        'appointment',
        `NI PPPK appointment year ${digits.slice(8, 12)} must be after the birth date ${digits.slice(0, 8)}`,
      )
  } else if (appointment.year * 12 + appointment.month <= birth.year * 12 + birth.month)
    return nipError(
      'appointment',
      `NIP appointment month ${digits.slice(8, 14)} must be after the birth date ${digits.slice(0, 8)}`,
    )
  if (gender !== '1' && gender !== '2')
    return nipError('gender', `NIP gender digit must be 1 (male) or 2 (female), got ${gender}`)
  if (sequence === '000') return nipError('sequence', 'NIP sequence must be 001-999, got 000')
  return E.right(digits as Nip)
}

/**
 * Validates a NIP in any of its written forms (the 18 digits, or the four segments apart by spaces or dots): both
 * dates real, appointment month after the birth date, gender digit 1 or 2, sequence not 000. Returns the 18 digits.
 *
 * An NI PPPK (Nomor Induk PPPK) has the same layout, but digits 13-14 hold a code instead of a month (published NI PPPK
 * carry `21`, e.g. `199103072022211001`): a number whose digits 13-14 are 13 to 99 is taken as one, its year after
 * the birth date. Which codes an agency accepts is configuration (`niPppkCodes`), checked when a profile is registered;
 * not verified against a BKN regulation (docs/domain.md).
 */
export const parseNip: (text: string) => E.Either<NipError, Nip> = cachedCheck(parseNipText, { accepted: E.isRight })

/**
 * Codec for NIPs: decodes any written form (`196608011988031001`, `19660801 198803 1 001`, `19660801.198803.1.001`) to
 * the 18 digits; the failure message names the wrong segment.
 */
export const Nip = new t.Type<Nip, string>(
  'Nip',
  (u): u is Nip => typeof u === 'string' && /^\d{18}$/.test(u) && E.isRight(parseNip(u)),
  (u, c) => {
    if (typeof u !== 'string') return t.failure(u, c, 'NIP must be a string of 18 digits')
    const parsed = parseNip(u)
    return E.isRight(parsed) ? t.success(parsed.right) : t.failure(u, c, parsed.left.message)
  },
  t.identity,
)

/** A NIP from trusted text (constants, tests); throws on an invalid NIP. */
export const nip = (text: string): Nip => {
  const parsed = parseNip(text)
  if (E.isLeft(parsed)) throw new RangeError(parsed.left.message)
  return parsed.right
}

/** The birth date encoded in a NIP. */
export const nipBirthDate = (value: Nip): LocalDate =>
  localDate(`${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6, 8)}`)

/** Which kind of number it is: a NIP (digits 13-14 a month) or an NI PPPK (digits 13-14 a code). */
export type NipForm = 'nip' | 'ni-pppk'

/** Whether a number is a NIP or an NI PPPK, by its digits 13-14. */
export const nipForm = (value: Nip): NipForm => (Number(value.slice(12, 14)) <= 12 ? 'nip' : 'ni-pppk')

/** The code an NI PPPK carries in digits 13-14; null for a NIP. */
export const niPppkCode = (value: Nip): string | null => (nipForm(value) === 'ni-pppk' ? value.slice(12, 14) : null)

/**
 * The year and month of first appointment (CPNS/TMT) encoded in a NIP; an NI PPPK encodes the year only (month null).
 */
export const nipAppointmentMonth = (value: Nip): { readonly year: number; readonly month: number | null } => ({
  year: Number(value.slice(8, 12)),
  month: nipForm(value) === 'nip' ? Number(value.slice(12, 14)) : null,
})

/** The gender encoded in a NIP. */
export const nipGender = (value: Nip): 'male' | 'female' => (value[14] === '1' ? 'male' : 'female')

/**
 * Months of seniority `a` has over `b`, read from the appointment segments (negative when `a` is junior). An NI PPPK
 * gives its year only: `a`'s is taken as December and `b`'s as January, so the figure is the least seniority the two
 * numbers allow, never more than `a` really has.
 */
export const seniorityMonths = (a: Nip, b: Nip): number => {
  const am = nipAppointmentMonth(a)
  const bm = nipAppointmentMonth(b)
  return bm.year * 12 + (bm.month ?? 1) - (am.year * 12 + (am.month ?? 12))
}

/** The NIP written in its usual spaced form, `YYYYMMDD YYYYMM G NNN`. */
export const formatNip = (value: Nip): string =>
  `${value.slice(0, 8)} ${value.slice(8, 14)} ${value.slice(14, 15)} ${value.slice(15)}`
