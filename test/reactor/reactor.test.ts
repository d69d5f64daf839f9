// The reactor on the in-memory store: policies run on each event, their commands sent under derived ids with the
// source's correlation and causation, refusals parked and retried, unreadable events parked, a store that is down
// waited for, and a redelivered batch credited once.
import { randomUUID } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import { afterEach, describe, expect, it } from 'vitest'
import {
  competency,
  defaultPolicy,
  EventMetadata,
  type EventStore,
  inMemoryEventStore,
  type Policy,
  reactionCommandIdOf,
  type StoreUnavailable,
  StoreUnavailableError,
} from '@pembina/core'
import {
  inMemoryReadModelStore,
  parkedEntries,
  type Reactor,
  type ReactorHandlers,
  type ReadModelStore,
  retryParked,
  startReactor,
} from '@pembina/projections'
import {
  completePlaces,
  profileEvents,
  reactorHandlers,
  registerProfiles,
  staffNip,
  trainingCredits,
} from './fixtures.js'

const running: Reactor[] = []
afterEach(async () => {
  await Promise.all(running.splice(0).map(reactor => reactor.stop()))
})

const start = (
  store: EventStore,
  checkpoints: ReadModelStore,
  more: Partial<Parameters<typeof startReactor>[0]> = {},
) => {
  const reactor = startReactor({ store, checkpoints, handlers: reactorHandlers(store), config: defaultPolicy, ...more })
  running.push(reactor)
  return reactor
}

const noWait = (): Promise<void> => Promise.resolve()

