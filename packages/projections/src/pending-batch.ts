import * as E from 'fp-ts/lib/Either.js'
import { decodeWith, type StoredRecord } from '@pembina/core'
import { ReadModelDocumentError } from './read-models/stored-document.js'
import type {
  Checkpoint,
  DocumentChange,
  JsonValue,
  Projection,
  ProjectionBatch,
  ProjectionVersion,
  ProjectedEvent,
  ReadModelStore,
  SkippedEvent,
} from './projection.js'
import { projectedEventOf } from './projected-event.js'

/** What went wrong with one event: the reason and, when something threw, what it threw. */
export interface ApplyFailure {
  readonly reason: string
  readonly cause?: unknown
}

/** An event the projection cannot apply, and where it is. */
export interface FailedRecord {
  readonly record: StoredRecord
  readonly failure: ApplyFailure
}

/** What a batch does with an event it cannot apply: skip it (recorded) and go on, or stop before it. */
export type OnFailure = (failed: FailedRecord) => 'skip' | 'stop'

const thrown = (what: string, error: unknown): ApplyFailure => ({
  reason: `${what} threw: ${error instanceof Error ? error.message : String(error)}`,
  cause: error,
})

/** A record taken into the batch: passed by (not the projection's), failed already, or an event with its keys. */
type Entry =
  | { readonly kind: 'passed'; readonly position: bigint }
  | { readonly kind: 'failed'; readonly failed: FailedRecord }
  | {
      readonly kind: 'event'
      readonly record: StoredRecord
      readonly event: ProjectedEvent
      readonly keys: readonly string[]
    }

/**
 * The batch a projector is filling. Records are taken in as they arrive (decoded, their keys asked for); `apply`
 * then reads every document they touch that the batch does not hold in one go from the store, and applies the events
 * in order. Documents stay held until the batch is taken for its commit.
 */
export interface PendingBatch {
  /** Takes a record in (nothing is applied yet). */
  readonly add: (record: StoredRecord, selected: boolean) => void
  /**
   * Applies the records taken in since the last call, in order; at an event it cannot apply it asks `onFailure`. On
   * `stop` the events after it are dropped (they are read again after a restart) and the failure is returned.
   */
  readonly apply: (onFailure: OnFailure) => Promise<FailedRecord | undefined>
  /** Records taken in since the last commit (applied, skipped, passed by or waiting to be applied). */
  readonly records: () => number
  /** Events applied since the last commit. */
  readonly applied: () => number
  /** The batch to commit after `committed`, or undefined when nothing was applied since; the batch is then emptied. */
  readonly take: (committed: Checkpoint | undefined) => ProjectionBatch | undefined
}

