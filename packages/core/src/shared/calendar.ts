import { addDays, dayOfWeek, jakartaDate, type Instant, type LocalDate } from './time.js'

/** Working days (hari kerja): Monday to Friday, minus an injected set of public holidays, in Asia/Jakarta dates. */
export interface WorkingCalendar {
  /** The holidays this calendar skips, sorted. */
  readonly holidays: readonly LocalDate[]
  readonly isWorkingDay: (date: LocalDate) => boolean
  /** The `n`-th working day after `date` (n ≥ 1); `date` itself never counts. */
  readonly addWorkingDays: (date: LocalDate, n: number) => LocalDate
  /** Working days after `from`'s local date up to and including `to`'s local date (0 when `to` is not later). */
  readonly workingDaysBetween: (from: Instant, to: Instant) => number
}

/** A working calendar skipping weekends and the given holidays. */
export const workingCalendar = (holidays: readonly LocalDate[] = []): WorkingCalendar => {
  const holidaySet = new Set<LocalDate>(holidays)
  const isWorkingDay = (date: LocalDate): boolean => {
    const day = dayOfWeek(date)
    return day !== 0 && day !== 6 && !holidaySet.has(date)
  }
  return {
    holidays: [...holidaySet].sort(),
    isWorkingDay,
    addWorkingDays: (date, n) => {
      if (!Number.isInteger(n) || n < 1) throw new RangeError(`addWorkingDays needs a whole number ≥ 1, got ${n}`)
      let current = date
      for (let counted = 0; counted < n;) {
        current = addDays(current, 1)
        if (isWorkingDay(current)) counted++
      }
      return current
    },
    workingDaysBetween: (from, to) => {
      const end = jakartaDate(to)
      let count = 0
      for (let current = addDays(jakartaDate(from), 1); current <= end; current = addDays(current, 1))
        if (isWorkingDay(current)) count++
      return count
    },
  }
}

/** The default calendar: weekends only, no holidays. Inject your agency's list for real deadlines. */
export const weekendsOnly: WorkingCalendar = workingCalendar()
