// Wrappers that watch a projector from the outside (the batches it commits, the records it pulls, the subscription it
// asks for) and a reference fold of the stored history that the engine's documents must equal.
import * as E from 'fp-ts/lib/Either.js'
import type { EventStore, StoredRecord, SubscribeOptions } from '@pembina/core'
import {
  dumpReadModel,
  inMemoryReadModelStore,
  type JsonValue,
  type Projection,
  type ProjectionBatch,
  type ProjectionVersion,
  projectedEventOf,
  type ReadModelStore,
} from '@pembina/projections'

/** A commit a store received: which version, and the batch. */
export interface ObservedCommit {
  readonly projection: ProjectionVersion
  readonly batch: ProjectionBatch
}

/** A read-model store that records every commit it is asked for (and passes it on), with a hook run before each. */
export const observedStore = (
  store: ReadModelStore,
  beforeCommit: (commit: ObservedCommit, index: number) => Promise<void> | void = () => undefined,
): ReadModelStore & { readonly commits: readonly ObservedCommit[] } => {
  const commits: ObservedCommit[] = []
  return {
    ...store,
    commits,
    commit: async (projection, batch) => {
      const observed = { projection, batch }
      await beforeCommit(observed, commits.length)
      await store.commit(projection, batch)
      commits.push(observed)
    },
  }
}

/** An event store whose subscriptions count the records (events and corrupt records) they hand out. */
export const countingStore = (
  store: EventStore,
): EventStore & { readonly pulled: () => number; readonly subscriptions: readonly SubscribeOptions[] } => {
  let pulled = 0
  const subscriptions: SubscribeOptions[] = []
  return {
    ...store,
    pulled: () => pulled,
    subscriptions,
    subscribe: options => {
      subscriptions.push(options ?? {})
      const subscription = store.subscribe(options)
      const records = subscription[Symbol.asyncIterator]()
      return {
        close: subscription.close,
        [Symbol.asyncIterator]: () => ({
          next: async () => {
            const result = await records.next()
            if (result.done !== true && result.value.kind !== 'caught-up') pulled++
            return result
          },
        }),
      }
    },
  }
}

/** Every record of the store in global order. */
export const allRecords = async (store: EventStore): Promise<readonly StoredRecord[]> => {
  const records: StoredRecord[] = []
  for await (const record of store.readAll()) records.push(record)
  return records
}

/**
 * The dump a projection's documents must have: every stored event of its categories folded one at a time, in global
 * order, without the engine (no batches, no cache, no store in between).
 */
export const referenceDump = async <Doc extends JsonValue>(
  events: EventStore,
  projection: Projection<Doc>,
): Promise<string> => {
  const documents = new Map<string, Doc | undefined>()
  const categories = projection.categories ?? ['enrollment', 'mentorship', 'competency', 'complaint']
  for (const record of await allRecords(events)) {
    if (!categories.some(category => record.streamName.startsWith(`${category}-`))) continue
    const decoded = projectedEventOf(record)
    if (E.isLeft(decoded)) throw new Error(decoded.left)
    for (const key of new Set(projection.keysOf(decoded.right)))
      documents.set(key, projection.evolve(documents.get(key), decoded.right, key))
  }
  const store = inMemoryReadModelStore()
  const version = { name: projection.name, version: projection.version }
  await store.commit(version, {
    changes: [...documents].map(([key, doc]) => ({
      key,
      doc: doc === undefined ? undefined : projection.document.encode(doc),
    })),
    checkpoint: { position: 0n, events: 0 },
    skipped: [],
  })
  await store.serve(version)
  return dumpReadModel(store, projection.name)
}
