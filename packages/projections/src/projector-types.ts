import type { EventStore } from '@pembina/core'
import type { JsonValue, Projection, ProjectionVersion, ReadModelStore, SkippedEvent } from './projection.js'

/**
 * What a projector does with an event its projection cannot apply (a corrupt or undecodable record, or `keysOf` or
 * `evolve` throwing): `stop` (the default) fails the projector with a `ProjectionEventError`; `skip`, an opt-in,
 * records the event among the version's skipped events (for audit) and goes on.
 */
export type FailurePolicy = 'stop' | 'skip'

/** How a projector is run; everything but the stores and the projection has a documented default. */
export interface ProjectorOptions<Doc extends JsonValue = JsonValue> {
  /** The store the events are read from (catch-up, then live). */
  readonly events: EventStore
  /** The store the documents and the checkpoint are written to, together, one batch per transaction. */
  readonly readModels: ReadModelStore
  readonly projection: Projection<Doc>
  /**
   * Records per batch (default 500; 1 to 100,000): the most a projector reads ahead of what it has committed. A numeric
   * option out of its range (`NaN` included) is refused with a RangeError naming it.
   */
  readonly batchSize?: number
  /** When live, the longest an applied event waits before its batch commits, in ms (default 100; 0 to 3,600,000). */
  readonly commitDelayMs?: number
  /** Keep following new events once caught up (default true); false stops the projector once it has caught up. */
  readonly live?: boolean
  /** Stop at an event the projection cannot apply (default), or skip and record it. */
  readonly onFailure?: FailurePolicy
  /** Told of each skipped event once the batch recording it has committed. */
  readonly onSkip?: (skipped: SkippedEvent) => void
  /** Make this version serve queries once caught up when no version of the projection serves yet (default true). */
  readonly serveWhenCaughtUp?: boolean
  /** The clock events per second are measured on, in ms (default `performance.now`). */
  readonly now?: () => number
}

/** Where a projector is: reading the stored history, following new events, or ended (by `stop` or a failure). */
export type ProjectorPhase = 'catching-up' | 'live' | 'stopped' | 'failed'

/** A projector's report of itself. */
export interface ProjectorStatus {
  readonly projection: ProjectionVersion
  readonly phase: ProjectorPhase
  /** The global position of the last event committed with its documents; null before the first commit. */
  readonly position: bigint | null
  /** Events applied and committed in all, across restarts (the checkpoint's count). */
  readonly events: number
  /** Records read but not yet committed (at most a batch). */
  readonly pending: number
  /**
   * How many events the projector is behind the store, when it can tell. Live, it is the events read but not yet
   * committed (the store delivers new events within its poll interval). Catching up on a store that counts
   * (`countAfter`: in memory, SQLite), it is the events after the checkpoint when the projector started, less those
   * committed since (events appended meanwhile are counted once it is live); on a store that cannot count
   * (EventStoreDB), null.
   */
  readonly lag: number | null
  /** Events committed per second over the last few seconds. */
  readonly eventsPerSecond: number
  /** Events skipped (under the skip policy) and committed by this run. */
  readonly skipped: number
  /** Why the projector failed, when it did. */
  readonly error?: Error
}

/** A running projection version. */
export interface Projector {
  readonly projection: ProjectionVersion
  readonly status: () => ProjectorStatus
  /** Settles once the stored history is applied and committed; rejects if the projector fails or stops before. */
  readonly caughtUp: Promise<ProjectorStatus>
  /** Settles when the projector ends: resolves when stopped (or caught up, when not live), rejects with its failure. */
  readonly done: Promise<ProjectorStatus>
  /** Commits what is applied, ends the projector and resolves with its last status (a failed one included). */
  readonly stop: () => Promise<ProjectorStatus>
}
