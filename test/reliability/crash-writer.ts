// The crash test's writer process: runs offering after offering through the enrollment handler on one SQLite file,
// printing an acknowledgement line per handled command, until it is killed. Restarted on the same file, it resumes
// with the last offering it finds, sending its commands again from the first (those already stored write nothing).
import * as E from 'fp-ts/lib/Either.js'
import { formatHandleFailure } from '@pembina/core'
import { sqliteEventStore } from '@pembina/sqlite'
import {
  type Acknowledgement,
  crashOfferingId,
  enrollmentHandler,
  offeringStream,
  offeringSteps,
} from './enrollment-workload.js'

const [file] = process.argv.slice(2)
if (file === undefined) throw new Error('usage: crash-writer.ts <file>')

const store = sqliteEventStore({ path: file, busyTimeoutMs: 60_000 })
const handler = enrollmentHandler(store)

const exists = async (k: number): Promise<boolean> => {
  const revision = await store.streamRevision(offeringStream(crashOfferingId(k)))()
  if (E.isLeft(revision)) throw new Error(revision.left.message)
  return revision.right !== 'no-stream'
}

let resumeAt = 0
while (await exists(resumeAt + 1)) resumeAt++

for (let k = resumeAt; k < 1_000_000; k++)
  for (const step of offeringSteps(k)) {
    const result = await handler.handle(step.command, { commandId: step.commandId })()
    if (E.isLeft(result)) {
      process.stderr.write(`${step.commandId}: ${formatHandleFailure(result.left)}\n`)
      process.exit(1)
    }
    const ack: Acknowledgement = {
      commandId: step.commandId,
      written: result.right.written,
      eventIds: result.right.events.map(e => e.metadata.eventId),
    }
    process.stdout.write(`${JSON.stringify(ack)}\n`)
  }
