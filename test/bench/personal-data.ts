// The personal-data benchmark: what sealing and opening cost per command. Complaints through their lifecycle, sealed by
// the sealing handler on a real key store and then opened once per complaint (ours), against the same commands with
// stand-in envelopes through the plain handler (the baseline); and, beside them in the same rounds, the floor: the
// smallest hand-written program with the same guarantees against the same program without personal data. Each side of
// each round in a child process of its own; the order alternates round by round.
import { join } from 'node:path'
import type { SyncMode } from './better-sqlite3.js'
import { runSideInChild } from './child-side.js'
import { commandsPerComplaint, fieldsPerComplaint } from './complaint-workload.js'
import { type Rounds, formatCount } from './measure.js'
import {
  type PersonalDataReport,
  PersonalDataReport as ReportCodec,
  type PersonalDataSide,
} from './personal-data-report.js'

const childScript = join(import.meta.dirname, 'personal-data-child.ts')

/** What the personal-data benchmark is run with. */
export interface PersonalDataBenchOptions {
  /** Complaints, eight commands and six sealed fields each, every one for a data subject of its own. */
  readonly complaints: number
  readonly mode: SyncMode
  readonly rounds: number
  readonly dir: string
  readonly progress: (line: string) => void
}

/**
 * Commands per second, one entry per round: ours against the baseline on the write path alone (`write`) and with the
 * openings (`writeOpen`), and the floor's two likewise; and each side's peak RSS per round.
 */
export interface PersonalDataBenchResult {
  readonly complaints: number
  readonly mode: SyncMode
  readonly write: Rounds
  readonly writeOpen: Rounds
  readonly floorWrite: Rounds
  readonly floorWriteOpen: Rounds
  /**
   * What ours would reach if its personal data cost no more than the floor's: per round, our baseline's time per
   * command plus the floor's extra time per command (its write + open against its baseline), as a throughput, against
   * our baseline. The best ratio these guarantees allow on top of our handler, from the same round's figures.
   */
  readonly bound: Rounds
  readonly maxRssBytes: { readonly ours: readonly number[]; readonly baseline: readonly number[] }
}

const sides: readonly PersonalDataSide[] = ['ours', 'baseline', 'floor', 'floor-baseline']

/**
 * Runs the rounds: in odd ones ours, the baseline, the floor, the floor's baseline; in even ones the other way round,
 * so each pair runs side by side and neither member of it always first. Every side must write every command and
 * open every sealed field to its clear text (the sides check that themselves), or the benchmark fails.
 */
export const personalDataBench = async (options: PersonalDataBenchOptions): Promise<PersonalDataBenchResult> => {
  const { complaints, mode, dir, progress } = options
  const commands = complaints * commandsPerComplaint
  progress(
    `personal data, ${mode}: ${formatCount(complaints)} complaints × ${commandsPerComplaint} commands, ${fieldsPerComplaint} sealed fields each`,
  )
  const reports: Record<PersonalDataSide, PersonalDataReport[]> = {
    ours: [],
    baseline: [],
    floor: [],
    'floor-baseline': [],
  }
  let children = 0
  for (let round = 1; round <= options.rounds; round++) {
    const order = round % 2 === 1 ? sides : sides.toReversed()
    for (const side of order) {
      const prefix = join(dir, `personal-data-${side}-${++children}`)
      const run = { side, mode, complaints, warmUpComplaints: complaints, prefix }
      const report = await runSideInChild(childScript, [JSON.stringify(run)], ReportCodec, `the ${side} side`)
      const opens = side === 'ours' || side === 'floor'
      if (report.commands !== commands || report.openings !== (opens ? complaints * fieldsPerComplaint : 0))
        throw new Error(`${side} wrote ${report.commands} of ${commands} commands and opened ${report.openings} fields`)
      reports[side].push(report)
      progress(
        `  round ${round}/${options.rounds} ${side.padEnd(14)} ${formatCount(commands)} commands in ${report.writeSeconds.toFixed(2)} s` +
          (opens ? `, ${formatCount(report.openings)} fields opened in ${report.openSeconds.toFixed(2)} s` : ''),
      )
    }
  }
  const writeRate = (report: PersonalDataReport): number => report.commands / report.writeSeconds
  const wholeRate = (report: PersonalDataReport): number => report.commands / (report.writeSeconds + report.openSeconds)
  const perCommand = (report: PersonalDataReport): number =>
    (report.writeSeconds + report.openSeconds) / report.commands
  const bound = reports.baseline.flatMap((baseline, i) => {
    const floor = reports.floor[i]
    const floorBaseline = reports['floor-baseline'][i]
    return floor === undefined || floorBaseline === undefined
      ? []
      : [1 / (perCommand(baseline) + perCommand(floor) - perCommand(floorBaseline))]
  })
  return {
    complaints,
    mode,
    write: { ours: reports.ours.map(writeRate), baseline: reports.baseline.map(writeRate) },
    writeOpen: { ours: reports.ours.map(wholeRate), baseline: reports.baseline.map(wholeRate) },
    floorWrite: { ours: reports.floor.map(writeRate), baseline: reports['floor-baseline'].map(writeRate) },
    floorWriteOpen: { ours: reports.floor.map(wholeRate), baseline: reports['floor-baseline'].map(wholeRate) },
    bound: { ours: bound, baseline: reports.baseline.map(wholeRate) },
    maxRssBytes: {
      ours: reports.ours.map(report => report.maxRssBytes),
      baseline: reports.baseline.map(report => report.maxRssBytes),
    },
  }
}
