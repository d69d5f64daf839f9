// A projector catching up on a 100,000-event SQLite store is killed with SIGKILL at 20 seeded moments spread over its
// catch-up, and restarted on the same files each time; in the end its read model equals a clean rebuild, byte for byte.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { dumpReadModel, offeringRosterProjection, startProjector } from '@pembina/projections'
import { sqliteEventStore, sqliteReadModelStore } from '@pembina/sqlite'
import { openDatabase } from '../bench/better-sqlite3.js'
import { writeHistory } from '../bench/read-fold-data.js'
import { openRawDatabase } from '../reliability/raw-sqlite.js'
import { killAtCheckpoint } from '../reliability/kill-at-checkpoint.js'
import { between, mulberry32 } from '../reliability/seeded-random.js'
import { makeTempDir, type TempDir } from '../reliability/temp-dir.js'

const historyEvents = 100_000
const kills = 20
const batchSize = 250
const seed = 0x0dd_ba11

const version = { name: offeringRosterProjection.name, version: offeringRosterProjection.version }

let dir: TempDir
beforeEach(() => {
  dir = makeTempDir('pembina-projections-crash-')
})
afterEach(() => {
  dir.remove()
})

/** Runs the projector process until its checkpoint passes `target`, then kills it after `pauseMs`. */
const runUntil = (eventsFile: string, readModelsFile: string, target: bigint, pauseMs: number) =>
  killAtCheckpoint(
    '../projections/crash-projector.ts',
    [eventsFile, readModelsFile, String(batchSize)],
    target,
    pauseMs,
  )

/** The documents of a read-model file exactly as stored: each key and its JSON text, in key order. */
const storedText = (file: string): string => {
  const db = openDatabase(file)
  try {
    return db
      .prepare<{ readonly key: string; readonly doc: string }>(
        'SELECT key, doc FROM read_model_documents WHERE projection = ? AND version = ? ORDER BY key',
      )
      .all(version.name, version.version)
      .map(({ key, doc }) => `${key}\t${doc}\n`)
      .join('')
  } finally {
    db.close()
  }
}

const integrityOf = (file: string): unknown => {
  const raw = openRawDatabase(file)
  try {
    return raw.integrityCheck()
  } finally {
    raw.close()
  }
}

describe('a projector killed with SIGKILL while it catches up', () => {
  it('ends, after 20 kills and restarts, with the read model of a clean rebuild, byte for byte', async () => {
    const eventsFile = dir.file('events.db')
    const readModelsFile = dir.file('read-models.db')
    await writeHistory(eventsFile, historyEvents, () => undefined)
    const random = mulberry32(seed)
    // Kill moments spread over the history: each run is killed once its checkpoint passes the next target.
    const targets = Array.from({ length: kills }, () => BigInt(between(random, 1, historyEvents * 0.95))).sort(
      (a, b) => (a < b ? -1 : a > b ? 1 : 0),
    )
    const checkpoints: bigint[] = []
    let interrupted = 0
    for (const target of targets) {
      const run = await runUntil(eventsFile, readModelsFile, target, between(random, 0, 15))
      expect(integrityOf(readModelsFile), `integrity after the kill at ${target}`).toBe('ok')
      const store = sqliteReadModelStore({ path: readModelsFile })
      const checkpoint = await store.checkpoint(version)
      await store.close()
      const position = checkpoint?.position ?? 0n
      // A checkpoint never goes back, and never runs ahead of what was reported committed by more than the batch
      // whose commit the kill interrupted.
      expect(position).toBeGreaterThanOrEqual(checkpoints.at(-1) ?? 0n)
      expect(position).toBeGreaterThanOrEqual(run.killedAt ?? 0n)
      checkpoints.push(position)
      if (run.exit.signal === 'SIGKILL' && !run.finished) interrupted++
    }
    const last = await runUntil(eventsFile, readModelsFile, BigInt(historyEvents) + 1n, 0)
    expect(last.finished).toBe(true)
    expect(interrupted).toBe(kills)

    const events = sqliteEventStore({ path: eventsFile })
    const crashed = sqliteReadModelStore({ path: readModelsFile })
    const clean = sqliteReadModelStore({ path: dir.file('clean.db') })
    try {
      await startProjector({ events, readModels: clean, projection: offeringRosterProjection, live: false }).done
      expect(await crashed.checkpoint(version)).toEqual(await clean.checkpoint(version))
      expect(await crashed.checkpoint(version)).toEqual({ position: BigInt(historyEvents), events: historyEvents })
      const dump = await dumpReadModel(crashed, offeringRosterProjection.name)
      expect(dump.split('\n').length - 1).toBe(historyEvents / 10)
      expect(dump === (await dumpReadModel(clean, offeringRosterProjection.name))).toBe(true)
    } finally {
      await events.close()
      await crashed.close()
      await clean.close()
    }
    // Not only the same documents: the same text stored for each, byte for byte.
    expect(storedText(readModelsFile) === storedText(dir.file('clean.db'))).toBe(true)
    console.info(`projector crash: ${kills} kills at checkpoints ${checkpoints.join(', ')}`)
  }, 120_000)
})
