import { randomUUID } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import type {
  AppendResult,
  ConcurrencyConflict,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  StoredEvent,
  StoredRecord,
} from '@pembina/core'

/** Options of the EventStore contract suite; every one has a default. */
export interface EventStoreContractOptions {
  /** Events in the large-stream test (default 20,000); raise it to measure memory by hand. */
  readonly largeStreamSize?: number
  /** Events per append while writing the large stream (default 500). */
  readonly appendBatchSize?: number
  /** Timeout of the large-stream test in milliseconds (default 60,000). */
  readonly largeStreamTimeoutMs?: number
  /** How long a test waits for a subscription to deliver, in milliseconds (default 5,000). */
  readonly deliveryTimeoutMs?: number
  /**
   * Writes, at the stream's next revision, a record the store cannot read as an event (broken JSON). When given,
   * the suite checks that reads report it as a CorruptRecord in its place and carry on.
   */
  readonly writeCorruptRecord?: (store: EventStore, streamName: string) => Promise<void>
  /**
   * The store offers `countAfter` (default false). When true the suite checks its counts against reads of all;
   * when false it checks that the store leaves `countAfter` out.
   */
  readonly countsEvents?: boolean
  /**
   * The store offers `readAndAppend`, reading and appending under one write lock (default false). When true the suite
   * checks it; when false it checks that the store leaves `readAndAppend` out.
   */
  readonly locksWrites?: boolean
}

/** What every group of contract cases shares: stores closed after each test, unique names, the options. */
export interface ContractContext {
  /** Opens a store that is closed after the test. */
  readonly open: () => Promise<EventStore>
  /** Closes a store now (instead of after the test). */
  readonly closeNow: (store: EventStore) => Promise<void>
  /** A category no other test or run uses (letters and digits, no dash). */
  readonly uniqueCategory: () => string
  /** A stream name no other test or run uses, in the given category or a new one. */
  readonly uniqueStream: (category?: string) => string
  readonly largeStreamSize: number
  readonly appendBatchSize: number
  readonly largeStreamTimeoutMs: number
  readonly deliveryTimeoutMs: number
  readonly writeCorruptRecord: EventStoreContractOptions['writeCorruptRecord']
  readonly countsEvents: boolean
  readonly locksWrites: boolean
}

/** Builds the shared context: `track` registers each opened store for closing after the test. */
export const contractContext = (
  makeStore: () => Promise<EventStore> | EventStore,
  options: EventStoreContractOptions,
  opened: Set<EventStore>,
): ContractContext => {
  // Names must not collide with earlier runs when the store is a shared, persistent one (EventStoreDB).
  const runId = randomUUID().replaceAll('-', '').slice(0, 10)
  let counter = 0
  const next = (): number => (counter += 1)
  const uniqueCategory = (): string => `contract${runId}c${next()}`
  return {
    open: async () => {
      const store = await makeStore()
      opened.add(store)
      return store
    },
    closeNow: async store => {
      opened.delete(store)
      await store.close()
    },
    uniqueCategory,
    uniqueStream: (category = uniqueCategory()) => `${category}-s${next()}`,
    largeStreamSize: options.largeStreamSize ?? 20_000,
    appendBatchSize: options.appendBatchSize ?? 500,
    largeStreamTimeoutMs: options.largeStreamTimeoutMs ?? 60_000,
    deliveryTimeoutMs: options.deliveryTimeoutMs ?? 5_000,
    writeCorruptRecord: options.writeCorruptRecord,
    countsEvents: options.countsEvents ?? false,
    locksWrites: options.locksWrites ?? false,
  }
}

/** A fresh event with a new id, a type, and the given data. */
export const testEvent = (data: unknown = {}, type = 'ContractTested'): EventToAppend => ({
  eventId: randomUUID(),
  type,
  data,
  metadata: { suite: 'event-store-contract' },
})

/** `count` fresh events whose data numbers them from `from`. */
export const testEvents = (count: number, from = 0): readonly EventToAppend[] =>
  Array.from({ length: count }, (_, i) => testEvent({ n: from + i }))

/** Reads an async iterable to the end. */
export const collect = async <T>(iterable: AsyncIterable<T>): Promise<readonly T[]> => {
  const items: T[] = []
  for await (const item of iterable) items.push(item)
  return items
}

/** The records as events, failing on a corrupt record (no contract case writes one unless asked to). */
export const asEvents = (records: readonly StoredRecord[]): readonly StoredEvent[] =>
  records.map(record => {
    if (record.kind === 'corrupt') throw new Error(`unexpected corrupt record: ${JSON.stringify(record.reason)}`)
    return record
  })

/** Appends and returns the result, failing the test when the append fails. */
export const appendOk = async (
  store: EventStore,
  streamName: string,
  events: readonly EventToAppend[],
  expected: ExpectedRevision,
): Promise<AppendResult> => {
  const result = await store.append(streamName, events, expected)()
  if (E.isLeft(result)) throw new Error(`append to ${streamName} (expected ${expected}) failed: ${show(result.left)}`)
  return result.right
}

/** Appends and returns the concurrency conflict, failing the test when the append succeeds or fails otherwise. */
export const appendConflict = async (
  store: EventStore,
  streamName: string,
  events: readonly EventToAppend[],
  expected: ExpectedRevision,
): Promise<ConcurrencyConflict> => {
  const result = await store.append(streamName, events, expected)()
  if (E.isRight(result) || result.left._tag !== 'ConcurrencyConflict')
    throw new Error(`append to ${streamName} (expected ${expected}) should conflict: ${show(result)}`)
  return result.left
}

const show = (value: unknown): string =>
  JSON.stringify(value, (_, v: unknown) => (typeof v === 'bigint' ? `${v.toString()}n` : v))

/** The ids of the events read from a stream. */
export const idsOf = (events: readonly { readonly eventId: string }[]): readonly string[] => events.map(e => e.eventId)

/** What `within` rejects with when the promise took too long. */
export class TimedOut extends Error {
  override readonly name = 'TimedOut'
}

/** Resolves as `promise` does, or rejects with `TimedOut` naming `what` when it takes longer than `ms`. */
export const within = async <T>(promise: Promise<T>, ms: number, what: string): Promise<T> => {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new TimedOut(`${what}: nothing within ${ms} ms`))
    }, ms)
  })
  try {
    return await Promise.race([promise, timeout])
  } finally {
    clearTimeout(timer)
  }
}
