// The load run: `pnpm --filter @pembina-examples/http-service load` (2 minutes, 10 connections), or shorter with
// `--duration 10`. Prints requests per second, latency and what the check of the store found; exits 1 on a problem.
import { parseArgs } from 'node:util'
import { runLoad } from './load.js'

// `pnpm run x -- --flag` passes the `--` on: it is not an argument.
const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg, i) => i > 0 || arg !== '--'),
  options: {
    duration: { type: 'string', default: '120' },
    connections: { type: 'string', default: '10' },
    staff: { type: 'string', default: '500' },
    offerings: { type: 'string', default: '60' },
    json: { type: 'boolean', default: false },
  },
})
const number = (name: string, text: string): number => {
  const n = Number(text)
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`--${name} ${text} is not a whole number from 1`)
  return n
}

const report = await runLoad({
  duration: number('duration', values.duration),
  connections: number('connections', values.connections),
  staff: number('staff', values.staff),
  offerings: number('offerings', values.offerings),
  progress: !values.json,
})
if (values.json) console.log(JSON.stringify(report, null, 2))
else {
  console.log(
    `${report.requests} requests in ${report.durationSeconds} s over ${report.connections} connections: ` +
      `${report.requestsPerSecond.toFixed(0)} requests/s, latency p50 ${report.latencyMs.p50} ms, p99 ${report.latencyMs.p99} ms, max ${report.latencyMs.max} ms`,
  )
  console.log(`answers: ${JSON.stringify(report.statuses)}; connection errors ${report.errors}`)
  console.log(
    `${report.acknowledged} commands acknowledged (${report.acknowledgedEvents} events), each found once in the store; ` +
      `${report.inFlightAtEnd} in flight when the run ended (${report.inFlightWritten} of them written, answers dropped); ` +
      `${report.auditedStreams} streams audited; the service exited with ${String(report.serviceExitCode)} after SIGTERM`,
  )
  console.log(report.problems.length === 0 ? 'no problem found' : `problems:\n  ${report.problems.join('\n  ')}`)
}
process.exit(report.problems.length === 0 ? 0 : 1)
