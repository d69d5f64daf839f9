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

type Delivery = IteratorResult<StoredRecord | CaughtUp, void>

const ended: Delivery = Object.freeze({ done: true, value: undefined })

/**
 * Opens a subscription: stored records after `after` page by page, then `caught-up`, then new records as they
 * are appended (woken at once by this store's appends, and by polling for other processes'), until closed.
 *
 * The iterator is written out rather than an async generator: a record of the page in hand is handed over at once,
 * without the generator's queue and resumption per record, which was a measurable share of a projection rebuild.
 * Only reading a page, the turn between pages and the wait for appends go through the slow, serialised path.
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
  const stopped = (): boolean => closed || source.isClosed()

  let started = false
  let finished = false
  let after = options.after ?? 0n
  let lastDelivered: bigint | null = null
  let caughtUp = false
  // The page in hand, the next record of it to deliver, and the head position it was read up to.
  let page: readonly StoredRecord[] = []
  let index = 0
  let end = 0n
  let pageRead = false
  // The slow step in flight: a second `next` while one waits is chained after it, as a generator would queue it.
  let busy: Promise<Delivery> | undefined

  // The next record of the page in hand, if one is left.
  const fromPage = (): Delivery | undefined => {
    const record = page[index]
    if (record === undefined) return undefined
    index++
    lastDelivered = record.position
    return { done: false, value: record }
  }

  const finish = async (): Promise<Delivery> => {
    finished = true
    page = []
    await close()
    return ended
  }

  // Reads pages (a turn of the event loop between full ones, a wait for appends once caught up) until it has a record
  // or `caught-up` to deliver, or the subscription has ended.
  const step = async (): Promise<Delivery> => {
    try {
      if (finished) return ended
      if (!started) {
        started = true
        if (source.isClosed()) throw new StoreUnavailableError(source.closedMessage)
      }
      for (;;) {
        if (stopped()) return await finish()
        const delivered = fromPage()
        if (delivered !== undefined) return delivered
        if (!pageRead) {
          end = source.headPosition()
          page = after < end ? source.page(after, end, source.pageSize) : []
          index = 0
          pageRead = true
          continue
        }
        // The page in hand is delivered: a full one may have more behind it; otherwise everything up to `end` was
        // looked at, whether or not it passed the filter.
        pageRead = false
        const last = page[page.length - 1]
        const full = page.length === source.pageSize
        page = []
        index = 0
        if (last !== undefined && full) {
          after = last.position
          await nextTurn()
          continue
        }
        if (end > after) after = end
        if (!caughtUp) {
          caughtUp = true
          return { done: false, value: { kind: 'caught-up', position: lastDelivered } }
        }
        await changes.wait()
      }
    } catch (error) {
      await finish()
      throw error
    }
  }

  const next = (): Promise<Delivery> => {
    if (busy === undefined && !finished && !stopped()) {
      const delivered = fromPage()
      if (delivered !== undefined) return Promise.resolve(delivered)
    }
    const previous = busy
    const current = previous === undefined ? step() : previous.then(step, step)
    busy = current
    const settle = (): void => {
      if (busy === current) busy = undefined
    }
    current.then(settle, settle)
    return current
  }

  const iterator: AsyncIterator<StoredRecord | CaughtUp, void, undefined> = {
    next,
    return: () => finish(),
  }
  return { [Symbol.asyncIterator]: () => iterator, close }
}
