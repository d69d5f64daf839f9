import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Sqlite from 'better-sqlite3'
import type { EventStore } from '@pembina/core'
import { eventStoreContract } from '@pembina/testkit'
import { afterEach } from 'vitest'
import { type Durability, sqliteEventStore } from './index.js'

// Every store the suite opens gets a file of its own in a fresh directory, removed after the test.
const files = new Map<EventStore, string>()
const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
  files.clear()
})

const makeStore = (durability: Durability) => (): EventStore => {
  const dir = mkdtempSync(join(tmpdir(), 'pembina-sqlite-contract-'))
  dirs.push(dir)
  const path = join(dir, 'events.db')
  const store = sqliteEventStore({ path, durability, pollIntervalMs: 20 })
  files.set(store, path)
  return store
}

// Another connection inserts, at the stream's next revision, a row whose data is not JSON.
const writeCorruptRecord = (store: EventStore, streamName: string): Promise<void> => {
  const path = files.get(store)
  if (path === undefined) throw new Error('the store was not opened by this suite')
  const db = new Sqlite(path)
  try {
    db.prepare(
      `INSERT INTO events (stream_name, revision, event_id, type, data, metadata)
       SELECT ?, coalesce(max(revision) + 1, 0), ?, 'Broken', '{"half":', '{}' FROM events WHERE stream_name = ?`,
    ).run(streamName, randomUUID(), streamName)
  } finally {
    db.close()
  }
  return Promise.resolve()
}

eventStoreContract('sqlite (FULL)', makeStore('full'), { writeCorruptRecord, countsEvents: true, locksWrites: true })
eventStoreContract('sqlite (NORMAL)', makeStore('normal'), {
  writeCorruptRecord,
  countsEvents: true,
  locksWrites: true,
})
