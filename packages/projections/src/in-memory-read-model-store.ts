import { CheckpointConflictError } from './errors.js'
import { applyListQuery } from './list-query.js'
import type {
  Checkpoint,
  JsonValue,
  KeyedDocument,
  ProjectionBatch,
  ProjectionVersion,
  ReadModelStore,
  SkippedEvent,
} from './projection.js'

/** What the in-memory store keeps of one projection version: documents as JSON text, its checkpoint and skips. */
interface VersionState {
  readonly documents: Map<string, string>
  checkpoint: Checkpoint | undefined
  readonly skipped: Map<bigint, SkippedEvent>
}

const versionId = ({ name, version }: ProjectionVersion): string => `${version}\u0000${name}`

// JSON.parse is typed `any`; the store wrote this text from a JsonValue, so it reads back as one.
const parseDocument = (text: string): JsonValue => {
  const value: JsonValue = JSON.parse(text) as JsonValue
  return value
}

// A document is kept as the text JSON.stringify writes, exactly as the SQLite store keeps it, so both stores hand back
// the same values (and no caller can change a stored document through an object it holds).
const documentText = (doc: JsonValue): string => JSON.stringify(doc)

/**
 * A read-model store held in memory, for tests and small embedded use. It keeps the contract of every store: a
 * commit lands whole (documents, checkpoint, skipped events) or not at all, documents round-trip through JSON, and
 * queries see only the serving version of a projection.
 */
export const inMemoryReadModelStore = (): ReadModelStore => {
  const versions = new Map<string, VersionState>()
  const servingVersions = new Map<string, number>()
  let closed = false

  const ensureOpen = (): void => {
    if (closed) throw new Error('the in-memory read-model store is closed')
  }
  const stateOf = (projection: ProjectionVersion): VersionState | undefined => versions.get(versionId(projection))
  const servingState = (name: string): VersionState | undefined => {
    const version = servingVersions.get(name)
    return version === undefined ? undefined : stateOf({ name, version })
  }
  // Each operation runs whole before it resolves: a caller never sees half a commit.
  const run = <A>(operation: () => A): Promise<A> => {
    try {
      ensureOpen()
      return Promise.resolve(operation())
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)))
    }
  }

  const commit = (projection: ProjectionVersion, batch: ProjectionBatch): void => {
    const existing = stateOf(projection)
    if (batch.after !== undefined) {
      const actual = existing?.checkpoint?.position ?? null
      if (actual !== batch.after) throw new CheckpointConflictError(projection, batch.after, actual)
    }
    // Encode every document before touching the state, so a document that cannot be written leaves nothing behind.
    const texts = batch.changes.map(({ key, doc }) => ({
      key,
      text: doc === undefined ? undefined : documentText(doc),
    }))
    const state = existing ?? { documents: new Map(), checkpoint: undefined, skipped: new Map() }
    for (const { key, text } of texts)
      if (text === undefined) state.documents.delete(key)
      else state.documents.set(key, text)
    for (const skipped of batch.skipped) state.skipped.set(skipped.position, skipped)
    state.checkpoint = batch.checkpoint
    versions.set(versionId(projection), state)
  }

  return {
    get: (name, key) =>
      run(() => {
        const text = servingState(name)?.documents.get(key)
        return text === undefined ? undefined : parseDocument(text)
      }),
    list: (name, query) =>
      run(() => {
        const documents: KeyedDocument[] = [...(servingState(name)?.documents ?? [])].map(([key, text]) => ({
          key,
          doc: parseDocument(text),
        }))
        return applyListQuery(documents, query)
      }),
    getVersioned: (projection, key) =>
      run(() => {
        const text = stateOf(projection)?.documents.get(key)
        return text === undefined ? undefined : parseDocument(text)
      }),
    getManyVersioned: (projection, keys) =>
      run(() => {
        const documents = stateOf(projection)?.documents
        const found = new Map<string, JsonValue>()
        for (const key of keys) {
          const text = documents?.get(key)
          if (text !== undefined) found.set(key, parseDocument(text))
        }
        return found
      }),
    checkpoint: projection => run(() => stateOf(projection)?.checkpoint),
    commit: (projection, batch) =>
      run(() => {
        commit(projection, batch)
      }),
    skipped: projection =>
      run(() => [...(stateOf(projection)?.skipped.values() ?? [])].sort((a, b) => (a.position < b.position ? -1 : 1))),
    serving: name => run(() => servingVersions.get(name)),
    serve: projection =>
      run(() => {
        servingVersions.set(projection.name, projection.version)
      }),
    drop: projection =>
      run(() => {
        versions.delete(versionId(projection))
        if (servingVersions.get(projection.name) === projection.version) servingVersions.delete(projection.name)
      }),
    close: () => {
      closed = true
      return Promise.resolve()
    },
  }
}
