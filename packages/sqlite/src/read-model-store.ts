import type { Statement } from 'better-sqlite3'
import * as t from 'io-ts'
import { StoreUnavailableError } from '@pembina/core'
import {
  CheckpointConflictError,
  checkListQuery,
  type Checkpoint,
  type JsonValue,
  ListQueryError,
  type ProjectionBatch,
  type ProjectionVersion,
  type ReadModelStore,
  type SkippedEvent,
} from '@pembina/projections'
import { type ConnectionPragmas, type Durability, readPragmas } from './connection.js'
import { storeUnavailableError } from './errors.js'
import { listStatement } from './read-model-list.js'
import { openReadModelConnection } from './read-model-schema.js'
import { decodeRow } from './rows.js'

/** Options of an SQLite read-model store; all but the path have documented defaults. */
export interface SqliteReadModelStoreOptions {
  /** The database file: the events file itself, or a file of its own (created when missing). */
  readonly path: string
  /**
   * `normal` (default): a power loss may drop the last committed batches, documents and checkpoint together, never
   * half of one; the projector then applies those events again, so the read model stays exact. `full`: every
   * committed batch survives power loss too, at the cost of a sync per batch.
   */
  readonly durability?: Durability
  /** How long a commit waits for another connection's write lock before failing, in ms (default 5,000). */
  readonly busyTimeoutMs?: number
}

/** A read-model store in an SQLite file, with what it runs on for diagnostics. */
export interface SqliteReadModelStore extends ReadModelStore {
  /** The database file the read models are written to. */
  readonly file: string
  /** The journal mode, synchronous level and busy timeout the connection actually runs with. */
  readonly pragmas: () => ConnectionPragmas
}

const DocRow = t.type({ doc: t.string })
const KeyedRow = t.type({ key: t.string, doc: t.string })
const CheckpointRow = t.type({ position: t.bigint, events: t.bigint })
const VersionRow = t.type({ version: t.bigint })
const SkippedRow = t.type({
  position: t.bigint,
  stream_name: t.string,
  revision: t.bigint,
  event_type: t.string,
  reason: t.string,
})

// The store wrote this text with JSON.stringify from a JsonValue, so it parses back to one.
const parseDocument = (text: string): JsonValue => JSON.parse(text) as JsonValue

/** Errors of the ports' own kinds pass through; anything SQLite raised becomes a `StoreUnavailableError`. */
const passThrough = (error: unknown): error is Error =>
  error instanceof CheckpointConflictError || error instanceof ListQueryError || error instanceof StoreUnavailableError

/**
 * Opens a read-model store in an SQLite file (WAL mode): documents as JSON under their projection, version and key,
 * each version's checkpoint and skipped events, and the serving version of each projection. A commit is one IMMEDIATE
 * transaction, so documents, checkpoint and skipped events land together. Throws `SqliteSchemaError` for a file of a
 * foreign or newer schema and `StoreUnavailableError` when it cannot open.
 */
