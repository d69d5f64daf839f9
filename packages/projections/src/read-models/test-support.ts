import * as E from 'fp-ts/lib/Either.js'
import {
  competency,
  type CompetencyEvent,
  type Decider,
  decodeWith,
  formatDecodeFailure,
  type Instant,
  instant,
  type PembinaEvent,
} from '@pembina/core'
import type { JsonValue, KeyedDocument, ListQuery, Projection, ProjectedEvent, ReadModelStore } from '../projection.js'

// Test support for the read models: folds events through a projection in memory and serves the documents to the
// queries, without the projection engine. Not part of the package's public entry.

const zeroHash = '0'.repeat(64)

/** Events of one stream as a store would hand them to a projection, with positions from `firstPosition`. */
export const recorded = (
  streamName: string,
  events: readonly PembinaEvent[],
  firstPosition = 1n,
): readonly ProjectedEvent[] =>
  events.map((event, revision) => {
    const at: Instant = 'at' in event.data ? event.data.at : instant('2026-01-01T00:00:00+07:00')
    return {
      streamName,
      revision,
      position: firstPosition + BigInt(revision),
      event,
      metadata: {
        eventId: `${streamName}/${revision}`,
        commandId: `${streamName}/${revision}`,
        correlationId: streamName,
        causationId: streamName,
        actor: { kind: 'system', process: 'read-model-test' },
        occurredAt: at,
        schemaVersion: 1,
        prevHash: revision === 0 ? null : zeroHash,
        hash: zeroHash,
      },
    }
  })

/** The events of one competency profile as its stream, `competency-<nip>`, hands them to a projection. */
export const recordedProfile = (events: readonly CompetencyEvent[], firstPosition = 1n): readonly ProjectedEvent[] => {
  const first = events[0]
  return first === undefined ? [] : recorded(competency.streamName(first.data.nip), events, firstPosition)
}

/** The events a decider decides for commands that must all be accepted, each decided against the state so far. */
export const decided = <
  Command extends { readonly type: string },
  Event,
  State,
  Reject extends { readonly code: string },
  Facts = never,
>(
  decider: Decider<Command, Event, State, Reject, Facts>,
  commands: readonly Command[],
): readonly Event[] => {
  const events: Event[] = []
  let state = decider.initialState
  for (const command of commands) {
    const decision = decider.decide(command, state)
    if (E.isLeft(decision)) throw new Error(`${command.type} was refused: ${decision.left.code}`)
    for (const event of decision.right) {
      events.push(event)
      state = decider.evolve(state, event)
    }
  }
  return events
}

/**
 * Merges streams into one global order as a store could have written them: each stream keeps its own order, and
 * `picks` choose which stream goes next (modulo the streams left); what remains follows in stream order.
 */
export const interleave = <Event>(streams: readonly (readonly Event[])[], picks: readonly number[]): Event[] => {
  const queues = streams.map(stream => [...stream]).filter(queue => queue.length > 0)
  const merged: Event[] = []
  for (const pick of picks) {
    if (queues.length === 0) break
    const index = pick % queues.length
    const queue = queues[index]
    const next = queue?.shift()
    if (next !== undefined) merged.push(next)
    if (queue?.length === 0) queues.splice(index, 1)
  }
  return [...merged, ...queues.flat()]
}

/** Renumbers events in the given order with increasing global positions, as one store's `$all` would. */
export const inGlobalOrder = (events: readonly ProjectedEvent[]): readonly ProjectedEvent[] =>
  events.map((event, i) => ({ ...event, position: BigInt(i + 1) }))

/**
 * Applies events to a projection the way the engine does (keys, then one `evolve` per key), starting from `documents`.
 * Every document written goes through JSON and back through the projection's codec, so a document that is not plain
 * JSON or does not match its codec fails the test at the event that made it.
 */
export const foldProjection = <Doc extends JsonValue>(
  projection: Projection<Doc>,
  events: readonly ProjectedEvent[],
  documents: ReadonlyMap<string, Doc> = new Map(),
): ReadonlyMap<string, Doc> => {
  const docs = new Map(documents)
  for (const event of events)
    for (const key of projection.keysOf(event)) {
      const next = projection.evolve(docs.get(key), event, key)
      if (next === undefined) {
        docs.delete(key)
        continue
      }
      const json: unknown = JSON.parse(JSON.stringify(projection.document.encode(next)))
      const decoded = decodeWith(projection.document)(json)
      if (E.isLeft(decoded))
        throw new Error(
          `${event.event.type} left ${projection.name}/${key} invalid: ${formatDecodeFailure(decoded.left)}`,
        )
      docs.set(key, decoded.right)
    }
  return docs
}

const compareValues = (a: JsonValue | undefined, b: JsonValue | undefined): number => {
  if (a === b) return 0
  if (a === undefined) return 1
  if (b === undefined) return -1
  if (typeof a === 'number' && typeof b === 'number') return a - b
  const [x, y] = [JSON.stringify(a), JSON.stringify(b)]
  return x < y ? -1 : x > y ? 1 : 0
}

const isObject = (value: JsonValue): value is { readonly [key: string]: JsonValue } =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const fieldOf = (doc: JsonValue, field: string): JsonValue | undefined =>
  isObject(doc) && Object.hasOwn(doc, field) ? doc[field] : undefined

const listed = (docs: ReadonlyMap<string, JsonValue>, query: ListQuery = {}): readonly KeyedDocument[] => {
  const { where, orderBy, limit } = query
  const sign = orderBy?.direction === 'desc' ? -1 : 1
  const matching = [...docs]
    .filter(([, doc]) => where === undefined || fieldOf(doc, where.field) === where.equals)
    .sort(([ka, a], [kb, b]) => {
      const byField =
        orderBy === undefined ? 0 : compareValues(fieldOf(a, orderBy.field), fieldOf(b, orderBy.field)) * sign
      return byField !== 0 ? byField : ka < kb ? -1 : ka > kb ? 1 : 0
    })
    .map(([key, doc]) => ({ key, doc }))
  return limit === undefined ? matching : matching.slice(0, limit)
}

const onlyForQueries = (): Promise<never> => Promise.reject(new Error('this test store serves queries only'))

/** A read-model store over folded documents, by projection name: enough for queries (`get`, `list`), nothing else. */
export const storeOf = (byProjection: Readonly<Record<string, ReadonlyMap<string, JsonValue>>>): ReadModelStore => {
  const docsOf = (name: string): ReadonlyMap<string, JsonValue> =>
    Object.hasOwn(byProjection, name) ? (byProjection[name] ?? new Map()) : new Map()
  return {
    get: (name, key) => Promise.resolve(docsOf(name).get(key)),
    list: (name, query) => Promise.resolve(listed(docsOf(name), query)),
    getVersioned: onlyForQueries,
    checkpoint: onlyForQueries,
    commit: onlyForQueries,
    skipped: onlyForQueries,
    serving: onlyForQueries,
    serve: onlyForQueries,
    drop: onlyForQueries,
    close: () => Promise.resolve(),
  }
}
