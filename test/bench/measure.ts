// Measuring on a shared, noisy machine: ours and the baseline alternate within one run, several rounds, and the
// result is the median of the per-round ratios, never a lone absolute time.

/** What one timed run of a side did: units of work (commands, events) and the seconds they took. */
export interface Timed {
  readonly units: number
  readonly seconds: number
}

/** Both sides' throughputs (units per second), one entry per round, paired by index. */
export interface Rounds {
  readonly ours: readonly number[]
  readonly baseline: readonly number[]
}

/** The median of numbers (the mean of the middle two for an even count); NaN for none. */
export const median = (values: readonly number[]): number => {
  const sorted = values.toSorted((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  const upper = sorted[middle]
  const lower = sorted[sorted.length % 2 === 0 ? middle - 1 : middle]
  return upper === undefined || lower === undefined ? Number.NaN : (upper + lower) / 2
}

/** Throughput of a timed run, in units per second. */
export const throughput = (timed: Timed): number => timed.units / timed.seconds

/** Each round's ratio of our throughput to the baseline's (above 1: ours is faster). */
export const pairedRatios = (rounds: Rounds): readonly number[] =>
  rounds.ours.flatMap((ours, i) => {
    const baseline = rounds.baseline[i]
    return baseline === undefined ? [] : [ours / baseline]
  })

/**
 * Runs `rounds` rounds of both sides, alternating which goes first (ours first in round 1, the baseline first in
 * round 2, ...), so a slow spell of the machine or a warming cache does not favour one side.
 */
export const alternate = async (
  rounds: number,
  ours: (round: number) => Promise<Timed>,
  baseline: (round: number) => Promise<Timed>,
  progress: (line: string) => void,
): Promise<Rounds> => {
  const oursRounds: number[] = []
  const baselineRounds: number[] = []
  const runSide = async (side: 'ours' | 'baseline', round: number): Promise<void> => {
    const timed = await (side === 'ours' ? ours(round) : baseline(round))
    ;(side === 'ours' ? oursRounds : baselineRounds).push(throughput(timed))
    progress(
      `  round ${round}/${rounds} ${side.padEnd(8)} ${formatCount(timed.units)} in ${timed.seconds.toFixed(2)} s`,
    )
  }
  for (let round = 1; round <= rounds; round++) {
    const order = round % 2 === 1 ? (['ours', 'baseline'] as const) : (['baseline', 'ours'] as const)
    for (const side of order) await runSide(side, round)
  }
  return { ours: oursRounds, baseline: baselineRounds }
}

/** Seconds since `start` (a `performance.now()` reading). */
export const secondsSince = (start: number): number => (performance.now() - start) / 1000

/** A whole number with thousands separators: 1,000,000. */
export const formatCount = (value: number): string => Math.round(value).toLocaleString('en-US')

/** A ratio as `0.73×`. */
export const formatRatio = (value: number): string => `${value.toFixed(2)}×`

/** Bytes as mebibytes: `181 MB`. */
export const formatMegabytes = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`

/** One line of the results table. */
export interface TableRow {
  readonly benchmark: string
  readonly size: string
  readonly ours: string
  readonly baseline: string
  readonly ratio: string
  readonly target: string
  readonly result: 'met' | 'MISSED' | 'n/a'
  /** Our side's peak RSS over the rounds, where each side runs in a process of its own; `-` where absent. */
  readonly oursRss?: string
  /** The baseline's peak RSS over the rounds, likewise. */
  readonly baselineRss?: string
}

/** What to report when some rows missed their target (the bench then exits non-zero); undefined when none did. */
export const missedTargets = (rows: readonly TableRow[]): string | undefined => {
  const missed = rows.filter(row => row.result === 'MISSED')
  return missed.length === 0
    ? undefined
    : `${missed.length} target(s) missed: ${missed.map(row => `${row.benchmark} (${row.ratio}, ${row.target})`).join('; ')}`
}

const columns = [
  'benchmark',
  'size',
  'ours',
  'baseline',
  'ratio',
  'target',
  'result',
  'oursRss',
  'baselineRss',
] as const

const headings: Readonly<Record<(typeof columns)[number], string>> = {
  benchmark: 'benchmark',
  size: 'size',
  ours: 'ours (median)',
  baseline: 'baseline (median)',
  ratio: 'ratio (median, range)',
  target: 'target',
  result: 'result',
  oursRss: 'ours peak RSS',
  baselineRss: 'baseline peak RSS',
}

/** Lays rows out as a plain-text table with a heading and aligned columns. */
export const formatTable = (rows: readonly TableRow[]): string => {
  const cells = [headings, ...rows].map(row => columns.map(column => row[column] ?? '-'))
  const widths = columns.map((_, i) => Math.max(...cells.map(line => line[i]?.length ?? 0)))
  const line = (values: readonly string[]): string =>
    values
      .map((value, i) => value.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd()
  const [head, ...body] = cells
  const rule = widths.map(width => '-'.repeat(width)).join('  ')
  return [line(head ?? []), rule, ...body.map(line)].join('\n')
}

/** A comparison's ratio cell: the median of the paired ratios and their range. */
export const ratioCell = (ratios: readonly number[]): string =>
  `${formatRatio(median(ratios))} (${formatRatio(Math.min(...ratios))}-${formatRatio(Math.max(...ratios))})`
