import type { StoredEvent } from '../../kernel/event-store.js'

/** One event as the in-memory store keeps it: data and metadata as JSON text, so no caller can mutate them. */
export interface InMemoryRow {
  readonly streamName: string
  readonly revision: number
  readonly position: bigint
  readonly eventId: string
  readonly type: string
  readonly data: string
  readonly metadata: string
}

/** Reads a row back as a stored event with fresh copies of its data and metadata. */
export const rowToEvent = (row: InMemoryRow): StoredEvent => ({
  kind: 'event',
  streamName: row.streamName,
  revision: row.revision,
  position: row.position,
  eventId: row.eventId,
  type: row.type,
  data: parseJson(row.data),
  metadata: parseJson(row.metadata),
})

// JSON.parse is typed `any`; widening to unknown keeps the value undecoded for the reader.
const parseJson = (text: string): unknown => {
  const value: unknown = JSON.parse(text)
  return value
}

/** The index in the global log of the first row after `after`: positions are the row's index plus one. */
export const firstIndexAfter = (after: bigint | undefined, length: number): number =>
  after === undefined || after < 0n ? 0 : after >= BigInt(length) ? length : Number(after)

/** How many records a read may still yield: its limit, or no bound. */
export const readLimit = (limit: number | undefined): number =>
  limit === undefined ? Number.POSITIVE_INFINITY : Math.max(0, limit)

/** Serves a synchronous generator as an async iterable, started afresh on each iteration; its throws become rejections. */
export const lazyAsync = <T>(generate: () => Generator<T, void, undefined>): AsyncIterable<T> => ({
  [Symbol.asyncIterator]: () => {
    const generator = generate()
    const settle = (step: () => IteratorResult<T, void>): Promise<IteratorResult<T, void>> => {
      try {
        return Promise.resolve(step())
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)))
      }
    }
    return {
      next: () => settle(() => generator.next()),
      return: () => settle(() => generator.return(undefined)),
    }
  },
})
