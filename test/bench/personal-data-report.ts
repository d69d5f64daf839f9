// What the personal-data benchmark asks of a child process (one side of one round) and what the child reports.
import * as t from 'io-ts'

/**
 * The four sides: `ours` (the sealing handler on a real key store, then every complaint's fields opened, logged),
 * `baseline` (the plain handler, stand-in envelopes), and the floor's two (`floor`, `floor-baseline`): the same
 * guarantees, and none of the personal data, by hand on better-sqlite3.
 */
export const PersonalDataSide = t.union([
  t.literal('ours'),
  t.literal('baseline'),
  t.literal('floor'),
  t.literal('floor-baseline'),
])
/** One of the four sides of the personal-data benchmark. */
export type PersonalDataSide = t.TypeOf<typeof PersonalDataSide>

/** One side of one round, as the parent hands it to a child: the files' prefix, the durability, the sizes. */
export const PersonalDataRun = t.type({
  side: PersonalDataSide,
  mode: t.union([t.literal('FULL'), t.literal('NORMAL')]),
  complaints: t.number,
  warmUpComplaints: t.number,
  prefix: t.string,
})
/** One side of one round of the personal-data benchmark. */
export type PersonalDataRun = t.TypeOf<typeof PersonalDataRun>

/**
 * What a child reports: the commands it wrote and their seconds, the seconds of its openings (0 for a side that opens
 * nothing) and how many fields it opened, and its peak RSS.
 */
export const PersonalDataReport = t.type({
  commands: t.number,
  writeSeconds: t.number,
  openSeconds: t.number,
  openings: t.number,
  maxRssBytes: t.number,
})
/** What a personal-data child reports. */
export type PersonalDataReport = t.TypeOf<typeof PersonalDataReport>
