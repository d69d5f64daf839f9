// The stores against each other (issue 22): whatever is appended to one is appended to all, or refused by all, and
// reads back the same from each. Strings that are not well-formed Unicode were kept as given by the in-memory store
// and as U+FFFD by SQLite before every store refused them.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { inMemoryEventStore } from '@pembina/core'
import { eventStoreDbEventStore } from '@pembina/eventstoredb'
import { sqliteEventStore } from '@pembina/sqlite'
import { assertStoresAgree } from '@pembina/testkit'
import { afterAll, beforeAll, describe, it } from 'vitest'
import { type EsdbTestServer, startEsdbTestServer } from '../esdb-server/index.js'

const dir = mkdtempSync(join(tmpdir(), 'pembina-differential-'))
let server: EsdbTestServer | undefined
beforeAll(async () => {
  server = await startEsdbTestServer()
})
afterAll(async () => {
  await server?.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('the event stores, side by side', () => {
  it('append and read back the same, or refuse the same, for names, types and data from full Unicode (property)', async () => {
    const memory = inMemoryEventStore()
    const sqlite = sqliteEventStore({ path: join(dir, 'events.db') })
    if (server === undefined) throw new Error('the EventStoreDB test server starts before the tests')
    const esdb = eventStoreDbEventStore({ connectionString: server.connectionString })
    try {
      await assertStoresAgree(
        [
          { name: 'in-memory', store: memory },
          { name: 'SQLite', store: sqlite },
          { name: 'EventStoreDB (test server)', store: esdb },
        ],
        { numRuns: 200, seed: 22 },
      )
    } finally {
      await memory.close()
      await sqlite.close()
      await esdb.close()
    }
  }, 60_000)
})
