// Benchmark 1's second baseline: a hand-written better-sqlite3 program that computes the rows it inserts, as an
// application keeping the same records without Pembina would. Per command, in one BEGIN IMMEDIATE transaction: read
// the stream's rows and JSON.parse them, take the last hash, then for each new event a uuid v5 id (the `uuid`
// package), the SHA-256 of its sorted-key JSON, the metadata object and both JSON texts, and insert. Its input is
// what a hand-written decide would hand it: each event's type, schema version and data, and the command's context.
import { createHash } from 'node:crypto'
import { v5 as uuidV5 } from 'uuid'
import { type Actor, pembinaEventNamespace } from '@pembina/core'
import { openBaselineEventsFile } from './baseline-events-file.js'
import { type SyncMode } from './better-sqlite3.js'
import { secondsSince, type Timed } from './measure.js'

/** One event a command decided: what the baseline turns into a row. */
export interface DecidedEvent {
  readonly type: string
  readonly schemaVersion: number
  readonly data: unknown
}

/** One command as the computing baseline receives it: where it writes, its context and its decided events. */
export interface DecidedCommand {
  readonly streamName: string
  readonly category: string | null
  readonly firstRevision: number
  readonly commandId: string
  readonly correlationId: string
  readonly causationId: string
  readonly actor: Actor
  readonly occurredAt: string
  readonly events: readonly DecidedEvent[]
}

const isPlainObject = (value: unknown): value is Readonly<Record<string, unknown>> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

// JSON.stringify with every object's keys sorted: the usual hand-written canonical form (no non-JSON values occur).
const sortedKeys = (_key: string, value: unknown): unknown =>
  isPlainObject(value)
    ? Object.fromEntries(
        Object.keys(value)
          .sort()
          .map(key => [key, value[key]]),
      )
    : value

const hashOf = (value: unknown): string =>
  createHash('sha256').update(JSON.stringify(value, sortedKeys), 'utf8').digest('hex')

const hashIn = (metadata: unknown): string | null =>
  isPlainObject(metadata) && typeof metadata.hash === 'string' ? metadata.hash : null

/** Replays `commands` into a fresh file with the store's schema, computing every row; returns commands per second. */
export const runComputingBaseline = async (
  file: string,
  mode: SyncMode,
  commands: readonly DecidedCommand[],
): Promise<Timed> => {
  const events = await openBaselineEventsFile(file, mode)
  const start = performance.now()
  for (const command of commands) {
    const { streamName, commandId, correlationId, causationId, actor, occurredAt } = command
    events.inTransaction(() => {
      let head = -1
      let prevHash: string | null = null
      for (const row of events.readStream(streamName)) {
        if (JSON.parse(row.data) === undefined) throw new Error(`${streamName}@${String(row.revision)}: no data`)
        prevHash = hashIn(JSON.parse(row.metadata))
        head = row.revision
      }
      if (head + 1 !== command.firstRevision) throw new Error(`${streamName}: unexpected revision ${String(head)}`)
      command.events.forEach(({ type, schemaVersion, data }, index) => {
        const eventId = uuidV5(`${commandId}:${String(index)}`, pembinaEventNamespace)
        const revision = head + 1 + index
        const content = { eventId, commandId, correlationId, causationId, actor, occurredAt, schemaVersion, prevHash }
        const hash = hashOf({ ...content, type, data, streamName, revision })
        const metadata = JSON.stringify({ ...content, hash })
        events.insert(streamName, revision, eventId, type, JSON.stringify(data), metadata)
        prevHash = hash
      })
    })
  }
  const seconds = secondsSince(start)
  events.close()
  return { units: commands.length, seconds }
}
