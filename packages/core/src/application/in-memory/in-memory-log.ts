import type { StoredEvent } from '../../kernel/event-store.js'

/**
 * One event as the in-memory store keeps it and hands it out: its data and metadata are what their JSON text reads
 * back as (so they round-trip as in a durable store), frozen all the way down, so no caller can change what was
 * written and no read needs a copy.
 */
export type InMemoryRow = StoredEvent

const freezeDeep = (value: unknown): unknown => {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) freezeDeep(child)
    Object.freeze(value)
  }
  return value
}

/**
 * A value as a store keeps it: what its JSON text reads back as (JSON has no `undefined`: an absent value, or a
 * function, is kept as null), frozen. Throws when the value has no JSON text (a bigint, a cycle).
 */
export const storedJson = (value: unknown): unknown => {
  const text: unknown = JSON.stringify(value)
  const parsed: unknown = typeof text === 'string' ? JSON.parse(text) : null
  return freezeDeep(parsed)
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
