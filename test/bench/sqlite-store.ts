// The root package does not depend on @pembina/sqlite (only packages/sqlite's own tests do), so the benchmarks reach
// its public entry, src/index.ts, by path: the file the `@pembina/source` export condition points at.
import { rmSync } from 'node:fs'
import { sqliteEventStore } from '@pembina/sqlite'

export { sqliteEventStore, type SqliteEventStore } from '@pembina/sqlite'

/** Creates an empty events file with the store's schema (what a baseline inserts into), then closes it. */
export const createEventsFile = async (file: string): Promise<void> => {
  await sqliteEventStore({ path: file }).close()
}

/** Deletes a database file and the WAL and shared-memory files SQLite keeps beside it. */
export const removeDatabaseFiles = (file: string): void => {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true })
}
