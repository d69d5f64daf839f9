import * as E from 'fp-ts/lib/Either.js'
import {
  approvedPlaces,
  defaultPolicy,
  enrollment,
  type EnrollmentCommand,
  type EnrollmentEvent,
  type EnrollmentRejection,
  type EnrollmentState,
  EventMetadata,
  eventIdOf,
  formatHandleFailure,
  type HandleFailure,
  type HandleResult,
  type StoredRecord,
  type StreamRevision,
  verifyChain,
} from '@pembina/core'

const isRecord = (value: unknown): value is Readonly<Record<string, unknown>> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const sortedKeys = (value: unknown): unknown => {
  if (Array.isArray(value)) return (value as readonly unknown[]).map(sortedKeys)
  if (!isRecord(value)) return value
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map(key => [key, sortedKeys(value[key])]),
  )
}

/** JSON text with object keys sorted: the same for equal values, whichever order their keys were written in. */
export const stableText = (value: unknown): string => JSON.stringify(sortedKeys(value) ?? null)

/** An event as the model knows it: where it is, which command wrote it, its type and its data as stable text. */
export interface ModelEvent {
  readonly revision: number
  readonly eventId: string
  readonly commandId: string
  readonly type: string
  readonly data: string
}

/** One stream of the model: the events accepted so far, and the decider's state after them. */
export interface StreamModel {
  readonly events: readonly ModelEvent[]
  readonly state: EnrollmentState
}

/** What handling a command must come to, by the model. */
export type ModelOutcome =
  | { readonly kind: 'rejected'; readonly rejection: string }
  | {
      readonly kind: 'handled'
      readonly written: boolean
      readonly events: readonly ModelEvent[]
      readonly next: StreamRevision
    }

/** What handling a command came to: a model outcome, a conflict (every attempt met another writer), or a failure. */
export type SeenOutcome =
  ModelOutcome | { readonly kind: 'conflict' } | { readonly kind: 'failed'; readonly reason: string }

/** The events each command id wrote (none listed: it wrote nothing yet, so the handler decides it again). */
export type WrittenByCommand = ReadonlyMap<string, readonly ModelEvent[]>

/** The decider the model folds and decides with: the same one the handlers under test use. */
export const modelDecider = enrollment.decider(defaultPolicy)

export const emptyStream: StreamModel = { events: [], state: modelDecider.initialState }

const revisionOf = (stream: StreamModel): StreamRevision =>
  stream.events.length === 0 ? 'no-stream' : stream.events.length - 1

const modelEvent = (event: EnrollmentEvent, revision: number, eventId: string, commandId: string): ModelEvent => ({
  revision,
  eventId,
  commandId,
  type: event.type,
  data: stableText(enrollment.events.encode(event).data),
})

/** What one command comes to on a stream of the model, and the stream and the written events after it. */
export interface ModelStep {
  readonly outcome: ModelOutcome
  readonly stream: StreamModel
  readonly written: WrittenByCommand
}

/**
 * One command on the model: a command id that wrote events gets them back, unwritten; any other is decided on the
 * stream's state (a rejection, nothing, or events appended at the next revisions under ids of its command id).
 */
export const modelStep = (
  stream: StreamModel,
  written: WrittenByCommand,
  commandId: string,
  command: EnrollmentCommand,
): ModelStep => {
  const earlier = written.get(commandId) ?? []
  const last = earlier[earlier.length - 1]
  if (last !== undefined)
    return { outcome: { kind: 'handled', written: false, events: earlier, next: last.revision }, stream, written }
  const decided = modelDecider.decide(command, stream.state)
  if (E.isLeft(decided)) return { outcome: { kind: 'rejected', rejection: stableText(decided.left) }, stream, written }
  if (decided.right.length === 0)
    return { outcome: { kind: 'handled', written: false, events: [], next: revisionOf(stream) }, stream, written }
  const start = stream.events.length
  const events = decided.right.map((event, i) => modelEvent(event, start + i, eventIdOf(commandId, i), commandId))
  const state = decided.right.reduce(modelDecider.evolve, stream.state)
  return {
    outcome: { kind: 'handled', written: true, events, next: start + events.length - 1 },
    stream: { events: [...stream.events, ...events], state },
    written: new Map([...written, [commandId, events]]),
  }
}

