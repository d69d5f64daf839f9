import type { Tracer } from '@opentelemetry/api'
import type { StateSnapshots } from '../../kernel/aggregate.js'
import type { Decider } from '../../kernel/decider.js'
import type { FactsRequest, PersonnelFacts } from '../../shared/personnel-facts.js'
import type { PersonnelDirectory } from './personnel-directory.js'
import type { DomainEvent } from '../../kernel/domain-event.js'
import type { EventStore } from '../../kernel/event-store.js'
import type { EventRegistry } from '../../kernel/registry.js'
import type { SnapshotOptions, Snapshotting, StateCache } from '../loading/index.js'
import type { HandledCommand } from './handle-outcome.js'
import type { RetryPolicy } from './retry-backoff.js'
import type { ChainKeyring } from '../integrity/index.js'

/**
 * What a command handler needs of an aggregate (every `Aggregate` has it): its decider under a configuration, its
 * event registry, the stream a command addresses and, where it offers them, what snapshots of its state need.
 */
export interface HandledAggregate<Command extends HandledCommand, Event extends DomainEvent, State, Reject, Config> {
  readonly decider: (config: Config) => Decider<Command, Event, State, Reject, PersonnelFacts>
  readonly events: EventRegistry<Event>
  readonly streamOf: (command: Command) => string
  readonly snapshots?: StateSnapshots<State>
  /** The people and units a command's rules need to know about, read from a directory when the handler has one. */
  readonly factsNeeded?: (command: Command) => FactsRequest
}

/** What every command handler is built from: a store, an aggregate and the configuration its decider applies. */
export interface CommandHandlerBase<Command extends HandledCommand, Event extends DomainEvent, State, Reject, Config> {
  readonly store: EventStore
  readonly aggregate: HandledAggregate<Command, Event, State, Reject, Config>
  readonly config: Config
  /** How conflicts are retried (defaults: `defaultRetryPolicy`). */
  readonly retry?: Partial<RetryPolicy>
  /** Waits between retries (default: a timer); tests inject one that does not wait. */
  readonly sleep?: (ms: number) => Promise<void>
  /** Where spans go (default: `trace.getTracer('@pembina/core')`, a no-op unless the host registers an SDK). */
  readonly tracer?: Tracer
  /**
   * An in-process cache of folded states (`stateCache()`; none by default): a stream in it is read only from its
   * cached revision, whose hash must still match, instead of from the start. A command id found only among the cached
   * ids is loaded in full, so it still gets its first outcome back; one older than the cache's `commandLimit` most
   * recent commands of its stream is decided again, and its events, with the same ids, are never written twice: the
   * store refuses them, the handler reads the whole stream and returns the first outcome. With a cache, snapshots are
   * saved only by loads that missed it.
   */
  readonly cache?: StateCache<State>
  /**
   * Where the personnel facts a command's rules need are read (`storeDirectory(store)`; none by default). With one,
   * every command of an aggregate that names what it needs (`factsNeeded`) is decided against the registry as it
   * stood at the command's instant (the direct atasan, a mentor's rank, a unit); without one, those rules fall back
   * to what the command and the actor's roles say, and the registry's own cross-record checks are not made.
   */
  readonly directory?: PersonnelDirectory
  /**
   * Verify, on every load, the hash chain of each event the handler folds (off by default): its hash recomputed from
   * its content and its link to the event before it (or to the cached or snapshot state's last hash). A stream whose
   * stored events were altered is then refused as `corrupt-stream` before anything is decided or appended on it. For
   * high-assurance deployments; what it costs is measured by `pnpm bench --only verify-on-load` (docs/limits.md).
   */
  readonly verifyOnLoad?: boolean
  /**
   * The most a command's events may take, in UTF-8 bytes of what their hashes cover (default
   * `defaultMaxCommandBytes`, 1,000,000, which fits EventStoreDB's default largest append with the events'
   * metadata); more is refused as `invalid-event` naming the limit, before anything is appended.
   */
  readonly maxCommandBytes?: number
  /**
   * The keyring of a keyed chain (none by default; `chainKeyringOf` reads one from its file): every event written gets
   * the MAC of its hash under the current key (`metadata.mac`), every snapshot a digest keyed with it, and with
   * `verifyOnLoad` every event folded must carry a MAC the keyring accepts. Keep the keys outside the store: a writer of
   * the database who does not hold them can no longer recompute a chain an audit given the keyring accepts. Checked
   * when the handler is built (a `TypeError` names the key and the rule).
   */
  readonly chainKeys?: ChainKeyring
}

/** Opt-in snapshots for long streams (see `SnapshotOptions`), only of an aggregate that offers them. */
export interface WithSnapshots<Command extends HandledCommand, Event extends DomainEvent, State, Reject, Config> {
  readonly aggregate: HandledAggregate<Command, Event, State, Reject, Config> & {
    readonly snapshots: StateSnapshots<State>
  }
  readonly snapshots?: SnapshotOptions
}

/** No snapshots: every load reads the stream from its start (or from the state cache). */
export interface WithoutSnapshots {
  readonly snapshots?: undefined
}

/**
 * What a command handler is built from: `commandHandler({ store, aggregate: enrollment, config })`. Asking for
 * snapshots of an aggregate that offers none (no `snapshots` in its definition) is a type error.
 */
export type CommandHandlerOptions<
  Command extends HandledCommand,
  Event extends DomainEvent,
  State,
  Reject,
  Config,
> = CommandHandlerBase<Command, Event, State, Reject, Config> &
  (WithSnapshots<Command, Event, State, Reject, Config> | WithoutSnapshots)

/**
 * The snapshots a handler keeps: its options with the aggregate's state version and codec. Throws when asked for
 * snapshots of an aggregate that offers none, which the options' type already refuses.
 */
export const snapshotting = <Command extends HandledCommand, Event extends DomainEvent, State, Reject, Config>(
  aggregate: HandledAggregate<Command, Event, State, Reject, Config>,
  options: SnapshotOptions | undefined,
  keys?: ChainKeyring,
): Snapshotting<State> | undefined => {
  if (options === undefined) return undefined
  if (aggregate.snapshots === undefined)
    throw new TypeError('snapshots were asked for an aggregate that offers none (its definition has no `snapshots`)')
  return { ...options, ...aggregate.snapshots, ...(keys === undefined ? {} : { keys }) }
}
