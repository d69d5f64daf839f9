// The crash test's projector process: rebuilds the offering rosters of an SQLite events file into an SQLite
// read-model file, printing each committed checkpoint as a line, until it has caught up (or is killed). Restarted on
// the same files, it resumes from the checkpoint it finds.
import { offeringRosterProjection, type ReadModelStore, startProjector } from '@pembina/projections'
import { sqliteEventStore, sqliteReadModelStore } from '@pembina/sqlite'

const [eventsFile, readModelsFile, batchSize] = process.argv.slice(2)
if (eventsFile === undefined || readModelsFile === undefined || batchSize === undefined)
  throw new Error('usage: crash-projector.ts <events file> <read-models file> <batch size>')

const events = sqliteEventStore({ path: eventsFile })
const store = sqliteReadModelStore({ path: readModelsFile, busyTimeoutMs: 60_000 })
// Each checkpoint is printed once its commit has returned: the parent kills the process at moments it picks from these.
const readModels: ReadModelStore = {
  ...store,
  commit: async (projection, batch) => {
    await store.commit(projection, batch)
    process.stdout.write(
      `${JSON.stringify({ position: String(batch.checkpoint.position), events: batch.checkpoint.events })}\n`,
    )
  },
}
const done = await startProjector({
  events,
  readModels,
  projection: offeringRosterProjection,
  live: false,
  batchSize: Number(batchSize),
}).done
process.stdout.write(`${JSON.stringify({ done: true, position: String(done.position), events: done.events })}\n`)
await events.close()
await store.close()
