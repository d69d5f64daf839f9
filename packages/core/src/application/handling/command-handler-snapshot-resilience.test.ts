import * as E from 'fp-ts/lib/Either.js'
import * as TE from 'fp-ts/lib/TaskEither.js'
import * as t from 'io-ts'
import { describe, expect, it } from 'vitest'
import { aggregate } from '../../kernel/aggregate.js'
import type { Decider } from '../../kernel/decider.js'
import type { EventStore } from '../../kernel/event-store.js'
import { eventRegistry, eventSchemas } from '../../kernel/registry.js'
import type { SnapshotStore } from '../../kernel/snapshot-store.js'
import { streamId } from '../../kernel/stream-name.js'
import { Actor } from '../../shared/actor.js'
import { Instant, instant } from '../../shared/time.js'
import { inMemoryEventStore, inMemorySnapshotStore } from '../in-memory/index.js'
import { snapshotCommandLimit } from '../loading/index.js'
import { commandHandler } from './command-handler.js'
import { recordingTracer } from './test-support.js'

// A tally: `Add` always adds (deciding it again would write again), `Mark` marks once (an idempotent decision).
const Added = t.strict({ type: t.literal('Added'), data: t.strict({ amount: t.number }) })
const Marked = t.strict({ type: t.literal('Marked'), data: t.strict({}) })
type TallyEvent = t.TypeOf<typeof Added> | t.TypeOf<typeof Marked>
interface TallyState {
  readonly total: number
  readonly marked: boolean
}
const TallyStateCodec: t.Type<TallyState, unknown> = t.strict({ total: t.number, marked: t.boolean })
const actor: Actor = { kind: 'system', process: 'tally' }
const at = instant('2026-06-01T09:00:00+07:00')
const TallyCommand = t.readonly(t.strict({ type: t.keyof({ Add: null, Mark: null }), at: Instant, actor: Actor }))
type TallyCommand = t.TypeOf<typeof TallyCommand>
const add: TallyCommand = { type: 'Add', at, actor }
const mark: TallyCommand = { type: 'Mark', at, actor }
const tally: Decider<TallyCommand, TallyEvent, TallyState, never> = {
  initialState: { total: 0, marked: false },
  decide: (command, state) =>
    E.right(
      command.type === 'Add'
        ? [{ type: 'Added', data: { amount: 1 } }]
        : state.marked
          ? []
          : [{ type: 'Marked', data: {} }],
    ),
  evolve: (state, event) =>
    event.type === 'Added' ? { ...state, total: state.total + event.data.amount } : { ...state, marked: true },
}
const schema = eventSchemas<TallyEvent>(t.union([Added, Marked]))
const registry = eventRegistry([schema('Added', Added, 'One was added.'), schema('Marked', Marked, 'It was marked.')])
// One tally, the stream `tally-1`; it needs no configuration.
const tallies = aggregate({
  category: 'tally',
  commands: TallyCommand,
  events: registry,
  decider: () => tally,
  id: streamId('TallyId'),
  idOf: () => '1',
  snapshots: { version: 1, codec: TallyStateCodec },
})
const stream = tallies.streamName('1')

const handlerOn = (store: EventStore, snapshots: SnapshotStore | undefined, every: number) => {
  const { tracer, spans } = recordingTracer()
  const base = { store, aggregate: tallies, config: undefined, tracer }
  const handler = commandHandler({
    ...base,
    ...(snapshots && { snapshots: { store: snapshots, every } }),
    retry: { attempts: 2 },
    sleep: () => Promise.resolve(),
  })
  return { handler, spans }
}