/** What the handler answered, in the model's terms. */
export const seenOutcome = (
  result: E.Either<HandleFailure<EnrollmentRejection>, HandleResult<EnrollmentEvent>>,
): SeenOutcome => {
  if (E.isLeft(result)) {
    const failure = result.left
    if (failure.kind === 'rejected') return { kind: 'rejected', rejection: stableText(failure.rejection) }
    if (failure.kind === 'conflict') return { kind: 'conflict' }
    return { kind: 'failed', reason: formatHandleFailure(failure) }
  }
  const { written, events, nextExpectedRevision } = result.right
  return {
    kind: 'handled',
    written,
    events: events.map(({ revision, event, metadata }) =>
      modelEvent(event, revision, metadata.eventId, metadata.commandId),
    ),
    next: nextExpectedRevision,
  }
}

/** Whether two outcomes are the same. */
export const sameOutcome = (a: SeenOutcome, b: SeenOutcome): boolean => stableText(a) === stableText(b)

const codeOf = (rejection: string): string => {
  const parsed: unknown = JSON.parse(rejection)
  return isRecord(parsed) && typeof parsed.code === 'string' ? parsed.code : rejection
}

const eventsText = (events: readonly ModelEvent[]): string =>
  `[${events.map(event => `${event.type}@${event.revision} by ${event.commandId}`).join(', ')}]`

/** One line for an outcome: `rejected: capacity-reached`, `wrote [PlaceApproved@3 by …]`, `nothing (at 2)`. */
export const outcomeText = (outcome: SeenOutcome): string => {
  switch (outcome.kind) {
    case 'rejected':
      return `rejected: ${codeOf(outcome.rejection)}`
    case 'conflict':
      return 'conflict: every attempt met another writer'
    case 'failed':
      return `failed: ${outcome.reason}`
    case 'handled':
      if (outcome.written) return `wrote ${eventsText(outcome.events)}`
      if (outcome.events.length > 0)
        return `the first outcome again ${eventsText(outcome.events)}, next ${outcome.next}`
      return `nothing (next ${outcome.next})`
  }
}

/** The events of a stream as read back, or why they are not a valid stream of the model's aggregate. */
export const storedStream = async (records: readonly StoredRecord[]): Promise<E.Either<string, ModelEvent[]>> => {
  const events: ModelEvent[] = []
  const ids = new Set<string>()
  let state = modelDecider.initialState
  for (const [i, record] of records.entries()) {
    if (record.kind === 'corrupt') return E.left(`revision ${record.revision} is a corrupt record: ${record.reason}`)
    if (record.revision !== i) return E.left(`the record read at ${i} says it is at revision ${record.revision}`)
    if (ids.has(record.eventId)) return E.left(`event ${record.eventId} is stored twice (revision ${i})`)
    ids.add(record.eventId)
    const metadata = EventMetadata.decode(record.metadata)
    if (E.isLeft(metadata)) return E.left(`revision ${i} has metadata that does not decode`)
    const { schemaVersion, commandId, eventId } = metadata.right
    if (eventId !== record.eventId)
      return E.left(`revision ${i} is stored as ${record.eventId}, its metadata says ${eventId}`)
    const decoded = enrollment.events.decode({ type: record.type, data: record.data, schemaVersion })
    if (E.isLeft(decoded)) return E.left(`revision ${i} (${record.type}) does not decode: ${decoded.left.what}`)
    state = modelDecider.evolve(state, decoded.right)
    if (state.status !== 'unopened' && approvedPlaces(state) > state.terms.capacity)
      return E.left(
        `capacity exceeded at revision ${i}: ${approvedPlaces(state)} places taken of ${state.terms.capacity}`,
      )
    events.push({ revision: i, eventId, commandId, type: record.type, data: stableText(record.data) })
  }
  const chain = await verifyChain(records)
  if (!chain.valid) return E.left(`the hash chain breaks: ${chain.detail}`)
  return E.right(events)
}

/** Whether a stream read back holds exactly the model's events. */
export const sameEvents = (stored: readonly ModelEvent[], model: readonly ModelEvent[]): boolean =>
  stableText(stored) === stableText(model)

/** The model's events beside the stored ones, one line each, for a failure's message. */
export const streamsText = (stored: readonly ModelEvent[], model: readonly ModelEvent[], label = 'model'): string =>
  `stored: ${eventsText(stored)}\n  ${label}: ${eventsText(model)}`
