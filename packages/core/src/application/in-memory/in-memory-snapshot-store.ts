import * as E from 'fp-ts/lib/Either.js'
import type { StoredSnapshot, SnapshotStore } from '../../kernel/snapshot-store.js'

interface KeptSnapshot extends Omit<StoredSnapshot, 'state'> {
  /** The state as JSON text, so it round-trips as a durable store would and no caller can mutate what was saved. */
  readonly stateJson: string
}

// JSON.parse is typed `any`; widening to unknown leaves the state undecoded for the handler's codec.
const parseJson = (text: string): unknown => {
  const value: unknown = JSON.parse(text)
  return value
}

const toJson = (value: unknown): string => {
  const text: unknown = JSON.stringify(value)
  return typeof text === 'string' ? text : 'null'
}

/** A SnapshotStore held in memory, for tests and small embedded use: the latest snapshot of each stream. */
export const inMemorySnapshotStore = (): SnapshotStore => {
  const snapshots = new Map<string, KeptSnapshot>()
  return {
    load: streamName => () => {
      const kept = snapshots.get(streamName)
      if (kept === undefined) return Promise.resolve(E.right(null))
      const { stateJson, ...rest } = kept
      return Promise.resolve(
        E.right({ ...rest, recentCommandIds: [...rest.recentCommandIds], state: parseJson(stateJson) }),
      )
    },
    save: snapshot => () => {
      try {
        const { state, ...rest } = snapshot
        snapshots.set(snapshot.streamName, {
          ...rest,
          recentCommandIds: [...rest.recentCommandIds],
          stateJson: toJson(state),
        })
        return Promise.resolve(E.right(undefined))
      } catch (cause) {
        return Promise.resolve(
          E.left({ _tag: 'StoreUnavailable', message: `the snapshot of ${snapshot.streamName} is not JSON`, cause }),
        )
      }
    },
  }
}
