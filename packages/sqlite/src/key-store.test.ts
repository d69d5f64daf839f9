import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { eraseSubject, seal } from '@pembina/core'
import { keyStoreContract } from '@pembina/testkit'
import { afterEach, describe, expect, it } from 'vitest'
import { type SqliteKeyStore, sqliteEventStore, sqliteKeyStore } from './index.js'

// Every store gets a file of its own in a fresh directory, removed after the test.
const dirs: string[] = []
const paths = new Map<SqliteKeyStore, string>()
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
  paths.clear()
})
const freshPath = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'pembina-key-store-'))
  dirs.push(dir)
  return join(dir, 'keys.db')
}
const open = (path = freshPath()): SqliteKeyStore => {
  const store = sqliteKeyStore({ path })
  paths.set(store, path)
  return store
}
const asSqlite = (store: unknown): SqliteKeyStore => {
  const found = [...paths.keys()].find(each => each === store)
  if (found === undefined) throw new Error('the store was not opened by this suite')
  return found
}

keyStoreContract('SQLite', () => open(), {
  close: store => {
    asSqlite(store).close()
  },
  reopen: store => {
    const sqlite = asSqlite(store)
    const path = paths.get(sqlite) ?? freshPath()
    sqlite.close()
    return open(path)
  },
})

/** The bytes of a file and of its WAL, if any. */
const bytesOf = (path: string): Buffer =>
  Buffer.concat([readFileSync(path), ...(existsSync(`${path}-wal`) ? [readFileSync(`${path}-wal`)] : [])])

describe('the SQLite key store', () => {
  // docs/adapters/sqlite.md promises the key store FULL durability by default: a key acknowledged before its event
  // is written must survive a power loss, or the event's envelope can never be opened.
  it('runs in WAL mode, FULL by default, NORMAL when asked, with a busy timeout and secure_delete on', () => {
    const full = open()
    expect(full.pragmas()).toEqual({
      journalMode: 'wal',
      synchronous: 'full',
      busyTimeoutMs: 5_000,
      secureDelete: true,
    })
    full.close()
    const normal = sqliteKeyStore({ path: freshPath(), durability: 'normal', busyTimeoutMs: 250 })
    expect(normal.pragmas()).toEqual({
      journalMode: 'wal',
      synchronous: 'normal',
      busyTimeoutMs: 250,
      secureDelete: true,
    })
    normal.close()
  })

  it("leaves no copy of an erased subject's key in the file or its WAL", async () => {
    const path = freshPath()
    const keys = open(path)
    const created = await keys.keyFor('warga-0042')()
    if (E.isLeft(created) || created.right === 'erased') throw new Error('no key was created')
    const key = Buffer.from(created.right.key)
    expect(bytesOf(path).includes(key)).toBe(true)
    expect(E.isRight(await eraseSubject(keys, 'warga-0042', '2026-03-02T09:00:00+07:00')())).toBe(true)
    expect(bytesOf(path).includes(key)).toBe(false)
    keys.close()
    expect(bytesOf(path).includes(key)).toBe(false)
  })

  it('refuses the file of an event store: keys never go where the data they protect goes', async () => {
    const path = freshPath()
    const events = sqliteEventStore({ path })
    await events.close()
    expect(() => sqliteKeyStore({ path })).toThrow(/a key store needs a file of its own/)
  })

  it('holds no clear text: sealing writes only the key, and the log only names the field', async () => {
    const path = freshPath()
    const keys = open(path)
    const sealed = await seal(keys, 'warga-0042', 'Siti Aminah binti Abdullah')()
    expect(E.isRight(sealed)).toBe(true)
    keys.close()
    expect(bytesOf(path).includes(Buffer.from('Siti Aminah'))).toBe(false)
  })
})
