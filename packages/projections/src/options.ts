/**
 * A numeric option, checked as a projection's name and version are: absent, its default; otherwise a finite number
 * from `min` to `max` (a whole one when `whole`), or a RangeError naming the option and its bounds. `NaN`, an
 * infinity or a negative batch would otherwise remove a bound silently (a read-ahead that never flushes).
 */
export const numericOption = (
  owner: string,
  option: string,
  value: number | undefined,
  fallback: number,
  bounds: { readonly min: number; readonly max: number; readonly whole: boolean },
): number => {
  if (value === undefined) return fallback
  const kind = bounds.whole ? 'a whole number' : 'a number'
  if (
    typeof value !== 'number' ||
    !Number.isFinite(value) ||
    (bounds.whole && !Number.isInteger(value)) ||
    value < bounds.min ||
    value > bounds.max
  )
    throw new RangeError(
      `${owner}: ${option} must be ${kind} from ${bounds.min} to ${bounds.max}, not ${String(value)}`,
    )
  return value
}
