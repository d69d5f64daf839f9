import {
  type CaughtUp,
  type StoredRecord,
  type SubscribeOptions,
  type Subscription,
  StoreUnavailableError,
  matchesFilter,
} from '../../kernel/event-store.js'
import { type InMemoryRow, firstIndexAfter } from './in-memory-log.js'
import { wakeSignal } from './wake-signal.js'

/** What a subscription needs of the in-memory store: its log, whether it is closed, and a way to hear of appends. */
export interface SubscriptionSource {
  readonly log: readonly InMemoryRow[]
  readonly isClosed: () => boolean
  /** Registers a listener woken on every append and on close; returns its removal. */
  readonly listen: (listener: () => void) => () => void
}

/** Opens a subscription over the in-memory log: catch-up from `after`, then `caught-up`, then live until closed. */
export const openSubscription = (source: SubscriptionSource, options: SubscribeOptions = {}): Subscription => {
  let closed = false
  // Woken by the next append or close.
  const changes = wakeSignal()
  const unlisten = source.listen(changes.wake)
  const close = (): Promise<void> => {
    closed = true
    unlisten()
    changes.wake()
    return Promise.resolve()
  }

  async function* feed(): AsyncGenerator<StoredRecord | CaughtUp, void, undefined> {
    try {
      if (source.isClosed()) throw new StoreUnavailableError('the in-memory event store is closed')
      // Not clamped to the log's length now: a start past the end skips the events appended up to it.
      let index = firstIndexAfter(options.after, Number.MAX_SAFE_INTEGER)
      let lastDelivered: bigint | null = null
      let caughtUp = false
      while (!closed && !source.isClosed()) {
        const row = source.log[index]
        if (row !== undefined) {
          index += 1
          if (!matchesFilter(row.streamName, options.filter)) continue
          lastDelivered = row.position
          yield row
        } else if (!caughtUp) {
          caughtUp = true
          yield { kind: 'caught-up', position: lastDelivered }
        } else {
          await changes.wait()
        }
      }
    } finally {
      await close()
    }
  }

  const iterator = feed()
  return { [Symbol.asyncIterator]: () => iterator, close }
}
