/**
 * How the server stops: `graceful` plays a node shutting down (reads and appends in flight are answered, then the
 * connections close); `kill` plays a node that dies (connections reset, nothing answered).
 */
export type ShutdownMode = 'graceful' | 'kill'

/** What the calls in flight are told when the server stops. */
export interface AbortAnswers {
  /** Reads (and appends) get an UNAVAILABLE status. */
  readonly reads: boolean
  /**
   * Subscriptions get an UNAVAILABLE status; when false they are dropped without one and end with their
   * connection (only when the front door closes the connections as a node's HTTP server does).
   */
  readonly subscriptions: boolean
}

/** The calls in flight, each with the way to end it when the server stops. */
export interface OpenCalls {
  /** Registers a call's abort; returns the way to forget it once the call is over. */
  readonly track: (abort: (answers: AbortAnswers) => void) => () => void
  /** Ends every call in flight; each abort runs once. */
  readonly abortAll: (answers: AbortAnswers) => void
}

/** An empty registry of calls in flight. */
export const createOpenCalls = (): OpenCalls => {
  const aborts = new Set<(answers: AbortAnswers) => void>()
  return {
    track: abort => {
      aborts.add(abort)
      return () => {
        aborts.delete(abort)
      }
    },
    abortAll: answers => {
      const pending = [...aborts]
      aborts.clear()
      for (const abort of pending) abort(answers)
    },
  }
}
