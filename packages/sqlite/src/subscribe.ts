import {
  type CaughtUp,
  type StoredRecord,
  type SubscribeOptions,
  type Subscription,
  StoreUnavailableError,
  wakeSignal,
} from '@pembina/core'
import { nextTurn } from './read.js'

/** What a subscription needs of the store: pages of the global order, its head, and word of appends and close. */
export interface SubscriptionSource {
  /** The global position of the last stored event (0 when none); throws `StoreUnavailableError` on failure. */
  readonly headPosition: () => bigint
  /** Up to `limit` records after `after` and up to `upTo` that pass the subscription's filter, in global order. */
  readonly page: (after: bigint, upTo: bigint, limit: number) => readonly StoredRecord[]
  readonly pageSize: number
  /** How long to wait between looks for events other connections (other processes) appended. */
  readonly pollIntervalMs: number
  /** Registers a listener woken on every append through this store and on its close; returns its removal. */
  readonly listen: (listener: () => void) => () => void
  readonly isClosed: () => boolean
  /** The message of the error a subscription to a closed store fails with. */
  readonly closedMessage: string
}

/**
 * Opens a subscription: stored records after `after` page by page, then `caught-up`, then new records as they
 * are appended (woken at once by this store's appends, and by polling for other processes'), until closed.
 */
export const openSubscription = (source: SubscriptionSource, options: SubscribeOptions = {}): Subscription => {
  let closed = false
  // Woken at once by this store's appends and its close, and by the poll interval for other processes' appends.
  const changes = wakeSignal(source.pollIntervalMs)
  const unlisten = source.listen(changes.wake)
  const close = (): Promise<void> => {
    closed = true
    unlisten()
    changes.wake()
    return Promise.resolve()
  }
  const ended = (): boolean => closed || source.isClosed()

  async function* feed(): AsyncGenerator<StoredRecord | CaughtUp, void, undefined> {
    try {
      if (source.isClosed()) throw new StoreUnavailableError(source.closedMessage)
      let after = options.after ?? 0n
      let lastDelivered: bigint | null = null
      let caughtUp = false
      while (!ended()) {
        const end = source.headPosition()
        const records = after < end ? source.page(after, end, source.pageSize) : []
        for (const record of records) {
          lastDelivered = record.position
          yield record
          if (ended()) return
        }
        const last = records[records.length - 1]
        if (last !== undefined && records.length === source.pageSize) {
          after = last.position
          await nextTurn()
          continue
        }
        // Every event up to `end` was looked at, whether or not it passed the filter.
        if (end > after) after = end
        if (!caughtUp) {
          caughtUp = true
          yield { kind: 'caught-up', position: lastDelivered }
        } else await changes.wait()
      }
    } finally {
      await close()
    }
  }

  const iterator = feed()
  return { [Symbol.asyncIterator]: () => iterator, close }
}
