import * as E from 'fp-ts/lib/Either.js'
import * as TE from 'fp-ts/lib/TaskEither.js'
import { describe, expect, it } from 'vitest'
import {
  type CompetencyCommand,
  competency,
  CompetencyStateCodec,
  competencySnapshotVersion,
  initialCompetencyState,
} from '../../competency/index.js'
import { EventMetadata } from '../../shared/event-metadata.js'
import type { EventStore, StoredRecord } from '../../kernel/event-store.js'
import type { SnapshotStore, StoredSnapshot } from '../../kernel/snapshot-store.js'
import type { Actor } from '../../shared/actor.js'
import { defaultPolicy } from '../../shared/policy-config.js'
import { localDate } from '../../shared/time.js'
import { inMemoryEventStore, inMemorySnapshotStore } from '../in-memory/index.js'
import { snapshotDigest } from '../loading/index.js'
import { commandHandler } from './command-handler.js'
import { at, countingReads, recordingTracer, registerSari, sari, sariStream } from './test-support.js'

// Sari, Pengelola Data Kesehatan at Puskesmas Belawan: her profile registered by the pyb, trainings credited by BKPSDM.
const bkpsdm: Actor = { kind: 'system', process: 'training-credit' }
const stream = sariStream
const register = registerSari
const credit = (n: number): CompetencyCommand => ({
  type: 'CreditLearning',
  at,
  actor: bkpsdm,
  data: {
    ...{ nip: sari, source: { kind: 'training', offeringId: `PKES-${n}` }, minutes: 90, form: 'pelatihan-teknis' },
    ...{ completedOn: localDate('2026-05-29'), title: `Pelatihan Surveilans Kesehatan ${n}` },
  },
})

/** A snapshot with the digest of its content, as a handler saves one. */
const digested = (content: Omit<StoredSnapshot, 'stateDigest'>): StoredSnapshot => {
  const digest = snapshotDigest(content)
  return digest === undefined ? content : { ...content, stateDigest: digest }
}

const handlerOn = (store: EventStore, snapshots?: SnapshotStore, every = 10) => {
  const { tracer, spans } = recordingTracer()
  const options = { store, aggregate: competency, config: defaultPolicy, tracer }
  const snapshotOptions = snapshots && { snapshots: { store: snapshots, every } }
  return { handler: commandHandler({ ...options, ...snapshotOptions }), spans }
}

/** Registers Sari and credits `credits` trainings through a handler without snapshots. */
const seeded = async (credits: number): Promise<EventStore> => {
  const store = inMemoryEventStore()
  const { handler } = handlerOn(store)
  await handler.handle(register, { commandId: 'register' })()
  for (let n = 1; n <= credits; n++) await handler.handle(credit(n), { commandId: `credit-${n}` })()
  return store
}

const hashAt = async (store: EventStore, revision: number): Promise<string> => {
  for await (const record of store.readStream(stream, { fromRevision: revision, limit: 1 })) {
    const metadata = record.kind === 'event' ? EventMetadata.decode(record.metadata) : undefined
    if (metadata !== undefined && E.isRight(metadata)) return metadata.right.hash
  }
  throw new Error(`no event at ${revision}`)
}

const recordsOf = async (store: EventStore): Promise<readonly StoredRecord[]> => {
  const records: StoredRecord[] = []
  for await (const record of store.readStream(stream)) records.push(record)
  return records
}

