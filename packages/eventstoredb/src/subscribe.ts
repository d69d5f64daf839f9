import * as E from 'fp-ts/lib/Either.js'
import {
  type CaughtUp,
  type StoredRecord,
  type SubscribeOptions,
  type Subscription,
  StoreUnavailableError,
  matchesFilter,
} from '@pembina/core'
import { isPastHead, nothingToCatchUp, signalCoversHead } from './catch-up.js'
import { type FollowAttempt, followAll } from './follow.js'
import {
  backoffDelay,
  decodeResolvedEvent,
  errorMeaning,
  isSystemEvent,
  streamSelection,
  toStoredRecord,
} from './mapping.js'
import { type ReadContext, readAllHead } from './read.js'
import { type ResubscribePolicy, describeError, pause } from './retry.js'

/** What a subscription needs: a read context, the resubscribe backoff, and the store's registry of open feeds. */
export interface SubscribeContext extends ReadContext {
  readonly resubscribe: ResubscribePolicy
  /** Registers a feed's close, run when the store closes; returns its removal. */
  readonly track: (close: () => Promise<void>) => () => void
}

/**
 * Opens a subscription: one `subscribeToAll` after `after`, filtered on the server by stream-name prefix, delivers
 * the stored events and then the live ones. `caught-up` comes when the server says it has caught up (EventStoreDB
 * 23.10 and later), or, on older servers, at the first event past the end of `$all` read at the start or the first
 * checkpoint at or past it.
 * When the server is lost it resubscribes after the last event it looked at, with a bounded backoff, until closed:
 * the consumer sees no gap and no duplicate.
 */
export const openSubscription = (ctx: SubscribeContext, options: SubscribeOptions = {}): Subscription => {
  let closed = false
  let attempt: FollowAttempt | undefined
  let interruptPause: (() => void) | undefined
  const ended = (): boolean => closed || ctx.isClosed()
  const close = async (): Promise<void> => {
    if (closed) return
    closed = true
    untrack()
    interruptPause?.()
    await attempt?.stop()
  }
  const untrack = ctx.track(close)
  const selection = streamSelection(options.filter)
  const wait = (failures: number): Promise<void> =>
    pause(backoffDelay(failures, ctx.resubscribe.initialDelayMs, ctx.resubscribe.maxDelayMs), wake => {
      interruptPause = wake
    })
  const failed = (what: string, error: unknown): StoreUnavailableError =>
    new StoreUnavailableError(`${what} failed: ${describeError(error)}`, { cause: error })

  // The end of `$all` now, waiting out an unavailable server like a resubscription does; undefined once closed.
  const headNow = async (): Promise<{ readonly head: bigint | null } | undefined> => {
    for (let failures = 1; !ended(); failures += 1) {
      try {
        return { head: await readAllHead(ctx) }
      } catch (error) {
        if (errorMeaning(error).kind !== 'unavailable') throw failed('reading the end of $all', error)
        await wait(failures)
      }
    }
    return undefined
  }

  async function* feed(): AsyncGenerator<StoredRecord | CaughtUp, void, undefined> {
    try {
      if (ctx.isClosed()) throw new StoreUnavailableError(ctx.closedMessage)
      const start = await headNow()
      // A close that came while the end was being read: no caught-up marker for a subscription already closed.
      if (start === undefined || ended()) return
      const { head } = start
      // The last event looked at (delivered or filtered out): a resubscription starts after it.
      let covered = options.after
      let lastDelivered: bigint | null = null
      let caughtUp = false
      const marker = (): CaughtUp => ({ kind: 'caught-up', position: lastDelivered })
      if (selection.kind === 'none' || nothingToCatchUp(head, covered)) {
        caughtUp = true
        yield marker()
      }
      if (selection.kind === 'none') {
        // Nothing can ever match: wait for the close (unless it came while the consumer held the marker).
        if (!ended())
          await new Promise<void>(resolve => {
            interruptPause = resolve
          })
        return
      }
      const prefix = selection.kind === 'prefix' ? selection.prefix : undefined
      let failures = 0
      while (!ended()) {
        const current = followAll(ctx.client, covered, prefix)
        attempt = current
        try {
          for (;;) {
            const step = await current.next()
            if (ended() || step.kind === 'end') break
            failures = 0
            if (step.kind === 'signal') {
              if (!caughtUp && signalCoversHead(head, step.signal)) {
                caughtUp = true
                yield marker()
              }
              continue
            }
            const decoded = decodeResolvedEvent(step.value)
            if (E.isLeft(decoded)) throw new StoreUnavailableError(decoded.left)
            const { event, position } = decoded.right
            ctx.saw(position)
            if (covered !== undefined && position <= covered) continue
            covered = position
            if (!caughtUp && isPastHead(head, position)) {
              caughtUp = true
              yield marker()
            }
            if (isSystemEvent(event.streamId, event.type) || !matchesFilter(event.streamId, options.filter)) continue
            lastDelivered = position
            yield toStoredRecord(event, position)
            if (ended()) return
          }
        } catch (error) {
          if (ended()) return
          if (error instanceof StoreUnavailableError) throw error
          if (errorMeaning(error).kind !== 'unavailable') throw failed('the subscription to $all', error)
        } finally {
          if (attempt === current) attempt = undefined
          await current.stop()
        }
        if (ended()) return
        failures += 1
        await wait(failures)
      }
    } finally {
      await close()
    }
  }

  const iterator = feed()
  return { [Symbol.asyncIterator]: () => iterator, close }
}
