// Four processes write 250 commands each (plus re-sends and commands they all share) to five streams of one SQLite
// file at once; the file then holds every applied command exactly once and nothing else, with every chain intact.
import * as E from 'fp-ts/lib/Either.js'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { defaultRetryPolicy } from '@pembina/core'
import { sqliteEventStore } from '@pembina/sqlite'
import {
  CommandReport,
  competencyHandler,
  profileNips,
  profileStream,
  registerProfile,
  sharedCommand,
  type WorkloadCommand,
  workerCommand,
} from './competency-workload.js'
import { startScript } from './script-process.js'
import { auditStore, expectedEventIds, incompleteCommand } from './store-audit.js'
import { makeTempDir, type TempDir } from './temp-dir.js'

const workers = 4
const commandsPerWorker = 250
const sharedCommands = 21 // a shared command after own command 5, 17, 29, ... 245

let dir: TempDir
beforeEach(() => {
  dir = makeTempDir('pembina-reliability-concurrency-')
})
afterEach(() => {
  dir.remove()
})

interface WorkerRun {
  readonly reports: readonly CommandReport[]
  readonly ready: Promise<void>
  readonly go: () => void
  readonly finished: Promise<void>
}

const parseReport = (line: string): E.Either<string, CommandReport> => {
  try {
    return E.mapLeft(() => line)(CommandReport.decode(JSON.parse(line)))
  } catch {
    return E.left(line)
  }
}

const runWorker = (file: string, worker: number): WorkerRun => {
  const reports: CommandReport[] = []
  const unreadable: string[] = []
  let markReady = (): void => undefined
  const ready = new Promise<void>(resolve => {
    markReady = resolve
  })
  const script = startScript('concurrency-worker.ts', [file, String(worker), String(commandsPerWorker)], line => {
    if (line === 'ready') {
      markReady()
      return
    }
    const report = parseReport(line)
    if (E.isLeft(report)) unreadable.push(report.left)
    else reports.push(report.right)
  })
  const finished = script.exited.then(exit => {
    if (exit.code !== 0) throw new Error(`worker ${worker} ended with ${exit.code ?? exit.signal}: ${exit.stderr}`)
    if (unreadable.length > 0) throw new Error(`worker ${worker} wrote unreadable lines: ${unreadable.join('\n')}`)
  })
  return {
    reports,
    ready: Promise.race([ready, finished.then(() => Promise.reject(new Error(`worker ${worker} ended unready`)))]),
    go: () => {
      script.send('go')
    },
    finished,
  }
}

const streamOf = ({ command }: WorkloadCommand): string => profileStream(command.data.nip)

describe('four writer processes on one SQLite file', () => {
  it('applies every command exactly once or reports it as a conflict, loses and duplicates no event, and keeps every chain intact', async () => {
    const file = dir.file('events.db')
    const store = sqliteEventStore({ path: file })
    try {
      const handler = competencyHandler(store)
      for (const subject of profileNips) {
        const registered = await handler.handle(registerProfile(subject), { commandId: `register-${subject}` })()
        expect(registered).toMatchObject(E.right({ written: true }))
      }

      const runs = Array.from({ length: workers }, (_, worker) => runWorker(file, worker))
      await Promise.all(runs.map(run => run.ready))
      for (const run of runs) run.go()
      await Promise.all(runs.map(run => run.finished))

      const audit = await auditStore(store)
      expect(audit.unreadable).toEqual([])
      expect(audit.gaps).toEqual([])
      expect(audit.brokenChains).toEqual([])
      expect(audit.duplicateEventIds).toEqual([])

      // What the file must hold: the registrations, and exactly the commands some worker saw applied.
      const expectedStreams = new Map(profileNips.map(subject => [profileStream(subject), 1]))
      const applied = new Map<string, string>(profileNips.map(s => [`register-${s}`, profileStream(s)]))
      const apply = (workload: WorkloadCommand): void => {
        applied.set(workload.commandId, streamOf(workload))
        expectedStreams.set(streamOf(workload), (expectedStreams.get(streamOf(workload)) ?? 0) + 1)
      }
      let conflicts = 0
      let retried = 0

      for (const [worker, run] of runs.entries()) {
        const own = run.reports.filter(r => r.kind === 'own')
        expect(own.map(r => r.commandId)).toEqual(
          Array.from({ length: commandsPerWorker }, (_, index) => workerCommand(worker, index).commandId),
        )
        for (const [index, report] of own.entries()) {
          const workload = workerCommand(worker, index)
          const stored = audit.commands.get(report.commandId)
          retried += report.attempts > 1 ? 1 : 0
          if (report.outcome === 'conflict') {
            conflicts++
            expect(report.attempts).toBe(defaultRetryPolicy.attempts)
            expect(stored, `${report.commandId} was reported a conflict yet is stored`).toBeUndefined()
            continue
          }
          expect(report.outcome, `${report.commandId}: ${report.detail}`).toBe('written')
          expect(report.eventIds).toEqual(expectedEventIds(report.commandId, 1))
          expect(stored?.streamName).toBe(streamOf(workload))
          expect(stored && incompleteCommand(report.commandId, stored, 1)).toBeUndefined()
          apply(workload)
        }
        // A command sent again under its id writes nothing and answers with the events it wrote the first time.
        for (const resend of run.reports.filter(r => r.kind === 'resend')) {
          expect(resend.outcome).toBe('already')
          expect(resend.eventIds).toEqual(expectedEventIds(resend.commandId, 1))
        }
        expect(run.reports.filter(r => r.kind === 'resend').length).toBeGreaterThan(0)
      }

      // The commands all four sent under one id: written by at most one, the others told it is already there.
      for (let index = 0; index < sharedCommands; index++) {
        const workload = sharedCommand(index)
        const reports = runs.flatMap(run => run.reports.filter(r => r.commandId === workload.commandId))
        expect(reports).toHaveLength(workers)
        expect(reports.filter(r => !['written', 'already', 'conflict'].includes(r.outcome))).toEqual([])
        const stored = audit.commands.get(workload.commandId)
        expect(reports.filter(r => r.outcome === 'written')).toHaveLength(stored === undefined ? 0 : 1)
        if (stored === undefined) continue
        expect(incompleteCommand(workload.commandId, stored, 1)).toBeUndefined()
        for (const report of reports.filter(r => r.outcome !== 'conflict'))
          expect(report.eventIds).toEqual(stored.eventIds)
        apply(workload)
      }

      expect(new Set(audit.commands.keys())).toEqual(new Set(applied.keys()))
      expect(audit.streams).toEqual(expectedStreams)
      expect(audit.events).toBe(applied.size)

      // Re-sent once more by another process after the storm: nothing written, the first outcome returned.
      const resent = [...applied.keys()].filter(id => id.startsWith('w')).slice(0, 20)
      for (const commandId of resent) {
        const [worker, index] = commandId.slice(1).split('-c').map(Number)
        const workload = workerCommand(worker ?? -1, index ?? -1)
        const again = await handler.handle(workload.command, { commandId })()
        expect(again).toMatchObject(E.right({ written: false, streamName: streamOf(workload) }))
        expect(E.isRight(again) && again.right.events.map(e => e.metadata.eventId)).toEqual(
          audit.commands.get(commandId)?.eventIds,
        )
      }
      expect((await auditStore(store)).events).toBe(applied.size)
      console.info(
        `concurrency: ${applied.size - profileNips.length} commands applied, ${conflicts} conflicts after ${defaultRetryPolicy.attempts} attempts, ${retried} own commands retried`,
      )
    } finally {
      await store.close()
    }
  }, 180_000)
})