describe('command handler with snapshots', () => {
  it('skips a snapshot larger than snapshots.maxBytes, saying so on the span, and the command stands (issue 21)', async () => {
    const store = await seeded(12)
    const snapshots = inMemorySnapshotStore()
    const { tracer, spans } = recordingTracer()
    const handler = commandHandler({
      ...{ store, aggregate: competency, config: defaultPolicy, tracer },
      snapshots: { store: snapshots, every: 1, maxBytes: 200 },
    })
    expect(E.isRight(await handler.handle(credit(13), { commandId: 'credit-13' })())).toBe(true)
    expect(await snapshots.load(stream)()).toEqual(E.right(null))
    const attributes = spans.find(span => span.attributes['pembina.command.id'] === 'credit-13')?.attributes
    expect(attributes?.['pembina.snapshot.save']).toBe('skipped')
    expect(String(attributes?.['pembina.snapshot.skipped'])).toMatch(/^its state takes \d+ bytes, more than 200$/)
    // Under the default limit, the same snapshot is saved.
    const usual = handlerOn(store, snapshots, 1).handler
    expect(E.isRight(await usual.handle(credit(14), { commandId: 'credit-14' })())).toBe(true)
    expect(await snapshots.load(stream)()).toMatchObject(E.right({ revision: 14 }))
  })

  it('loads from the latest snapshot: reads only the records from its last event on, and decides the same', async () => {
    const snapshots = inMemorySnapshotStore()
    const { store, records } = countingReads(inMemoryEventStore())
    const { handler, spans } = handlerOn(store, snapshots, 10)
    await handler.handle(register, { commandId: 'register' })()
    for (let n = 1; n <= 24; n++) await handler.handle(credit(n), { commandId: `credit-${n}` })()
    // Written after the commands that brought 10 events since the last: at revisions 9 and 19.
    const saved = await snapshots.load(stream)()
    if (E.isLeft(saved) || saved.right === null) throw new Error('a snapshot should have been saved')
    expect(saved.right).toMatchObject({ streamName: stream, revision: 19, snapshotVersion: competencySnapshotVersion })
    expect(saved.right.lastHash).toBe(await hashAt(store, 19))
    expect(saved.right.recentCommandIds).toEqual([
      'register',
      ...Array.from({ length: 19 }, (_, i) => `credit-${i + 1}`),
    ])

    const before = records()
    const withSnapshot = await handler.handle(credit(25), { commandId: 'credit-25' })()
    expect(records() - before).toBe(6) // revisions 19 (the snapshot's head, verified) to 24
    expect(spans.find(span => span.attributes['pembina.command.id'] === 'credit-25')?.attributes).toMatchObject({
      'pembina.snapshot.load': 'used',
      'pembina.snapshot.folded': 5,
    })

    const plain = countingReads(await seeded(24))
    const without = await handlerOn(plain.store).handler.handle(credit(25), { commandId: 'credit-25' })()
    expect(plain.records()).toBe(25)
    expect(withSnapshot).toEqual(without)
    expect(await recordsOf(store)).toEqual(await recordsOf(plain.store))
  })

  it('trusts a snapshot that fits the stream: its state, not the events before it, is what the decision sees', async () => {
    const store = await seeded(4)
    const snapshots = inMemorySnapshotStore()
    // A snapshot that fits in every checked way but holds the state before registration: using it shows.
    const lastHash = await hashAt(store, 4)
    const state = CompetencyStateCodec.encode(initialCompetencyState)
    await snapshots.save(
      digested({
        streamName: stream,
        revision: 4,
        snapshotVersion: competencySnapshotVersion,
        state,
        lastHash,
        recentCommandIds: [],
      }),
    )()
    const result = await handlerOn(store, snapshots).handler.handle(credit(5), { commandId: 'credit-5' })()
    expect(result).toMatchObject(E.left({ kind: 'rejected' }))
  })

  const fitting = async (store: EventStore): Promise<StoredSnapshot> => ({
    streamName: stream,
    revision: 4,
    snapshotVersion: competencySnapshotVersion,
    state: CompetencyStateCodec.encode(initialCompetencyState),
    lastHash: await hashAt(store, 4),
    recentCommandIds: [],
  })
  it.each([
    [
      'its version differs',
      { snapshotVersion: competencySnapshotVersion + 1 },
      `ignored: it is version ${competencySnapshotVersion + 1}, not ${competencySnapshotVersion}`,
    ],
    ['its state does not decode', { state: { status: 'retired' } }, 'ignored: its state does not decode'],
    ['its lastHash is not the hash of the event at its revision', { lastHash: 'a'.repeat(64) }, 'no longer has'],
    ['the stream is shorter than its revision', { revision: 7 }, 'no longer has its last event (revision 7'],
    ['it names another stream', { streamName: 'competency-x' }, 'ignored: it is of stream competency-x'],
    ['it names no chain head', { lastHash: null }, 'ignored: it names no event'],
  ] as const)('ignores a snapshot and loads the stream in full when %s', async (_, change, reason) => {
    const { store, records } = countingReads(await seeded(4))
    const snapshot: StoredSnapshot = digested({ ...(await fitting(store)), ...change })
    const snapshots: SnapshotStore = { load: () => TE.right(snapshot), save: () => TE.right(undefined) }
    const before = records()
    const { handler, spans } = handlerOn(store, snapshots)
    const result = await handler.handle(credit(5), { commandId: 'credit-5' })()
    expect(result).toMatchObject(E.right({ written: true, nextExpectedRevision: 5 }))
    expect(String(spans[0]?.attributes['pembina.snapshot.load'])).toContain(reason)
    expect(records() - before).toBeGreaterThanOrEqual(5)
  })

  it.each([
    ['it carries no digest (saved before digests existed)', 'ignored: it carries no digest of its content'],
    ['its state was changed where it is stored (issue 23)', 'ignored: its content does not match its digest'],
  ] as const)('ignores a snapshot and loads the stream in full when %s', async (what, reason) => {
    const { store, records } = countingReads(await seeded(4))
    const content = await fitting(store)
    const changedState: unknown = { ...Object(content.state), assessments: {} }
    const snapshot: StoredSnapshot = what.startsWith('it carries no digest')
      ? content
      : { ...digested(content), state: changedState }
    const snapshots: SnapshotStore = { load: () => TE.right(snapshot), save: () => TE.right(undefined) }
    const before = records()
    const { handler, spans } = handlerOn(store, snapshots)
    const result = await handler.handle(credit(5), { commandId: 'credit-5' })()
    expect(result).toMatchObject(E.right({ written: true, nextExpectedRevision: 5 }))
    expect(String(spans[0]?.attributes['pembina.snapshot.load'])).toContain(reason)
    expect(records() - before).toBeGreaterThanOrEqual(5)
  })
})
