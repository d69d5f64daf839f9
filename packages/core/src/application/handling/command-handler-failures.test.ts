import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { enrollment, type EnrollmentCommand } from '../../enrollment/index.js'
import { type EventStore, invalidAppend, StoreUnavailableError, type StreamRevision } from '../../kernel/event-store.js'
import { nip, type Nip } from '../../shared/nip.js'
import { defaultPolicy } from '../../shared/policy-config.js'
import { instant } from '../../shared/time.js'
import { inMemoryEventStore } from '../in-memory/index.js'
import { verifyChain } from '../integrity/index.js'
import { commandHandler } from './command-handler.js'
import { offeringId, offeringStream as stream, openOffering as open, readThenAppend } from './test-support.js'
import { formatHandleFailure } from './handle-outcome.js'
import { backoffDelay, defaultRetryPolicy } from './retry-backoff.js'

const kepala = nip('196608011988031001')
const sari = nip('199203152019032004')
const rudi = nip('198507122010011002')
const request = (who: Nip): EnrollmentCommand => ({
  type: 'RequestPlace',
  at: instant('2026-02-10T10:00:00+07:00'),
  actor: { kind: 'asn', nip: who, roles: ['asn'] },
  data: { offeringId, nip: who, atasanNip: kepala },
})

/** A handler over `store` that records its sleeps and counts its decisions. */
const setUp = (store: EventStore, attempts = defaultRetryPolicy.attempts) => {
  const sleeps: number[] = []
  const decider = enrollment.decider(defaultPolicy)
  const decisions: EnrollmentCommand[] = []
  const counted: typeof decider = {
    ...decider,
    decide: (command, state) => {
      decisions.push(command)
      return decider.decide(command, state)
    },
  }
  const handler = commandHandler({
    store,
    aggregate: { ...enrollment, decider: () => counted },
    config: defaultPolicy,
    retry: { attempts },
    sleep: ms => {
      sleeps.push(ms)
      return Promise.resolve()
    },
  })
  return { handler, sleeps, decisions }
}

type Outcome = Awaited<ReturnType<ReturnType<ReturnType<typeof setUp>['handler']['handle']>>>

const openedStore = async (): Promise<EventStore> => {
  const store = inMemoryEventStore()
  await setUp(store).handler.handle(open, { commandId: 'open-1' })()
  return store
}

const revisionOf = async (store: EventStore): Promise<E.Either<unknown, StreamRevision>> =>
  store.streamRevision(stream)()

describe('command handler under concurrent writers', () => {
  it('reloads, decides again and appends when another writer got there between load and append', async () => {
    const inner = await openedStore()
    let rivalWrote = false
    const racy: EventStore = {
      ...readThenAppend(inner),
      append: (name, events, expected) => async () => {
        if (!rivalWrote) {
          rivalWrote = true
          await setUp(inner).handler.handle(request(rudi), { commandId: 'req-rudi' })()
        }
        return inner.append(name, events, expected)()
      },
    }
    const { handler, sleeps, decisions } = setUp(racy)
    const result = await handler.handle(request(sari), { commandId: 'req-sari' })()
    expect(result).toMatchObject(E.right({ written: true, attempts: 2, nextExpectedRevision: 2 }))
    expect(sleeps).toEqual([backoffDelay(defaultRetryPolicy, 'req-sari', 1)])
    expect(decisions).toHaveLength(2)
    await expect(verifyChain(inner.readStream(stream))).resolves.toMatchObject({ valid: true, events: 3 })
  })

  it.each([
    ['the store recognises the event ids as already written', false, 1],
    ['the store reports a conflict', true, 2],
  ])(
    'returns the outcome a concurrent duplicate of the same command id wrote, writing nothing itself, when %s',
    async (_, conflicts, attempts) => {
      const inner = await openedStore()
      let duplicate: Outcome | undefined
      const racy: EventStore = {
        ...readThenAppend(inner),
        append: (streamName, events, expected) => async () => {
          if (duplicate !== undefined) return inner.append(streamName, events, expected)()
          duplicate = await setUp(inner).handler.handle(request(sari), { commandId: 'req-sari' })()
          return conflicts
            ? E.left({ _tag: 'ConcurrencyConflict', streamName, expected, actual: 1 })
            : inner.append(streamName, events, expected)()
        },
      }
      const result = await setUp(racy).handler.handle(request(sari), { commandId: 'req-sari' })()
      expect(result).toMatchObject(E.right({ written: false, attempts, nextExpectedRevision: 1 }))
      expect(E.isRight(result) && result.right.events).toEqual(
        duplicate !== undefined && E.isRight(duplicate) && duplicate.right.events,
      )
      await expect(revisionOf(inner)).resolves.toEqual(E.right(1))
    },
  )

  it('gives up with a `conflict` failure after the bounded attempts, backing off between them', async () => {
    const inner = await openedStore()
    const busy: EventStore = {
      ...readThenAppend(inner),
      append: (streamName, _events, expected) => () =>
        Promise.resolve(E.left({ _tag: 'ConcurrencyConflict', streamName, expected, actual: 7 })),
    }
    const { handler, sleeps } = setUp(busy, 3)
    const result = await handler.handle(request(sari), { commandId: 'req-sari' })()
    expect(result).toEqual(E.left({ kind: 'conflict', streamName: stream, attempts: 3, expected: 0, actual: 7 }))
    const policy = { ...defaultRetryPolicy, attempts: 3 }
    expect(sleeps).toEqual([backoffDelay(policy, 'req-sari', 1), backoffDelay(policy, 'req-sari', 2)])
    await expect(revisionOf(inner)).resolves.toEqual(E.right(0))
  })
})

