import * as t from 'io-ts'
import { cachedCheck } from '../kernel/check-cache.js'

/** An instant as ISO-8601 text with a UTC offset (`2026-03-02T09:00:00+07:00` or `…Z`). */
export interface InstantBrand {
  readonly Instant: unique symbol
}
export type Instant = t.Branded<string, InstantBrand>

/** A calendar date without time (`YYYY-MM-DD`), in Asia/Jakarta wherever a rule counts dates. */
export interface LocalDateBrand {
  readonly LocalDate: unique symbol
}
export type LocalDate = t.Branded<string, LocalDateBrand>

const instantPattern = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})$/
const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/

/** Whether year-month-day names a real date in the proleptic Gregorian calendar. */
export const isRealDate = (year: number, month: number, day: number): boolean => {
  if (month < 1 || month > 12 || day < 1) return false
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate()
  return day <= days
}

const parseInstantText = (s: string): number | undefined => {
  const m = instantPattern.exec(s)
  if (m === null) return undefined
  const [, y, mo, d, h, mi, sec] = m
  if (!isRealDate(Number(y), Number(mo), Number(d))) return undefined
  if (Number(h) > 23 || Number(mi) > 59 || Number(sec ?? '0') > 59) return undefined
  const ms = Date.parse(s)
  return Number.isNaN(ms) ? undefined : ms
}

// Histories repeat the same instants; each distinct text is parsed once.
const parseInstant = cachedCheck(parseInstantText, { accepted: ms => ms !== undefined })

/** Codec for instants: ISO-8601 with a date, a time and an explicit offset. */
export const Instant = new t.Type<Instant, string>(
  'Instant',
  (u): u is Instant => typeof u === 'string' && parseInstant(u) !== undefined,
  (u, c) =>
    typeof u === 'string' && parseInstant(u) !== undefined
      ? t.success(u as Instant)
      : t.failure(u, c, 'must be an ISO-8601 instant with an offset, e.g. 2026-03-02T09:00:00+07:00'),
  t.identity,
)

/** Codec for local dates: `YYYY-MM-DD`, a real calendar date. */
export const LocalDate = new t.Type<LocalDate, string>(
  'LocalDate',
  (u): u is LocalDate => typeof u === 'string' && isLocalDate(u),
  (u, c) =>
    typeof u === 'string' && isLocalDate(u)
      ? t.success(u as LocalDate)
      : t.failure(u, c, 'must be a real calendar date written YYYY-MM-DD'),
  t.identity,
)

function isLocalDateText(s: string): boolean {
  const m = datePattern.exec(s)
  return m !== null && isRealDate(Number(m[1]), Number(m[2]), Number(m[3]))
}

// Histories repeat the same dates, as they do instants: each distinct text is checked once.
const isLocalDate = cachedCheck(isLocalDateText, { accepted: valid => valid })

/** Milliseconds since the Unix epoch of a (valid) instant. */
export const epochMs = (instant: Instant): number => Date.parse(instant)

/** Asia/Jakarta (WIB) is UTC+7 all year: Indonesia has kept no daylight saving time since 1964. */
const jakartaOffsetMs = 7 * 60 * 60 * 1000
const dayMs = 24 * 60 * 60 * 1000

const dateText = (utcMs: number): LocalDate => new Date(utcMs).toISOString().slice(0, 10) as LocalDate
const dateMs = (date: LocalDate): number => Date.parse(`${date}T00:00:00Z`)

/** The local date in Asia/Jakarta at an instant (each distinct instant worked out once: deciders ask it often). */
export const jakartaDate = cachedCheck((instant: Instant): LocalDate => dateText(epochMs(instant) + jakartaOffsetMs), {
  accepted: () => true,
})

/** The year of an instant's local date in Asia/Jakarta. */
export const jakartaYear = (instant: Instant): number => Number(jakartaDate(instant).slice(0, 4))

/** The date `days` calendar days after `date` (negative goes back). */
export const addDays = (date: LocalDate, days: number): LocalDate => dateText(dateMs(date) + days * dayMs)

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: LocalDate, to: LocalDate): number => Math.round((dateMs(to) - dateMs(from)) / dayMs)

/** Every date from `from` to `to`, both included, in order; none when `to` is earlier. */
export const datesFrom = (from: LocalDate, to: LocalDate): readonly LocalDate[] =>
  Array.from({ length: Math.max(0, daysBetween(from, to) + 1) }, (_, i) => addDays(from, i))

/** Day of week of a date: 0 Sunday … 6 Saturday. */
export const dayOfWeek = (date: LocalDate): number => new Date(dateMs(date)).getUTCDay()

/** The last instant of a local date in Asia/Jakarta (23:59:59.999 WIB), as an ISO instant with +07:00. */
export const endOfJakartaDay = (date: LocalDate): Instant => `${date}T23:59:59.999+07:00` as Instant

/** Orders two instants: negative when `a` is earlier, zero when equal, positive when later. */
export const compareInstants = (a: Instant, b: Instant): number => epochMs(a) - epochMs(b)

/** Whether `a` is strictly later than `b`. */
export const isAfter = (a: Instant, b: Instant): boolean => epochMs(a) > epochMs(b)

/** A local date from trusted text (constants, tests); throws a RangeError for anything but a real `YYYY-MM-DD` date. */
export const localDate = (text: string): LocalDate => {
  if (!LocalDate.is(text)) throw new RangeError(`"${text}" is not a real calendar date written YYYY-MM-DD`)
  return text
}

/** An instant from trusted text (constants, tests); throws a RangeError for anything but an ISO-8601 instant with an offset. */
export const instant = (text: string): Instant => {
  if (!Instant.is(text)) throw new RangeError(`"${text}" is not an ISO-8601 instant with an offset`)
  return text
}
