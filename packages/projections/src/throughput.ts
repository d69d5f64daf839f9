/** A running count of events and the rate at which it grew over the last few seconds. */
export interface Throughput {
  /** Records that `total` events have been applied by now. */
  readonly record: (total: number) => void
  /** Events per second over the window (0 until two readings lie apart). */
  readonly perSecond: () => number
}

/**
 * Measures events per second over a sliding window (5 s by default) of readings, on an injected clock in ms. The
 * reading just before the window is kept as its base, so a quiet spell brings the rate down to 0 rather than freezing it.
 */
export const throughput = (now: () => number, windowMs = 5_000): Throughput => {
  const readings: { readonly at: number; readonly total: number }[] = []
  const prune = (at: number): void => {
    // Keep one reading older than the window as the base the rate is measured from.
    while (readings.length > 1 && (readings[1]?.at ?? at) <= at - windowMs) readings.shift()
  }
  return {
    record: total => {
      const at = now()
      readings.push({ at, total })
      prune(at)
    },
    perSecond: () => {
      const at = now()
      prune(at)
      const base = readings[0]
      const latest = readings[readings.length - 1]
      if (base === undefined || latest === undefined || at <= base.at) return 0
      return ((latest.total - base.total) * 1000) / (at - base.at)
    },
  }
}
