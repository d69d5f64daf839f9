import * as t from 'io-ts'

/** What one side of the read benchmark reports from its process: what it replayed, how long, its peak RSS. */
export const ReplayReport = t.type({
  events: t.number,
  streams: t.number,
  /** Offerings whose folded state is `started` (ours only; the baseline folds nothing). */
  started: t.number,
  seconds: t.number,
  maxRssBytes: t.number,
})

/** What one side of the read benchmark reports from its process. */
export type ReplayReport = t.TypeOf<typeof ReplayReport>
