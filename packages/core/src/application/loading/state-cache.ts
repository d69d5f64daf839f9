import type { LoadBase } from './stream-load.js'

/**
 * States of recently handled streams, kept in this process so a command handler reads only what was appended since
 * (the cached revision and after) instead of the whole stream. Each entry is a folded state at a revision whose hash
 * the next load checks against the stream: an entry the stream no longer agrees with is dropped, never trusted.
 *
 * The states are shared between commands, so the decider's `evolve` must return new states and never mutate the one
 * it is given (every decider in this library is pure).
 */
export interface StateCache<State> {
  /** The entry of a stream, or undefined. Marks the stream as recently used. */
  readonly get: (streamName: string) => LoadBase<State> | undefined
  /** Keeps an entry unless the cache already holds a later revision of the stream (another call got further). */
  readonly set: (streamName: string, entry: LoadBase<State>) => void
  readonly delete: (streamName: string) => void
  /** How many streams are cached. */
  readonly size: () => number
  /** How many command ids each entry keeps, to recognise a command sent again. */
  readonly commandLimit: number
}

/** Options of `stateCache`. */
export interface StateCacheOptions {
  /** The most streams kept; the least recently used goes first (default 10,000). */
  readonly maxStreams?: number
  /** The most recent command ids kept per stream (default 100). */
  readonly commandLimit?: number
}

const positiveInteger = (value: number | undefined, fallback: number, name: string): number => {
  if (value === undefined) return fallback
  if (!Number.isSafeInteger(value) || value < 1)
    throw new RangeError(`${name} must be a positive integer, not ${value}`)
  return value
}

/**
 * An in-process cache of folded states for one command handler (pass it as the handler's `cache`), bounded by a
 * number of streams with least-recently-used eviction. It holds nothing durable: losing it costs only longer loads.
 */
export const stateCache = <State>(options: StateCacheOptions = {}): StateCache<State> => {
  const maxStreams = positiveInteger(options.maxStreams, 10_000, 'maxStreams')
  const commandLimit = positiveInteger(options.commandLimit, 100, 'commandLimit')
  // A Map keeps insertion order: re-inserting on use puts the least recently used stream first.
  const entries = new Map<string, LoadBase<State>>()
  return {
    get: streamName => {
      const entry = entries.get(streamName)
      if (entry !== undefined) {
        entries.delete(streamName)
        entries.set(streamName, entry)
      }
      return entry
    },
    set: (streamName, entry) => {
      const held = entries.get(streamName)
      if (held !== undefined && held.revision > entry.revision) return
      entries.delete(streamName)
      entries.set(streamName, entry)
      if (entries.size > maxStreams) {
        const oldest = entries.keys().next()
        if (oldest.done !== true) entries.delete(oldest.value)
      }
    },
    delete: streamName => {
      entries.delete(streamName)
    },
    size: () => entries.size,
    commandLimit,
  }
}
