// Metadata as a projection sees it: decoded whole on its first read, so that unread metadata costs nothing, while
// metadata that is read is exactly what `EventMetadata` decodes, or an error the engine treats as the event failing.
import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import { describe, expect, it } from 'vitest'
import {
  enrollmentEvents,
  EventMetadata,
  type EventToAppend,
  inMemoryEventStore,
  instant,
  nip,
  type StoredEvent,
} from '@pembina/core'
import { EventMetadataError, ProjectionEventError } from './errors.js'
import { inMemoryReadModelStore } from './in-memory-read-model-store.js'
import { projectedEventOf } from './projected-event.js'
import type { Projection, ProjectedEvent } from './projection.js'
import { startProjector } from './projector.js'

const sari = nip('199203152019032004')
const kepala = nip('196608011988031001')

const requested = enrollmentEvents.encode({
  type: 'PlaceRequested',
  data: {
    at: instant('2026-02-10T10:00:00+07:00'),
    offeringId: 'pmwp-2026-ii',
    nip: sari,
    atasanNip: kepala,
    nominated: false,
  },
})

const wellFormed = {
  eventId: 'e-1',
  commandId: 'c-1',
  correlationId: 'c-1',
  causationId: 'c-1',
  actor: { kind: 'asn', nip: kepala, roles: ['asn', 'atasan'] },
  occurredAt: '2026-02-10T10:00:00+07:00',
  schemaVersion: 1,
  prevHash: null,
  hash: 'a'.repeat(64),
}

const stored = (metadata: unknown): StoredEvent => ({
  kind: 'event',
  streamName: 'enrollment-pmwp-2026-ii',
  revision: 1,
  position: 7n,
  eventId: 'e-1',
  type: requested.type,
  data: requested.data,
  metadata,
})

const projected = (metadata: unknown): ProjectedEvent => {
  const event = projectedEventOf(stored(metadata))
  if (E.isLeft(event)) throw new Error(event.left)
  return event.right
}

describe('metadata as a projection sees it', () => {
  it('well-formed metadata reads as stored: its fields, its keys, a spread and its JSON', () => {
    const { metadata } = projected(wellFormed)
    expect(metadata.actor).toEqual(wellFormed.actor)
    expect(metadata.schemaVersion).toBe(1)
    expect(Object.keys(metadata)).toEqual(Object.keys(wellFormed))
    expect({ ...metadata }).toEqual(wellFormed)
    expect(JSON.parse(JSON.stringify(metadata))).toEqual(wellFormed)
    expect('hash' in metadata).toBe(true)
    expect(EventMetadata.is(metadata)).toBe(true)
  })

  it('metadata the codec converts reads converted: a NIP written with spaces reads as its 18 digits', () => {
    const spaced = { ...wellFormed, actor: { kind: 'asn', nip: '19660801 198803 1 001', roles: ['atasan'] } }
    expect(projected(spaced).metadata.actor).toEqual({ kind: 'asn', nip: kepala, roles: ['atasan'] })
  })

  it('fields EventMetadata does not know read as decoded, stripped: an actor display name stored by an older handler', () => {
    const withName = {
      ...wellFormed,
      $correlationId: 'c-1',
      actor: { ...wellFormed.actor, displayName: 'Drs. Ahmad Kepala' },
    }
    const { metadata } = projected(withName)
    expect(metadata.actor).toEqual(wellFormed.actor)
    expect(JSON.stringify(metadata)).not.toContain('Ahmad')
    expect({ ...metadata }).toEqual(wellFormed)
    expect(Object.keys(metadata)).toEqual(Object.keys(wellFormed))
  })

  it('reads the same whatever the store hands out, a frozen object included', () => {
    const frozen = Object.freeze({ ...wellFormed, actor: Object.freeze({ ...wellFormed.actor }) })
    const { metadata } = projected(frozen)
    expect(metadata.commandId).toBe('c-1')
    expect({ ...metadata }).toEqual(wellFormed)
  })

  it('unread metadata is not checked: an event whose actor is malformed still decodes, its data intact', () => {
    const event = projectedEventOf(stored({ ...wellFormed, actor: { kind: 'asn', nip: '123' } }))
    expect(E.isRight(event) && event.right.event.type).toBe('PlaceRequested')
  })

  it('reading malformed metadata throws an EventMetadataError naming the bad field, every time it is read', () => {
    const { metadata } = projected({ ...wellFormed, hash: 'not a hash' })
    expect(() => metadata.hash).toThrow(EventMetadataError)
    expect(() => metadata.eventId).toThrow(/^metadata: hash /)
    expect(() => ({ ...metadata })).toThrow(EventMetadataError)
  })

  it('metadata without a valid schema version does not decode at all: the data cannot be read without it', () => {
    const event = projectedEventOf(stored({ ...wellFormed, schemaVersion: 0 }))
    expect(E.isLeft(event) && event.left).toMatch(/^metadata: schemaVersion /)
  })

  it('metadata cannot be changed through the event a projection is given', () => {
    const { metadata } = projected(wellFormed)
    expect(() => Object.assign(metadata, { commandId: 'forged' })).toThrow(TypeError)
    expect(() => Object.defineProperty(metadata, 'extra', { value: 1 })).toThrow(TypeError)
    expect(metadata.commandId).toBe('c-1')
  })
})

describe('a projector and metadata', () => {
  // Counts place requests per offering, and, when asked to, who asked: the second reads the metadata.
  const counting = (readsActor: boolean): Projection<{ readonly requests: number; readonly by: string }> => ({
    name: 'requests-by-actor',
    version: 1,
    categories: ['enrollment'],
    document: t.type({ requests: t.number, by: t.string }),
    keysOf: ({ event }) => (event.type === 'PlaceRequested' ? [event.data.offeringId] : []),
    evolve: (doc, { metadata }) => ({
      requests: (doc?.requests ?? 0) + 1,
      by: readsActor ? metadata.actor.kind : 'unread',
    }),
  })

  const appended = (eventId: string, metadata: unknown): EventToAppend => ({
    eventId,
    type: requested.type,
    data: requested.data,
    metadata,
  })

  it('applies an event with malformed metadata that its projection never reads, and stops where one reads it', async () => {
    const events = inMemoryEventStore()
    const bad = { ...wellFormed, eventId: 'e-2', actor: { kind: 'robot' } }
    const written = await events.append(
      'enrollment-pmwp-2026-ii',
      [appended('e-1', wellFormed), appended('e-2', bad)],
      'no-stream',
    )()
    expect(E.isRight(written)).toBe(true)

    const unread = inMemoryReadModelStore()
    await startProjector({ events, readModels: unread, projection: counting(false), live: false }).done
    expect(await unread.get('requests-by-actor', 'pmwp-2026-ii')).toEqual({ requests: 2, by: 'unread' })

    const read = inMemoryReadModelStore()
    const stopped: unknown = await startProjector({ events, readModels: read, projection: counting(true), live: false })
      .done.then(() => 'finished')
      .catch((error: unknown) => error)
    expect(stopped).toBeInstanceOf(ProjectionEventError)
    expect(String(stopped)).toMatch(/revision 1 .*evolve of document pmwp-2026-ii threw: metadata: actor/)
    expect(await read.checkpoint({ name: 'requests-by-actor', version: 1 })).toEqual({ position: 1n, events: 1 })
  })
})