describe('idempotency through snapshots', () => {
  it('a command id found after the snapshot returns its first outcome, events and all', async () => {
    const { handler } = handlerOn(inMemoryEventStore(), inMemorySnapshotStore(), 3)
    for (const id of ['add-1', 'add-2', 'add-3']) await handler.handle(add, { commandId: id })()
    const first = await handler.handle(add, { commandId: 'add-4' })()
    const again = await handler.handle(add, { commandId: 'add-4' })()
    if (E.isLeft(first)) throw new Error('the add should be written')
    expect(again).toEqual(E.right({ ...first.right, written: false }))
  })

  it('a command id found only in the snapshot returns written: false, no events and the current revision', async () => {
    const events = inMemoryEventStore()
    const { handler } = handlerOn(events, inMemorySnapshotStore(), 3)
    for (const id of ['add-1', 'add-2', 'add-3', 'add-4']) await handler.handle(add, { commandId: id })()
    const again = await handler.handle(add, { commandId: 'add-2' })()
    expect(again).toEqual(
      E.right({ streamName: stream, events: [], nextExpectedRevision: 3, position: null, written: false, attempts: 1 }),
    )
    // Without snapshots the full read finds the first outcome itself; either way nothing is written twice.
    const plain = await handlerOn(events, undefined, 3).handler.handle(add, { commandId: 'add-2' })()
    expect(plain).toMatchObject(E.right({ written: false, events: [{ revision: 1 }] }))
    await expect(events.streamRevision(stream)()).resolves.toEqual(E.right(3))
  })

  it('a command retried after more than 1,000 later commands is decided again, never written twice, and gets its first outcome back', async () => {
    const events = inMemoryEventStore()
    const { handler } = handlerOn(events, inMemorySnapshotStore(), 1)
    await handler.handle(mark, { commandId: 'mark' })()
    for (let i = 0; i <= snapshotCommandLimit; i++) await handler.handle(add, { commandId: `add-${i}` })()
    // `mark` and `add-0` have left the snapshot's 1,000 ids; `add-1` is still there.
    expect(await handler.handle(add, { commandId: 'add-1' })()).toMatchObject(E.right({ written: false, events: [] }))
    // Deciding `mark` again yields nothing: the outcome of an idempotent decision.
    expect(await handler.handle(mark, { commandId: 'mark' })()).toMatchObject(E.right({ written: false, events: [] }))
    // Deciding `add-0` again yields its event again, with the same id: the store refuses it although the stream has
    // not moved, so the handler reads the whole stream, where it finds the event and returns that first outcome.
    const retried = await handler.handle(add, { commandId: 'add-0' })()
    expect(retried).toMatchObject(
      E.right({ written: false, events: [{ revision: 1 }], nextExpectedRevision: 1, attempts: 2 }),
    )
    await expect(events.streamRevision(stream)()).resolves.toEqual(E.right(1001))
  })
})

describe('a failing snapshot store never fails a command', () => {
  const unavailable = { _tag: 'StoreUnavailable', message: 'disk full' } as const
  const broken = (failing: 'load' | 'save', how: 'left' | 'throw'): SnapshotStore => {
    const inner = inMemorySnapshotStore()
    const fail = () => (how === 'left' ? TE.left(unavailable) : () => Promise.reject(new Error('disk full')))
    return failing === 'load' ? { ...inner, load: fail } : { ...inner, save: fail }
  }

  it.each([['left'], ['throw']] as const)('a save that fails (%s) is reported on the span only', async how => {
    const events = inMemoryEventStore()
    const { handler, spans } = handlerOn(events, broken('save', how), 1)
    const result = await handler.handle(add, { commandId: 'add-1' })()
    expect(result).toMatchObject(E.right({ written: true, nextExpectedRevision: 0 }))
    expect(spans[0]?.attributes['pembina.snapshot.save']).toBe('failed')
    expect(spans[0]?.events).toEqual(['pembina.snapshot.save-failed'])
    await expect(events.streamRevision(stream)()).resolves.toEqual(E.right(0))
  })

  it.each([['left'], ['throw']] as const)('a load that fails (%s) falls back to reading the stream', async how => {
    const events = inMemoryEventStore()
    await handlerOn(events, undefined, 1).handler.handle(add, { commandId: 'add-1' })()
    const { handler, spans } = handlerOn(events, broken('load', how), 1)
    const result = await handler.handle(add, { commandId: 'add-2' })()
    expect(result).toMatchObject(E.right({ written: true, nextExpectedRevision: 1 }))
    expect(spans[0]?.attributes['pembina.snapshot.load']).toBe('ignored: snapshot store unavailable: disk full')
  })

  it('a state the codec cannot encode is reported on the span, and the command stands', async () => {
    const { tracer, spans } = recordingTracer()
    const codec = new t.Type<TallyState, unknown>('Unencodable', TallyStateCodec.is, TallyStateCodec.validate, () => {
      throw new Error('no JSON form')
    })
    const handler = commandHandler({
      ...{ store: inMemoryEventStore(), aggregate: { ...tallies, snapshots: { version: 1, codec } }, tracer },
      config: undefined,
      snapshots: { store: inMemorySnapshotStore(), every: 1 },
    })
    expect(await handler.handle(add, { commandId: 'add-1' })()).toMatchObject(E.right({ written: true }))
    expect(spans[0]?.events).toEqual(['pembina.snapshot.save-failed'])
  })
})
