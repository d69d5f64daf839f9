import { describe, expect, it } from 'vitest'
import { workingCalendar } from './calendar.js'
import { exampleIndonesianHolidays2026 } from './holidays-indonesia.js'
import { datesFrom, instant, jakartaDate, localDate } from './time.js'

describe('dates of a run', () => {
  it('lists every date from the first to the last, across a month end, and none when the last comes first', () => {
    expect(datesFrom(localDate('2026-02-27'), localDate('2026-03-02'))).toEqual(
      ['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02'].map(localDate),
    )
    expect(datesFrom(localDate('2026-03-02'), localDate('2026-03-02'))).toEqual([localDate('2026-03-02')])
    expect(datesFrom(localDate('2026-03-02'), localDate('2026-03-01'))).toEqual([])
  })
})

describe('working days (hari kerja) in Asia/Jakarta', () => {
  const calendar = workingCalendar([localDate('2026-08-17')])

  it('Saturday, Sunday and injected holidays are not working days', () => {
    expect(calendar.isWorkingDay(localDate('2026-08-15'))).toBe(false) // Saturday
    expect(calendar.isWorkingDay(localDate('2026-08-16'))).toBe(false) // Sunday
    expect(calendar.isWorkingDay(localDate('2026-08-17'))).toBe(false) // Hari Kemerdekaan
    expect(calendar.isWorkingDay(localDate('2026-08-18'))).toBe(true)
  })

  it('3 working days after a Thursday skip the weekend and the holiday', () => {
    expect(calendar.addWorkingDays(localDate('2026-08-13'), 3)).toBe('2026-08-19')
    expect(workingCalendar().addWorkingDays(localDate('2026-08-13'), 3)).toBe('2026-08-18')
  })

  it('an instant late on a UTC day already falls on the next local date in WIB', () => {
    expect(jakartaDate(instant('2026-03-01T17:30:00Z'))).toBe('2026-03-02')
    expect(jakartaDate(instant('2026-03-01T16:59:59Z'))).toBe('2026-03-01')
  })

  it('counts working days between two instants by their local dates', () => {
    expect(
      calendar.workingDaysBetween(instant('2026-08-13T10:00:00+07:00'), instant('2026-08-19T08:00:00+07:00')),
    ).toBe(3)
    expect(
      calendar.workingDaysBetween(instant('2026-08-19T08:00:00+07:00'), instant('2026-08-13T10:00:00+07:00')),
    ).toBe(0)
  })

  it('the example Indonesian list holds real, distinct 2026 dates', () => {
    expect(new Set(exampleIndonesianHolidays2026).size).toBe(exampleIndonesianHolidays2026.length)
    for (const date of exampleIndonesianHolidays2026) expect(date.startsWith('2026-')).toBe(true)
  })

  it('refuses a non-positive number of working days to add', () => {
    expect(() => calendar.addWorkingDays(localDate('2026-08-13'), 0)).toThrow(RangeError)
  })
})
