// The service given a chain key file's keyring: every event it writes carries a MAC the keyring verifies, and a stream
// rewritten in the file with its hashes recomputed is refused on the next command (verifyOnLoad), never appended to.
import { chainKeyring, defaultPolicy, EventMetadata, runAudit } from '@pembina/core'
import { sqliteEventStore } from '@pembina/sqlite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openOffering, registryCommands, requestPlace } from '../../examples/http-service/load/scenario.js'
import { rewriteWithRecomputedHashes } from '../audit/tamper.js'
import { startTestService, storedEvents, type TestService } from './support.js'

const chainKeys = chainKeyring({ current: { id: 'service-1', secret: Buffer.alloc(32, 0x21) } })
let running: TestService
beforeAll(async () => {
  running = await startTestService({ chainKeys })
  await running.sendAll(registryCommands(2))
  await running.sendAll([openOffering('kunci-2026-i', { start: '2026-03-02', end: '2026-03-04' }, 5)])
}, 60_000)
afterAll(async () => {
  await running.cleanup()
}, 30_000)

describe('the service with a keyed chain', { timeout: 30_000 }, () => {
  it('writes every event with a MAC under its key, and an audit with the keyring finds nothing', async () => {
    const events = await storedEvents(running.path)
    expect(events.length).toBeGreaterThan(0)
    for (const event of events)
      expect(EventMetadata.is(event.metadata) ? event.metadata.mac?.keyId : 'unreadable').toBe('service-1')
    const store = sqliteEventStore({ path: running.path })
    const { findings } = await runAudit(store, { config: defaultPolicy, chainKeys })
    await store.close()
    expect(findings).toEqual([])
  })

  it('refuses a stream rewritten in the file with its hashes recomputed, and writes nothing to it', async () => {
    await rewriteWithRecomputedHashes(running.path, 'enrollment-kunci-2026-i', 0, data => ({ ...data, capacity: 500 }))
    const before = (await storedEvents(running.path)).length
    const reply = await running.client.send(requestPlace('kunci-2026-i', 0))
    expect(reply.status).toBeGreaterThanOrEqual(500)
    expect(JSON.stringify(reply.body)).toMatch(/MAC does not match under key service-1/)
    expect((await storedEvents(running.path)).length).toBe(before)
  })
})
