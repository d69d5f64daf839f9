// The history the read benchmark replays: a few offerings written through the real handler and store, then copied
// with SQL under fresh offering ids, event ids and command ids until the file holds the events asked for.
import { commandsPerOffering, enrollmentHandler, handleOrThrow, offeringCommand } from './enrollment-workload.js'
import { configureLikeStore, openDatabase } from './better-sqlite3.js'
import { formatCount, secondsSince } from './measure.js'
import { sqliteEventStore } from './sqlite-store.js'

/** Offerings written through the handler; each copy of them adds this many × 10 events. */
const templateOfferings = 10
const templateEvents = templateOfferings * commandsPerOffering

// The template's offering ids start `bench-`; a copy's start `c0000042-`. In metadata the same replacement renames
// the command, correlation and causation ids, and the event id is set to a uuid-shaped id unique to the copy.
// The copies' hashes are the template's, so their chains do not verify: this history is for reading and folding.
const copySql = `
  INSERT INTO events (stream_name, revision, event_id, type, data, metadata)
  SELECT replace(stream_name, 'bench-', :prefix), revision, :idHead || printf('%012x', position), type,
         replace(data, '"bench-', '"' || :prefix),
         json_set(replace(metadata, '"bench-', '"' || :prefix), '$.eventId', :idHead || printf('%012x', position))
  FROM events WHERE position <= :templateEvents ORDER BY position LIMIT :limit`

/**
 * Writes `events` enrollment events to a new file: 10 offerings through `commandHandler` and `sqliteEventStore`
 * (valid data, metadata and hash chains), then SQL copies of them, each stream's events contiguous in global order.
 */
export const writeHistory = async (file: string, events: number, progress: (line: string) => void): Promise<void> => {
  const start = performance.now()
  const store = sqliteEventStore({ path: file, durability: 'normal' })
  const handler = enrollmentHandler(store)
  for (let index = 0; index < templateOfferings; index++)
    for (let step = 0; step < commandsPerOffering; step++) await handleOrThrow(handler, offeringCommand(index, step))
  await store.close()

  const db = openDatabase(file)
  configureLikeStore(db, 'NORMAL')
  const copy = db.prepare(copySql)
  const copies = Math.ceil(events / templateEvents) - 1
  const batch = 1_000
  for (let first = 1; first <= copies; first += batch) {
    db.exec('BEGIN')
    for (let n = first; n < Math.min(first + batch, copies + 1); n++) {
      const limit = Math.min(templateEvents, events - n * templateEvents)
      const hex = n.toString(16).padStart(8, '0')
      copy.run({ prefix: `c${String(n).padStart(7, '0')}-`, idHead: `${hex}-0000-4000-8000-`, templateEvents, limit })
    }
    db.exec('COMMIT')
    const written = Math.min(events, Math.min(first + batch, copies + 1) * templateEvents)
    progress(`  history: ${formatCount(written)} / ${formatCount(events)} events (${secondsSince(start).toFixed(0)} s)`)
  }
  db.pragma('wal_checkpoint(TRUNCATE)')
  const count = db.prepare<{ readonly n: number }>('SELECT count(*) AS n FROM events').get()
  db.close()
  if (count?.n !== events) throw new Error(`the history holds ${count?.n ?? 0} events, not ${events}`)
}
