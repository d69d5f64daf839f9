/**
 * How the server stops: `graceful` plays a node shutting down (reads and appends in flight are answered "Server Is
 * Not Ready", subscriptions are dropped, then the connections close); `kill` plays a node that dies (connections
 * reset, nothing answered).
 */
export type ShutdownMode = 'graceful' | 'kill'

/** The calls in flight, each with the way to end it when the server stops. */
export interface OpenCalls {
  /** Registers a call's abort; returns the way to forget it once the call is over. */
  readonly track: (abort: (mode: ShutdownMode) => void) => () => void
  /** Ends every call in flight the way `mode` says; each abort runs once. */
  readonly abortAll: (mode: ShutdownMode) => void
}

/** An empty registry of calls in flight. */
export const createOpenCalls = (): OpenCalls => {
  const aborts = new Set<(mode: ShutdownMode) => void>()
  return {
    track: abort => {
      aborts.add(abort)
      return () => {
        aborts.delete(abort)
      }
    },
    abortAll: mode => {
      const pending = [...aborts]
      aborts.clear()
      for (const abort of pending) abort(mode)
    },
  }
}
