import * as t from 'io-ts'
import { refine } from '../kernel/decode.js'

/** Whole minutes of learning time, at least 1. */
export interface MinutesBrand {
  readonly Minutes: unique symbol
}
export type Minutes = t.Branded<number, MinutesBrand>

/** Codec for learning durations: a whole number of minutes from 1 to 100,000. */
export const Minutes = refine(
  t.number,
  (n): n is Minutes => Number.isInteger(n) && n >= 1 && n <= 100_000,
  'Minutes',
  'must be a whole number of minutes from 1 to 100000',
)

/** Minutes in one JP (jam pelajaran), PerLAN 5/2018. */
export const minutesPerJp = 45

/** JP for a number of minutes (not rounded). */
export const minutesToJp = (minutes: number): number => minutes / minutesPerJp

/** Minutes for a number of JP, rounded to the nearest minute. */
export const jpToMinutes = (jp: number): number => Math.round(jp * minutesPerJp)

/** JP with one decimal, rounded down so a report never shows a minimum as met before it is (`19.9 JP`). */
export const formatJp = (minutes: number): string => `${(Math.floor((minutes * 2) / 9) / 10).toFixed(1)} JP`

/** Minutes from a trusted number (constants, tests); throws a RangeError unless it is a whole number from 1 to 100000. */
export const minutes = (value: number): Minutes => {
  if (!Minutes.is(value)) throw new RangeError(`${value} is not a whole number of minutes from 1 to 100000`)
  return value
}
