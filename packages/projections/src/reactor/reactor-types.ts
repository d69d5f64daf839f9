import type { EventStore, Policy, PolicyConfig, PolicyHandlers } from '@pembina/core'
import type { ReadModelStore } from '../projection.js'
import type { ParkedEntry } from './parked.js'

/**
 * The handlers a reactor sends commands to, one per aggregate a policy writes to (`competency`, `mentorship`,
 * `mentor`), each `commandHandler({ store, aggregate, config })`. By default a reactor runs the standard policies whose
 * aggregates all have a handler here (so one given only `competency` runs the credits and recommendations, as before,
 * and not the mentor-capacity policies); policies given explicitly must all have theirs, or the reactor refuses to
 * start, naming the policy and the missing handler.
 */
export type ReactorHandlers = PolicyHandlers

/** How long a reactor waits before trying again after a store was unavailable: doubling from `initialMs` to `maxMs`. */
export interface ReactorBackoff {
  /** The first wait, in ms (default 100; 1 to 3,600,000). */
  readonly initialMs?: number
  /** The longest wait, in ms (default 5,000; from `initialMs` to 3,600,000). */
  readonly maxMs?: number
}

/** What a reactor needs: where events come from, where it keeps its place and parked list, and what it runs. */
export interface ReactorOptions {
  /** The store whose events the policies react to (catch-up from the checkpoint, then live). */
  readonly store: EventStore
  /** Where the reactor's checkpoint and its parked list are kept, committed together in one transaction per batch. */
  readonly checkpoints: ReadModelStore
  readonly handlers: ReactorHandlers
  /** The configuration the policies apply (the handlers' deciders apply their own). */
  readonly config: PolicyConfig
  /**
   * The policies to run (default: the `standardPolicies` whose targets all have a handler); each name is part of its
   * commands' ids, keep it stable. Every policy given must have a handler for each of its targets.
   */
  readonly policies?: readonly Policy[]
  /** Names the checkpoint and parked list, so that several reactors can share a store (default `policies`). */
  readonly name?: string
  /**
   * Source events per batch (default 100; 1 to 100,000): the checkpoint moves once every command of a batch has an
   * outcome. Every numeric option out of its range (`NaN` included) is refused with a RangeError naming it.
   */
  readonly batchSize?: number
  /** How many target streams receive commands at once within a batch (default 4; 1 to 1,000); one stream's go in order. */
  readonly concurrency?: number
  /** Keep following new events once caught up (default true); false ends the reactor once it has caught up. */
  readonly live?: boolean
  /** When live, the longest an event waits for others to fill its batch, in ms (default 20; 0 to 3,600,000). */
  readonly batchDelayMs?: number
  readonly backoff?: ReactorBackoff
  /** Waits between tries (default a timer); tests pass one that does not wait. */
  readonly sleep?: (ms: number) => Promise<void>
  /** Told of every entry the reactor parks, once the batch holding it has committed. */
  readonly onParked?: (entry: ParkedEntry) => void
}

/**
 * Where a reactor is: reading the stored history, following new events, waiting for a store to come back, or ended
 * (by `stop`, or by a failure it cannot go on from).
 */
export type ReactorPhase = 'catching-up' | 'live' | 'paused' | 'stopped' | 'failed'

/** A reactor's report of itself. */
export interface ReactorStatus {
  readonly name: string
  readonly phase: ReactorPhase
  /** The global position of the last source event whose commands all have an outcome; null before the first batch. */
  readonly position: bigint | null
  /** Source events passed in all, across restarts (the checkpoint's count). */
  readonly events: number
  /** Commands sent by this run that their handlers accepted (or had accepted before, for a redelivered event). */
  readonly sent: number
  /** Entries this run parked (refused commands and events it could not read). */
  readonly parked: number
  /** Why the reactor is paused, while it is. */
  readonly pausedBecause?: string
  /** Why the reactor failed, when it did. */
  readonly error?: Error
}

/** A running reactor. */
export interface Reactor {
  readonly name: string
  /** The names of the policies it runs, in the order their commands are sent for one event. */
  readonly policies: readonly string[]
  readonly status: () => ReactorStatus
  /** Settles once the stored history has been reacted to and committed; rejects if the reactor fails or stops first. */
  readonly caughtUp: Promise<ReactorStatus>
  /** Settles when the reactor ends: resolves when stopped (or caught up, when not live), rejects with its failure. */
  readonly done: Promise<ReactorStatus>
  /** Ends the reactor after the command in flight; a batch not committed is sent again, under the same ids, next run. */
  readonly stop: () => Promise<ReactorStatus>
}