describe('command handler on a store that reads and appends under one write lock', () => {
  /** What a write under the lock asks the store to append, decided on the stream as it is, nothing written. */
  const asked = async (
    store: EventStore,
    streamName: string,
    write: Parameters<NonNullable<EventStore['readAndAppend']>>[2],
  ) => {
    if (store.readAndAppend === undefined) throw new Error('the in-memory store reads and appends under one lock')
    let append: ReturnType<typeof write>['append']
    await store.readAndAppend(streamName, 0, records => {
      append = write(records).append
      return { value: undefined }
    })()
    return append
  }

  it('reads, decides and appends each command in one step: concurrent commands on one stream meet no conflict', async () => {
    const store = await openedStore()
    const { handler, sleeps, decisions } = setUp(store)
    const staff = [sari, rudi, nip('199001012015031003'), nip('198811222012122001')]
    const results = await Promise.all(staff.map(who => handler.handle(request(who), { commandId: `req-${who}` })()))
    expect(results.map(result => E.isRight(result) && [result.right.written, result.right.attempts])).toEqual(
      staff.map(() => [true, 1]),
    )
    expect(sleeps).toEqual([])
    expect(decisions).toHaveLength(4)
    await expect(verifyChain(store.readStream(stream))).resolves.toMatchObject({ valid: true, events: 5 })
  })

  it('reports `unavailable` when the locked write fails or rejects, and `invalid-event` when its append is refused', async () => {
    const inner = await openedStore()
    const failing = (answer: 'unavailable' | 'rejects' | 'invalid'): EventStore => ({
      ...inner,
      readAndAppend: (streamName, _fromRevision, write) => async () => {
        const append = await asked(inner, streamName, write)
        if (answer === 'rejects') throw new Error('socket closed')
        return answer === 'unavailable'
          ? E.left({ _tag: 'StoreUnavailable', message: 'disk I/O error' })
          : E.left(invalidAppend(streamName, append?.events[0]?.eventId ?? '', 'is already stored elsewhere'))
      },
    })
    const handle = (store: EventStore) => setUp(store).handler.handle(request(sari), { commandId: 'req-sari' })()
    expect(await handle(failing('unavailable'))).toMatchObject(
      E.left({ kind: 'unavailable', message: 'disk I/O error' }),
    )
    expect(await handle(failing('rejects'))).toMatchObject(E.left({ kind: 'unavailable', message: 'socket closed' }))
    expect(await handle(failing('invalid'))).toMatchObject(
      E.left({ kind: 'invalid-event', eventType: 'PlaceRequested', streamName: stream }),
    )
    expect(await inner.streamRevision(stream)()).toEqual(E.right(0))
  })

  it('retries a conflict the locked write reports, and gives up after the bounded attempts', async () => {
    const inner = await openedStore()
    const conflicted: EventStore = {
      ...inner,
      readAndAppend: (streamName, _fromRevision, write) => async () => {
        const append = await asked(inner, streamName, write)
        return E.left({ _tag: 'ConcurrencyConflict', streamName, expected: append?.expected ?? 'any', actual: 7 })
      },
    }
    const { handler, sleeps } = setUp(conflicted, 2)
    const result = await handler.handle(request(sari), { commandId: 'req-sari' })()
    expect(result).toEqual(E.left({ kind: 'conflict', streamName: stream, attempts: 2, expected: 0, actual: 7 }))
    expect(sleeps).toHaveLength(1)
  })
})

