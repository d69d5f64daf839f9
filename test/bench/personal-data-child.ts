// One side of one round of the personal-data benchmark, in a process of its own so its peak RSS is its own:
// `personal-data-child.ts RUN` (RUN: a `PersonalDataRun` as JSON) runs the side once untimed on files of its own (in
// NORMAL durability: the same code without FULL's fsyncs), then times it on fresh files and sends what it did to the
// parent. Only the timed run's writes and openings are in the seconds: not the process start, the module loading, the
// warm-up, building the commands, or the checks after.
import * as E from 'fp-ts/lib/Either.js'
import {
  commandHandler,
  complaint,
  type ComplaintEvent,
  type ComplaintInput,
  complaintSealer,
  complaintSubjectFromStore,
  decodeWith,
  defaultPolicy,
  formatDecodeFailure,
  formatHandleFailure,
  openFields,
  rememberedSubjects,
  type OpenedField,
  sealingHandler,
} from '@pembina/core'
import { sqliteEventStore, sqliteKeyStore } from '@pembina/sqlite'
import type { SyncMode } from './better-sqlite3.js'
import {
  commandsPerComplaint,
  complaintCommand,
  complaintIdOf,
  complaintInput,
  complaintWorkload,
  type ComplaintTexts,
  showingAccess,
  textsOf,
} from './complaint-workload.js'
import { secondsSince } from './measure.js'
import { runFloor } from './personal-data-floor.js'
import { PersonalDataRun, type PersonalDataReport } from './personal-data-report.js'
import { removeDatabaseFiles } from './sqlite-store.js'

type Run = Omit<PersonalDataReport, 'maxRssBytes'>

// ru_maxrss: the kernel's record of this process's peak resident set, in kilobytes.
const peakRssBytes = (): number => process.resourceUsage().maxRSS * 1024

const durabilityOf = (mode: SyncMode): 'full' | 'normal' => (mode === 'FULL' ? 'full' : 'normal')

/** A sealed field of a complaint event: the name the decryption log gives it, the text it holds, the envelope. */
interface SealedField {
  readonly field: string
  readonly text: keyof ComplaintTexts
  readonly envelope: unknown
}

/** The sealed fields an event of the lifecycle holds. */
const sealedFieldsOf = (event: ComplaintEvent): readonly SealedField[] => {
  switch (event.type) {
    case 'ComplaintFiled':
      return [
        { field: 'complainant', text: 'complainant', envelope: event.data.complainant },
        { field: 'contact', text: 'contact', envelope: event.data.contact },
        { field: 'description', text: 'description', envelope: event.data.description },
      ]
    case 'FollowUpRecorded':
      return [{ field: 'follow-up', text: 'followUp', envelope: event.data.text }]
    case 'ComplaintDecided':
      return [{ field: 'decision', text: 'decision', envelope: event.data.decision }]
    case 'SatisfactionRated':
      return [{ field: 'comment', text: 'comment', envelope: event.data.comment }]
    default:
      return []
  }
}

/**
 * Ours: every command in clear through `sealingHandler` + `complaintSealer` on `sqliteKeyStore`, then each complaint's
 * sealed fields (taken from the events its commands wrote) opened once for an officer with a purpose, logged.
 */
