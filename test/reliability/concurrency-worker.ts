// One of the concurrency test's writer processes: opens the shared SQLite file, says `ready`, waits for `go` on
// stdin, then handles its commands (with a re-send now and then, and the commands every worker shares), writing one
// JSON report line per command to stdout.
import { once } from 'node:events'
import { createInterface } from 'node:readline'
import { sqliteEventStore } from '@pembina/sqlite'
import {
  type CommandReport,
  competencyHandler,
  reportOf,
  sharedCommand,
  type WorkloadCommand,
  workerCommand,
} from './competency-workload.js'

const [file, workerText, countText] = process.argv.slice(2)
if (file === undefined || workerText === undefined || countText === undefined)
  throw new Error('usage: concurrency-worker.ts <file> <worker> <commands>')
const worker = Number(workerText)
const count = Number(countText)

// A generous busy timeout: on a loaded machine a write may wait behind three others, and must not fail for it.
const store = sqliteEventStore({ path: file, busyTimeoutMs: 60_000 })
const handler = competencyHandler(store)

const print = (report: CommandReport): void => {
  process.stdout.write(`${JSON.stringify(report)}\n`)
}

const send = async ({ commandId, command }: WorkloadCommand, kind: CommandReport['kind']): Promise<CommandReport> => {
  const report = reportOf(commandId, kind, await handler.handle(command, { commandId })())
  print(report)
  return report
}

const input = createInterface({ input: process.stdin })
process.stdout.write('ready\n')
await once(input, 'line')
input.close()

for (let index = 0; index < count; index++) {
  const own = workerCommand(worker, index)
  const report = await send(own, 'own')
  if (index % 25 === 0 && report.outcome === 'written') await send(own, 'resend')
  if (index % 12 === 5) await send(sharedCommand((index - 5) / 12), 'shared')
}
await store.close()
