import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { commandHandler, competency, defaultPolicy, verifyChain } from '@pembina/core'
import { arbCompetencyScenario } from '@pembina/testkit'
import { sqliteEventStore } from './sqlite-event-store.js'

let dir = ''
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pembina-sqlite-snapshot-handler-'))
})
afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
})

describe('the command handler with snapshots kept in the SQLite file', () => {
  it('gives the same outcomes as without snapshots, and leaves a snapshot that fits the stream', async () => {
    const [commands = []] = fc.sample(arbCompetencyScenario(), { seed: 5, numRuns: 1 })
    const withSnapshots = sqliteEventStore({ path: join(dir, 'with.db') })
    const without = sqliteEventStore({ path: join(dir, 'without.db') })
    const handlerWith = commandHandler({
      store: withSnapshots,
      aggregate: competency,
      config: defaultPolicy,
      snapshots: { store: withSnapshots.snapshots, every: 3 },
    })
    const handlerWithout = commandHandler({ store: without, aggregate: competency, config: defaultPolicy })
    for (const [i, command] of commands.entries()) {
      const a = await handlerWith.handle(command, { commandId: `c-${i}` })()
      const b = await handlerWithout.handle(command, { commandId: `c-${i}` })()
      expect(E.isRight(a) ? a.right.events.map(w => w.event) : a.left.kind).toEqual(
        E.isRight(b) ? b.right.events.map(w => w.event) : b.left.kind,
      )
    }
    const stream = commands[0] === undefined ? '' : competency.streamOf(commands[0])
    const saved = await withSnapshots.snapshots.load(stream)()
    const revision = await withSnapshots.streamRevision(stream)()
    expect(
      E.isRight(saved) && saved.right !== null && E.isRight(revision) && revision.right !== 'no-stream'
        ? saved.right.revision <= revision.right && saved.right.revision >= 0
        : 'no snapshot',
    ).toBe(true)
    expect((await verifyChain(withSnapshots.readStream(stream))).valid).toBe(true)
    await withSnapshots.close()
    await without.close()
  })
})