const runOurs = async (prefix: string, mode: SyncMode, complaints: number): Promise<Run> => {
  const store = sqliteEventStore({ path: `${prefix}-events.db`, durability: durabilityOf(mode) })
  const keys = sqliteKeyStore({ path: `${prefix}-keys.db`, durability: durabilityOf(mode) })
  const handler = sealingHandler(
    commandHandler({ store, aggregate: complaint, config: defaultPolicy }),
    complaintSealer(keys, rememberedSubjects(complaintSubjectFromStore(store))),
    (input: ComplaintInput) => complaint.streamName(input.data.complaintId),
  )
  const work = complaintWorkload(complaints, complaintInput)
  const sealed: SealedField[][] = Array.from({ length: complaints }, () => [])
  const writeStart = performance.now()
  for (const item of work) {
    const handled = await handler.handle(item.command, { commandId: item.commandId })()
    if (E.isLeft(handled))
      throw new Error(handled.left.kind === 'not-sealed' ? handled.left.message : formatHandleFailure(handled.left))
    for (const written of handled.right.events) sealed[item.index]?.push(...sealedFieldsOf(written.event))
  }
  const writeSeconds = secondsSince(writeStart)
  const opened: (readonly OpenedField[])[] = []
  const openStart = performance.now()
  for (const fields of sealed) {
    const clear = await openFields(
      keys,
      fields.map(({ field, envelope }) => ({ field, sealed: envelope })),
      showingAccess,
    )()
    if (E.isLeft(clear)) throw new Error(clear.left.message)
    opened.push(clear.right)
  }
  const openSeconds = secondsSince(openStart)
  keys.close()
  await store.close()
  let openings = 0
  sealed.forEach((fields, index) => {
    const texts = textsOf(index)
    fields.forEach(({ text }, i) => {
      const one = opened[index]?.[i]
      if (one?.kind !== 'clear' || one.text !== texts[text])
        throw new Error(`ours opened ${text} of ${complaintIdOf(index)} as ${JSON.stringify(one)}`)
      openings++
    })
  })
  return { commands: work.length, writeSeconds, openSeconds, openings }
}

/** The baseline: the same commands with stand-in envelopes made up front, through the plain `commandHandler`. */
const runBaseline = async (prefix: string, mode: SyncMode, complaints: number): Promise<Run> => {
  const store = sqliteEventStore({ path: `${prefix}-events.db`, durability: durabilityOf(mode) })
  const handler = commandHandler({ store, aggregate: complaint, config: defaultPolicy })
  const work = complaintWorkload(complaints, complaintCommand)
  const start = performance.now()
  for (const item of work) {
    const handled = await handler.handle(item.command, { commandId: item.commandId })()
    if (E.isLeft(handled)) throw new Error(formatHandleFailure(handled.left))
  }
  const writeSeconds = secondsSince(start)
  await store.close()
  return { commands: work.length, writeSeconds, openSeconds: 0, openings: 0 }
}

const runSide = (run: PersonalDataRun, prefix: string, mode: SyncMode, complaints: number): Promise<Run> => {
  switch (run.side) {
    case 'ours':
      return runOurs(prefix, mode, complaints)
    case 'baseline':
      return runBaseline(prefix, mode, complaints)
    case 'floor':
      return runFloor(prefix, mode, complaints, true)
    case 'floor-baseline':
      return runFloor(prefix, mode, complaints, false)
  }
}

const removeFiles = (prefix: string): void => {
  for (const suffix of ['-events.db', '-keys.db']) removeDatabaseFiles(`${prefix}${suffix}`)
}

const measure = async (run: PersonalDataRun): Promise<PersonalDataReport> => {
  const warmPrefix = `${run.prefix}-warm`
  await runSide(run, warmPrefix, 'NORMAL', run.warmUpComplaints)
  removeFiles(warmPrefix)
  const timed = await runSide(run, run.prefix, run.mode, run.complaints)
  const maxRssBytes = peakRssBytes()
  removeFiles(run.prefix)
  if (timed.commands !== run.complaints * commandsPerComplaint)
    throw new Error(`${run.side} wrote ${timed.commands} commands, not ${run.complaints * commandsPerComplaint}`)
  return { ...timed, maxRssBytes }
}

const decoded = decodeWith(PersonalDataRun, 'RUN')(JSON.parse(process.argv[2] ?? 'null'))
if (E.isLeft(decoded)) throw new Error(`usage: personal-data-child.ts RUN\n${formatDecodeFailure(decoded.left)}`)
const report = await measure(decoded.right)
if (process.send === undefined) console.log(JSON.stringify(report))
else
  process.send(report, () => {
    process.disconnect()
  })
