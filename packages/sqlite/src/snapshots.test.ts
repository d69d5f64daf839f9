import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Sqlite from 'better-sqlite3'
import * as E from 'fp-ts/lib/Either.js'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { StoredSnapshot } from '@pembina/core'
import { sqliteEventStore } from './sqlite-event-store.js'
import { latestEventsVersion } from './schema.js'

let dir = ''
let file = ''
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pembina-sqlite-snapshots-'))
  file = join(dir, 'events.db')
})
afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
})

const snapshot = (revision: number, note: string): StoredSnapshot => ({
  streamName: 'competency-199203152019032004',
  revision,
  snapshotVersion: 1,
  state: { status: 'registered', note, nested: { minutes: [45, 90], unicode: 'Pelayanan Publik — ✓' } },
  lastHash: 'a'.repeat(64),
  recentCommandIds: ['c-1', 'c-2'],
})

describe('snapshots beside the events in the same SQLite file', () => {
  it('a stream has no snapshot until one is saved; the latest save replaces the earlier one', async () => {
    const store = sqliteEventStore({ path: file })
    expect(await store.snapshots.load('competency-199203152019032004')()).toEqual(E.right(null))
    await store.snapshots.save(snapshot(99, 'first'))()
    await store.snapshots.save(snapshot(199, 'second'))()
    expect(await store.snapshots.load('competency-199203152019032004')()).toEqual(E.right(snapshot(199, 'second')))
    await store.close()
  })

  it('an older snapshot never replaces a newer one (two writers racing)', async () => {
    const store = sqliteEventStore({ path: file })
    await store.snapshots.save(snapshot(199, 'newer'))()
    await store.snapshots.save(snapshot(99, 'older'))()
    expect(await store.snapshots.load('competency-199203152019032004')()).toEqual(E.right(snapshot(199, 'newer')))
    await store.close()
  })

  it('a snapshot survives closing and reopening the file', async () => {
    const first = sqliteEventStore({ path: file })
    await first.snapshots.save(snapshot(9, 'kept'))()
    await first.close()
    const reopened = sqliteEventStore({ path: file })
    expect(await reopened.snapshots.load('competency-199203152019032004')()).toEqual(E.right(snapshot(9, 'kept')))
    await reopened.close()
  })

  it('a snapshot row that no longer reads as JSON counts as no snapshot: the stream stays the truth', async () => {
    const store = sqliteEventStore({ path: file })
    await store.snapshots.save(snapshot(9, 'to be broken'))()
    const raw = new Sqlite(file)
    raw.prepare("UPDATE snapshots SET state = '{broken'").run()
    raw.close()
    expect(await store.snapshots.load('competency-199203152019032004')()).toEqual(E.right(null))
    await store.close()
  })

  it('a closed store refuses snapshots as unavailable', async () => {
    const store = sqliteEventStore({ path: file })
    await store.close()
    const loaded = await store.snapshots.load('competency-199203152019032004')()
    expect(E.isLeft(loaded) && loaded.left._tag).toBe('StoreUnavailable')
  })

  it('a file written before snapshots existed (schema 1) is migrated on open, keeping its events', async () => {
    const store = sqliteEventStore({ path: file })
    await store.append('s-1', [{ eventId: 'e-1', type: 'Tested', data: { n: 1 }, metadata: {} }], 'no-stream')()
    await store.close()
    const raw = new Sqlite(file)
    raw.exec("DROP TABLE snapshots; UPDATE pembina_schema SET version = 1 WHERE component = 'events'")
    raw.close()
    const migrated = sqliteEventStore({ path: file })
    expect(await migrated.streamRevision('s-1')()).toEqual(E.right(0))
    await migrated.snapshots.save(snapshot(0, 'after migration'))()
    expect(E.isRight(await migrated.snapshots.load('competency-199203152019032004')())).toBe(true)
    await migrated.close()
    const check = new Sqlite(file, { readonly: true })
    expect(check.prepare("SELECT version FROM pembina_schema WHERE component = 'events'").pluck().get()).toBe(
      latestEventsVersion,
    )
    check.close()
  })
})
