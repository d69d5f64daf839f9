// A writer process appending offering after offering is killed with SIGKILL at 20 seeded moments and restarted on the
// same file each time; after every kill the file is sound, no command is half written and no acknowledgement is lost.
import * as E from 'fp-ts/lib/Either.js'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { sqliteEventStore } from '@pembina/sqlite'
import { Acknowledgement, crashOfferingId, offeringStream, offeringSteps, stepOf } from './enrollment-workload.js'
import { openRawDatabase } from './raw-sqlite.js'
import { between, mulberry32 } from './seeded-random.js'
import { startScript } from './script-process.js'
import { auditStore, type CommandFootprint, incompleteCommand } from './store-audit.js'
import { makeTempDir, type TempDir } from './temp-dir.js'

const kills = 20
const seed = 0x5eed_2026

let dir: TempDir
beforeEach(() => {
  dir = makeTempDir('pembina-reliability-crash-')
})
afterEach(() => {
  dir.remove()
})

const sleep = (ms: number): Promise<void> =>
  new Promise(resolve => {
    setTimeout(resolve, ms)
  })

/** The command ids of a stream in the order their events were stored. */
const commandsInOrder = (commands: ReadonlyMap<string, CommandFootprint>, streamName: string): readonly string[] =>
  [...commands.entries()]
    .filter(([, footprint]) => footprint.streamName === streamName)
    .sort(([, a], [, b]) => (a.revisions[0] ?? 0) - (b.revisions[0] ?? 0))
    .map(([commandId]) => commandId)

interface WriterRun {
  readonly lines: string[]
  readonly firstAcknowledgement: Promise<void>
  readonly kill: () => Promise<NodeJS.Signals | null>
}

const startWriter = (file: string): WriterRun => {
  const lines: string[] = []
  let acknowledged = (): void => undefined
  const first = new Promise<void>(resolve => {
    acknowledged = resolve
  })
  const writer = startScript('crash-writer.ts', [file], line => {
    lines.push(line)
    acknowledged()
  })
  const endedEarly = writer.exited.then(exit =>
    Promise.reject(new Error(`the writer ended by itself (${exit.code ?? exit.signal}): ${exit.stderr}`)),
  )
  return {
    lines,
    firstAcknowledgement: Promise.race([first, endedEarly]),
    kill: async () => {
      writer.kill()
      return (await writer.exited).signal
    },
  }
}

describe('a writer killed with SIGKILL while appending', () => {
  it('leaves, after each of 20 kills, a file that passes integrity_check, with every command whole, every acknowledged command kept and every chain intact', async () => {
    const file = dir.file('events.db')
    const random = mulberry32(seed)
    const acknowledged = new Map<string, readonly string[]>()
    const violations: string[] = []
    const delays: number[] = []
    let storedBefore = 0
    let committedInFlight = 0
    for (let kill = 1; kill <= kills; kill++) {
      const writer = startWriter(file)
      await writer.firstAcknowledgement
      const delay = between(random, 0, 250)
      delays.push(delay)
      await sleep(delay)
      expect(await writer.kill()).toBe('SIGKILL')

      for (const line of writer.lines) {
        const ack = Acknowledgement.decode(JSON.parse(line))
        if (E.isLeft(ack)) {
          violations.push(`kill ${kill}: unreadable acknowledgement ${line}`)
          continue
        }
        const { commandId, written, eventIds } = ack.right
        // A command acknowledged before a crash is found again by the restarted writer, never written twice.
        if (written && acknowledged.has(commandId)) violations.push(`kill ${kill}: ${commandId} written twice`)
        acknowledged.set(commandId, eventIds)
      }

      const raw = openRawDatabase(file)
      try {
        expect(raw.integrityCheck(), `integrity_check after kill ${kill}`).toBe('ok')
      } finally {
        raw.close()
      }

      const store = sqliteEventStore({ path: file })
      try {
        const audit = await auditStore(store)
        expect(audit.unreadable, `after kill ${kill}`).toEqual([])
        expect(audit.gaps, `after kill ${kill}`).toEqual([])
        expect(audit.brokenChains, `after kill ${kill}`).toEqual([])
        expect(audit.duplicateEventIds, `after kill ${kill}`).toEqual([])
        expect(audit.events, `events stored after kill ${kill}`).toBeGreaterThanOrEqual(storedBefore)
        storedBefore = audit.events

        for (const [commandId, footprint] of audit.commands) {
          const step = stepOf(commandId)
          if (step === undefined) violations.push(`kill ${kill}: unknown command ${commandId} stored`)
          const incomplete = step && incompleteCommand(commandId, footprint, step.events)
          if (incomplete !== undefined) violations.push(`kill ${kill}: half written: ${incomplete}`)
        }
        // Each offering holds a prefix of its commands, in order: nothing skipped, nothing out of turn.
        for (let k = 0; audit.streams.has(offeringStream(crashOfferingId(k))); k++) {
          const stored = commandsInOrder(audit.commands, offeringStream(crashOfferingId(k)))
          expect(stored, `offering ${k} after kill ${kill}`).toEqual(
            offeringSteps(k)
              .slice(0, stored.length)
              .map(step => step.commandId),
          )
        }
        for (const [commandId, eventIds] of acknowledged)
          if (audit.commands.get(commandId)?.eventIds.join() !== eventIds.join())
            violations.push(`kill ${kill}: acknowledged ${commandId} is not stored as acknowledged`)
        // The writer handles one command at a time: at most the one in flight is stored unacknowledged (a kill during the
        // commit's fsync keeps it: the commit record is already in the WAL, and only power loss could drop it).
        const unacknowledged = [...audit.commands.keys()].filter(commandId => !acknowledged.has(commandId))
        if (unacknowledged.length > 1) violations.push(`kill ${kill}: unacknowledged ${unacknowledged.join(', ')}`)
        committedInFlight += unacknowledged.length
      } finally {
        await store.close()
      }
    }
    expect(violations).toEqual([])
    expect(storedBefore).toBeGreaterThan(0)
    console.info(
      `crash: ${kills} kills at ${delays.join(', ')} ms after the first acknowledgement; ${acknowledged.size} commands acknowledged, ${storedBefore} events stored; ${committedInFlight} kills left the command in flight stored but unacknowledged (killed inside or just after its commit)`,
    )
  }, 180_000)
})