describe('the reactor', () => {
  it('refuses a numeric option that is not a number in its range, naming it', () => {
    const store = inMemoryEventStore()
    const checkpoints = inMemoryReadModelStore()
    expect(() => start(store, checkpoints, { batchSize: Number.NaN })).toThrow(/batchSize must be a whole number/)
    expect(() => start(store, checkpoints, { concurrency: 0 })).toThrow(/concurrency must be a whole number from 1/)
    expect(() => start(store, checkpoints, { backoff: { initialMs: 500, maxMs: 100 } })).toThrow(
      /backoff.maxMs must be a number from 500/,
    )
  })

  it('credits each completed place once, under an id from the source event, linked to it by correlation and causation', async () => {
    const store = inMemoryEventStore()
    const staff = [staffNip(0), staffNip(1), staffNip(2)]
    await registerProfiles(store, staff)
    await completePlaces(store, 'pp-2026-01', staff)
    const reactor = start(store, inMemoryReadModelStore(), { live: false })
    const status = await reactor.done
    expect(status).toMatchObject({ phase: 'stopped', sent: 3, parked: 0 })
    const completed = []
    for await (const record of store.readStream('enrollment-pp-2026-01'))
      if (record.kind === 'event' && record.type === 'PlaceCompleted') completed.push(record)
    expect(completed).toHaveLength(3)
    for (const [i, who] of staff.entries()) {
      expect(await trainingCredits(store, who)).toEqual(['pp-2026-01'])
      const credit = (await profileEvents(store, who)).find(({ event }) => event.type === 'LearningCredited')
      const source = completed.find(record => JSON.stringify(record.data).includes(who))
      const sourceMetadata = EventMetadata.decode(source?.metadata)
      if (E.isLeft(sourceMetadata)) throw new Error(`no source for credit ${i}`)
      expect(credit?.metadata).toMatchObject({
        commandId: reactionCommandIdOf(sourceMetadata.right.eventId, 'credit-training', 0),
        causationId: sourceMetadata.right.eventId,
        correlationId: sourceMetadata.right.correlationId,
        actor: { kind: 'system', process: 'policy:credit-training' },
      })
    }
    expect(status.events).toBeGreaterThan(completed.length)
  })

  it('parks a command its decider refuses, with the source, the command and the reason; a retry after the fix clears it', async () => {
    const store = inMemoryEventStore()
    const checkpoints = inMemoryReadModelStore()
    const [known, unknown] = [staffNip(3), staffNip(4)]
    await registerProfiles(store, [known])
    await completePlaces(store, 'pp-2026-02', [known, unknown])
    const parkedSeen: string[] = []
    const status = await start(store, checkpoints, {
      live: false,
      onParked: entry => parkedSeen.push(entry.kind === 'command' ? entry.target : entry.kind),
    }).done
    expect(status).toMatchObject({ sent: 1, parked: 1 })
    expect(parkedSeen).toEqual([competency.streamName(unknown)])
    const [entry, ...rest] = await parkedEntries(checkpoints)
    expect(rest).toEqual([])
    expect(entry).toMatchObject({
      kind: 'command',
      policy: 'credit-training',
      index: 0,
      target: competency.streamName(unknown),
      source: { streamName: 'enrollment-pp-2026-02', eventType: 'PlaceCompleted' },
      command: { type: 'CreditLearning', data: { nip: unknown, source: { offeringId: 'pp-2026-02' } } },
      reason: { kind: 'rejected', code: 'profile-not-registered' },
      attempts: 1,
    })

    const early = await retryParked({ store, checkpoints, handlers: reactorHandlers(store), config: defaultPolicy })
    expect(early).toMatchObject({ retried: 1, cleared: 0 })
    expect(early.stillParked).toMatchObject([{ attempts: 2, reason: { code: 'profile-not-registered' } }])

    await registerProfiles(store, [unknown])
    const retried = await retryParked({ store, checkpoints, handlers: reactorHandlers(store), config: defaultPolicy })
    expect(retried).toEqual({ retried: 1, cleared: 1, stillParked: [] })
    expect(await parkedEntries(checkpoints)).toEqual([])
    expect(await trainingCredits(store, unknown)).toEqual(['pp-2026-02'])
    // Retrying again finds nothing, and the credit is not written twice.
    expect(await retryParked({ store, checkpoints, handlers: reactorHandlers(store), config: defaultPolicy })).toEqual({
      retried: 0,
      cleared: 0,
      stillParked: [],
    })
    expect(await trainingCredits(store, unknown)).toEqual(['pp-2026-02'])
  })

  it('parks an event it cannot read and goes on with the others', async () => {
    const store = inMemoryEventStore()
    const checkpoints = inMemoryReadModelStore()
    const who = staffNip(5)
    await registerProfiles(store, [who])
    const bad = await store.append(
      'enrollment-broken',
      [{ eventId: randomUUID(), type: 'PlaceCompleted', data: { offeringId: 'broken' }, metadata: {} }],
      'no-stream',
    )()
    expect(E.isRight(bad)).toBe(true)
    await completePlaces(store, 'pp-2026-03', [who])
    const status = await start(store, checkpoints, { live: false }).done
    expect(status).toMatchObject({ sent: 1, parked: 1 })
    expect(await trainingCredits(store, who)).toEqual(['pp-2026-03'])
    const [entry] = await parkedEntries(checkpoints)
    expect(entry).toMatchObject({
      kind: 'event',
      source: { streamName: 'enrollment-broken', revision: 0, eventType: 'PlaceCompleted' },
      reason: { kind: 'undecodable' },
    })
    // Still unreadable on a retry: it stays, its attempts counted.
    const retried = await retryParked({ store, checkpoints, handlers: reactorHandlers(store), config: defaultPolicy })
    expect(retried.stillParked).toMatchObject([{ kind: 'event', attempts: 2 }])
  })

  it('sends one target stream’s commands in source order, whatever the concurrency', async () => {
    const store = inMemoryEventStore()
    const staff = Array.from({ length: 6 }, (_, i) => staffNip(10 + i))
    await registerProfiles(store, staff)
    const offerings = ['pp-a', 'pp-b', 'pp-c', 'pp-d']
    for (const offering of offerings) await completePlaces(store, offering, staff)
    await start(store, inMemoryReadModelStore(), { live: false, concurrency: 3, batchSize: 50 }).done
    for (const who of staff) expect(await trainingCredits(store, who)).toEqual(offerings)
  })

  it('follows new events live, and resumes after its checkpoint when started again', async () => {
    const store = inMemoryEventStore()
    const checkpoints = inMemoryReadModelStore()
    const who = staffNip(20)
    await registerProfiles(store, [who])
    await completePlaces(store, 'pp-live-1', [who])
    const first = start(store, checkpoints, { batchDelayMs: 5 })
    await first.caughtUp
    await completePlaces(store, 'pp-live-2', [who])
    await expect.poll(() => trainingCredits(store, who), { timeout: 5_000 }).toEqual(['pp-live-1', 'pp-live-2'])
    const stopped = await first.stop()
    expect(stopped).toMatchObject({ phase: 'stopped', sent: 2 })
    await completePlaces(store, 'pp-live-3', [who])
    const second = await start(store, checkpoints, { live: false }).done
    expect(second.sent).toBe(1)
    expect(second.events).toBeGreaterThan(stopped.events)
    expect(await trainingCredits(store, who)).toEqual(['pp-live-1', 'pp-live-2', 'pp-live-3'])
  })

  it('credits once when a batch is reacted to again (a crash before its checkpoint): the handler gives the first outcome back', async () => {
    const store = inMemoryEventStore()
    const who = staffNip(21)
    await registerProfiles(store, [who])
    await completePlaces(store, 'pp-again', [who])
    const outcomes: { written: boolean; events: number }[] = []
    const recording = (): ReactorHandlers => {
      const { competency: handler } = reactorHandlers(store)
      return {
        competency: {
          handle: (command, context) => async () => {
            const result = await handler.handle(command, context)()
            if (E.isRight(result)) outcomes.push({ written: result.right.written, events: result.right.events.length })
            return result
          },
        },
      }
    }
    // Two reactors with checkpoints of their own: the second re-sends every command the first sent, under the same id.
    await start(store, inMemoryReadModelStore(), { live: false, handlers: recording() }).done
    const again = await start(store, inMemoryReadModelStore(), { live: false, handlers: recording() }).done
    expect(again).toMatchObject({ sent: 1, parked: 0 })
    // The first outcome again (its event), not a fresh decision that would find nothing to credit.
    expect(outcomes).toEqual([
      { written: true, events: 1 },
      { written: false, events: 1 },
    ])
    expect(await trainingCredits(store, who)).toEqual(['pp-again'])
  })

  it('pauses while the store is unavailable, and goes on when it is back', async () => {
    const store = inMemoryEventStore()
    const who = staffNip(22)
    await registerProfiles(store, [who])
    await completePlaces(store, 'pp-down', [who])
    let down = 3
    const flaky: EventStore = {
      ...store,
      readAndAppend: (name, from, write) =>
        down-- > 0
          ? () => Promise.resolve(E.left<StoreUnavailable>({ _tag: 'StoreUnavailable', message: 'the disk is busy' }))
          : (store.readAndAppend?.(name, from, write) ?? (() => Promise.reject(new Error('no locked write')))),
    }
    const waits: number[] = []
    const reactor = start(flaky, inMemoryReadModelStore(), {
      live: false,
      handlers: reactorHandlers(flaky),
      backoff: { initialMs: 10, maxMs: 25 },
      sleep: ms => {
        waits.push(ms)
        return noWait()
      },
    })
    expect(await reactor.done).toMatchObject({ sent: 1, parked: 0 })
    expect(waits).toEqual([10, 20, 25])
    expect(await trainingCredits(store, who)).toEqual(['pp-down'])
  })

  it('opens its subscription again, from its checkpoint, when the store fails it', async () => {
    const store = inMemoryEventStore()
    const who = staffNip(24)
    await registerProfiles(store, [who])
    await completePlaces(store, 'pp-resubscribe', [who])
    let failures = 2
    const failing: EventStore = {
      ...store,
      subscribe: options => {
        if (failures-- <= 0) return store.subscribe(options)
        const broken = { next: () => Promise.reject(new StoreUnavailableError('the connection dropped')) }
        return { close: () => Promise.resolve(), [Symbol.asyncIterator]: () => broken }
      },
    }
    const waits: number[] = []
    const reactor = start(failing, inMemoryReadModelStore(), {
      live: false,
      handlers: reactorHandlers(store),
      backoff: { initialMs: 7 },
      sleep: ms => {
        waits.push(ms)
        return noWait()
      },
    })
    expect(await reactor.done).toMatchObject({ sent: 1, parked: 0 })
    expect(waits).toEqual([7, 14])
    expect(await trainingCredits(store, who)).toEqual(['pp-resubscribe'])
  })

  it('refuses policies without a name or with the same name, and a policy that throws fails the reactor', async () => {
    const store = inMemoryEventStore()
    const policy = (name: string, react: Policy['react'] = () => []): Policy => ({
      name,
      eventTypes: ['PlaceCompleted'],
      targets: ['competency'],
      react,
    })
    expect(() => start(store, inMemoryReadModelStore(), { policies: [policy(' ')] })).toThrow(/needs a name/)
    expect(() => start(store, inMemoryReadModelStore(), { policies: [policy('a'), policy('a')] })).toThrow(
      /two policies are named a/,
    )
    const who = staffNip(23)
    await completePlaces(store, 'pp-throw', [who])
    const failing = start(store, inMemoryReadModelStore(), {
      policies: [
        policy('broken', () => {
          throw new Error('bug')
        }),
      ],
    })
    await expect(failing.done).rejects.toThrow(/policy broken threw on enrollment-pp-throw/)
    expect(failing.status().phase).toBe('failed')
  })
})
