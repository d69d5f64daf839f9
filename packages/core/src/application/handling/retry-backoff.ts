import { createHash } from 'node:crypto'

/** How a handler retries an append that met a concurrent writer. */
export interface RetryPolicy {
  /** Appends tried in all, the first included (default 5). */
  readonly attempts: number
  /** Delay before the first retry, in ms (default 10); doubles on each further retry. */
  readonly backoffMs: number
  /** The longest delay, in ms (default 1000). */
  readonly maxBackoffMs: number
}

/** The retry policy a handler uses when given none: 5 attempts, 10 ms doubling, at most 1 s. */
export const defaultRetryPolicy: RetryPolicy = { attempts: 5, backoffMs: 10, maxBackoffMs: 1000 }

/**
 * The delay before retry `retry` (1 for the first) of a command: exponential, capped, scaled by a factor in
 * [0.5, 1.5) derived from the command id, so writers that collided spread apart without a random source.
 */
export const backoffDelay = (policy: RetryPolicy, commandId: string, retry: number): number => {
  const exponential = Math.min(policy.maxBackoffMs, policy.backoffMs * 2 ** Math.max(0, retry - 1))
  const spread = createHash('sha256').update(`${commandId}:${retry}`).digest().readUInt16BE(0) / 65536
  return Math.round(exponential * (0.5 + spread))
}

/** Waits `ms` milliseconds on the event loop's timers: the default `sleep` of a handler. */
export const timerSleep = (ms: number): Promise<void> =>
  new Promise(resolve => {
    setTimeout(resolve, ms)
  })
