// Positions and categories a writer of the file cannot turn against a reader (issue 23, schema 3): positions are
// never reused after a deleted tail, so a projector resuming from its checkpoint misses nothing, and the category is
// derived from the stream name, so no edit of a column outside the hash moves an event into another read model.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Sqlite from 'better-sqlite3'
import * as E from 'fp-ts/lib/Either.js'
import type { EventStore, EventToAppend, StoredRecord } from '@pembina/core'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { eventsMigrations, latestEventsVersion } from './schema.js'
import { sqliteEventStore } from './sqlite-event-store.js'

let dir = ''
let file = ''
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pembina-positions-'))
  file = join(dir, 'events.db')
})
afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
})

let ids = 0
const event = (n: number): EventToAppend => {
  ids += 1
  return {
    eventId: `00000000-0000-4000-8000-${ids.toString(16).padStart(12, '0')}`,
    type: 'Tested',
    data: { n },
    metadata: {},
  }
}
const collect = async (records: AsyncIterable<StoredRecord>): Promise<readonly StoredRecord[]> => {
  const all: StoredRecord[] = []
  for await (const record of records) all.push(record)
  return all
}
const positionsOf = async (store: EventStore): Promise<readonly bigint[]> =>
  (await collect(store.readAll())).map(record => record.position)

describe('positions and categories in the SQLite file', () => {
  it('after a deleted tail, new events get positions above every earlier one', async () => {
    const store = sqliteEventStore({ path: file })
    await store.append('enrollment-a', [event(1), event(2), event(3)], 'no-stream')()
    expect(await positionsOf(store)).toEqual([1n, 2n, 3n])
    const raw = new Sqlite(file)
    raw.prepare('DELETE FROM events WHERE position > 1').run()
    raw.close()
    await store.append('enrollment-b', [event(4)], 'no-stream')()
    // A projector whose checkpoint was 3 reads after 3: the new event is there, not at 2 where it would be missed.
    expect(await positionsOf(store)).toEqual([1n, 4n])
    expect((await collect(store.readAll({ after: 3n }))).map(record => record.streamName)).toEqual(['enrollment-b'])
    await store.close()
  })

  it('the category is derived from the stream name: it cannot be edited apart from it', async () => {
    const store = sqliteEventStore({ path: file })
    await store.append('enrollment-a', [event(1)], 'no-stream')()
    await store.append('complaint-x', [event(2)], 'no-stream')()
    const raw = new Sqlite(file)
    expect(() =>
      raw.prepare("UPDATE events SET category = 'enrollment' WHERE stream_name = 'complaint-x'").run(),
    ).toThrow(/generated column/)
    raw.close()
    const enrollments = await collect(store.readAll({ filter: { category: 'enrollment' } }))
    expect(enrollments.map(record => record.streamName)).toEqual(['enrollment-a'])
    await store.close()
  })

  it('a file of schema 2 (category stored, positions reusable) is migrated on open, keeping every event and position', async () => {
    const raw = new Sqlite(file)
    raw.exec('CREATE TABLE pembina_schema (component TEXT PRIMARY KEY, version INTEGER NOT NULL) STRICT')
    for (const migration of eventsMigrations.filter(m => m.version <= 2))
      for (const statement of migration.statements) raw.exec(statement)
    raw.exec("INSERT INTO pembina_schema (component, version) VALUES ('events', 2)")
    const insert = raw.prepare(
      'INSERT INTO events (position, stream_name, category, revision, event_id, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    )
    insert.run(5, 'enrollment-a', 'enrollment', 0, 'e-5', 'Tested', '{"n":5}', '{}')
    insert.run(9, 'complaint-x', 'complaint', 0, 'e-9', 'Tested', '{"n":9}', '{}')
    raw.close()
    const store = sqliteEventStore({ path: file })
    expect(await positionsOf(store)).toEqual([5n, 9n])
    expect((await collect(store.readAll({ filter: { category: 'complaint' } }))).map(r => r.position)).toEqual([9n])
    expect(await store.append('enrollment-a', [event(6)], 0)()).toMatchObject(E.right({ position: 10n }))
    await store.close()
    const check = new Sqlite(file, { readonly: true })
    expect(check.prepare("SELECT version FROM pembina_schema WHERE component = 'events'").pluck().get()).toBe(
      latestEventsVersion,
    )
    check.close()
  })
})
