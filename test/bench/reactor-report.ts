import * as t from 'io-ts'

/** What one side of the reactor benchmark reports from its process: commands with an outcome, time, peak RSS. */
export const ReactorSideReport = t.type({
  commands: t.number,
  parked: t.number,
  seconds: t.number,
  maxRssBytes: t.number,
})

/** What one side of the reactor benchmark reports from its process. */
export type ReactorSideReport = t.TypeOf<typeof ReactorSideReport>
