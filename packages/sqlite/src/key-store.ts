import { randomBytes } from 'node:crypto'
import Sqlite from 'better-sqlite3'
import type { Database } from 'better-sqlite3'
import * as E from 'fp-ts/lib/Either.js'
import type * as TE from 'fp-ts/lib/TaskEither.js'
import type { FieldOpening, KeyLookup, KeyStore, StoreUnavailable, SubjectKey } from '@pembina/core'
import { type ConnectionPragmas, configureDurability, type Durability, readPragmas } from './connection.js'

/** What a key store file is opened with. */
export interface SqliteKeyStoreOptions {
  /** The key store's own file: never the event store's or a read model's (opening one of those is refused). */
  readonly path: string
  /** `full` (default) survives power loss; `normal` may lose the last commits to it. */
  readonly durability?: Durability
  /** How long a write waits for another connection's lock before it fails (default 5,000 ms). */
  readonly busyTimeoutMs?: number
}

/** A key store in an SQLite file of its own, with its decryption log; `close` releases the file. */
export interface SqliteKeyStore extends KeyStore {
  /** The settings its connection runs with, read back from SQLite: WAL, the durability, the busy timeout, and
   * `secure_delete` (on, so an erased key's bytes do not stay in free pages). */
  readonly pragmas: () => ConnectionPragmas & { readonly secureDelete: boolean }
  readonly close: () => void
}

const schema = `
  CREATE TABLE IF NOT EXISTS subject_keys (
    subject_id TEXT NOT NULL PRIMARY KEY,
    key_id     TEXT NOT NULL,
    key        BLOB NOT NULL
  );
  CREATE TABLE IF NOT EXISTS erased_subjects (
    subject_id TEXT NOT NULL PRIMARY KEY,
    erased_at  TEXT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS field_openings (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    at         TEXT NOT NULL,
    subject_id TEXT NOT NULL,
    key_id     TEXT NOT NULL,
    field      TEXT NOT NULL,
    who        TEXT NOT NULL,
    purpose    TEXT NOT NULL,
    outcome    TEXT NOT NULL CHECK (outcome IN ('opened', 'erased', 'refused'))
  );
  CREATE INDEX IF NOT EXISTS field_openings_subject ON field_openings (subject_id, seq);
`

const unavailable = (what: string, cause: unknown): StoreUnavailable => ({
  _tag: 'StoreUnavailable',
  message: `the key store could not ${what}: ${cause instanceof Error ? cause.message : String(cause)}`,
  cause,
})

/** Runs a synchronous step of the store as a task, its exceptions as `StoreUnavailable`. */
const step =
  <A>(what: string, run: () => A): TE.TaskEither<StoreUnavailable, A> =>
  () => {
    try {
      return Promise.resolve(E.right(run()))
    } catch (error) {
      return Promise.resolve(E.left(unavailable(what, error)))
    }
  }

const outcomes = new Set<string>(['opened', 'erased', 'refused'])
const isOutcome = (value: string): value is FieldOpening['outcome'] => outcomes.has(value)

interface OpeningRow {
  readonly at: string
  readonly subject_id: string
  readonly key_id: string
  readonly field: string
  readonly who: string
  readonly purpose: string
  readonly outcome: string
}

/**
 * A key store in an SQLite file of its own (WAL, `secure_delete` on, so an erased key's bytes are overwritten in the
 * file, and the WAL is checkpointed and truncated after an erasure so no copy of the key stays behind in it). Each
 * subject has one key, `<subjectId>#1`. The decryption log is a table of the same file, in the order of the openings.
 * Refuses a file that holds Pembina's events or read models: keys never go where the data they protect goes.
 */
