import { enrollment, defaultPolicy } from '@pembina/core'
import { arbEnrollmentHistory } from '@pembina/testkit'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { inMemoryReadModelStore } from '../in-memory-read-model-store.js'
import type { JsonValue, ReadModelStore } from '../projection.js'
import { offeringRosterProjection } from './offering-roster.js'
import { offeringRoster, offeringRosterList } from './offering-roster-queries.js'
import { foldProjection, recorded, storeOf } from './test-support.js'

// The queries are written against the ReadModelStore contract; the other tests serve them from a test store. Here the
// same documents are committed to the package's own in-memory store, so a difference in how a real store filters,
// orders or round-trips documents would show up as a different answer.

const served = async (docs: ReadonlyMap<string, JsonValue>): Promise<ReadModelStore> => {
  const store = inMemoryReadModelStore()
  const version = { name: offeringRosterProjection.name, version: offeringRosterProjection.version }
  await store.commit(version, {
    changes: [...docs].map(([key, doc]) => ({ key, doc })),
    checkpoint: { position: BigInt(docs.size), events: docs.size },
    skipped: [],
  })
  await store.serve(version)
  return store
}

describe('offering rosters served from the in-memory read-model store', () => {
  it('for any offerings, the store answers the roster queries as the documents folded in memory do', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(arbEnrollmentHistory(defaultPolicy), { maxLength: 4 }), async histories => {
        const events = histories.flatMap(({ events: history, state }, i) =>
          state.status === 'unopened'
            ? []
            : recorded(enrollment.streamName(state.terms.offeringId), history, BigInt(i * 1000)),
        )
        const docs = foldProjection(offeringRosterProjection, events)
        const expected = storeOf({ [offeringRosterProjection.name]: docs })
        const store = await served(docs)
        expect(await offeringRosterList(store)).toEqual(await offeringRosterList(expected))
        expect(await offeringRosterList(store, 'open')).toEqual(await offeringRosterList(expected, 'open'))
        for (const id of docs.keys())
          expect(await offeringRoster(store, id)).toEqual(await offeringRoster(expected, id))
        await store.close()
      }),
      { numRuns: 40 },
    )
  })
})
