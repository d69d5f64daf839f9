import { mkdtempSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import * as E from 'fp-ts/lib/Either.js'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { EventToAppend, StoredRecord } from '@pembina/core'
import { type SqliteEventStore, type SqliteEventStoreOptions, sqliteEventStore } from './index.js'

let dir = ''
let file = ''
const stores: SqliteEventStore[] = []
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pembina-sqlite-writers-'))
  file = join(dir, 'events.db')
})
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close()
  rmSync(dir, { recursive: true, force: true })
})

const open = (options: Partial<SqliteEventStoreOptions> = {}): SqliteEventStore => {
  const store = sqliteEventStore({ path: file, ...options })
  stores.push(store)
  return store
}

const batch = (writer: string, count: number): readonly EventToAppend[] =>
  Array.from({ length: count }, (_, n) => ({
    eventId: `${writer}-${n}`,
    type: 'Tested',
    data: { writer, n },
    metadata: {},
  }))

const collect = async <T>(iterable: AsyncIterable<T>): Promise<readonly T[]> => {
  const items: T[] = []
  for await (const item of iterable) items.push(item)
  return items
}
const ids = (records: readonly StoredRecord[]): readonly string[] =>
  records.map(r => (r.kind === 'event' ? r.eventId : 'corrupt'))

// A plain better-sqlite3 connection on another thread that takes the write lock, holds it, then commits.
const lockerSource = `
const { parentPort, workerData } = require('node:worker_threads')
const Sqlite = require(workerData.driver)
const db = new Sqlite(workerData.file)
db.exec('BEGIN IMMEDIATE')
db.prepare("INSERT INTO events (stream_name, revision, event_id, type, data, metadata) VALUES ('locker-1', 0, 'locker-0', 'Locked', '{}', '{}')").run()
parentPort.postMessage('locked')
Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, workerData.holdMs)
db.exec('COMMIT')
db.close()
`

const holdWriteLock = async (holdMs: number): Promise<{ readonly finished: Promise<void> }> => {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3')
  const worker = new Worker(lockerSource, { eval: true, workerData: { driver, file, holdMs } })
  const finished = new Promise<void>((resolve, reject) => {
    worker.once('exit', () => {
      resolve()
    })
    worker.once('error', reject)
  })
  await new Promise<void>((resolve, reject) => {
    worker.once('message', () => {
      resolve()
    })
    worker.once('error', reject)
  })
  return { finished }
}

describe('two writers on one file', () => {
  it('lets exactly one of two stores appending at the same expected revision win, with nothing half written', async () => {
    const [left, right] = [open(), open()]
    await left.append('enrollment-9', batch('seed', 1), 'no-stream')()
    const results = await Promise.all([
      left.append('enrollment-9', batch('left', 3), 0)(),
      right.append('enrollment-9', batch('right', 3), 0)(),
    ])
    expect(results.filter(E.isRight)).toHaveLength(1)
    expect(results.filter(E.isLeft).map(r => r.left)).toEqual([
      { _tag: 'ConcurrencyConflict', streamName: 'enrollment-9', expected: 0, actual: 3 },
    ])
    const winner = E.isRight(results[0]) ? 'left' : 'right'
    expect(ids(await collect(right.readStream('enrollment-9')))).toEqual([
      'seed-0',
      ...batch(winner, 3).map(e => e.eventId),
    ])
  })

  it('waits out a write lock another connection holds briefly, so no "database is locked" reaches the caller', async () => {
    const store = open()
    const locker = await holdWriteLock(300)
    const result = await store.append('s-1', batch('waiting', 2), 'no-stream')()
    await locker.finished
    expect(result).toEqual(E.right({ nextExpectedRevision: 1, position: 3n, written: true }))
    expect(ids(await collect(store.readAll()))).toEqual(['locker-0', 'waiting-0', 'waiting-1'])
  })

  it('reports a lock held past the busy timeout as StoreUnavailable and writes nothing', async () => {
    const store = open({ busyTimeoutMs: 100 })
    const locker = await holdWriteLock(1_500)
    const result = await store.append('s-1', batch('impatient', 2), 'no-stream')()
    await locker.finished
    const failure = E.isLeft(result) && result.left._tag === 'StoreUnavailable' ? result.left : undefined
    expect(failure?.message).toMatch(/locked by another connection past the busy timeout \(SQLITE_BUSY/)
    expect(failure?.cause).toMatchObject({ code: 'SQLITE_BUSY' })
    expect(ids(await collect(store.readAll()))).toEqual(['locker-0'])
  })

  it('reads while another connection holds the write lock, without waiting (WAL)', async () => {
    const store = open({ busyTimeoutMs: 100 })
    await store.append('s-1', batch('before', 1), 'no-stream')()
    const locker = await holdWriteLock(1_000)
    expect(ids(await collect(store.readStream('s-1')))).toEqual(['before-0'])
    expect(await store.streamRevision('s-1')()).toEqual(E.right(0))
    await locker.finished
  })
})
