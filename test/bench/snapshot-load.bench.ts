// Loading a 10,000-event competency stream with and without a snapshot: `pnpm bench:snapshots`.
// Each run handles one more CreditLearning command (load, fold, decide, append) on a fresh in-memory copy of the
// stream; runs alternate between the two handlers, after one warm-up of each, and the table shows medians.
import * as E from 'fp-ts/lib/Either.js'
import {
  type Actor,
  addDays,
  chainHash,
  commandHandler,
  competency,
  type CompetencyCommand,
  competencyEvents,
  type CompetencyState,
  CompetencyStateCodec,
  competencySnapshotVersion,
  defaultPolicy,
  eventIdOf,
  type EventStore,
  type EventToAppend,
  inMemoryEventStore,
  inMemorySnapshotStore,
  instant,
  localDate,
  nip,
  snapshotCommandLimit,
  type SnapshotStore,
  type StoredSnapshot,
} from '@pembina/core'

const events = 10_000
const snapshotAt = 9_990
const runs = 7

const sari = nip('199203152019032004')
const streamName = competency.streamName(sari)
const pyb: Actor = { kind: 'asn', nip: nip('196608011988031001'), roles: ['pyb'] }
const bkpsdm: Actor = { kind: 'system', process: 'training-credit' }
const firstDay = localDate('2000-01-03')
const decider = competency.decider(defaultPolicy)

const register: CompetencyCommand = {
  type: 'RegisterProfile',
  at: instant(`${firstDay}T08:00:00+07:00`),
  actor: pyb,
  data: {
    ...{ nip: sari, employeeType: 'PNS', unit: 'Puskesmas Belawan', position: { kind: 'pelaksana' } },
    ...{ positionTitle: 'Pengelola Data Kesehatan', rank: 'II/c' },
  },
}
// Sari's profile over 27 years: one training credited a day.
const credit = (n: number): CompetencyCommand => {
  const day = addDays(firstDay, n)
  return {
    type: 'CreditLearning',
    at: instant(`${day}T09:00:00+07:00`),
    actor: bkpsdm,
    data: {
      ...{ nip: sari, source: { kind: 'training', offeringId: `PKES-${n}` }, minutes: 90, form: 'pelatihan-teknis' },
      ...{ completedOn: day, title: `Pelatihan Surveilans Kesehatan ${n}` },
    },
  }
}
const commandIdOf = (revision: number): string => (revision === 0 ? 'register' : `credit-${revision}`)

const decided = (command: CompetencyCommand, state: CompetencyState) => {
  const result = decider.decide(command, state)
  if (E.isLeft(result) || result.right.length !== 1) throw new Error(`${command.type} should write one event`)
  return result.right
}

/** The stream as appended by the handler, built directly: each credit is new, so it is decided on the fresh profile. */
const buildStream = (): { readonly toAppend: readonly EventToAppend[]; readonly snapshot: StoredSnapshot } => {
  const [registered] = decided(register, decider.initialState)
  if (registered === undefined) throw new Error('unreachable')
  const profile = decider.evolve(decider.initialState, registered)
  const toAppend: EventToAppend[] = []
  let state = decider.initialState
  let prevHash: string | null = null
  let snapshot: StoredSnapshot | undefined
  for (let revision = 0; revision < events; revision++) {
    const command = revision === 0 ? register : credit(revision)
    const [event] = revision === 0 ? [registered] : decided(command, profile)
    if (event === undefined) throw new Error('unreachable')
    const encoded = competencyEvents.encode(event)
    const commandId = commandIdOf(revision)
    const content = {
      ...{ eventId: eventIdOf(commandId, 0), commandId, correlationId: commandId, causationId: commandId },
      ...{ actor: command.actor, occurredAt: command.at, schemaVersion: encoded.schemaVersion, prevHash },
    }
    const hash = chainHash({ ...content, type: encoded.type, data: encoded.data, streamName, revision })
    if (E.isLeft(hash)) throw new Error('an event without a JSON form')
    toAppend.push({
      eventId: content.eventId,
      type: encoded.type,
      data: encoded.data,
      metadata: { ...content, hash: hash.right },
    })
    prevHash = hash.right
    if (revision <= snapshotAt) state = decider.evolve(state, event)
    if (revision === snapshotAt) {
      const first = Math.max(0, revision - snapshotCommandLimit + 1)
      const recentCommandIds = Array.from({ length: revision - first + 1 }, (_, i) => commandIdOf(first + i))
      const encodedState = CompetencyStateCodec.encode(state)
      snapshot = {
        streamName,
        revision,
        snapshotVersion: competencySnapshotVersion,
        state: encodedState,
        lastHash: hash.right,
        recentCommandIds,
      }
    }
  }
  if (snapshot === undefined) throw new Error('unreachable')
  return { toAppend, snapshot }
}

