// The reactor on every store (in memory, SQLite, EventStoreDB on the test server), over generated cross-aggregate
// histories (enrollment, mentorship and complaint events feeding competency profiles): what it writes and parks equals
// the pure policies and the competency decider applied by hand, every credit traces to exactly one source event, a
// retry after the missing profiles are registered clears what they caused, and every chain verifies.
import fc from 'fast-check'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type EventStore, defaultPolicy, inMemoryEventStore } from '@pembina/core'
import { eventStoreDbEventStore } from '@pembina/eventstoredb'
import {
  inMemoryReadModelStore,
  parkedEntries,
  type ReadModelStore,
  retryParked,
  startReactor,
} from '@pembina/projections'
import { sqliteEventStore, sqliteReadModelStore } from '@pembina/sqlite'
import { type EsdbTestServer, startEsdbTestServer } from '../esdb-server/index.js'
import { arbHistory, type HistoryCommand, historyWriter } from '../projections/history.js'
import { auditStore } from '../reliability/store-audit.js'
import { makeTempDir, type TempDir } from '../reliability/temp-dir.js'
import { competencyStreams, reactByHand } from './by-hand.js'
import { reactorHandlers, registerProfiles } from './fixtures.js'

let dir: TempDir
beforeEach(() => {
  dir = makeTempDir('pembina-reactor-every-store-')
})
afterEach(() => {
  dir.remove()
})

interface Stores {
  readonly store: EventStore
  readonly checkpoints: ReadModelStore
  readonly server?: EsdbTestServer
}

const size = { offerings: 4, mentorships: 3, complaints: 3, profiles: 2 }

/** Writes a history, registers every other profile a policy targets, reacts, and checks it all against the hand. */
const reactAndCheck = async ({ store, checkpoints }: Stores, history: readonly HistoryCommand[]): Promise<void> => {
  const write = historyWriter(store)
  for (const step of history) await write(step)
  const before = await reactByHand(store)
  await registerProfiles(
    store,
    before.targets.filter((_, i) => i % 2 === 0),
    true,
  )
  const expected = await reactByHand(store)
  const capacityBefore = await capacityRecords(store)
  const reactor = startReactor({
    store,
    checkpoints,
    handlers: reactorHandlers(store),
    config: defaultPolicy,
    live: false,
    batchSize: 7,
    concurrency: 3,
  })
  const status = await reactor.done
  expect(status.parked).toBe(expected.parked.size)
  expect(status.sent).toBe(expected.commands.size - expected.parked.size)

  const actual = await competencyStreams(store)
  expect(actual.streams).toEqual(expected.streams)
  // The mentor-capacity commands were handled as the history was written: the reactor's, under the same ids, wrote nothing.
  expect(await capacityRecords(store)).toBe(capacityBefore)
  const parked = await parkedEntries(checkpoints)
  expect(
    new Map(parked.map(entry => [entry.kind === 'command' ? entry.commandId : entry.kind, entry.reason.code ?? ''])),
  ).toEqual(expected.parked)
  // Every event a policy wrote comes from one command the hand expects, caused by that command's source event.
  const byPolicies = actual.written.filter(each => each.actor.startsWith('policy:'))
  for (const each of byPolicies) expect(expected.commands.get(each.commandId)).toBe(each.causationId)
  const commandIds = byPolicies.map(each => each.commandId)
  expect(new Set(commandIds).size).toBe(commandIds.length)

  // The profiles missing before are registered now: a retry sends their commands again, under the same ids.
  await registerProfiles(store, expected.targets, true)
  const retried = await retryParked({ store, checkpoints, handlers: reactorHandlers(store), config: defaultPolicy })
  expect(retried.retried).toBe(expected.parked.size)
  expect(retried.stillParked.filter(entry => entry.reason.code === 'profile-not-registered')).toEqual([])
  expect(await parkedEntries(checkpoints)).toEqual(retried.stillParked)

  const audit = await auditStore(store)
  expect(audit.unreadable).toEqual([])
  expect(audit.brokenChains).toEqual([])
  expect(audit.duplicateEventIds).toEqual([])
}

/** How many records the mentorship and mentor roster streams hold. */
const capacityRecords = async (store: EventStore): Promise<number> => {
  let count = 0
  for (const category of ['mentorship', 'mentor'])
    for await (const record of store.readAll({ filter: { category } })) if (record.kind === 'event') count++
  return count
}

const histories = (count: number, seed: number): readonly (readonly HistoryCommand[])[] =>
  fc.sample(arbHistory(size), { numRuns: count, seed })

describe('the reactor on every store', () => {
  it('in memory: equals the policies applied by hand, for generated histories', async () => {
    await fc.assert(
      fc.asyncProperty(arbHistory(size), async history => {
        const store = inMemoryEventStore()
        await reactAndCheck({ store, checkpoints: inMemoryReadModelStore() }, history)
      }),
      { numRuns: 15, seed: 0x5eed_0015 },
    )
  }, 60_000)

  it('SQLite: the same, events and checkpoints in one file', async () => {
    for (const [i, history] of histories(3, 0x5eed_0016).entries()) {
      const path = dir.file(`reactor-${i}.db`)
      const store = sqliteEventStore({ path, pollIntervalMs: 10 })
      const checkpoints = sqliteReadModelStore({ path, durability: 'normal' })
      try {
        await reactAndCheck({ store, checkpoints }, history)
      } finally {
        await checkpoints.close()
        await store.close()
      }
    }
  }, 60_000)

  it('EventStoreDB (test server): the same', async () => {
    const [history = []] = histories(1, 0x5eed_0017)
    const server = await startEsdbTestServer()
    const store = eventStoreDbEventStore({ connectionString: server.connectionString })
    try {
      await reactAndCheck({ store, checkpoints: inMemoryReadModelStore() }, history)
    } finally {
      await store.close()
      await server.close()
    }
  }, 60_000)

  it('the generated histories react: credits written, commands parked, mentor places taken and released', async () => {
    let sent = 0
    let parked = 0
    let capacity = 0
    for (const history of histories(5, 0x5eed_0018)) {
      const store = inMemoryEventStore()
      const write = historyWriter(store)
      for (const step of history) await write(step)
      const { targets } = await reactByHand(store)
      await registerProfiles(
        store,
        targets.filter((_, i) => i % 2 === 0),
        true,
      )
      const byHand = await reactByHand(store)
      sent += byHand.commands.size - byHand.parked.size
      parked += byHand.parked.size
      capacity += byHand.capacity.size
    }
    expect(sent).toBeGreaterThan(5)
    expect(parked).toBeGreaterThan(5)
    expect(capacity).toBeGreaterThan(5)
  })
})
