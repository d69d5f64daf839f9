// The crash test's reactor process: reacts to the events of an SQLite file, keeping its checkpoint and parked list in
// the same file, printing each committed checkpoint as a line, until it has caught up (or is killed). Restarted on the
// same file, it resumes from the checkpoint it finds.
import { defaultPolicy } from '@pembina/core'
import { type ReadModelStore, startReactor } from '@pembina/projections'
import { sqliteEventStore, sqliteReadModelStore } from '@pembina/sqlite'
import { reactorHandlers } from './fixtures.js'

const [file, batchSize] = process.argv.slice(2)
if (file === undefined || batchSize === undefined) throw new Error('usage: crash-reactor.ts <file> <batch size>')

const store = sqliteEventStore({ path: file, busyTimeoutMs: 60_000 })
const readModels = sqliteReadModelStore({ path: file, busyTimeoutMs: 60_000 })
// Each checkpoint is printed once its commit has returned: the parent kills the process at moments it picks from these.
const checkpoints: ReadModelStore = {
  ...readModels,
  commit: async (version, batch) => {
    await readModels.commit(version, batch)
    process.stdout.write(
      `${JSON.stringify({ position: String(batch.checkpoint.position), events: batch.checkpoint.events })}\n`,
    )
  },
}
const done = await startReactor({
  store,
  checkpoints,
  handlers: reactorHandlers(store),
  config: defaultPolicy,
  live: false,
  batchSize: Number(batchSize),
}).done
process.stdout.write(`${JSON.stringify({ done: true, position: String(done.position), events: done.events })}\n`)
await store.close()
await readModels.close()
