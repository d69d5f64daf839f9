import { StoreUnavailableError, wakeSignal } from '@pembina/core'
import { backoffDelay, errorMeaning } from './mapping.js'

/** How often and how patiently a call is retried while the server cannot be reached. */
export interface RetryPolicy {
  /** Tries in all, the first included (default 5). */
  readonly attempts: number
  /** The delay before the first retry, doubled for each next one (default 100 ms). */
  readonly initialDelayMs: number
  /** The longest delay between two tries (default 2,000 ms). */
  readonly maxDelayMs: number
}

/** How long a subscription waits before each new try to resubscribe (it tries until closed). */
export interface ResubscribePolicy {
  /** The first delay, doubled for each failure in a row (default 100 ms). */
  readonly initialDelayMs: number
  /** The longest delay (default 5,000 ms). */
  readonly maxDelayMs: number
}

/** Waits `ms`, or less when `interrupt` is woken (a close). */
export const pause = (ms: number, interrupt?: (wake: () => void) => void): Promise<void> => {
  const timer = wakeSignal(ms)
  const waiting = timer.wait()
  interrupt?.(timer.wake)
  return waiting
}

/** A description of an error for a message. */
export const describeError = (error: unknown): string => (error instanceof Error ? error.message : String(error))

/**
 * Runs `attempt` until it succeeds, retrying with backoff while the error means the server is unavailable, at
 * most `policy.attempts` times in all; any other error, or the last, is thrown as it is.
 */
export const retrying = async <A>(
  policy: RetryPolicy,
  isClosed: () => boolean,
  closedMessage: string,
  attempt: () => Promise<A>,
): Promise<A> => {
  for (let tries = 1; ; tries += 1) {
    if (isClosed()) throw new StoreUnavailableError(closedMessage)
    try {
      return await attempt()
    } catch (error) {
      if (errorMeaning(error).kind !== 'unavailable' || tries >= policy.attempts) throw error
      await pause(backoffDelay(tries, policy.initialDelayMs, policy.maxDelayMs))
    }
  }
}
