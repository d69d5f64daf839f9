import type { StoredRecord } from '../../kernel/event-store.js'

// Records whose store promises they never change: frozen all the way down and handed out as stored, on every read.
const immutable = new WeakSet<StoredRecord>()

/** Marks a record its store will never change (frozen all the way down, the same object on every read). */
export const markImmutable = (record: StoredRecord): void => {
  immutable.add(record)
}

/** Whether a record's store marked it as never changing: what checking it came to once holds for good. */
export const isImmutable = (record: StoredRecord): boolean => immutable.has(record)