export const sqliteKeyStore = (options: SqliteKeyStoreOptions): SqliteKeyStore => {
  const db: Database = new Sqlite(options.path, { timeout: Math.max(0, Math.trunc(options.busyTimeoutMs ?? 5_000)) })
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all()
    if (tables.some(name => name === 'events' || name === 'read_model_documents' || name === 'pembina_schema'))
      throw new Error(`${options.path} holds events or read models: a key store needs a file of its own`)
    configureDurability(db, options.durability ?? 'full')
    db.pragma('secure_delete = ON')
    db.exec(schema)
  } catch (error) {
    db.close()
    throw error
  }
  const getKey = db.prepare<[string], { key_id: string; key: Buffer }>(
    'SELECT key_id, key FROM subject_keys WHERE subject_id = ?',
  )
  const getErased = db.prepare<[string], { erased_at: string }>(
    'SELECT erased_at FROM erased_subjects WHERE subject_id = ?',
  )
  const insertKey = db.prepare('INSERT OR IGNORE INTO subject_keys (subject_id, key_id, key) VALUES (?, ?, ?)')
  const deleteKeys = db.prepare('DELETE FROM subject_keys WHERE subject_id = ?')
  const insertErased = db.prepare('INSERT OR IGNORE INTO erased_subjects (subject_id, erased_at) VALUES (?, ?)')
  const insertOpening = db.prepare(
    'INSERT INTO field_openings (at, subject_id, key_id, field, who, purpose, outcome) VALUES (?, ?, ?, ?, ?, ?, ?)',
  )
  const allOpenings = db.prepare<[], OpeningRow>(
    'SELECT at, subject_id, key_id, field, who, purpose, outcome FROM field_openings ORDER BY seq',
  )
  const subjectOpenings = db.prepare<[string], OpeningRow>(
    'SELECT at, subject_id, key_id, field, who, purpose, outcome FROM field_openings WHERE subject_id = ? ORDER BY seq',
  )
  const keyOf = (subjectId: string, row: { key_id: string; key: Buffer }): SubjectKey => ({
    subjectId,
    keyId: row.key_id,
    key: new Uint8Array(row.key),
  })
  // Created and read in one transaction, so two callers at once end with the same key.
  const createKey = db.transaction((subjectId: string): SubjectKey | 'erased' => {
    if (getErased.get(subjectId) !== undefined) return 'erased'
    insertKey.run(subjectId, `${subjectId}#1`, randomBytes(32))
    const row = getKey.get(subjectId)
    if (row === undefined) throw new Error(`the key of ${subjectId} was not kept`)
    return keyOf(subjectId, row)
  })
  // A key already kept is read without a write transaction (no lock taken, nothing committed). A subject with a key
  // row is not erased: `erase` deletes the keys and records the erasure in one transaction, and `createKey` never
  // writes a key for an erased subject. Only a subject with no key row goes through `createKey`, which tells a new
  // subject from an erased one.
  const keyFor = (subjectId: string): SubjectKey | 'erased' => {
    const row = getKey.get(subjectId)
    return row === undefined ? createKey(subjectId) : keyOf(subjectId, row)
  }
  const recordOpenings = db.transaction((openings: readonly FieldOpening[]): void => {
    for (const opening of openings)
      insertOpening.run(
        opening.at,
        opening.subjectId,
        opening.keyId,
        opening.field,
        opening.who,
        opening.purpose,
        opening.outcome,
      )
  })
  const erase = db.transaction((subjectId: string, at: string): number => {
    const removed = deleteKeys.run(subjectId).changes
    insertErased.run(subjectId, at)
    return removed
  })
  return {
    keyFor: subjectId => step('create a key', () => keyFor(subjectId)),
    lookup: (subjectId, keyId) =>
      step('read a key', (): KeyLookup => {
        const erased = getErased.get(subjectId)
        if (erased !== undefined) return { kind: 'erased', subjectId, erasedAt: erased.erased_at }
        const row = getKey.get(subjectId)
        return row !== undefined && row.key_id === keyId
          ? { kind: 'key', key: keyOf(subjectId, row) }
          : { kind: 'unknown' }
      }),
    erase: (subjectId, at) =>
      step('erase a subject', () => {
        const keys = erase(subjectId, at)
        // The deleted key's page may still sit in the WAL: fold it into the file (overwritten there) and empty the WAL.
        db.pragma('wal_checkpoint(TRUNCATE)')
        return { keys }
      }),
    recordOpening: opening =>
      step('log an opening', () => {
        recordOpenings([opening])
      }),
    // One transaction, so one commit (and in `full` durability one sync) for every field a read opens.
    recordOpenings: openings =>
      step('log openings', () => {
        if (openings.length > 0) recordOpenings(openings)
      }),
    openings: query =>
      step('read the decryption log', () =>
        (query?.subjectId === undefined ? allOpenings.all() : subjectOpenings.all(query.subjectId)).flatMap(row =>
          isOutcome(row.outcome)
            ? [
                {
                  at: row.at,
                  subjectId: row.subject_id,
                  keyId: row.key_id,
                  field: row.field,
                  who: row.who,
                  purpose: row.purpose,
                  outcome: row.outcome,
                },
              ]
            : [],
        ),
      ),
    pragmas: () => ({ ...readPragmas(db), secureDelete: Number(db.pragma('secure_delete', { simple: true })) === 1 }),
    close: () => db.close(),
  }
}
