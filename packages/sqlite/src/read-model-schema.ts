import Sqlite from 'better-sqlite3'
import type { Database } from 'better-sqlite3'
import * as t from 'io-ts'
import { configureDurability, type Durability, openFailure } from './connection.js'
import { decodeRow } from './rows.js'
import { type Migration, SqliteSchemaError } from './schema.js'

/** The component name under which the read-model schema records its version in `pembina_schema`. */
export const readModelsComponent = 'read-models'

/** Every step of the read-model schema, oldest first. */
export const readModelMigrations: readonly Migration[] = [
  {
    version: 1,
    description: 'read-model documents, checkpoints and skipped events per projection version, and serving versions',
    statements: [
      `CREATE TABLE read_model_documents (
        projection TEXT NOT NULL,
        version INTEGER NOT NULL,
        key TEXT NOT NULL,
        doc TEXT NOT NULL,
        PRIMARY KEY (projection, version, key)
      ) STRICT`,
      `CREATE TABLE read_model_checkpoints (
        projection TEXT NOT NULL,
        version INTEGER NOT NULL,
        position INTEGER NOT NULL,
        events INTEGER NOT NULL,
        PRIMARY KEY (projection, version)
      ) STRICT`,
      `CREATE TABLE read_model_skipped (
        projection TEXT NOT NULL,
        version INTEGER NOT NULL,
        position INTEGER NOT NULL,
        stream_name TEXT NOT NULL,
        revision INTEGER NOT NULL,
        event_type TEXT NOT NULL,
        reason TEXT NOT NULL,
        PRIMARY KEY (projection, version, position)
      ) STRICT`,
      `CREATE TABLE read_model_serving (
        projection TEXT PRIMARY KEY,
        version INTEGER NOT NULL
      ) STRICT`,
    ],
  },
]

/** The read-model schema version this package writes. */
export const latestReadModelVersion = readModelMigrations.reduce((latest, m) => Math.max(latest, m.version), 0)

const TableName = t.type({ name: t.string })
const VersionRow = t.type({ version: t.bigint })

const userTables = (db: Database): readonly string[] =>
  db
    .prepare(
      "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name",
    )
    .all()
    .map(row => decodeRow(TableName, row, 'sqlite_schema').name)

/**
 * The read-model schema version of a file (0 when it has none), read without writing. Throws `SqliteSchemaError` for a
 * file with tables but no `pembina_schema` (not Pembina's) or with a read-model schema newer than this package's.
 */
const inspectReadModelSchema = (db: Database, file: string): number => {
  const tables = userTables(db)
  if (!tables.includes('pembina_schema')) {
    if (tables.length > 0)
      throw new SqliteSchemaError(
        file,
        'foreign',
        null,
        latestReadModelVersion,
        `not a Pembina file: it has tables (${tables.join(', ')}) but no pembina_schema table; refusing to write read models to it`,
      )
    return 0
  }
  const row: unknown = db.prepare('SELECT version FROM pembina_schema WHERE component = ?').get(readModelsComponent)
  const found = row === undefined ? 0 : Number(decodeRow(VersionRow, row, 'pembina_schema').version)
  if (found > latestReadModelVersion)
    throw new SqliteSchemaError(
      file,
      'newer',
      found,
      latestReadModelVersion,
      `its read-model schema is version ${found}, newer than version ${latestReadModelVersion} that this @pembina/sqlite supports; upgrade @pembina/sqlite to open it`,
    )
  return found
}

// Brought up to date in one IMMEDIATE transaction, reading the version again under the write lock: another process
// may be creating or migrating the same file.
const migrateReadModelSchema = (db: Database, file: string): void => {
  db.transaction(() => {
    const found = inspectReadModelSchema(db, file)
    if (!userTables(db).includes('pembina_schema'))
      db.exec('CREATE TABLE pembina_schema (component TEXT PRIMARY KEY, version INTEGER NOT NULL) STRICT')
    for (const migration of readModelMigrations.filter(m => m.version > found)) {
      try {
        for (const statement of migration.statements) db.exec(statement)
      } catch (error) {
        const detail = `migrating the read-model schema to version ${migration.version} (${migration.description}) failed: ${error instanceof Error ? error.message : String(error)}`
        throw new SqliteSchemaError(file, 'migration-failed', found, latestReadModelVersion, detail, { cause: error })
      }
    }
    if (latestReadModelVersion > found)
      db.prepare(
        'INSERT INTO pembina_schema (component, version) VALUES (?, ?) ON CONFLICT (component) DO UPDATE SET version = excluded.version',
      ).run(readModelsComponent, latestReadModelVersion)
  }).immediate()
}

/** The page size of a new read-model file, in bytes. */
export const readModelPageSize = 16_384

/** What a read-model file is opened with. */
export interface ReadModelConnectionOptions {
  readonly path: string
  readonly durability: Durability
  readonly busyTimeoutMs: number
}

/**
 * Opens (creating if needed) a file for read models in WAL mode with the chosen durability, and brings its read-model
 * schema up to date. The file may be the events file or one of its own. Throws `SqliteSchemaError` for a foreign or
 * newer file and `StoreUnavailableError` when the file cannot be opened.
 */
export const openReadModelConnection = (options: ReadModelConnectionOptions): Database => {
  let db: Database | undefined
  try {
    db = new Sqlite(options.path, { timeout: Math.max(0, Math.trunc(options.busyTimeoutMs)) })
    db.defaultSafeIntegers(true)
    // Refuse a foreign or newer file before anything (even the journal mode) is written to it.
    inspectReadModelSchema(db, options.path)
    // A new file gets 16 KiB pages: documents are often a few KiB, and fewer of them spill onto overflow pages.
    // (A file that exists keeps its page size, which only a rebuild of the file could change.)
    if (userTables(db).length === 0) db.pragma(`page_size = ${readModelPageSize}`)
    configureDurability(db, options.durability)
    migrateReadModelSchema(db, options.path)
    return db
  } catch (error) {
    db?.close()
    throw openFailure(error, options.path, latestReadModelVersion)
  }
}