/** A store that counts the records its stream reads yield. */
const counting = (inner: EventStore) => {
  const counter = { records: 0 }
  const store: EventStore = {
    ...inner,
    readStream: (name, options) => ({
      async *[Symbol.asyncIterator]() {
        for await (const record of inner.readStream(name, options)) {
          counter.records += 1
          yield record
        }
      },
    }),
  }
  return { store, counter }
}

type Mode = 'without snapshot' | `with snapshot at ${number}`
const modes: readonly Mode[] = ['without snapshot', `with snapshot at ${snapshotAt}`]

const timeOnce = async (stream: ReturnType<typeof buildStream>, mode: Mode) => {
  const seeded = inMemoryEventStore()
  const appended = await seeded.append(streamName, stream.toAppend, 'no-stream')()
  if (E.isLeft(appended)) throw new Error(`could not seed the stream: ${appended.left._tag}`)
  const { store, counter } = counting(seeded)
  const base = { store, aggregate: competency, config: defaultPolicy }
  let snapshots: SnapshotStore | undefined
  if (mode !== 'without snapshot') {
    snapshots = inMemorySnapshotStore()
    await snapshots.save(stream.snapshot)()
  }
  const handler = commandHandler(
    snapshots === undefined ? base : { ...base, snapshots: { store: snapshots, every: 1000 } },
  )
  const started = performance.now()
  const result = await handler.handle(credit(events), { commandId: `credit-${events}` })()
  const ms = performance.now() - started
  if (E.isLeft(result) || !result.right.written || result.right.nextExpectedRevision !== events)
    throw new Error(`the command should append revision ${events}`)
  return { ms, records: counter.records }
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2
}

const main = async (): Promise<void> => {
  const built = performance.now()
  const stream = buildStream()
  console.log(
    `built ${events} events and a snapshot at revision ${snapshotAt} in ${(performance.now() - built).toFixed(0)} ms`,
  )
  for (const mode of modes) await timeOnce(stream, mode) // warm-up, not counted
  const times = new Map<Mode, number[]>(modes.map(mode => [mode, []]))
  const records = new Map<Mode, number>()
  for (let run = 0; run < runs; run++)
    for (const mode of run % 2 === 0 ? modes : [...modes].reverse()) {
      const once = await timeOnce(stream, mode)
      times.get(mode)?.push(once.ms)
      records.set(mode, once.records)
    }
  const medians = modes.map(mode => median(times.get(mode) ?? []))
  const [without = Number.NaN, withSnapshot = Number.NaN] = medians
  const rows = modes.map((mode, i) => [
    mode,
    String(records.get(mode) ?? 0),
    (medians[i] ?? Number.NaN).toFixed(1),
    (times.get(mode) ?? []).map(ms => ms.toFixed(1)).join(' '),
  ])
  const header = ['load + decide + append of command 10,001', 'records read', 'median ms', `${runs} runs (ms)`]
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map(row => (row[i] ?? '').length)))
  const line = (cells: readonly string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' | ')} |`
  console.log([line(header), line(widths.map(width => '-'.repeat(width))), ...rows.map(line)].join('\n'))
  console.log(
    `ratio with/without (median time): ${(withSnapshot / without).toFixed(4)} (${(without / withSnapshot).toFixed(1)}x faster)`,
  )
}

await main()
