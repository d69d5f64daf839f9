/** The calls in flight, each with the way to fail it when the server stops. */
export interface OpenCalls {
  /** Registers a call's abort; returns the way to forget it once the call is over. */
  readonly track: (abort: () => void) => () => void
  /** Fails every call in flight; each abort runs once. */
  readonly abortAll: () => void
}

/** An empty registry of calls in flight. */
export const createOpenCalls = (): OpenCalls => {
  const aborts = new Set<() => void>()
  return {
    track: abort => {
      aborts.add(abort)
      return () => {
        aborts.delete(abort)
      }
    },
    abortAll: () => {
      const pending = [...aborts]
      aborts.clear()
      for (const abort of pending) abort()
    },
  }
}
