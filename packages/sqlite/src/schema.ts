import type { Database } from 'better-sqlite3'
import * as t from 'io-ts'
import { decodeRow } from './rows.js'

/** One step of the events schema: the statements that take a file from `version - 1` to `version`. */
export interface Migration {
  readonly version: number
  readonly description: string
  readonly statements: readonly string[]
}

/** The component name under which the events schema records its version in `pembina_schema`. */
export const eventsComponent = 'events'

const latestVersion = (migrations: readonly Migration[]): number =>
  migrations.reduce((latest, migration) => Math.max(latest, migration.version), 0)

/** Every step of the events schema, oldest first; a file is migrated by the steps above its version. */
export const eventsMigrations: readonly Migration[] = [
  {
    version: 1,
    description: 'events in global order, unique per stream revision and per event id, indexed by category',
    statements: [
      `CREATE TABLE events (
        position INTEGER PRIMARY KEY,
        stream_name TEXT NOT NULL,
        category TEXT,
        revision INTEGER NOT NULL,
        event_id TEXT NOT NULL,
        type TEXT NOT NULL,
        data TEXT NOT NULL,
        metadata TEXT NOT NULL,
        UNIQUE (stream_name, revision),
        UNIQUE (event_id)
      ) STRICT`,
      'CREATE INDEX events_by_category ON events (category, position)',
    ],
  },
  {
    version: 2,
    description: 'the latest snapshot of each stream, beside its events',
    statements: [
      `CREATE TABLE snapshots (
        stream_name TEXT PRIMARY KEY,
        revision INTEGER NOT NULL,
        snapshot_version INTEGER NOT NULL,
        state TEXT NOT NULL,
        last_hash TEXT,
        recent_command_ids TEXT NOT NULL
      ) STRICT`,
    ],
  },
  {
    version: 3,
    description:
      'positions never reused (AUTOINCREMENT: after a deleted tail, new events still get positions above every earlier one), and the category derived from the stream name, never stored apart from it',
    statements: [
      `CREATE TABLE events_v3 (
        position INTEGER PRIMARY KEY AUTOINCREMENT,
        stream_name TEXT NOT NULL,
        category TEXT GENERATED ALWAYS AS (
          CASE WHEN instr(stream_name, '-') > 0 THEN substr(stream_name, 1, instr(stream_name, '-') - 1) END
        ) VIRTUAL,
        revision INTEGER NOT NULL,
        event_id TEXT NOT NULL,
        type TEXT NOT NULL,
        data TEXT NOT NULL,
        metadata TEXT NOT NULL,
        UNIQUE (stream_name, revision),
        UNIQUE (event_id)
      ) STRICT`,
      `INSERT INTO events_v3 (position, stream_name, revision, event_id, type, data, metadata)
        SELECT position, stream_name, revision, event_id, type, data, metadata FROM events ORDER BY position`,
      'DROP TABLE events',
      'ALTER TABLE events_v3 RENAME TO events',
      'CREATE INDEX events_by_category ON events (category, position)',
    ],
  },
  {
    version: 4,
    description: 'each snapshot with the digest of its content (snapshots saved before have none and are ignored)',
    statements: ['ALTER TABLE snapshots ADD COLUMN state_digest TEXT'],
  },
]

/** The events schema version this package writes. */
export const latestEventsVersion = latestVersion(eventsMigrations)

/** Why a file cannot be opened as a Pembina event store. */
export type SchemaProblem = 'newer' | 'foreign' | 'migration-failed'

/** Raised when opening a file whose schema is newer than this package, not Pembina's, or fails to migrate. */
export class SqliteSchemaError extends Error {
  override readonly name = 'SqliteSchemaError'
  constructor(
    readonly file: string,
    readonly problem: SchemaProblem,
    readonly foundVersion: number | null,
    readonly supportedVersion: number,
    detail: string,
    options?: ErrorOptions,
  ) {
    super(`${file}: ${detail}`, options)
  }
}

const TableName = t.type({ name: t.string })
const VersionRow = t.type({ version: t.bigint })

const userTables = (db: Database): readonly string[] =>
  db
    .prepare(
      "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name",
    )
    .all()
    .map(row => decodeRow(TableName, row, 'sqlite_schema').name)

const createSchemaTable = (db: Database): void => {
  db.exec('CREATE TABLE pembina_schema (component TEXT PRIMARY KEY, version INTEGER NOT NULL) STRICT')
}

const componentVersion = (db: Database, component: string): number => {
  const row: unknown = db.prepare('SELECT version FROM pembina_schema WHERE component = ?').get(component)
  return row === undefined ? 0 : Number(decodeRow(VersionRow, row, 'pembina_schema').version)
}

const recordVersion = (db: Database, component: string, version: number): void => {
  db.prepare(
    'INSERT INTO pembina_schema (component, version) VALUES (?, ?) ON CONFLICT (component) DO UPDATE SET version = excluded.version',
  ).run(component, version)
}

const applyMigrations = (db: Database, file: string, migrations: readonly Migration[], found: number): void => {
  const supported = latestVersion(migrations)
  for (const migration of migrations.filter(m => m.version > found).toSorted((a, b) => a.version - b.version)) {
    try {
      for (const statement of migration.statements) db.exec(statement)
    } catch (error) {
      const detail = `migrating the events schema from version ${migration.version - 1} to ${migration.version} (${migration.description}) failed: ${error instanceof Error ? error.message : String(error)}`
      throw new SqliteSchemaError(file, 'migration-failed', found, supported, detail, { cause: error })
    }
  }
  if (supported > found) recordVersion(db, eventsComponent, supported)
}

/**
 * Reads a file's events schema version without writing, throwing a `SqliteSchemaError` when the file is not a
 * Pembina store (tables but no `pembina_schema`) or is newer than `migrations` reach; a new file is version 0.
 */
export const inspectSchema = (
  db: Database,
  file: string,
  migrations: readonly Migration[] = eventsMigrations,
): number => {
  const supported = latestVersion(migrations)
  const tables = userTables(db)
  if (!tables.includes('pembina_schema')) {
    if (tables.length > 0)
      throw new SqliteSchemaError(
        file,
        'foreign',
        null,
        supported,
        `not a Pembina store: it has tables (${tables.join(', ')}) but no pembina_schema table; refusing to write to it`,
      )
    return 0
  }
  const found = componentVersion(db, eventsComponent)
  if (found > supported)
    throw new SqliteSchemaError(
      file,
      'newer',
      found,
      supported,
      `its events schema is version ${found}, newer than version ${supported} that this @pembina/sqlite supports; upgrade @pembina/sqlite to open it`,
    )
  return found
}

/**
 * Brings a file's events schema to the latest migration in one write transaction (so two processes opening a
 * new file do not both create it), or throws a `SqliteSchemaError` for a newer or foreign schema.
 */
export const migrateSchema = (
  db: Database,
  file: string,
  migrations: readonly Migration[] = eventsMigrations,
): void => {
  db.transaction(() => {
    // Read again inside the write lock: another process may have created or migrated the file meanwhile.
    const found = inspectSchema(db, file, migrations)
    if (!userTables(db).includes('pembina_schema')) createSchemaTable(db)
    applyMigrations(db, file, migrations, found)
  }).immediate()
}

/** The events schema version a file is at (0 for a file without one), read without changing anything. */
export const schemaVersion = (db: Database): number =>
  userTables(db).includes('pembina_schema') ? componentVersion(db, eventsComponent) : 0
