import * as E from 'fp-ts/lib/Either.js'
import * as TE from 'fp-ts/lib/TaskEither.js'
import fc from 'fast-check'
import { arbCompetencyScenario } from '@pembina/testkit'
import { describe, expect, it } from 'vitest'
import { competency } from '../../competency/index.js'
import type { EventStore, StoredRecord } from '../../kernel/event-store.js'
import type { SnapshotStore, StoredSnapshot } from '../../kernel/snapshot-store.js'
import { defaultPolicy } from '../../shared/policy-config.js'
import { inMemoryEventStore, inMemorySnapshotStore } from '../in-memory/index.js'
import { verifyChain } from '../integrity/index.js'
import { commandHandler } from './command-handler.js'

// Every generated history goes through two handlers and two stores: about 3 s alone, up to 6 s while another test run
// shares the two cores, so each case gets ten times its quiet run instead of vitest's 5 s default.
const propertyTimeoutMs = 30_000

const runs = { seed: 20260306, numRuns: 200 }

const recordsOf = async (store: EventStore, streamName: string): Promise<readonly StoredRecord[]> => {
  const records: StoredRecord[] = []
  try {
    for await (const record of store.readStream(streamName)) records.push(record)
  } catch {
    // A scenario whose every command was refused has no stream: both stores agree on that by being empty.
  }
  return records
}

describe('command handler with snapshots against one without (property)', { timeout: propertyTimeoutMs }, () => {
  it('handling a generated competency history gives the same outcome for every command and the same stream', async () => {
    let snapshotsLoaded = 0
    await fc.assert(
      fc.asyncProperty(arbCompetencyScenario(), fc.integer({ min: 1, max: 5 }), async (commands, every) => {
        const first = commands[0]
        if (first === undefined) return
        const streamName = competency.streamOf(first)
        const plainStore = inMemoryEventStore()
        const snapshotStore = inMemoryEventStore()
        const base = { aggregate: competency, config: defaultPolicy }
        const plain = commandHandler({ ...base, store: plainStore })
        const kept = inMemorySnapshotStore()
        const store: SnapshotStore = {
          ...kept,
          load: name =>
            TE.map((found: StoredSnapshot | null) => {
              if (found !== null) snapshotsLoaded += 1
              return found
            })(kept.load(name)),
        }
        const snapshotted = commandHandler({ ...base, store: snapshotStore, snapshots: { store, every } })
        for (const [i, command] of commands.entries()) {
          const context = { commandId: `command-${i}` }
          expect(await snapshotted.handle(command, context)()).toEqual(await plain.handle(command, context)())
        }
        const stored = await recordsOf(snapshotStore, streamName)
        expect(stored).toEqual(await recordsOf(plainStore, streamName))
        expect(await verifyChain(stored)).toMatchObject({ valid: true, events: stored.length })

        // A repeated command id returns its first outcome (a refused one is decided again), or, when only the snapshot
        // knew it, no events and the stream's current revision; both handlers still write the same.
        for (const [i, command] of commands.entries()) {
          const context = { commandId: `command-${i}` }
          const again = await snapshotted.handle(command, context)()
          const expected = await plain.handle(command, context)()
          if (
            E.isRight(again) &&
            E.isRight(expected) &&
            expected.right.events.length > 0 &&
            again.right.events.length === 0
          )
            expect(E.right(again.right)).toEqual(
              E.map(revision => ({ ...again.right, written: false, nextExpectedRevision: revision }))(
                await snapshotStore.streamRevision(streamName)(),
              ),
            )
          else expect(again).toEqual(expected)
        }
        expect(await recordsOf(snapshotStore, streamName)).toEqual(await recordsOf(plainStore, streamName))
      }),
      runs,
    )
    // The comparison is worth something only if loads did start from snapshots.
    expect(snapshotsLoaded).toBeGreaterThan(1000)
  })
})
