import * as t from 'io-ts'
import type { JsonValue } from '../projection.js'
import { documentCodec } from '../read-models/stored-document.js'

/** A JSON object: what a parked command is kept as. */
export type JsonObject = { readonly [key: string]: JsonValue }

const isJsonValue = (u: unknown, depth: number): u is JsonValue => {
  if (u === null || typeof u === 'string' || typeof u === 'boolean') return true
  if (typeof u === 'number') return Number.isFinite(u)
  if (typeof u !== 'object' || depth > 64) return false
  if (Array.isArray(u)) return u.every((item: unknown) => isJsonValue(item, depth + 1))
  return Object.values(u).every(value => isJsonValue(value, depth + 1))
}

const isJsonObject = (u: unknown): u is JsonObject =>
  typeof u === 'object' && u !== null && !Array.isArray(u) && isJsonValue(u, 0)

/** A JSON object, as a command's codec writes it. */
export const JsonCommand = new t.Type<JsonObject, JsonObject>(
  'JsonObject',
  isJsonObject,
  (u, c) => (isJsonObject(u) ? t.success(u) : t.failure(u, c, 'must be a JSON object')),
  object => object,
)

/** Where the event that caused a parked entry sits, and what the store says it was. */
export const ParkedSource = t.intersection([
  t.type({
    streamName: t.string,
    revision: t.number,
    /** The global position, as decimal text (JSON has no bigint). */
    position: t.string,
  }),
  t.partial({ eventId: t.string, eventType: t.string, correlationId: t.string }),
])

/** Why an entry was parked: the kind of failure and a sentence a person can read; a rejection's code too. */
export const ParkedReason = t.intersection([
  t.type({
    kind: t.union([
      t.literal('rejected'),
      t.literal('corrupt-stream'),
      t.literal('invalid-event'),
      t.literal('undecodable'),
    ]),
    message: t.string,
  }),
  t.partial({ code: t.string }),
])

/** A command a policy asked for that its handler refused: re-sent, under the same id, by `retryParked`. */
export const ParkedCommand = t.type({
  kind: t.literal('command'),
  source: ParkedSource,
  policy: t.string,
  /** Which of the policy's commands for the event (zero-based): with the source event id, it makes the command id. */
  index: t.number,
  commandId: t.string,
  /** The stream the command is for. */
  target: t.string,
  /** The command as its codec writes it. */
  command: JsonCommand,
  reason: ParkedReason,
  /** How many times it has been sent and refused. */
  attempts: t.number,
})

/** An event the reactor could not read (a corrupt record, data or metadata that does not decode): no policy saw it. */
export const ParkedEvent = t.type({
  kind: t.literal('event'),
  source: ParkedSource,
  reason: ParkedReason,
  attempts: t.number,
})

/** Codec of a parked entry, either kind, with its own output type; `ParkedEntry` is it typed as a read-model document. */
export const ParkedEntryFields = t.union([ParkedCommand, ParkedEvent], 'ParkedEntry')
export type ParkedEntry = t.TypeOf<typeof ParkedEntryFields>
/** Codec of the parked list's documents (a read model named after the reactor). */
export const ParkedEntry: t.Type<ParkedEntry, JsonValue> = documentCodec(ParkedEntryFields)
export type ParkedCommand = t.TypeOf<typeof ParkedCommand>
export type ParkedEvent = t.TypeOf<typeof ParkedEvent>
export type ParkedReason = t.TypeOf<typeof ParkedReason>
export type ParkedSource = t.TypeOf<typeof ParkedSource>

/** The key a parked entry is kept under: a command's id, or the place of an event that could not be read. */
export const parkedKeyOf = (entry: ParkedEntry): string =>
  entry.kind === 'command' ? entry.commandId : `event:${entry.source.streamName}@${entry.source.revision}`
