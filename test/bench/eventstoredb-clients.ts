// The adapter through @kurrent/kurrentdb-client 1.x against the adapter through @eventstore/db-client 6.x, on one
// test server: N one-event appends to fresh streams, and a read of one N-event stream. The two packages cannot share
// a process (their generated protobuf classes share one global namespace; test/eventstoredb/clients.ts), so each side
// of each round runs in a child process of its own, against a server in a third, alternating which goes first.
import * as t from 'io-ts'
import { resolve } from 'node:path'
import type { ClientPackage } from '@pembina/eventstoredb'
import { startEsdbTestServerProcess } from '../eventstoredb/server-process.js'
import { runSideInChild } from './child-side.js'
import type { Rounds } from './measure.js'

/** Throughputs of both sides, per round: `ours` is the 1.x client, `baseline` the 6.x one. */
export interface EventStoreDbClientsBenchResult {
  readonly appends: Rounds
  readonly reads: Rounds
  readonly events: number
}

const Report = t.type({ events: t.number, appendSeconds: t.number, read: t.number, readSeconds: t.number })

const childScript = resolve(import.meta.dirname, 'eventstoredb-client-child.ts')

/** Runs `rounds` rounds of both sides over `events` events, reporting progress lines as it goes. */
export const eventStoreDbClientsBench = async (options: {
  readonly rounds: number
  readonly events: number
  readonly progress: (line: string) => void
}): Promise<EventStoreDbClientsBenchResult> => {
  const { rounds, events, progress } = options
  const server = await startEsdbTestServerProcess()
  try {
    const appends = { ours: [] as number[], baseline: [] as number[] }
    const reads = { ours: [] as number[], baseline: [] as number[] }
    progress(`EventStoreDB adapter: ${events} appends and a ${events}-event read, kurrentdb-client vs db-client`)
    const side = async (name: 'ours' | 'baseline', round: number): Promise<void> => {
      const clientPackage: ClientPackage = name === 'ours' ? '@kurrent/kurrentdb-client' : '@eventstore/db-client'
      const report = await runSideInChild(
        childScript,
        [clientPackage, server.connectionString, events.toString()],
        Report,
        `the ${clientPackage} side`,
      )
      appends[name].push(report.events / report.appendSeconds)
      reads[name].push(report.read / report.readSeconds)
      progress(
        `  round ${round}/${rounds} ${clientPackage.padEnd(26)} appends ${report.appendSeconds.toFixed(2)} s, ` +
          `read ${report.readSeconds.toFixed(2)} s`,
      )
    }
    for (let round = 1; round <= rounds; round += 1) {
      const order = round % 2 === 1 ? (['ours', 'baseline'] as const) : (['baseline', 'ours'] as const)
      for (const name of order) await side(name, round)
    }
    return { appends, reads, events }
  } finally {
    await server.close()
  }
}
