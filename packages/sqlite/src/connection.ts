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

const configure = (db: Database, options: ConnectionOptions): void => {
  db.pragma('journal_mode = WAL')
  db.pragma(`synchronous = ${options.durability === 'normal' ? 'NORMAL' : 'FULL'}`)
  // On macOS fsync does not reach the platter; F_FULLFSYNC does (other systems ignore this pragma).
  db.pragma(`fullfsync = ${options.durability === 'normal' ? 'OFF' : 'ON'}`)
}

const isNotADatabase = (error: unknown): boolean =>
  error instanceof Error && 'code' in error && error.code === 'SQLITE_NOTADB'

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
    configure(db, options)
    migrateSchema(db, options.path)
    return db
  } catch (error) {
    db?.close()
    if (error instanceof SqliteSchemaError) throw error
    if (isNotADatabase(error))
      throw new SqliteSchemaError(
        options.path,
        'foreign',
        null,
        latestEventsVersion,
        'not a SQLite database; refusing to open it',
        { cause: error },
      )
    const detail = error instanceof Error ? error.message : String(error)
    throw new StoreUnavailableError(`cannot open ${options.path}: ${detail}`, { cause: error })
  }
}
