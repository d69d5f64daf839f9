import * as E from 'fp-ts/lib/Either.js'
import fc from 'fast-check'
import {
  type AppendError,
  type EventStore,
  inMemoryEventStore,
  type LockedWrite,
  type LockedWriteResult,
  type ReadStreamOptions,
  type StoredRecord,
} from '@pembina/core'
import { describe, expect, it } from 'vitest'
import { commandHandlerModelProperty } from './command-handler-model.js'

// Stores with a known bug each, over the in-memory store: the model-based property must fail on every one. A
// property that passes on a planted bug is a defect of the property.

/** The store's own calls, bound, without `readAndAppend`. */
const unlocked = (store: EventStore): EventStore => ({
  append: (streamName, events, expected) => store.append(streamName, events, expected),
  readStream: (streamName, options) => store.readStream(streamName, options),
  readAll: options => store.readAll(options),
  subscribe: options => store.subscribe(options),
  streamRevision: streamName => store.streamRevision(streamName),
  close: () => store.close(),
})

const collect = async (records: AsyncIterable<StoredRecord>): Promise<StoredRecord[]> => {
  const all: StoredRecord[] = []
  try {
    for await (const record of records) all.push(record)
  } catch (cause) {
    if (!(cause instanceof Error && cause.name === 'StreamNotFoundError')) throw cause
  }
  return all
}

const otherWritersRun = (): Promise<void> =>
  new Promise(resolve => {
    setImmediate(resolve)
  })

/** Appends at any revision, whatever the writer expected: concurrent writers overwrite each other's decisions. */
const ignoresExpectedRevision = (store: EventStore): EventStore => ({
  ...unlocked(store),
  append: (streamName, events) => store.append(streamName, events, 'any'),
})

/** A locked write that is no lock: it reads, lets other writers run, then appends at any revision. */
const lockThatDoesNotLock = (store: EventStore): EventStore => ({
  ...unlocked(store),
  readAndAppend:
    <A>(streamName: string, fromRevision: number, write: (records: Iterable<StoredRecord>) => LockedWrite<A>) =>
    async (): Promise<E.Either<AppendError, LockedWriteResult<A>>> => {
      const records = await collect(store.readStream(streamName, { fromRevision }))
      await otherWritersRun()
      const { value, append } = write(records)
      if (append === undefined) return E.right({ value, appended: null })
      const appended = await store.append(streamName, append.events, 'any')()
      return E.isLeft(appended) ? appended : E.right({ value, appended: appended.right })
    },
})

/** Reads stop after a first page of three events, as an adapter that forgets to ask for the next page. */
const readsOnePage = (store: EventStore): EventStore => ({
  ...unlocked(store),
  readStream: (streamName: string, options: ReadStreamOptions = {}) =>
    store.readStream(streamName, { ...options, limit: Math.min(options.limit ?? 3, 3) }),
})

/** Answers a re-append of events it already holds as a new write: a retried command reports it wrote. */
const reportsReappendAsWritten = (store: EventStore): EventStore => ({
  ...unlocked(store),
  append: (streamName, events, expected) => async () => {
    const appended = await store.append(streamName, events, expected)()
    return E.isLeft(appended) ? appended : E.right({ ...appended.right, written: true })
  },
})

/** Stores only the first event of a command's events. */
const writesPartOfABatch = (store: EventStore): EventStore => ({
  ...unlocked(store),
  append: (streamName, events, expected) => store.append(streamName, events.slice(0, 1), expected),
})

const planted: readonly (readonly [string, (store: EventStore) => EventStore])[] = [
  ['ignores the expected revision', ignoresExpectedRevision],
  ['has a locked write that does not lock', lockThatDoesNotLock],
  ['reads only a first page of each stream', readsOnePage],
  ['answers a re-append of stored events as a new write', reportsReappendAsWritten],
  ['stores only the first event of a batch', writesPartOfABatch],
]

describe('the command handler model’s allowance for EventStoreDB', () => {
  it('accepts a re-append answered as a new write only with reappendsAtOnceMayReportWritten', async () => {
    const property = commandHandlerModelProperty(() => reportsReappendAsWritten(inMemoryEventStore()), {
      reappendsAtOnceMayReportWritten: true,
    })
    await fc.assert(property, { seed: 20261219, numRuns: 100 })
  })
})

describe('the command handler model catches a broken store', { timeout: 60_000 }, () => {
  for (const [bug, broken] of planted)
    it(`fails on a store that ${bug}, with a counterexample of a few commands`, async () => {
      const property = commandHandlerModelProperty(() => broken(inMemoryEventStore()))
      const details = await fc.check(property, { seed: 20261219, numRuns: 200 })
      expect(details.failed).toBe(true)
      const commands = [...(details.counterexample?.[1] ?? [])]
      expect(commands.length).toBeGreaterThan(0)
      expect(commands.length).toBeLessThanOrEqual(5)
    })
})
