import Sqlite from 'better-sqlite3'
import type { Database } from 'better-sqlite3'
import { StoreUnavailableError } from '@pembina/core'
import { inspectSchema, latestEventsVersion, migrateSchema, SqliteSchemaError } from './schema.js'

/** How hard a commit is pushed to disk: `full` survives power loss, `normal` may lose the last commits to it. */
export type Durability = 'full' | 'normal'

/** What a connection to an events file is opened with. */
export interface ConnectionOptions {
  readonly path: string
  readonly durability: Durability
  readonly busyTimeoutMs: number
}

/** The settings a connection runs with, read back from SQLite. */
export interface ConnectionPragmas {
  readonly journalMode: string
  readonly synchronous: 'off' | 'normal' | 'full' | 'extra'
  readonly busyTimeoutMs: number
}

const synchronousNames = ['off', 'normal', 'full', 'extra'] as const

const pragmaValue = (db: Database, name: string): unknown => db.pragma(name, { simple: true })

/** The journal mode, synchronous level and busy timeout a connection actually uses. */
export const readPragmas = (db: Database): ConnectionPragmas => {
  const synchronous = synchronousNames[Number(pragmaValue(db, 'synchronous'))] ?? 'full'
  return {
    journalMode: String(pragmaValue(db, 'journal_mode')),
    synchronous,
    busyTimeoutMs: Number(pragmaValue(db, 'busy_timeout')),
  }
}

/** WAL, and the synchronous level (and macOS full fsync) of a durability: what every connection of this package sets. */
export const configureDurability = (db: Database, durability: Durability): void => {
  db.pragma('journal_mode = WAL')
  db.pragma(`synchronous = ${durability === 'normal' ? 'NORMAL' : 'FULL'}`)
  // On macOS fsync does not reach the platter; F_FULLFSYNC does (other systems ignore this pragma).
  db.pragma(`fullfsync = ${durability === 'normal' ? 'OFF' : 'ON'}`)
}

const isNotADatabase = (error: unknown): boolean =>
  error instanceof Error && 'code' in error && error.code === 'SQLITE_NOTADB'

/**
 * What opening a file throws for an error met on the way: a schema error as it is, a file that is not SQLite as a
 * `SqliteSchemaError` (`foreign`), anything else as `StoreUnavailableError`.
 */
export const openFailure = (error: unknown, path: string, latestVersion: number): Error => {
  if (error instanceof SqliteSchemaError) return error
  if (isNotADatabase(error))
    return new SqliteSchemaError(path, 'foreign', null, latestVersion, 'not a SQLite database; refusing to open it', {
      cause: error,
    })
  const detail = error instanceof Error ? error.message : String(error)
  return new StoreUnavailableError(`cannot open ${path}: ${detail}`, { cause: error })
}

/**
 * Opens (creating if needed) an events file in WAL mode with the chosen durability and busy timeout, and brings
 * its schema up to date. Throws `SqliteSchemaError` for a file that is not a Pembina store or is newer, and
 * `StoreUnavailableError` when the file cannot be opened.
 */
export const openConnection = (options: ConnectionOptions): Database => {
  let db: Database | undefined
  try {
    db = new Sqlite(options.path, { timeout: Math.max(0, Math.trunc(options.busyTimeoutMs)) })
    // Integers come back as bigint: global positions may pass 2^53 in a long-lived file.
    db.defaultSafeIntegers(true)
    // Refuse a foreign or newer file before anything (even the journal mode) is written to it.
    inspectSchema(db, options.path)
    configureDurability(db, options.durability)
    migrateSchema(db, options.path)
    return db
  } catch (error) {
    db?.close()
    throw openFailure(error, options.path, latestEventsVersion)
  }
}
