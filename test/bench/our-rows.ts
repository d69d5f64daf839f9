// Reading back the rows a run of ours wrote to SQLite: each command's append, as the baselines replay it, and a digest
// of every row, to show that a baseline wrote the same rows.
import { createHash } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import { EventMetadata } from '@pembina/core'
import { openDatabase } from './better-sqlite3.js'
import type { DecidedCommand, DecidedEvent } from './computing-baseline.js'

/** An event as our run stored it: the exact text the baseline inserts. */
export interface StoredRow {
  readonly eventId: string
  readonly type: string
  readonly data: string
  readonly metadata: string
}

/**
 * One command's append as our run made it: its stream, the revision it started at and its events as stored; and
 * the same command as the computing baseline receives it (context and decided events, no ids, hashes or text).
 */
export interface CapturedCommand {
  readonly streamName: string
  readonly category: string | null
  readonly firstRevision: number
  readonly events: readonly StoredRow[]
  readonly decided: DecidedCommand
}

interface EventsRow {
  readonly stream_name: string
  readonly category: string | null
  readonly revision: number
  readonly event_id: string
  readonly type: string
  readonly data: string
  readonly metadata: string
}

const everyRow = 'SELECT stream_name, category, revision, event_id, type, data, metadata FROM events ORDER BY position'

/** Reads back every command's append from a file our run wrote, in commit order. */
export const captureCommands = (file: string): readonly CapturedCommand[] => {
  const db = openDatabase(file)
  const rows = db.prepare<EventsRow>(everyRow)
  const commands: (CapturedCommand & { readonly events: StoredRow[]; readonly decided: { events: DecidedEvent[] } })[] =
    []
  let lastCommandId: string | undefined
  for (const row of rows.iterate()) {
    const decoded = EventMetadata.decode(JSON.parse(row.metadata))
    if (E.isLeft(decoded)) throw new Error(`${row.stream_name}@${row.revision}: metadata does not decode`)
    const metadata = decoded.right
    const event = { eventId: row.event_id, type: row.type, data: row.data, metadata: row.metadata }
    const decidedEvent = {
      type: row.type,
      schemaVersion: metadata.schemaVersion,
      data: JSON.parse(row.data) as unknown,
    }
    const current = commands[commands.length - 1]
    if (current !== undefined && metadata.commandId === lastCommandId) {
      current.events.push(event)
      current.decided.events.push(decidedEvent)
    } else {
      const where = { streamName: row.stream_name, category: row.category, firstRevision: row.revision }
      const { commandId, correlationId, causationId, actor, occurredAt } = metadata
      commands.push({
        ...where,
        events: [event],
        decided: { ...where, commandId, correlationId, causationId, actor, occurredAt, events: [decidedEvent] },
      })
    }
    lastCommandId = metadata.commandId
  }
  db.close()
  return commands
}

/** A digest of every event row of a file, to prove both sides wrote the same rows. */
export const digestOf = (file: string): string => {
  const db = openDatabase(file)
  const hash = createHash('sha256')
  for (const row of db.prepare<EventsRow>(everyRow).iterate()) hash.update(JSON.stringify(row))
  db.close()
  return hash.digest('hex')
}
