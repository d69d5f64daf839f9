// One side of the read benchmark, in a process of its own so its peak RSS is its own:
// `read-fold-child.ts ours|baseline FILE` replays the file and sends what it did to the parent.
import * as E from 'fp-ts/lib/Either.js'
import {
  decodeGuarded,
  enrollmentDecider,
  enrollmentEvents,
  type EnrollmentState,
  EventMetadataHead,
  formatDecodeFailure,
  defaultPolicy,
} from '@pembina/core'
import { openDatabase } from './better-sqlite3.js'
import { secondsSince } from './measure.js'
import type { ReplayReport } from './read-fold-report.js'
import { sqliteEventStore } from './sqlite-store.js'

const decider = enrollmentDecider(defaultPolicy)
// What the handler's fold decodes of each event's metadata (command id, schema version, hash); audits decode it whole.
const decodeMetadata = decodeGuarded(EventMetadataHead, 'metadata')

/**
 * Ours: every event in global order through `readAll`, the head of its metadata decoded as the handler's fold does, its data decoded by the registry and
 * folded by the decider, one stream at a time (a stream's events are contiguous in this history).
 */
const replayOurs = async (file: string): Promise<Omit<ReplayReport, 'maxRssBytes'>> => {
  const store = sqliteEventStore({ path: file })
  let events = 0
  let streams = 0
  let started = 0
  let current: string | undefined
  let state: EnrollmentState = decider.initialState
  const finish = (): void => {
    if (current !== undefined && state.status === 'started') started++
  }
  const start = performance.now()
  for await (const record of store.readAll()) {
    if (record.kind === 'corrupt') throw new Error(`corrupt record at ${record.position}: ${record.reason}`)
    if (record.streamName !== current) {
      finish()
      current = record.streamName
      state = decider.initialState
      streams++
    }
    const metadata = decodeMetadata(record.metadata)
    if (E.isLeft(metadata)) throw new Error(formatDecodeFailure(metadata.left))
    const { schemaVersion } = metadata.right
    const event = enrollmentEvents.decode({ type: record.type, data: record.data, schemaVersion })
    if (E.isLeft(event)) throw new Error(formatDecodeFailure(event.left))
    state = decider.evolve(state, event.right)
    events++
  }
  finish()
  const seconds = secondsSince(start)
  await store.close()
  return { events, streams, started, seconds }
}

/** The baseline: the same rows in the same order through better-sqlite3's `iterate()`, only JSON.parse-d. */
const replayBaseline = (file: string): Omit<ReplayReport, 'maxRssBytes'> => {
  const db = openDatabase(file)
  const rows = db.prepare<{ readonly stream_name: string; readonly data: string; readonly metadata: string }>(
    'SELECT stream_name, revision, type, data, metadata FROM events ORDER BY position',
  )
  let events = 0
  let streams = 0
  let current: string | undefined
  const start = performance.now()
  for (const row of rows.iterate()) {
    if (row.stream_name !== current) {
      current = row.stream_name
      streams++
    }
    if (JSON.parse(row.data) !== null && JSON.parse(row.metadata) !== null) events++
  }
  const seconds = secondsSince(start)
  db.close()
  return { events, streams, started: 0, seconds }
}

const [side, file] = process.argv.slice(2)
if (file === undefined || (side !== 'ours' && side !== 'baseline'))
  throw new Error('usage: read-fold-child.ts ours|baseline FILE')
const replayed = side === 'ours' ? await replayOurs(file) : replayBaseline(file)
// ru_maxrss: the kernel's record of this process's peak resident set, in kilobytes.
const report: ReplayReport = { ...replayed, maxRssBytes: process.resourceUsage().maxRSS * 1024 }
if (process.send === undefined) console.log(JSON.stringify(report))
else
  process.send(report, () => {
    process.disconnect()
  })
