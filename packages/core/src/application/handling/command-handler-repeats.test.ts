import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  type CompetencyCommand,
  type CompetencyEvent,
  type CompetencyState,
  competency,
  competencyEvents,
  CompetencyStateCodec,
  competencySnapshotVersion,
} from '../../competency/index.js'
import { fold } from '../../kernel/decider.js'
import { EventMetadataHead } from '../../shared/event-metadata.js'
import type { EventStore } from '../../kernel/event-store.js'
import { defaultPolicy } from '../../shared/policy-config.js'
import { inMemoryEventStore, inMemorySnapshotStore } from '../in-memory/index.js'
import { stateCache } from '../loading/index.js'
import { type CommandHandler, commandHandler } from './command-handler.js'
import type { HandleFailure, HandleResult } from './handle-outcome.js'
import { at, pyb, registerSari, sari, sariStream } from './test-support.js'

// Sari's profile, whose competency standard the pyb sets at level 2, then 3, then 4: setting level 2 again is a change.
const stream = sariStream
const register = registerSari
const standard = (requiredLevel: number): CompetencyCommand => ({
  type: 'SetCompetencyStandard',
  at,
  actor: pyb,
  data: { nip: sari, standard: [{ competency: { type: 'teknis', code: 'T.KES.07' }, requiredLevel }] },
})

const decider = competency.decider(defaultPolicy)
const base = { aggregate: competency, config: defaultPolicy, sleep: () => Promise.resolve() }
type Handler = CommandHandler<CompetencyCommand, CompetencyEvent, unknown>

/** Registers Sari and sets her standard at levels 2 (command `level-2`), 3 and 4; the outcome of `level-2`. */
const history = async (handler: Handler): Promise<HandleResult<CompetencyEvent>> => {
  await handler.handle(register, { commandId: 'register' })()
  const first = await handler.handle(standard(2), { commandId: 'level-2' })()
  if (E.isLeft(first)) throw new Error(`the standard was refused: ${first.left.kind}`)
  for (const level of [3, 4]) await handler.handle(standard(level), { commandId: `level-${level}` })()
  return first.right
}

/** What a repeated command's outcome must be: its first events, where they are, and nothing written. */
const firstOutcomeAgain = (
  again: E.Either<HandleFailure<unknown>, HandleResult<CompetencyEvent>>,
  first: HandleResult<CompetencyEvent>,
): void => {
  const { events, nextExpectedRevision, position } = first
  expect(again).toMatchObject(E.right({ events, nextExpectedRevision, position, written: false }))
}

/** A snapshot of the whole stream that lists no command ids, as a snapshot does after 1,000 later commands. */
const snapshotWithoutIds = async (store: EventStore) => {
  const events: CompetencyEvent[] = []
  let revision = -1
  let lastHash = ''
  for await (const record of store.readStream(stream)) {
    const head = EventMetadataHead.decode(record.kind === 'event' ? record.metadata : null)
    if (record.kind !== 'event' || E.isLeft(head)) throw new Error('the stream is readable')
    const { schemaVersion } = head.right
    const event = competencyEvents.decode({ type: record.type, data: record.data, schemaVersion })
    if (E.isLeft(event)) throw new Error('the stream decodes')
    events.push(event.right)
    revision = record.revision
    lastHash = head.right.hash
  }
  const state = CompetencyStateCodec.encode(fold(decider, events))
  return {
    streamName: stream,
    revision,
    snapshotVersion: competencySnapshotVersion,
    state,
    lastHash,
    recentCommandIds: [],
  }
}

describe('a command sent again after its id left the handler’s recent command ids', () => {
  it('gets its first outcome back through a state cache, not a conflict, and writes nothing', async () => {
    const store = inMemoryEventStore()
    const handler = commandHandler({ ...base, store, cache: stateCache<CompetencyState>({ commandLimit: 1 }) })
    const first = await history(handler)
    const revision = await store.streamRevision(stream)()
    firstOutcomeAgain(await handler.handle(standard(2), { commandId: 'level-2' })(), first)
    expect(await store.streamRevision(stream)()).toEqual(revision)
  })

  it('gets its first outcome back through a snapshot that no longer lists it, not a conflict', async () => {
    const store = inMemoryEventStore()
    const first = await history(commandHandler({ ...base, store }))
    const revision = await store.streamRevision(stream)()
    const snapshots = inMemorySnapshotStore()
    await snapshots.save(await snapshotWithoutIds(store))()
    const handler = commandHandler({ ...base, store, snapshots: { store: snapshots, every: 1000 } })
    firstOutcomeAgain(await handler.handle(standard(2), { commandId: 'level-2' })(), first)
    expect(await store.streamRevision(stream)()).toEqual(revision)
  })
})
