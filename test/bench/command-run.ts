// What the command-handling benchmark asks of a child process (one side of one round) and what the child reports.
import * as t from 'io-ts'

const SyncModeCodec = t.union([t.literal('FULL'), t.literal('NORMAL')])

/** Our handler's side: on SQLite (the file it writes, in a durability mode, with or without a state cache) or in memory. */
const OursRun = t.intersection([
  t.type({
    side: t.literal('ours'),
    on: t.union([t.literal('sqlite'), t.literal('memory')]),
    mode: SyncModeCodec,
    cache: t.boolean,
    offerings: t.number,
    warmUpOfferings: t.number,
    file: t.string,
  }),
  // Whether the handler verifies the hash chain of every event it folds (`verifyOnLoad`; default no).
  // Whether it writes a keyed chain (`chainKeys`, a fixed key of the benchmark's; default no).
  t.partial({ verifyOnLoad: t.boolean, chainKeyed: t.boolean }),
])

/**
 * A hand-written SQLite baseline's side: it replays the appends of a run of ours (`reference`, a file ours wrote)
 * into `file`, inserting our rows (`rows`) or computing them (`computed`).
 */
const BaselineRun = t.type({
  side: t.union([t.literal('rows'), t.literal('computed')]),
  mode: SyncModeCodec,
  warmUpOfferings: t.number,
  reference: t.string,
  file: t.string,
})

/** Emmett's side: its `DeciderCommandHandler` on its in-memory store. */
const EmmettRun = t.type({ side: t.literal('emmett'), offerings: t.number, warmUpOfferings: t.number })

/** One side of one round of the command-handling benchmark, as the parent hands it to a child process. */
export const CommandRun = t.union([OursRun, BaselineRun, EmmettRun])

/** One side of one round of the command-handling benchmark. */
export type CommandRun = t.TypeOf<typeof CommandRun>

/**
 * What an in-memory store holds after a run: its events, its streams and a SHA-256 over every stream's name and event
 * types in order, so two stores can be shown to hold the same events without shipping them.
 */
export const StoredSummary = t.type({ events: t.number, streams: t.number, typesSha256: t.string })

/** What an in-memory store holds after a run. */
export type StoredSummary = t.TypeOf<typeof StoredSummary>

/**
 * What a child reports: the commands it timed and how long they took (after its own warm-up), its peak RSS, and for
 * an in-memory store what it held after the timed run (null on SQLite, whose file the parent reads itself).
 */
export const CommandRunReport = t.type({
  commands: t.number,
  seconds: t.number,
  maxRssBytes: t.number,
  stored: t.union([StoredSummary, t.null]),
})

/** What a command-handling child reports. */
export type CommandRunReport = t.TypeOf<typeof CommandRunReport>