export const sqliteReadModelStore = (options: SqliteReadModelStoreOptions): SqliteReadModelStore => {
  const file = options.path
  const db = openReadModelConnection({
    path: file,
    durability: options.durability ?? 'normal',
    busyTimeoutMs: options.busyTimeoutMs ?? 5_000,
  })
  let closed = false
  const statements = {
    servingDoc: db.prepare(`SELECT d.doc AS doc FROM read_model_documents d
      JOIN read_model_serving s ON s.projection = d.projection AND s.version = d.version
      WHERE d.projection = ? AND d.key = ?`),
    versionedDoc: db.prepare('SELECT doc FROM read_model_documents WHERE projection = ? AND version = ? AND key = ?'),
    // The keys travel as one JSON array: one statement, whatever their number.
    versionedDocs: db.prepare(`SELECT key, doc FROM read_model_documents
      WHERE projection = ? AND version = ? AND key IN (SELECT value FROM json_each(?))`),
    upsertDoc: db.prepare(`INSERT INTO read_model_documents (projection, version, key, doc) VALUES (?, ?, ?, ?)
      ON CONFLICT (projection, version, key) DO UPDATE SET doc = excluded.doc`),
    deleteDoc: db.prepare('DELETE FROM read_model_documents WHERE projection = ? AND version = ? AND key = ?'),
    checkpoint: db.prepare('SELECT position, events FROM read_model_checkpoints WHERE projection = ? AND version = ?'),
    upsertCheckpoint: db.prepare(`INSERT INTO read_model_checkpoints (projection, version, position, events)
      VALUES (?, ?, ?, ?) ON CONFLICT (projection, version) DO UPDATE SET position = excluded.position, events = excluded.events`),
    insertSkipped: db.prepare(`INSERT OR REPLACE INTO read_model_skipped
      (projection, version, position, stream_name, revision, event_type, reason) VALUES (?, ?, ?, ?, ?, ?, ?)`),
    skipped: db.prepare(`SELECT position, stream_name, revision, event_type, reason FROM read_model_skipped
      WHERE projection = ? AND version = ? ORDER BY position`),
    serving: db.prepare('SELECT version FROM read_model_serving WHERE projection = ?'),
    serve: db.prepare(`INSERT INTO read_model_serving (projection, version) VALUES (?, ?)
      ON CONFLICT (projection) DO UPDATE SET version = excluded.version`),
    dropDocs: db.prepare('DELETE FROM read_model_documents WHERE projection = ? AND version = ?'),
    dropCheckpoint: db.prepare('DELETE FROM read_model_checkpoints WHERE projection = ? AND version = ?'),
    dropSkipped: db.prepare('DELETE FROM read_model_skipped WHERE projection = ? AND version = ?'),
    unserve: db.prepare('DELETE FROM read_model_serving WHERE projection = ? AND version = ?'),
  }
  const listStatements = new Map<string, Statement>()
  const prepared = (sql: string): Statement => {
    const known = listStatements.get(sql)
    if (known !== undefined) return known
    const statement = db.prepare(sql)
    listStatements.set(sql, statement)
    return statement
  }

  /** Runs an operation on the connection, resolving with its result or rejecting with a typed error. */
  const run = <A>(action: string, operation: () => A): Promise<A> => {
    if (closed) return Promise.reject(new StoreUnavailableError(`the SQLite read-model store ${file} is closed`))
    try {
      return Promise.resolve(operation())
    } catch (error) {
      return Promise.reject(passThrough(error) ? error : storeUnavailableError(error, action, file))
    }
  }

  const checkpointOf = ({ name, version }: ProjectionVersion): Checkpoint | undefined => {
    const row: unknown = statements.checkpoint.get(name, version)
    if (row === undefined) return undefined
    const decoded = decodeRow(CheckpointRow, row, 'read-model checkpoint')
    return { position: decoded.position, events: Number(decoded.events) }
  }

  const commitBatch = db.transaction((projection: ProjectionVersion, batch: ProjectionBatch): void => {
    const { name, version } = projection
    if (batch.after !== undefined) {
      const actual = checkpointOf(projection)?.position ?? null
      if (actual !== batch.after) throw new CheckpointConflictError(projection, batch.after, actual)
    }
    for (const { key, doc } of batch.changes)
      if (doc === undefined) statements.deleteDoc.run(name, version, key)
      else statements.upsertDoc.run(name, version, key, JSON.stringify(doc))
    for (const skipped of batch.skipped)
      statements.insertSkipped.run(
        name,
        version,
        skipped.position,
        skipped.streamName,
        skipped.revision,
        skipped.eventType,
        skipped.reason,
      )
    statements.upsertCheckpoint.run(name, version, batch.checkpoint.position, batch.checkpoint.events)
  })

  const dropVersion = db.transaction(({ name, version }: ProjectionVersion): void => {
    statements.dropDocs.run(name, version)
    statements.dropCheckpoint.run(name, version)
    statements.dropSkipped.run(name, version)
    statements.unserve.run(name, version)
  })

  const docOf = (row: unknown): JsonValue | undefined =>
    row === undefined ? undefined : parseDocument(decodeRow(DocRow, row, 'read-model document').doc)

  return {
    file,
    pragmas: () => {
      if (closed) throw new StoreUnavailableError(`the SQLite read-model store ${file} is closed`)
      return readPragmas(db)
    },
    get: (name, key) => run(`reading ${name}/${key} from`, () => docOf(statements.servingDoc.get(name, key))),
    list: (name, query = {}) =>
      run(`listing ${name} in`, () => {
        checkListQuery(query)
        const { sql, params } = listStatement(name, query)
        return prepared(sql)
          .all(...params)
          .map(row => {
            const { key, doc } = decodeRow(KeyedRow, row, 'read-model document')
            return { key, doc: parseDocument(doc) }
          })
      }),
    getVersioned: (projection, key) =>
      run(`reading ${projection.name}/${key} from`, () =>
        docOf(statements.versionedDoc.get(projection.name, projection.version, key)),
      ),
    getManyVersioned: (projection, keys) =>
      run(`reading ${keys.length} documents of ${projection.name} from`, () => {
        const found = new Map<string, JsonValue>()
        for (const row of statements.versionedDocs.all(projection.name, projection.version, JSON.stringify(keys))) {
          const { key, doc } = decodeRow(KeyedRow, row, 'read-model document')
          found.set(key, parseDocument(doc))
        }
        return found
      }),
    checkpoint: projection => run(`reading the checkpoint of ${projection.name} from`, () => checkpointOf(projection)),
    commit: (projection, batch) =>
      run(`committing a batch of ${projection.name} to`, () => {
        commitBatch.immediate(projection, batch)
      }),
    skipped: ({ name, version }) =>
      run(`reading the skipped events of ${name} from`, () =>
        statements.skipped.all(name, version).map((row): SkippedEvent => {
          const decoded = decodeRow(SkippedRow, row, 'skipped event')
          return {
            streamName: decoded.stream_name,
            revision: Number(decoded.revision),
            position: decoded.position,
            eventType: decoded.event_type,
            reason: decoded.reason,
          }
        }),
      ),
    serving: name =>
      run(`reading the serving version of ${name} from`, () => {
        const row: unknown = statements.serving.get(name)
        return row === undefined ? undefined : Number(decodeRow(VersionRow, row, 'serving version').version)
      }),
    serve: ({ name, version }) =>
      run(`serving ${name} v${version} in`, () => {
        statements.serve.run(name, version)
      }),
    drop: projection =>
      run(`dropping ${projection.name} v${projection.version} from`, () => {
        dropVersion.immediate(projection)
      }),
    close: () => {
      if (closed) return Promise.resolve()
      closed = true
      db.close()
      return Promise.resolve()
    },
  }
}
