// What both command-handling baselines write through: a fresh file with the store's schema and durability, the
// stream read and the insert a hand-written program prepares, and one BEGIN IMMEDIATE transaction per command.
import { configureLikeStore, openDatabase, type SyncMode } from './better-sqlite3.js'
import { createEventsFile } from './sqlite-store.js'

/** A stored event of a stream as a baseline reads it. */
export interface BaselineStreamRow {
  readonly revision: number
  readonly data: string
  readonly metadata: string
}

/** A baseline's connection to its events file. */
export interface BaselineEventsFile {
  /** Every event of a stream, in revision order. */
  readonly readStream: (streamName: string) => readonly BaselineStreamRow[]
  readonly insert: (
    streamName: string,
    revision: number,
    eventId: string,
    type: string,
    data: string,
    metadata: string,
  ) => void
  /** Runs `write` in one BEGIN IMMEDIATE transaction, committed when it returns and rolled back when it throws. */
  readonly inTransaction: (write: () => void) => void
  readonly close: () => void
}

/** Creates a fresh events file with the store's schema and opens it as a hand-written program would. */
export const openBaselineEventsFile = async (file: string, mode: SyncMode): Promise<BaselineEventsFile> => {
  await createEventsFile(file)
  const db = openDatabase(file)
  configureLikeStore(db, mode)
  const read = db.prepare<BaselineStreamRow>(
    'SELECT revision, data, metadata FROM events WHERE stream_name = ? ORDER BY revision',
  )
  const insert = db.prepare(
    'INSERT INTO events (stream_name, revision, event_id, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)',
  )
  return {
    readStream: streamName => read.all(streamName),
    insert: (...row) => {
      insert.run(...row)
    },
    inTransaction: write => {
      db.exec('BEGIN IMMEDIATE')
      try {
        write()
        db.exec('COMMIT')
      } catch (error) {
        db.exec('ROLLBACK')
        throw error
      }
    },
    close: () => {
      db.close()
    },
  }
}
