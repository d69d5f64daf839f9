import fc from 'fast-check'
import {
  type LocalDate,
  type WorkingCalendar,
  addDays,
  exampleIndonesianHolidays2026,
  localDate,
  workingCalendar,
} from '@pembina/core'

const pad = (n: number, width: number): string => String(n).padStart(width, '0')

/** Which years a holiday calendar covers, how many holidays a year, and whether the core's example list is in it. */
export interface HolidayCalendarOptions {
  /** First year (default 2025). */
  readonly fromYear?: number
  /** Last year (default 2027). */
  readonly toYear?: number
  /** Most holidays drawn per year, besides the example list (default 20; at least 0). */
  readonly maxPerYear?: number
  /**
   * Whether the core's example Indonesian holidays (`exampleIndonesianHolidays2026`, those within the years) are in
   * the calendar: always (`true`), never (`false`), or in some calendars and not others (default).
   */
  readonly indonesian?: boolean
}

const daysInYear = (year: number): number => (new Date(Date.UTC(year, 1, 29)).getUTCMonth() === 1 ? 366 : 365)

/**
 * Holiday calendars: a sorted list of distinct dates over a range of years (weekdays and weekends alike, as an agency
 * may list both), optionally with the example Indonesian holidays the core ships, as `policyConfig({ holidays })` and
 * `workingCalendar(holidays)` take them.
 */
export const arbHolidayCalendar = (options: HolidayCalendarOptions = {}): fc.Arbitrary<readonly LocalDate[]> => {
  const fromYear = options.fromYear ?? 2025
  const toYear = options.toYear ?? 2027
  const maxPerYear = options.maxPerYear ?? 20
  if (!Number.isInteger(fromYear) || !Number.isInteger(toYear) || fromYear > toYear || fromYear < 1 || toYear > 9999)
    throw new RangeError(`arbHolidayCalendar: years must run from 1 to 9999, got ${fromYear} to ${toYear}`)
  const years = Array.from({ length: toYear - fromYear + 1 }, (_, i) => fromYear + i)
  const example = exampleIndonesianHolidays2026.filter(date => {
    const year = Number(date.slice(0, 4))
    return year >= fromYear && year <= toYear
  })
  const perYear = years.map(year =>
    fc
      .uniqueArray(fc.integer({ min: 0, max: daysInYear(year) - 1 }), { maxLength: Math.max(0, maxPerYear) })
      .map(days => days.map(day => addDays(localDate(`${pad(year, 4)}-01-01`), day))),
  )
  const withExample = options.indonesian === undefined ? fc.boolean() : fc.constant(options.indonesian)
  return fc
    .tuple(withExample, ...perYear)
    .map(([indonesian, ...drawn]) => [...new Set([...(indonesian ? example : []), ...drawn.flat()])].sort())
}

/** Working calendars (Monday to Friday minus the holidays of `arbHolidayCalendar(options)`). */
export const arbWorkingCalendar = (options: HolidayCalendarOptions = {}): fc.Arbitrary<WorkingCalendar> =>
  arbHolidayCalendar(options).map(holidays => workingCalendar(holidays))
