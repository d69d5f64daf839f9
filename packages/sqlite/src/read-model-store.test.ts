import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Sqlite from 'better-sqlite3'
import * as E from 'fp-ts/lib/Either.js'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { StoreUnavailableError } from '@pembina/core'
import { latestReadModelVersion, readModelsComponent } from './read-model-schema.js'
import { sqliteReadModelStore } from './read-model-store.js'
import { SqliteSchemaError } from './schema.js'
import { sqliteEventStore } from './sqlite-event-store.js'

let dir = ''
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pembina-sqlite-read-models-'))
})
afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
})

const withRawDb = <A>(file: string, run: (db: Sqlite.Database) => A): A => {
  const db = new Sqlite(file)
  db.defaultSafeIntegers(true)
  try {
    return run(db)
  } finally {
    db.close()
  }
}

const componentVersion = (file: string, component: string): unknown =>
  withRawDb(file, db => db.prepare('SELECT version FROM pembina_schema WHERE component = ?').pluck().get(component))

const schemaError = (open: () => unknown): SqliteSchemaError => {
  try {
    open()
  } catch (error) {
    if (error instanceof SqliteSchemaError) return error
    throw error
  }
  throw new Error('opening should have failed with a SqliteSchemaError')
}

const v1 = { name: 'offering-rosters', version: 1 }

describe('the SQLite read-model store', () => {
  it('stamps a new file with its read-model schema version, 16 KiB pages, WAL and the chosen durability (normal by default)', async () => {
    const file = join(dir, 'read-models.db')
    const normal = sqliteReadModelStore({ path: file })
    expect(normal.pragmas()).toMatchObject({ journalMode: 'wal', synchronous: 'normal', busyTimeoutMs: 5_000 })
    await normal.close()
    const full = sqliteReadModelStore({ path: file, durability: 'full', busyTimeoutMs: 250 })
    expect(full.pragmas()).toMatchObject({ synchronous: 'full', busyTimeoutMs: 250 })
    await full.close()
    expect(withRawDb(file, db => db.pragma('page_size', { simple: true }))).toBe(16_384n)
    expect(componentVersion(file, readModelsComponent)).toBe(BigInt(latestReadModelVersion))
  })

  it('refuses a file whose read-model schema is newer, naming both versions, and leaves it unchanged', async () => {
    const file = join(dir, 'read-models.db')
    await sqliteReadModelStore({ path: file }).close()
    withRawDb(file, db =>
      db.prepare('UPDATE pembina_schema SET version = 42 WHERE component = ?').run(readModelsComponent),
    )
    const before = readFileSync(file)
    const error = schemaError(() => sqliteReadModelStore({ path: file }))
    expect(error).toMatchObject({ problem: 'newer', foundVersion: 42, supportedVersion: latestReadModelVersion })
    expect(error.message).toMatch(/read-model schema is version 42, newer than version 1/)
    expect(readFileSync(file).equals(before)).toBe(true)
  })

  it('refuses a SQLite file of another application, and a file that is not SQLite at all', () => {
    const foreign = join(dir, 'foreign.db')
    withRawDb(foreign, db => db.exec('CREATE TABLE invoices (id INTEGER PRIMARY KEY)'))
    expect(schemaError(() => sqliteReadModelStore({ path: foreign })).problem).toBe('foreign')
    const text = join(dir, 'notes.txt')
    writeFileSync(text, 'not a database, just some notes that are long enough to have a header'.repeat(10))
    expect(schemaError(() => sqliteReadModelStore({ path: text })).problem).toBe('foreign')
  })

  it('shares a file with the event store, whichever opens it first', async () => {
    for (const order of ['events first', 'read models first']) {
      const file = join(dir, `${order.replace(/ /g, '-')}.db`)
      if (order === 'events first') await sqliteEventStore({ path: file }).close()
      const readModels = sqliteReadModelStore({ path: file })
      const events = sqliteEventStore({ path: file })
      const appended = await events.append(
        'enrollment-o-1',
        [{ eventId: 'e-1', type: 'T', data: {}, metadata: {} }],
        'any',
      )()
      expect(E.isRight(appended)).toBe(true)
      await readModels.commit(v1, {
        changes: [{ key: 'o-1', doc: { n: 1 } }],
        checkpoint: { position: 1n, events: 1 },
        skipped: [],
      })
      await readModels.serve(v1)
      expect(await readModels.get('offering-rosters', 'o-1')).toEqual({ n: 1 })
      await events.close()
      await readModels.close()
      expect(componentVersion(file, 'events')).not.toBeUndefined()
      expect(componentVersion(file, readModelsComponent)).toBe(BigInt(latestReadModelVersion))
    }
  })

  it('rolls a commit back whole when one of its writes fails', async () => {
    const store = sqliteReadModelStore({ path: join(dir, 'read-models.db') })
    await store.commit(v1, { changes: [{ key: 'a', doc: 1 }], checkpoint: { position: 1n, events: 1 }, skipped: [] })
    // A position past SQLite's 64-bit integers cannot be written: the skipped event fails after the documents.
    const failing = store.commit(v1, {
      changes: [
        { key: 'a', doc: 2 },
        { key: 'b', doc: 3 },
      ],
      checkpoint: { position: 2n, events: 2 },
      skipped: [{ streamName: 's-1', revision: 0, position: 2n ** 64n, eventType: 'T', reason: 'r' }],
    })
    await expect(failing).rejects.toBeInstanceOf(StoreUnavailableError)
    expect(await store.getVersioned(v1, 'a')).toBe(1)
    expect(await store.getVersioned(v1, 'b')).toBeUndefined()
    expect(await store.checkpoint(v1)).toEqual({ position: 1n, events: 1 })
    await store.close()
  })

  it('reports a commit blocked by another connection’s write lock as StoreUnavailable, naming the file', async () => {
    const file = join(dir, 'read-models.db')
    const store = sqliteReadModelStore({ path: file, busyTimeoutMs: 50 })
    const other = new Sqlite(file)
    other.exec('BEGIN IMMEDIATE')
    try {
      const blocked = store.commit(v1, { changes: [], checkpoint: { position: 1n, events: 0 }, skipped: [] })
      await expect(blocked).rejects.toThrow(/locked by another connection/)
    } finally {
      other.exec('ROLLBACK')
      other.close()
      await store.close()
    }
  })
})
