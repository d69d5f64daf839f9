import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import * as E from 'fp-ts/lib/Either.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type SqliteEventStore, sqliteEventStore } from './index.js'

const streamLength = 50_000
const padding = 'x'.repeat(1_000)
let dir = ''
let store: SqliteEventStore | undefined

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pembina-sqlite-large-'))
  const opened = sqliteEventStore({ path: join(dir, 'events.db'), durability: 'normal' })
  store = opened
  const events = Array.from({ length: streamLength }, (_, n) => ({
    eventId: `large-${n}`,
    type: 'SessionLogged',
    data: { n, padding },
    metadata: { n },
  }))
  const result = await opened.append('competency-198001012005011001', events, 'no-stream')()
  expect(E.isRight(result)).toBe(true)
}, 60_000)
afterAll(async () => {
  await store?.close()
  rmSync(dir, { recursive: true, force: true })
})

// A full collection, so the heap measured holds only what the read keeps alive.
const collectGarbage = (): void => {
  setFlagsFromString('--expose-gc')
  const gc: unknown = runInNewContext('gc')
  if (typeof gc === 'function') Reflect.apply(gc, undefined, [])
}
const heapUsedMb = (): number => {
  collectGarbage()
  return process.memoryUsage().heapUsed / 1024 / 1024
}

const opened = (): SqliteEventStore => {
  if (store === undefined) throw new Error('the store was not opened')
  return store
}

describe(`a stream of ${streamLength.toLocaleString('en')} events`, () => {
  it('reads forwards in revision order, every event once', async () => {
    let expected = 0
    for await (const record of opened().readStream('competency-198001012005011001')) {
      expect(record.kind === 'event' && record.revision === expected && record.position === BigInt(expected + 1)).toBe(
        true,
      )
      expected += 1
    }
    expect(expected).toBe(streamLength)
  }, 60_000)

  it('reads backwards in reverse revision order, every event once', async () => {
    let expected = streamLength - 1
    for await (const record of opened().readStream('competency-198001012005011001', { direction: 'backwards' })) {
      expect(record.revision).toBe(expected)
      expected -= 1
    }
    expect(expected).toBe(-1)
  }, 60_000)

  it('keeps memory flat while reading: the heap holds a page, not the stream (over 50 MB of events)', async () => {
    const before = heapUsedMb()
    let peak = before
    let count = 0
    for await (const record of opened().readStream('competency-198001012005011001')) {
      count += 1
      if (record.kind === 'event' && count % 5_000 === 0) peak = Math.max(peak, heapUsedMb())
    }
    expect(count).toBe(streamLength)
    // The stream's events take over 50 MB as objects; a paged read holds one page of 500 at a time.
    expect(peak - before).toBeLessThan(10)
  }, 60_000)
})
