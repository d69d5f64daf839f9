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

/** Says that a value is not plain JSON data, so its copy takes the JSON text route, with all of JSON's rules. */
class NotPlain extends Error {}
const notPlain = new NotPlain()

// Deeper than this, a value is copied through its JSON text (which also finds a cycle).
const plainDepth = 64

/**
 * A frozen copy of plain JSON data (null, booleans, finite numbers, strings, arrays, plain objects), equal to what its
 * JSON text reads back as, made without writing the text: keys keep their order, -0 is 0. Anything else (undefined, a
 * function, a `toJSON` method, a class instance, a `__proto__` key, a hole) throws `notPlain`.
 */
const plainCopy = (value: unknown, depth: number): unknown => {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value
    case 'number':
      if (!Number.isFinite(value)) throw notPlain
      return value === 0 ? 0 : value
    case 'object': {
      if (value === null) return null
      if (depth > plainDepth) throw notPlain
      if (Array.isArray(value)) {
        const items: unknown[] = []
        for (let i = 0; i < value.length; i++) {
          if (!(i in value)) throw notPlain
          items.push(plainCopy(value[i], depth + 1))
        }
        return Object.freeze(items)
      }
      if (Object.getPrototypeOf(value) !== Object.prototype || 'toJSON' in value) throw notPlain
      const copy: Record<string, unknown> = {}
      for (const key of Object.keys(value)) {
        if (key === '__proto__') throw notPlain
        copy[key] = plainCopy((value as Readonly<Record<string, unknown>>)[key], depth + 1)
      }
      return Object.freeze(copy)
    }
    default:
      throw notPlain
  }
}

/**
 * A value as a store keeps it: what its JSON text reads back as (JSON has no `undefined`: an absent value, or a
 * function, is kept as null), frozen. Plain data is copied directly; anything else goes through its JSON text. Throws
 * when the value has no JSON text (a bigint, a cycle).
 */
export const storedJson = (value: unknown): unknown => {
  try {
    return plainCopy(value, 0)
  } catch (error) {
    if (error !== notPlain) throw error
  }
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
