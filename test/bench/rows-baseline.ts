// Benchmark 1's baseline: a hand-written better-sqlite3 program replaying the appends of a run of ours, inserting
// the exact rows that run stored. Per command, in one BEGIN IMMEDIATE transaction: read the stream's rows and
// JSON.parse them (a hand-written program folds them), check the next revision, insert the events, COMMIT. No
// decoding, hashing or metadata building.
import { openBaselineEventsFile } from './baseline-events-file.js'
import type { SyncMode } from './better-sqlite3.js'
import { secondsSince, type Timed } from './measure.js'
import type { CapturedCommand } from './our-rows.js'

/** Replays `commands` into a fresh file with the store's schema; returns the commands it handled and their time. */
export const runRowsBaseline = async (
  file: string,
  mode: SyncMode,
  commands: readonly CapturedCommand[],
): Promise<Timed> => {
  const events = await openBaselineEventsFile(file, mode)
  let parsed = 0
  const start = performance.now()
  for (const command of commands)
    events.inTransaction(() => {
      let head = -1
      for (const row of events.readStream(command.streamName)) {
        if (JSON.parse(row.data) !== null && JSON.parse(row.metadata) !== null) parsed++
        head = row.revision
      }
      if (head + 1 !== command.firstRevision) throw new Error(`${command.streamName}: unexpected revision ${head}`)
      command.events.forEach((event, i) => {
        const { eventId, type, data, metadata } = event
        events.insert(command.streamName, head + 1 + i, eventId, type, data, metadata)
      })
    })
  const seconds = secondsSince(start)
  events.close()
  if (parsed === 0 && commands.length > 1) throw new Error('the baseline read nothing')
  return { units: commands.length, seconds }
}
