// The projections run from every event store (in memory, SQLite, EventStoreDB on the test server) into every
// read-model store (in memory, SQLite in a file of its own or in the events file): the same history gives the same
// read models, byte for byte, caught up and then live.
import fc from 'fast-check'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type EventStore, inMemoryEventStore } from '@pembina/core'
import {
  complaintBoardProjection,
  competencyGapsProjection,
  dumpReadModel,
  inMemoryReadModelStore,
  type JsonValue,
  learningHoursProjection,
  mentorLoadProjection,
  offeringRosterProjection,
  type Projection,
  type Projector,
  type ReadModelStore,
  startProjector,
} from '@pembina/projections'
import { eventStoreDbEventStore } from '@pembina/eventstoredb'
import { sqliteEventStore, sqliteReadModelStore } from '@pembina/sqlite'
import { type EsdbTestServer, startEsdbTestServer } from '../esdb-server/index.js'
import { makeTempDir, type TempDir } from '../reliability/temp-dir.js'
import { arbHistory, historyWriter } from './history.js'
import { allRecords, referenceDump } from './read-model-probes.js'
import { eventually, requestCounts } from './test-events.js'

let dir: TempDir
beforeEach(() => {
  dir = makeTempDir('pembina-projections-every-store-')
})
afterEach(() => {
  dir.remove()
})

/** An event store and a read-model store to run projections between, and what else to release after them. */
interface StorePair {
  readonly events: EventStore
  readonly readModels: ReadModelStore
  readonly server?: EsdbTestServer
}

/** An EventStoreDB test server of its own (each pair writes the history afresh) and the adapter on it. */
const onEsdb = async (readModels: () => ReadModelStore): Promise<StorePair> => {
  const server = await startEsdbTestServer()
  return {
    events: eventStoreDbEventStore({ connectionString: server.connectionString }),
    readModels: readModels(),
    server,
  }
}

const pairs: readonly (readonly [string, () => StorePair | Promise<StorePair>])[] = [
  ['in memory → in memory', () => ({ events: inMemoryEventStore(), readModels: inMemoryReadModelStore() })],
  [
    'in memory → SQLite',
    () => ({ events: inMemoryEventStore(), readModels: sqliteReadModelStore({ path: dir.file('read-models.db') }) }),
  ],
  [
    'SQLite → in memory',
    () => ({ events: sqliteEventStore({ path: dir.file('events.db') }), readModels: inMemoryReadModelStore() }),
  ],
  [
    'SQLite → SQLite, two files',
    () => ({
      events: sqliteEventStore({ path: dir.file('events.db'), pollIntervalMs: 10 }),
      readModels: sqliteReadModelStore({ path: dir.file('read-models.db') }),
    }),
  ],
  [
    'SQLite → SQLite, one file',
    () => ({
      events: sqliteEventStore({ path: dir.file('pembina.db'), pollIntervalMs: 10 }),
      readModels: sqliteReadModelStore({ path: dir.file('pembina.db'), durability: 'normal' }),
    }),
  ],
  ['EventStoreDB → in memory', () => onEsdb(() => inMemoryReadModelStore())],
  ['EventStoreDB → SQLite', () => onEsdb(() => sqliteReadModelStore({ path: dir.file('read-models.db') }))],
]

type WithProjection = <Doc extends JsonValue>(projection: Projection<Doc>) => Promise<void>

const eachProjection = async (use: WithProjection): Promise<void> => {
  await use(offeringRosterProjection)
  await use(learningHoursProjection)
  await use(mentorLoadProjection)
  await use(competencyGapsProjection)
  await use(complaintBoardProjection)
  await use(requestCounts())
}

// One seeded history, the same for every pair of stores: the first part is stored before the projectors start, the
// rest arrives while they run live.
const [history = []] = fc.sample(arbHistory({ offerings: 6, mentorships: 4, complaints: 4, profiles: 4 }), {
  numRuns: 1,
  seed: 0x5eed_0002,
})
const storedFirst = history.slice(0, Math.floor(history.length * 0.7))
const arrivingLive = history.slice(storedFirst.length)

/**
 * The last global position a projector of these categories reaches: of its one category's streams (the store filters
 * them), or of any record when it reads several categories (read unfiltered, each record passes its checkpoint).
 */
const lastPositionOf = async (
  events: EventStore,
  categories: readonly string[] | undefined,
): Promise<bigint | null> => {
  let last: bigint | null = null
  const [only, ...others] = categories ?? []
  for (const record of await allRecords(events))
    if (only === undefined || others.length > 0 || record.streamName.startsWith(`${only}-`)) last = record.position
  return last
}

/** Runs every projection over the pair's stores through the history, and returns their dumps one after another. */
const dumpsOf = async ({ events, readModels }: StorePair): Promise<string> => {
  const write = historyWriter(events)
  for (const step of storedFirst) await write(step)
  const running: { readonly projector: Projector; readonly categories: readonly string[] | undefined }[] = []
  await eachProjection(projection => {
    const projector = startProjector({ events, readModels, projection, batchSize: 16, commitDelayMs: 5 })
    running.push({ projector, categories: projection.categories })
    return Promise.resolve()
  })
  await Promise.all(running.map(({ projector }) => projector.caughtUp))
  for (const step of arrivingLive) await write(step)
  for (const { projector, categories } of running) {
    const last = await lastPositionOf(events, categories)
    await eventually(() => projector.status().position === last, 10_000)
    expect(projector.status().phase).toBe('live')
    await projector.stop()
  }
  const dumps: string[] = []
  await eachProjection(async projection => {
    const dump = await dumpReadModel(readModels, projection.name)
    expect(dump, projection.name).toBe(await referenceDump(events, projection))
    dumps.push(`${projection.name}\n${dump}`)
  })
  return dumps.join('')
}

describe('projections from every event store into every read-model store', () => {
  let expected: string | undefined

  it.each(pairs)(
    '%s: catch up, go live, and give the read models of every other pair',
    async (_name, open) => {
      const pair = await open()
      try {
        const dump = await dumpsOf(pair)
        expect(history.length).toBeGreaterThan(100)
        expect(arrivingLive.length).toBeGreaterThan(20)
        expect(dump.split('\n').length).toBeGreaterThan(20)
        expected ??= dump
        expect(dump).toBe(expected)
      } finally {
        await pair.events.close()
        await pair.readModels.close()
        await pair.server?.close()
      }
    },
    60_000,
  )
})
