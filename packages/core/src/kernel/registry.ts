import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import { type DecodeFailure, decodeWith } from './decode.js'
import type { DomainEvent } from './domain-event.js'

/**
 * Turns one schema version of an event's data into the next (version n to n + 1); pure. One that throws on data it
 * cannot read is reported by the registry as a decode failure of that event.
 */
export type Upcaster = (data: unknown) => unknown

/** One event type as stored: its codec, its current schema version, and upcasters from every older version. */
export interface EventSchema<Event extends DomainEvent> {
  readonly type: Event['type']
  readonly version: number
  readonly codec: t.Type<Event, DomainEvent>
  /** `upcasters[n]` turns version n data into version n + 1 data. */
  readonly upcasters?: Readonly<Record<number, Upcaster>>
  readonly description: string
}

/** An event as serialized for a store: type, JSON-ready data and the schema version it was written with. */
export interface SerializedEvent {
  readonly type: string
  readonly data: unknown
  readonly schemaVersion: number
}

/** Decodes and encodes every event type of an aggregate, upcasting older versions on read. */
export interface EventRegistry<Event extends DomainEvent> {
  readonly schemas: readonly EventSchema<Event>[]
  readonly has: (type: string) => boolean
  readonly decode: (stored: SerializedEvent) => E.Either<DecodeFailure, Event>
  /**
   * Decodes like `decode`, without its copy when the stored value already is the event: data at the current schema
   * version that the codec's guard accepts (every field present and valid, refinements included) is returned as it
   * is; anything else (an older version to upcast, a value the codec converts, a bad field) is decoded, which also
   * says what is wrong. The one difference from `decode`: fields the codec does not know stay in place, where
   * `decode` strips them; Pembina never stores any. For paths that read every event (folds, projections).
   */
  readonly decodeInPlace: (stored: SerializedEvent) => E.Either<DecodeFailure, Event>
  readonly encode: (event: Event) => SerializedEvent
}

const failure = (what: string, path: string, rule: string, value: unknown): DecodeFailure => ({
  _tag: 'DecodeFailure',
  what,
  issues: [{ path, rule, value }],
})

/** Builds a registry from event schemas; each type may appear once. */
export const eventRegistry = <Event extends DomainEvent>(
  schemas: readonly EventSchema<Event>[],
): EventRegistry<Event> => {
  const byType = new Map<string, EventSchema<Event>>()
  for (const schema of schemas) {
    if (byType.has(schema.type)) throw new Error(`event type ${schema.type} is registered twice`)
    // Every event written carries its schema's version; a reader refuses one that is not a whole number from 1.
    if (!Number.isSafeInteger(schema.version) || schema.version < 1)
      throw new RangeError(`event type ${schema.type}: schema version ${schema.version} is not a whole number from 1`)
    byType.set(schema.type, schema)
  }
  const decode = (stored: SerializedEvent): E.Either<DecodeFailure, Event> => {
    const schema = byType.get(stored.type)
    if (schema === undefined) return E.left(failure('event', 'type', 'is not a known event type', stored.type))
    const what = `${stored.type} v${stored.schemaVersion}`
    if (!Number.isInteger(stored.schemaVersion) || stored.schemaVersion < 1)
      return E.left(failure(what, 'schemaVersion', 'must be a whole number from 1', stored.schemaVersion))
    if (stored.schemaVersion > schema.version)
      return E.left(
        failure(what, 'schemaVersion', `is newer than this library knows (v${schema.version})`, stored.schemaVersion),
      )
    let data = stored.data
    for (let version = stored.schemaVersion; version < schema.version; version++) {
      const upcast = schema.upcasters?.[version]
      if (upcast === undefined)
        return E.left(failure(what, 'schemaVersion', `has no upcaster from v${version}`, version))
      try {
        data = upcast(data)
      } catch (cause) {
        // Old data an upcaster cannot read is a decode failure like any other, never an exception for the reader.
        const reason = cause instanceof Error ? cause.message : String(cause)
        return E.left(failure(what, 'data', `could not be upcast from v${version}: ${reason}`, data))
      }
    }
    return decodeWith(schema.codec, what)({ type: stored.type, data })
  }
  return {
    schemas,
    has: type => byType.has(type),
    decode,
    decodeInPlace: stored => {
      const schema = byType.get(stored.type)
      if (schema !== undefined && stored.schemaVersion === schema.version) {
        const candidate = { type: stored.type, data: stored.data }
        if (schema.codec.is(candidate)) return E.right(candidate)
      }
      return decode(stored)
    },
    encode: event => {
      const schema = byType.get(event.type)
      if (schema === undefined) throw new Error(`event type ${event.type} is not registered`)
      const encoded = schema.codec.encode(event)
      return { type: event.type, data: encoded.data, schemaVersion: schema.version }
    },
  }
}

/**
 * Builds schemas typed at an aggregate's event union from its member codecs. io-ts codecs are invariant, so each
 * member codec is wrapped again (same name and fields, which the event catalog reads) and encodes through the union.
 */
export const eventSchemas =
  <Event extends DomainEvent>(union: t.Type<Event, DomainEvent>) =>
  <Member extends Event>(
    type: Member['type'],
    codec: t.ExactType<t.Mixed, Member, DomainEvent>,
    description: string,
    history: { readonly version: number; readonly upcasters: Readonly<Record<number, Upcaster>> } = {
      version: 1,
      upcasters: {},
    },
  ): EventSchema<Event> => ({
    type,
    version: history.version,
    upcasters: history.upcasters,
    codec: new t.ExactType<t.Mixed, Event, DomainEvent, unknown>(
      codec.name,
      (u): u is Event => codec.is(u),
      (u, c) => codec.validate(u, c),
      value => union.encode(value),
      codec.type,
    ),
    description,
  })
