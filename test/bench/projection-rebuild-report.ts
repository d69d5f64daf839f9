import * as t from 'io-ts'

/** What one side of the rebuild benchmark reports from its process: events applied, how long, its peak RSS. */
export const RebuildReport = t.type({ events: t.number, seconds: t.number, maxRssBytes: t.number })

/** What one side of the rebuild benchmark reports from its process. */
export type RebuildReport = t.TypeOf<typeof RebuildReport>
