/** How many command ids a snapshot keeps, so a retried command is recognised after its events were snapshotted. */
export const snapshotCommandLimit = 1000

/** The ids of the most recent commands seen, oldest first, at most `limit`: what a snapshot keeps for idempotency. */
export interface RecentCommands {
  /** Notes that a command's event was folded; a command's events are contiguous, so each id counts once. */
  readonly note: (commandId: string) => void
  readonly ids: () => readonly string[]
}

// What remembering nothing is: every load without a cache or snapshots asks for it.
const noCommands: RecentCommands = { note: () => undefined, ids: () => [] }

/** Starts remembering from `start` (a snapshot's ids); with a limit of 0 it remembers nothing. */
export const recentCommands = (limit: number, start: readonly string[] = []): RecentCommands => {
  if (limit <= 0) return noCommands
  // A Set keeps insertion order: the first value is the oldest, so trimming is O(1).
  const ids = new Set<string>()
  let last: string | undefined
  const note = (commandId: string): void => {
    if (limit <= 0 || commandId === last) return
    last = commandId
    ids.delete(commandId)
    ids.add(commandId)
    if (ids.size > limit) {
      const oldest = ids.values().next()
      if (oldest.done !== true) ids.delete(oldest.value)
    }
  }
  for (const id of start) note(id)
  return { note, ids: () => [...ids] }
}
