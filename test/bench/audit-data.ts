// The history the audit benchmark reads: offerings written through the real handler and store, then copied under
// fresh stream names, ids and command ids, each copy's hash chain computed anew (chainHash), so that every chain of
// the file verifies and the audit has the whole of its work to do and nothing to report.
import { chainHash, type ChainKeyring, chainMac, EventMetadata } from '@pembina/core'
import { configureLikeStore, openDatabase } from './better-sqlite3.js'
import { commandsPerOffering, enrollmentHandler, handleOrThrow, offeringCommand } from './enrollment-workload.js'
import { formatCount, secondsSince } from './measure.js'
import { sqliteEventStore } from './sqlite-store.js'

const templateOfferings = 10

interface TemplateRow {
  readonly stream_name: string
  readonly revision: number
  readonly type: string
  readonly data: string
  readonly metadata: string
}

/** Writes `events` enrollment events whose every chain verifies to a new file. */
export const writeAuditHistory = async (
  file: string,
  events: number,
  progress: (line: string) => void,
  keys?: ChainKeyring,
): Promise<void> => {
  const start = performance.now()
  const store = sqliteEventStore({ path: file, durability: 'normal' })
  const handler = enrollmentHandler(store, false, false, keys !== undefined)
  for (let index = 0; index < templateOfferings; index++)
    for (let step = 0; step < commandsPerOffering; step++) await handleOrThrow(handler, offeringCommand(index, step))
  await store.close()

  const db = openDatabase(file)
  configureLikeStore(db, 'NORMAL')
  const template = db
    .prepare<TemplateRow>('SELECT stream_name, revision, type, data, metadata FROM events ORDER BY position')
    .all()
  const insert = db.prepare(
    'INSERT INTO events (stream_name, revision, event_id, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)',
  )
  const perCopy = template.length
  const copies = Math.ceil(events / perCopy) - 1
  const rename = (text: string, prefix: string): string => text.replaceAll('"bench-', `"${prefix}`)
  let written = perCopy
  for (let copy = 1; copy <= copies; copy++) {
    if ((copy - 1) % 1_000 === 0) db.exec('BEGIN')
    const prefix = `c${String(copy).padStart(7, '0')}-`
    const hex = copy.toString(16).padStart(8, '0')
    const prevHash = new Map<string, string>()
    for (const [at, row] of template.entries()) {
      if (written >= events) break
      const streamName = row.stream_name.replace('bench-', prefix)
      const eventId = `${hex}-0000-4000-8000-${at.toString(16).padStart(12, '0')}`
      const data: unknown = JSON.parse(rename(row.data, prefix))
      const stored: unknown = JSON.parse(rename(row.metadata, prefix))
      if (!EventMetadata.is(stored)) throw new Error('the template holds metadata that does not decode')
      const metadata = { ...stored, eventId, prevHash: prevHash.get(streamName) ?? null }
      const hash = chainHash({ ...metadata, type: row.type, data, streamName, revision: row.revision })
      if (hash._tag === 'Left') throw new Error('the template holds data that is not JSON')
      prevHash.set(streamName, hash.right)
      insert.run(
        streamName,
        row.revision,
        eventId,
        row.type,
        JSON.stringify(data),
        JSON.stringify({
          ...metadata,
          hash: hash.right,
          ...(keys === undefined ? {} : { mac: chainMac(keys.current, hash.right) }),
        }),
      )
      written++
    }
    if (copy % 1_000 === 0 || copy === copies) {
      db.exec('COMMIT')
      progress(
        `  history: ${formatCount(written)} / ${formatCount(events)} events (${secondsSince(start).toFixed(0)} s)`,
      )
    }
  }
  db.pragma('wal_checkpoint(TRUNCATE)')
  const count = db.prepare<{ readonly n: number }>('SELECT count(*) AS n FROM events').get()
  db.close()
  if (count?.n !== events) throw new Error(`the history holds ${count?.n ?? 0} events, not ${events}`)
}