describe('retry backoff', () => {
  it('doubles from the base, is capped, and spreads writers by a factor in [0.5, 1.5) from the command id', () => {
    const policy = { attempts: 10, backoffMs: 10, maxBackoffMs: 100 }
    for (const id of ['a', 'b', 'req-sari'])
      for (let retry = 1; retry <= 6; retry++) {
        const base = Math.min(100, 10 * 2 ** (retry - 1))
        const delay = backoffDelay(policy, id, retry)
        expect(delay).toBeGreaterThanOrEqual(Math.round(base * 0.5))
        expect(delay).toBeLessThanOrEqual(Math.round(base * 1.5))
        expect(backoffDelay(policy, id, retry)).toBe(delay)
      }
    expect(new Set(['a', 'b', 'c', 'd', 'e'].map(id => backoffDelay(policy, id, 3))).size).toBeGreaterThan(1)
  })
})

describe('command handler when the store fails', () => {
  it('reports `unavailable` when an append fails, with the store message', async () => {
    const inner = await openedStore()
    const down: EventStore = {
      ...readThenAppend(inner),
      append: () => () => Promise.resolve(E.left({ _tag: 'StoreUnavailable', message: 'disk I/O error' })),
    }
    const result = await setUp(down).handler.handle(request(sari), { commandId: 'req-sari' })()
    expect(result).toMatchObject(E.left({ kind: 'unavailable', streamName: stream, message: 'disk I/O error' }))
  })

  it('reports `invalid-event` naming the event type when the store refuses the batch itself, without retrying', async () => {
    const inner = await openedStore()
    const refusing: EventStore = {
      ...readThenAppend(inner),
      append: (streamName, events) => () =>
        Promise.resolve(
          E.left(invalidAppend(streamName, events[0]?.eventId ?? '', 'is already stored in stream enrollment-other')),
        ),
    }
    const { handler, decisions } = setUp(refusing)
    const result = await handler.handle(request(sari), { commandId: 'req-sari' })()
    expect(result).toMatchObject(
      E.left({
        kind: 'invalid-event',
        streamName: stream,
        eventType: 'PlaceRequested',
        reason: expect.stringMatching(
          /^the store refused event [0-9a-f-]{36}: is already stored in stream enrollment-other$/,
        ) as string,
      }),
    )
    expect(decisions).toHaveLength(1)
    expect(await inner.streamRevision(stream)()).toEqual(E.right(0))
  })

  it('reports `unavailable` when an append rejects instead of returning its failure', async () => {
    const inner = await openedStore()
    const broken: EventStore = {
      ...readThenAppend(inner),
      append: () => () => Promise.reject(new Error('socket closed')),
    }
    const result = await setUp(broken).handler.handle(request(sari), { commandId: 'req-sari' })()
    expect(result).toMatchObject(E.left({ kind: 'unavailable', message: 'socket closed' }))
  })

  it('reports `unavailable` when the stream cannot be read', async () => {
    const inner = await openedStore()
    const unreadable: EventStore = {
      ...readThenAppend(inner),
      readStream: () => ({
        [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(new StoreUnavailableError('database is locked')) }),
      }),
    }
    const { handler, decisions } = setUp(unreadable)
    const result = await handler.handle(request(sari), { commandId: 'req-sari' })()
    expect(result).toMatchObject(E.left({ kind: 'unavailable', message: 'database is locked' }))
    expect(decisions).toEqual([])
  })
})

describe('handle failures', () => {
  it('each reads as one line naming the stream and the reason', () => {
    const lines = [
      formatHandleFailure({
        kind: 'rejected',
        streamName: stream,
        rejection: { code: 'x', message: 'Places are closed' },
      }),
      formatHandleFailure({ kind: 'conflict', streamName: stream, attempts: 5, expected: 3, actual: 4 }),
      formatHandleFailure({ kind: 'unavailable', streamName: stream, message: 'disk I/O error' }),
      formatHandleFailure({ kind: 'corrupt-stream', streamName: stream, revision: 2, reason: 'broken JSON' }),
      formatHandleFailure({ kind: 'invalid-event', streamName: stream, eventType: 'PlaceRequested', reason: 'no' }),
    ]
    expect(lines).toEqual([
      `${stream}: rejected: Places are closed`,
      `${stream}: still changed by another writer after 5 attempts (expected 3, found 4)`,
      `${stream}: store unavailable: disk I/O error`,
      `${stream}: refusing to decide on a corrupt stream: revision 2: broken JSON`,
      `${stream}: cannot write PlaceRequested: no`,
    ])
  })
})
