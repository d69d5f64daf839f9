import type { PembinaEvent, RecordedEvent } from '@pembina/core'
import type * as t from 'io-ts'

/** A JSON value: what a read-model document is made of. */
export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue }

/** An event as a projection sees it: decoded (and upcast) domain event, its metadata, stream and global position. */
export type ProjectedEvent = RecordedEvent<PembinaEvent>

/**
 * A projection: a pure function from events to JSON documents, each document under a key.
 *
 * For every event, the engine asks `keysOf` which documents it touches, then calls `evolve` once per key with that
 * document (or `undefined` when there is none yet); `evolve` returns the new document, or `undefined` to delete it.
 * `evolve` receives the key as well, since one event may touch several documents (a mentor's and a mentee's).
 * Both functions are pure: no clock, no I/O, the same event always gives the same documents.
 */
export interface Projection<Doc extends JsonValue = JsonValue> {
  /** Stable name, e.g. `learning-hours`; documents of different projections never mix. */
  readonly name: string
  /** Bumped whenever `evolve` changes meaning: a new version is rebuilt from the start beside the old one. */
  readonly version: number
  /** The streams it reads (a category or stream-name prefix); all of Pembina's streams when absent. */
  readonly categories?: readonly string[]
  /** The codec of its documents: queries decode what they read back from a store. */
  readonly document: t.Type<Doc, JsonValue>
  readonly keysOf: (event: ProjectedEvent) => readonly string[]
  readonly evolve: (doc: Doc | undefined, event: ProjectedEvent, key: string) => Doc | undefined
}

/** Which version of which projection: the unit a read-model store keeps documents and a checkpoint for. */
export interface ProjectionVersion {
  readonly name: string
  readonly version: number
}

/** Where a projection version has got to: the global position of the last event applied, and how many it applied. */
export interface Checkpoint {
  readonly position: bigint
  readonly events: number
}

/** A document written (or deleted, when `doc` is undefined) by a batch. */
export interface DocumentChange {
  readonly key: string
  readonly doc: JsonValue | undefined
}

/** An event a projection could not apply and, under the opt-in skip policy, skipped: kept for audit. */
export interface SkippedEvent {
  readonly streamName: string
  readonly revision: number
  readonly position: bigint
  readonly eventType: string
  readonly reason: string
}

/** One batch of a projection's work: written with its checkpoint in one transaction, or not at all. */
export interface ProjectionBatch {
  readonly changes: readonly DocumentChange[]
  readonly checkpoint: Checkpoint
  readonly skipped: readonly SkippedEvent[]
  /**
   * The checkpoint position this batch continues from (null: the version's first batch). When given, the store
   * commits only if the version's stored checkpoint is still there, and otherwise rejects with a
   * `CheckpointConflictError`, so two projectors of one version (or one of a dropped version) never both write.
   */
  readonly after?: bigint | null
}

/** A simple filter and order for listing documents: a top-level field equal to a value, ordered by a field. */
export interface ListQuery {
  /** Only documents whose top-level `field` equals `value`. */
  readonly where?: { readonly field: string; readonly equals: string | number | boolean | null }
  /** Order by a top-level field (documents without it come last), then by key; by key when absent. */
  readonly orderBy?: { readonly field: string; readonly direction?: 'asc' | 'desc' }
  readonly limit?: number
}

/** A document with its key. */
export interface KeyedDocument {
  readonly key: string
  readonly doc: JsonValue
}

/**
 * Where read models live: documents by projection version and key, each version's checkpoint and skipped events,
 * and which version of each projection serves queries. `commit` is atomic: documents, checkpoint and skipped events
 * land together or not at all, which is what makes a projection's effects exactly-once across crashes.
 */
export interface ReadModelStore {
  /** A document of the serving version of a projection. */
  readonly get: (name: string, key: string) => Promise<JsonValue | undefined>
  /** Documents of the serving version of a projection, filtered and ordered. */
  readonly list: (name: string, query?: ListQuery) => Promise<readonly KeyedDocument[]>
  /** A document of one version, as the engine reads it before evolving it. */
  readonly getVersioned: (projection: ProjectionVersion, key: string) => Promise<JsonValue | undefined>
  /**
   * Documents of one version by key, in one call: the engine reads every document a batch touches this way when the
   * store offers it (keys without a document are absent from the map), and one key at a time otherwise.
   */
  readonly getManyVersioned?: (
    projection: ProjectionVersion,
    keys: readonly string[],
  ) => Promise<ReadonlyMap<string, JsonValue>>
  readonly checkpoint: (projection: ProjectionVersion) => Promise<Checkpoint | undefined>
  readonly commit: (projection: ProjectionVersion, batch: ProjectionBatch) => Promise<void>
  readonly skipped: (projection: ProjectionVersion) => Promise<readonly SkippedEvent[]>
  /** The version serving queries of a projection, if any. */
  readonly serving: (name: string) => Promise<number | undefined>
  /** Makes a version serve queries (the swap of a rebuild). */
  readonly serve: (projection: ProjectionVersion) => Promise<void>
  /** Deletes a version's documents, checkpoint and skipped events. */
  readonly drop: (projection: ProjectionVersion) => Promise<void>
  readonly close: () => Promise<void>
}
