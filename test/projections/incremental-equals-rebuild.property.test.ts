// Property: for any generated valid history, appended in parts, projected in random batches and crashed at random
// commits (before the commit lands, or after it lands and before the projector hears of it) and restarted each time,
// every read model equals a rebuild from scratch of the whole history, byte for byte.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { inMemoryEventStore } from '@pembina/core'
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
  type ProjectorOptions,
  type ReadModelStore,
  startProjector,
} from '@pembina/projections'
import { arbHistory, historyWriter } from './history.js'
import { allRecords, referenceDump } from './read-model-probes.js'
import { requestCounts } from './test-events.js'

/** Where a commit is made to crash: not at all, before it lands, or after it has landed. */
type Crash = 'none' | 'before' | 'after'

class SimulatedCrash extends Error {
  override readonly name = 'SimulatedCrash'
}

/** A store whose n-th commit (counted over its life) crashes as the plan says; commits past the plan do not crash. */
const crashingStore = (store: ReadModelStore, plan: readonly Crash[]): ReadModelStore & { crashes: () => number } => {
  let commits = 0
  let crashes = 0
  return {
    ...store,
    crashes: () => crashes,
    commit: async (projection, batch) => {
      const crash = plan[commits++] ?? 'none'
      if (crash === 'before') {
        crashes++
        throw new SimulatedCrash('crashed before the commit landed')
      }
      await store.commit(projection, batch)
      if (crash === 'after') {
        crashes++
        throw new SimulatedCrash('crashed after the commit landed')
      }
    },
  }
}

/** Something done with each projection under test, whatever its document type. */
type WithProjection = <Doc extends JsonValue>(projection: Projection<Doc>) => Promise<void>

// The standard read models and the engine's own two-document test projection, one call each (each keeps its type).
const eachProjection = async (use: WithProjection): Promise<void> => {
  await use(offeringRosterProjection)
  await use(learningHoursProjection)
  await use(mentorLoadProjection)
  await use(competencyGapsProjection)
  await use(complaintBoardProjection)
  await use(requestCounts())
}

/** Runs a projection to the end of the stored history, restarting it (with the next batch size) after every crash. */
const projectThroughCrashes = async <Doc extends JsonValue>(
  run: Omit<ProjectorOptions<Doc>, 'batchSize' | 'live'>,
  batchSizes: readonly number[],
  attempt: { n: number },
): Promise<void> => {
  for (;;) {
    const batchSize = batchSizes[attempt.n++ % batchSizes.length] ?? 1
    const ended = await startProjector({ ...run, batchSize, live: false }).done.then(
      () => undefined,
      (error: unknown) => error,
    )
    if (ended === undefined) return
    if (!(ended instanceof SimulatedCrash))
      throw ended instanceof Error ? ended : new Error('the projector failed with a non-error', { cause: ended })
  }
}

describe('projecting in batches with crashes and restarts', () => {
  it('gives, for any history, the documents of a rebuild from scratch', async () => {
    const seen = { runs: 0, events: 0, crashes: 0, documents: 0 }
    await fc.assert(
      fc.asyncProperty(
        arbHistory({ offerings: 4, mentorships: 3, complaints: 2, profiles: 2 }),
        fc.array(fc.integer({ min: 1, max: 60 }), { minLength: 1, maxLength: 3 }),
        fc.array(fc.integer({ min: 1, max: 13 }), { minLength: 1, maxLength: 6 }),
        fc.array(fc.constantFrom<Crash>('none', 'none', 'before', 'after'), { maxLength: 40 }),
        async (history, cuts, batchSizes, plan) => {
          const events = inMemoryEventStore()
          const write = historyWriter(events)
          const readModels = crashingStore(inMemoryReadModelStore(), plan)
          const attempt = { n: 0 }
          // The history arrives in parts, each projected (through crashes) before the next is written.
          const ends = [...cuts.map(cut => Math.floor((cut / 60) * history.length)), history.length].sort(
            (a, b) => a - b,
          )
          let written = 0
          for (const end of ends) {
            for (; written < end; written++) {
              const step = history[written]
              if (step !== undefined) await write(step)
            }
            await eachProjection(projection =>
              projectThroughCrashes({ events, readModels, projection }, batchSizes, attempt),
            )
          }

          const rebuilt = inMemoryReadModelStore()
          await eachProjection(async projection => {
            await startProjector({ events, readModels: rebuilt, projection, live: false }).done
            const dump = await dumpReadModel(readModels, projection.name)
            expect(dump, projection.name).toBe(await dumpReadModel(rebuilt, projection.name))
            expect(dump, `${projection.name} against a plain fold`).toBe(await referenceDump(events, projection))
            seen.documents += dump === '' ? 0 : dump.split('\n').length - 1
          })
          seen.runs++
          seen.events += (await allRecords(events)).length
          seen.crashes += readModels.crashes()
        },
      ),
      { numRuns: 200, seed: 0x2026_1128 },
    )
    // The generators must have produced real work: events, documents and crashes.
    expect(seen.events).toBeGreaterThan(seen.runs * 10)
    expect(seen.documents).toBeGreaterThan(seen.runs)
    expect(seen.crashes).toBeGreaterThan(seen.runs)
    console.info(
      `incremental == rebuild: ${seen.runs} histories, ${seen.events} events, ${seen.documents} documents, ${seen.crashes} crashes`,
    )
  }, 120_000)
})
