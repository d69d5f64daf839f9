import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Sqlite from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { CaughtUp, StoredRecord } from '@pembina/core'
import { type SqliteEventStore, sqliteEventStore } from './index.js'

let dir = ''
let file = ''
let store: SqliteEventStore | undefined
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pembina-sqlite-corrupt-'))
  file = join(dir, 'events.db')
})
afterEach(async () => {
  await store?.close()
  rmSync(dir, { recursive: true, force: true })
})

const collect = async <T>(iterable: AsyncIterable<T>): Promise<readonly T[]> => {
  const items: T[] = []
  for await (const item of iterable) items.push(item)
  return items
}

const openWithThreeEvents = async (): Promise<SqliteEventStore> => {
  const opened = sqliteEventStore({ path: file })
  const events = [0, 1, 2].map(n => ({ eventId: `e-${n}`, type: 'Tested', data: { n }, metadata: { n } }))
  await opened.append('complaint-7', events, 'no-stream')()
  return opened
}

// Another connection breaks a row behind the store's back, as a faulty tool or disk might.
const breakRow = (column: 'data' | 'metadata', revision: number): void => {
  const db = new Sqlite(file)
  db.prepare(`UPDATE events SET ${column} = '{"n": 1, broken' WHERE stream_name = ? AND revision = ?`).run(
    'complaint-7',
    revision,
  )
  db.close()
}

const shape = (records: readonly (StoredRecord | CaughtUp)[]): readonly string[] =>
  records.map(r => (r.kind === 'caught-up' ? 'caught-up' : `${r.kind}:${r.streamName}@${r.revision}/${r.position}`))

describe('corrupt records', () => {
  it('reads a row with broken JSON data as a corrupt record in its place and carries on', async () => {
    store = await openWithThreeEvents()
    breakRow('data', 1)
    const records = await collect(store.readStream('complaint-7'))
    expect(shape(records)).toEqual(['event:complaint-7@0/1', 'corrupt:complaint-7@1/2', 'event:complaint-7@2/3'])
    const corrupt = records[1]
    expect(corrupt?.kind === 'corrupt' && corrupt.reason).toMatch(/^data is not valid JSON/)
    const backwards = await collect(store.readStream('complaint-7', { direction: 'backwards' }))
    expect(shape(backwards)).toEqual(['event:complaint-7@2/3', 'corrupt:complaint-7@1/2', 'event:complaint-7@0/1'])
  })

  it('reports broken metadata too, in reads of the global order and in subscriptions', async () => {
    store = await openWithThreeEvents()
    breakRow('metadata', 0)
    const all = await collect(store.readAll({ filter: { category: 'complaint' } }))
    expect(shape(all)).toEqual(['corrupt:complaint-7@0/1', 'event:complaint-7@1/2', 'event:complaint-7@2/3'])
    const corrupt = all[0]
    expect(corrupt?.kind === 'corrupt' && corrupt.reason).toMatch(/^metadata is not valid JSON/)
    const subscription = store.subscribe()
    const seen: (StoredRecord | CaughtUp)[] = []
    for await (const item of subscription) {
      seen.push(item)
      if (item.kind === 'caught-up') await subscription.close()
    }
    expect(shape(seen)).toEqual([
      'corrupt:complaint-7@0/1',
      'event:complaint-7@1/2',
      'event:complaint-7@2/3',
      'caught-up',
    ])
  })
})
