/**
 * A one-shot wake-up a live feed waits on: `wait()` resolves at the next `wake()` (an append, a close) or, when
 * given a poll interval, after it has passed. Only one wait is pending at a time, and `wait()` arms it
 * synchronously, so a feed that looked and found nothing cannot miss a `wake()` that comes before it awaits.
 */
export interface WakeSignal {
  readonly wake: () => void
  readonly wait: () => Promise<void>
}

/** A wake signal; with `pollIntervalMs`, every wait also ends after that long (to look for other processes' writes). */
export const wakeSignal = (pollIntervalMs?: number): WakeSignal => {
  let resolveWait: (() => void) | undefined
  let timer: NodeJS.Timeout | undefined
  const wake = (): void => {
    clearTimeout(timer)
    timer = undefined
    const resolve = resolveWait
    resolveWait = undefined
    resolve?.()
  }
  const wait = (): Promise<void> =>
    new Promise(resolve => {
      resolveWait = resolve
      if (pollIntervalMs !== undefined) timer = setTimeout(wake, pollIntervalMs)
    })
  return { wake, wait }
}
