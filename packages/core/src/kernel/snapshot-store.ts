import type * as TE from 'fp-ts/lib/TaskEither.js'
import type { StoreUnavailable } from './event-store.js'

/**
 * A stream's folded state as of one of its events, kept beside the stream so a long stream loads from there. A
 * snapshot is only an optimisation: the stream stays the truth, and a snapshot that does not fit it is ignored.
 */
export interface StoredSnapshot {
  readonly streamName: string
  /** The revision of the last event folded into `state`. */
  readonly revision: number
  /** The version of the state's shape (and of the fold that built it): a snapshot of another version is ignored. */
  readonly snapshotVersion: number
  /** The state as JSON, encoded by the aggregate's state codec. */
  readonly state: unknown
  /** The hash of the event at `revision`: the chain head, which commits to every event folded into `state`. */
  readonly lastHash: string | null
  /** The ids of the most recent commands whose events were folded into `state`, oldest first (bounded). */
  readonly recentCommandIds: readonly string[]
  /**
   * SHA-256 of the snapshot's content (`snapshotDigest`): a snapshot whose state, revision, head or command ids were
   * changed where it is stored no longer matches it and is ignored. Absent on snapshots saved before it existed,
   * which are ignored too (the stream is folded from its events, and the next save carries one).
   */
  readonly stateDigest?: string
}

/**
 * Where snapshots are kept, one per stream (the latest); each adapter of an event store may offer one. Loading a
 * stream that has no snapshot answers null; a save replaces the stream's earlier snapshot.
 */
export interface SnapshotStore {
  readonly load: (streamName: string) => TE.TaskEither<StoreUnavailable, StoredSnapshot | null>
  readonly save: (snapshot: StoredSnapshot) => TE.TaskEither<StoreUnavailable, void>
}