/** Starts an empty batch of a projection version, reading the documents it does not hold from the store. */
export const pendingBatch = <Doc extends JsonValue>(
  projection: Projection<Doc>,
  version: ProjectionVersion,
  readModels: ReadModelStore,
): PendingBatch => {
  const decodeDocument = decodeWith(projection.document, `${projection.name} document`)
  let documents = new Map<string, Doc | undefined>()
  let changed = new Set<string>()
  let skipped: SkippedEvent[] = []
  let waiting: Entry[] = []
  let records = 0
  let applied = 0
  let position: bigint | undefined

  const decoded = (key: string, stored: JsonValue | undefined): Doc | undefined => {
    if (stored === undefined) return undefined
    const result = decodeDocument(stored)
    if (E.isLeft(result)) throw new ReadModelDocumentError(projection.name, key, result.left)
    return result.right
  }

  // Reads the documents the waiting events touch and the batch does not hold, in one call when the store offers it.
  const load = async (): Promise<void> => {
    const absent = new Set<string>()
    for (const entry of waiting)
      if (entry.kind === 'event') for (const key of entry.keys) if (!documents.has(key)) absent.add(key)
    if (absent.size === 0) return
    const keys = [...absent]
    if (readModels.getManyVersioned !== undefined) {
      const found = await readModels.getManyVersioned(version, keys)
      for (const key of keys) documents.set(key, decoded(key, found.get(key)))
    } else for (const key of keys) documents.set(key, decoded(key, await readModels.getVersioned(version, key)))
  }

  /** Evolves every document an event touches, keeping the new ones only if all succeed. */
  const evolve = (event: ProjectedEvent, keys: readonly string[]): ApplyFailure | undefined => {
    if (keys.length === 1) {
      const key = keys[0] ?? ''
      const before = documents.get(key)
      let after: Doc | undefined
      try {
        after = projection.evolve(before, event, key)
      } catch (error) {
        return thrown(`evolve of document ${key}`, error)
      }
      // A document evolve hands back untouched need not be written again.
      if (after !== before) {
        documents.set(key, after)
        changed.add(key)
      }
      return undefined
    }
    const next: (Doc | undefined)[] = []
    for (const key of keys) {
      try {
        next.push(projection.evolve(documents.get(key), event, key))
      } catch (error) {
        return thrown(`evolve of document ${key}`, error)
      }
    }
    keys.forEach((key, i) => {
      const doc = next[i]
      if (doc === documents.get(key)) return
      documents.set(key, doc)
      changed.add(key)
    })
    return undefined
  }

  const skip = ({ record, failure }: FailedRecord): void => {
    skipped.push({
      streamName: record.streamName,
      revision: record.revision,
      position: record.position,
      eventType: record.kind === 'event' ? record.type : '',
      reason: failure.reason,
    })
    position = record.position
  }

  const add = (record: StoredRecord, selected: boolean): void => {
    records++
    if (!selected) {
      waiting.push({ kind: 'passed', position: record.position })
      return
    }
    const event = projectedEventOf(record)
    if (E.isLeft(event)) {
      waiting.push({ kind: 'failed', failed: { record, failure: { reason: event.left } } })
      return
    }
    let keys: readonly string[]
    try {
      keys = projection.keysOf(event.right)
    } catch (error) {
      waiting.push({ kind: 'failed', failed: { record, failure: thrown('keysOf', error) } })
      return
    }
    // An event touching a document twice still changes it once.
    waiting.push({ kind: 'event', record, event: event.right, keys: keys.length > 1 ? [...new Set(keys)] : keys })
  }

  const apply = async (onFailure: OnFailure): Promise<FailedRecord | undefined> => {
    await load()
    const entries = waiting
    waiting = []
    for (let index = 0; index < entries.length; index++) {
      const entry = entries[index]
      if (entry === undefined) continue
      if (entry.kind === 'passed') {
        position = entry.position
        continue
      }
      let failed: FailedRecord | undefined
      if (entry.kind === 'failed') failed = entry.failed
      else {
        const failure = evolve(entry.event, entry.keys)
        failed = failure === undefined ? undefined : { record: entry.record, failure }
      }
      if (failed === undefined) {
        applied++
        if (entry.kind === 'event') position = entry.event.position
        continue
      }
      if (onFailure(failed) === 'skip') {
        skip(failed)
        continue
      }
      // The events after the one that stopped the batch were never applied: they no longer count as taken in.
      records -= entries.length - index
      return failed
    }
    return undefined
  }

  const encode = (key: string): DocumentChange => {
    const doc = documents.get(key)
    return { key, doc: doc === undefined ? undefined : projection.document.encode(doc) }
  }

  return {
    add,
    apply,
    records: () => records,
    applied: () => applied,
    take: committed => {
      if (position === undefined) return undefined
      const batch: ProjectionBatch = {
        changes: [...changed].map(encode),
        checkpoint: { position, events: (committed?.events ?? 0) + applied },
        skipped,
        after: committed?.position ?? null,
      }
      documents = new Map()
      changed = new Set()
      skipped = []
      records = 0
      applied = 0
      position = undefined
      return batch
    },
  }
}
