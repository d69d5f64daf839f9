import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Sqlite from 'better-sqlite3'
import * as E from 'fp-ts/lib/Either.js'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { StoreUnavailableError } from '@pembina/core'
import {
  type Migration,
  SqliteSchemaError,
  eventsMigrations,
  latestEventsVersion,
  migrateSchema,
  schemaVersion,
} from './schema.js'
import { sqliteEventStore } from './sqlite-event-store.js'

let dir = ''
let file = ''
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pembina-sqlite-schema-'))
  file = join(dir, 'events.db')
})
afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
})

const withRawDb = <A>(run: (db: Sqlite.Database) => A): A => {
  const db = new Sqlite(file)
  db.defaultSafeIntegers(true)
  try {
    return run(db)
  } finally {
    db.close()
  }
}

const schemaError = (open: () => unknown): SqliteSchemaError => {
  try {
    open()
  } catch (error) {
    if (error instanceof SqliteSchemaError) return error
    throw error
  }
  throw new Error('opening should have failed with a SqliteSchemaError')
}

const columnsOfEvents = (db: Sqlite.Database): readonly unknown[] =>
  db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('events')

describe('events schema', () => {
  it('creates a new file at the latest schema version, recorded in pembina_schema', async () => {
    await sqliteEventStore({ path: file }).close()
    expect(withRawDb(schemaVersion)).toBe(latestEventsVersion)
    expect(latestEventsVersion).toBe(eventsMigrations.length)
  })

  it('refuses a file whose tables no longer match its recorded version (edited by hand) with a typed error', async () => {
    await sqliteEventStore({ path: file }).close()
    withRawDb(db => db.exec('DROP TABLE snapshots'))
    expect(() => sqliteEventStore({ path: file })).toThrow(StoreUnavailableError)
    expect(() => sqliteEventStore({ path: file })).toThrow(/events\.db: .*snapshots/)
  })

  it('refuses a file written by a newer schema, naming the file and both versions, and leaves it unchanged', async () => {
    await sqliteEventStore({ path: file }).close()
    withRawDb(db => db.prepare("UPDATE pembina_schema SET version = 99 WHERE component = 'events'").run())
    const error = schemaError(() => sqliteEventStore({ path: file }))
    expect(error).toMatchObject({ file, problem: 'newer', foundVersion: 99, supportedVersion: latestEventsVersion })
    expect(error.message).toContain(file)
    expect(error.message).toMatch(new RegExp(`version 99.*version ${latestEventsVersion}`))
    expect(withRawDb(schemaVersion)).toBe(99)
  })

  it('refuses a SQLite file of another application without creating anything in it', () => {
    withRawDb(db => db.exec('CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)'))
    const error = schemaError(() => sqliteEventStore({ path: file }))
    expect(error).toMatchObject({ file, problem: 'foreign', foundVersion: null })
    expect(error.message).toMatch(/customers/)
    const tables = withRawDb(db => db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all())
    expect(tables).toEqual(['customers'])
    expect(withRawDb(db => db.pragma('journal_mode', { simple: true }))).toBe('delete')
  })

  it('refuses a file that is not a SQLite database and leaves its bytes alone', () => {
    writeFileSync(file, 'this is a CSV export, not a database\n'.repeat(200))
    const before = readFileSync(file)
    expect(schemaError(() => sqliteEventStore({ path: file }))).toMatchObject({ problem: 'foreign' })
    expect(readFileSync(file).equals(before)).toBe(true)
  })

  it('migrates a file of an older schema to the latest, keeping its events', async () => {
    const store = sqliteEventStore({ path: file })
    await store.append('s-1', [{ eventId: 'e-1', type: 'Tested', data: { n: 1 }, metadata: {} }], 'no-stream')()
    await store.close()
    const next: Migration = {
      version: latestEventsVersion + 1,
      description: 'a note on each event',
      statements: ['ALTER TABLE events ADD COLUMN note TEXT'],
    }
    withRawDb(db => {
      migrateSchema(db, file, [...eventsMigrations, next])
      expect(schemaVersion(db)).toBe(latestEventsVersion + 1)
      expect(columnsOfEvents(db)).toContain('note')
      expect(db.prepare('SELECT data FROM events').pluck().all()).toEqual(['{"n":1}'])
    })
  })

  it('rolls a failed migration back whole, leaving the file at its old version', async () => {
    await sqliteEventStore({ path: file }).close()
    const broken: Migration = {
      version: latestEventsVersion + 1,
      description: 'a broken step',
      statements: ['ALTER TABLE events ADD COLUMN half_done TEXT', 'ALTER TABLE no_such_table ADD COLUMN x TEXT'],
    }
    withRawDb(db => {
      const error = schemaError(() => {
        migrateSchema(db, file, [...eventsMigrations, broken])
      })
      expect(error).toMatchObject({ problem: 'migration-failed', foundVersion: latestEventsVersion })
      expect(error.message).toContain(`from version ${latestEventsVersion} to ${latestEventsVersion + 1}`)
      expect(schemaVersion(db)).toBe(latestEventsVersion)
      expect(columnsOfEvents(db)).not.toContain('half_done')
    })
    const reopened = sqliteEventStore({ path: file })
    expect(await reopened.streamRevision('s-1')()).toEqual(E.right('no-stream'))
    await reopened.close()
  })

  it('shares a file with other Pembina components that registered first', async () => {
    withRawDb(db => {
      db.exec('CREATE TABLE pembina_schema (component TEXT PRIMARY KEY, version INTEGER NOT NULL) STRICT')
      db.exec("INSERT INTO pembina_schema VALUES ('checkpoints', 3)")
      db.exec('CREATE TABLE checkpoints (name TEXT PRIMARY KEY, position INTEGER)')
    })
    await sqliteEventStore({ path: file }).close()
    expect(withRawDb(schemaVersion)).toBe(latestEventsVersion)
  })
})
