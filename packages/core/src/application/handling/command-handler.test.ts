import * as E from 'fp-ts/lib/Either.js'
import { v5 } from 'uuid'
import { describe, expect, it } from 'vitest'
import { enrollment, type EnrollmentCommand, enrollmentEvents } from '../../enrollment/index.js'
import { EventMetadata } from '../../shared/event-metadata.js'
import type { EventStore, StoredEvent, StoredRecord } from '../../kernel/event-store.js'
import type { Actor } from '../../shared/actor.js'
import { nip, type Nip } from '../../shared/nip.js'
import { type Instant, instant, localDate } from '../../shared/time.js'
import { defaultPolicy } from '../../shared/policy-config.js'
import { inMemoryEventStore } from '../in-memory/index.js'
import { eventIdOf, pembinaEventNamespace, verifyChain } from '../integrity/index.js'
import { commandHandler } from './command-handler.js'

// Puskesmas Belawan's head (atasan), two of her staff, and BKPSDM's training admin who opens the offering.
const kepala = nip('196608011988031001')
const sari = nip('199203152019032004')
const rudi = nip('198507122010011002')
const asn = (who: Nip, ...roles: readonly ('asn' | 'admin-pelatihan')[]): Actor => ({ kind: 'asn', nip: who, roles })
const admin = asn(nip('197505052000031004'), 'admin-pelatihan')
const offeringId = 'pmwp-2026-ii'
const stream = enrollment.streamName(offeringId)
const on = (text: string): Instant => instant(`${text}+07:00`)

const open = (capacity = 2): EnrollmentCommand => ({
  type: 'OpenOffering',
  at: on('2026-02-02T09:00:00'),
  actor: admin,
  data: {
    offeringId,
    title: 'Pelatihan Manajemen Waktu dan Produktivitas, Angkatan II 2026',
    provider: 'BKPSDM Kota Medan',
    venue: 'Aula BKPSDM Kota Medan',
    form: 'pelatihan-manajerial',
    competency: { type: 'manajerial', code: 'M.04' },
    jp: 24,
    capacity,
    schedule: { start: localDate('2026-03-02'), end: localDate('2026-03-06') },
  },
})
const request = (who: Nip): EnrollmentCommand => ({
  type: 'RequestPlace',
  at: on('2026-02-10T10:00:00'),
  actor: asn(who, 'asn'),
  data: { offeringId, nip: who, atasanNip: kepala },
})

const handlerOn = (store: EventStore) => commandHandler({ store, aggregate: enrollment, config: defaultPolicy })

const recordsOf = async (store: EventStore): Promise<readonly StoredRecord[]> => {
  const records: StoredRecord[] = []
  for await (const record of store.readStream(stream)) records.push(record)
  return records
}
const eventsOf = async (store: EventStore): Promise<readonly StoredEvent[]> =>
  (await recordsOf(store)).filter((record): record is StoredEvent => record.kind === 'event')

describe('command handler: load, decide, append', () => {
  it('an accepted command appends its events with full metadata, and the chain verifies', async () => {
    const store = inMemoryEventStore()
    const handler = handlerOn(store)
    const first = await handler.handle(open(), { commandId: 'open-1' })()
    const second = await handler.handle(request(sari), {
      commandId: 'req-sari',
      correlationId: 'portal-session-7',
      causationId: 'open-1',
    })()
    expect(E.isRight(first) && E.isRight(second)).toBe(true)
    if (E.isLeft(first) || E.isLeft(second)) return
    expect(first.right).toMatchObject({ streamName: stream, nextExpectedRevision: 0, written: true, attempts: 1 })
    expect(second.right).toMatchObject({ nextExpectedRevision: 1, written: true })
    const [opened, requested] = await eventsOf(store)
    const openedMeta = EventMetadata.decode(opened?.metadata)
    const requestedMeta = EventMetadata.decode(requested?.metadata)
    if (E.isLeft(openedMeta) || E.isLeft(requestedMeta)) throw new Error('stored metadata does not decode')
    expect(openedMeta.right).toEqual({
      eventId: eventIdOf('open-1', 0),
      commandId: 'open-1',
      correlationId: 'open-1',
      causationId: 'open-1',
      actor: admin,
      occurredAt: on('2026-02-02T09:00:00'),
      schemaVersion: 2, // OfferingOpened v2: its schedule lists its session days
      prevHash: null,
      hash: openedMeta.right.hash,
    })
    expect(requestedMeta.right).toMatchObject({
      eventId: eventIdOf('req-sari', 0),
      correlationId: 'portal-session-7',
      causationId: 'open-1',
      actor: asn(sari, 'asn'),
      prevHash: openedMeta.right.hash,
    })
    expect(opened?.eventId).toBe(eventIdOf('open-1', 0))
    expect(second.right.events.map(e => e.metadata)).toEqual([requestedMeta.right])
    expect(second.right.events.map(e => e.event.type)).toEqual(['PlaceRequested'])
    await expect(verifyChain(store.readStream(stream))).resolves.toEqual({
      valid: true,
      streamName: stream,
      events: 2,
      lastHash: requestedMeta.right.hash,
      head: { streamName: stream, revision: 1, hash: requestedMeta.right.hash, events: 2 },
    })
  })

  it('a rejected command writes nothing and reports the rejection', async () => {
    const store = inMemoryEventStore()
    const result = await handlerOn(store).handle(request(sari), { commandId: 'too-early' })()
    if (E.isRight(result) || result.left.kind !== 'rejected') throw new Error('expected a rejection')
    expect(result.left).toEqual({ kind: 'rejected', streamName: stream, rejection: result.left.rejection })
    expect(result.left.rejection.code).toBe('offering-not-open')
    await expect(store.streamRevision(stream)()).resolves.toEqual(E.right('no-stream'))
  })

  it('the same command id twice returns the first outcome and writes nothing the second time', async () => {
    const store = inMemoryEventStore()
    const handler = handlerOn(store)
    await handler.handle(open(), { commandId: 'open-1' })()
    const first = await handler.handle(request(sari), { commandId: 'req-sari' })()
    const again = await handler.handle(request(sari), { commandId: 'req-sari' })()
    if (E.isLeft(first) || E.isLeft(again)) throw new Error('expected both to succeed')
    expect(again.right).toEqual({ ...first.right, written: false })
    expect(await eventsOf(store)).toHaveLength(2)
  })

  it('a repeated command id returns its first outcome even when deciding now would refuse it', async () => {
    const store = inMemoryEventStore()
    const handler = handlerOn(store)
    const first = await handler.handle(open(2), { commandId: 'open-1' })()
    // Other terms under a new id are refused: the offering is already open…
    const other = await handler.handle(open(5), { commandId: 'open-2' })()
    expect(E.isLeft(other) && other.left.kind === 'rejected').toBe(true)
    // …but under the first id the client gets the first outcome back.
    const again = await handler.handle(open(5), { commandId: 'open-1' })()
    if (E.isLeft(first) || E.isLeft(again)) throw new Error('expected the first outcome')
    expect(again.right.events).toEqual(first.right.events)
    expect(again.right).toMatchObject({ nextExpectedRevision: 0, written: false, position: first.right.position })
    expect(await eventsOf(store)).toHaveLength(1)
  })

  it('a command that changes nothing succeeds with no events, writes nothing and reports the current revision', async () => {
    const store = inMemoryEventStore()
    const handler = handlerOn(store)
    await handler.handle(open(), { commandId: 'open-1' })()
    await handler.handle(request(sari), { commandId: 'req-1' })()
    const repeat = await handler.handle(request(sari), { commandId: 'req-2' })()
    expect(repeat).toEqual(
      E.right({ streamName: stream, events: [], nextExpectedRevision: 1, position: null, written: false, attempts: 1 }),
    )
    expect(await eventsOf(store)).toHaveLength(2)
  })

  it('appends every event of a command after the loaded revision, each linked to the one before', async () => {
    const store = inMemoryEventStore()
    const handler = handlerOn(store)
    await handler.handle(open(1), { commandId: 'open-1' })()
    await handler.handle(request(sari), { commandId: 'req-sari' })()
    await handler.handle(request(rudi), { commandId: 'req-rudi' })()
    const started = await handler.handle(
      { type: 'StartOffering', at: on('2026-03-02T07:00:00'), actor: admin, data: { offeringId } },
      { commandId: 'start' },
    )()
    if (E.isLeft(started)) throw new Error('the offering should start')
    // Both pending places are declined when the offering starts, then the start itself: one command, several events.
    expect(started.right.events.length).toBeGreaterThan(1)
    expect(started.right.events.map(e => e.revision)).toEqual(started.right.events.map((_, i) => 3 + i))
    expect(started.right.events.map(e => e.metadata.eventId)).toEqual(
      started.right.events.map((_, i) => eventIdOf('start', i)),
    )
    expect(started.right.nextExpectedRevision).toBe(2 + started.right.events.length)
    await expect(verifyChain(store.readStream(stream))).resolves.toMatchObject({ valid: true })
  })
})

describe('command handler writing only what the metadata codec keeps', () => {
  it('stores and hashes the actor as its codec reads it back, so an extra field neither leaks nor breaks the chain', async () => {
    const store = inMemoryEventStore()
    const handler = handlerOn(store)
    // An application's session object passed as the actor: structurally an Actor, with a name beside it.
    const session = { ...admin, displayName: 'Budi Santoso' }
    const opened = await handler.handle({ ...open(), actor: session }, { commandId: 'open-1' })()
    if (E.isLeft(opened)) throw new Error('the offering should open')
    const [record] = await recordsOf(store)
    const stored = record?.kind === 'event' ? record.metadata : undefined
    expect(E.map((metadata: EventMetadata) => metadata.actor)(EventMetadata.decode(stored))).toEqual(E.right(admin))
    expect(JSON.stringify(stored)).not.toContain('Budi')
    expect(opened.right.events[0]?.metadata.actor).toEqual(admin)
    await expect(verifyChain(store.readStream(stream))).resolves.toMatchObject({ valid: true, events: 1 })
  })

  it('stores and hashes an actor from untyped code as its codec normalizes it (a NIP written with spaces)', async () => {
    const store = inMemoryEventStore()
    const handler = handlerOn(store)
    // What a JavaScript caller may pass: the NIP as printed on a card, with spaces between its parts.
    const spaced: unknown = JSON.parse('{"kind":"asn","nip":"19750505 200003 1 004","roles":["admin-pelatihan"]}')
    const opened = await handler.handle({ ...open(), actor: spaced as Actor }, { commandId: 'open-1' })()
    expect(
      E.map(
        (result: { readonly events: readonly { readonly metadata: EventMetadata }[] }) =>
          result.events[0]?.metadata.actor,
      )(opened),
    ).toEqual(E.right(admin))
    await expect(verifyChain(store.readStream(stream))).resolves.toMatchObject({ valid: true, events: 1 })
  })
})

describe('command handler refusing to write what it could not read back', () => {
  it.each([
    ['an empty command id', 'open-1', { commandId: '' }, 'metadata: commandId'],
    ['data without a JSON form', 'undefined', { commandId: 'open-1' }, 'data.note: undefined is not a JSON value'],
    ['an event the registry cannot encode', 'throws', { commandId: 'open-1' }, 'not registered'],
    // As a decider may write a value its own event codec refuses (a year outside the codec's range, say): stored, it
    // would make the stream corrupt for every later command.
    ['data its event codec does not read back', 'unreadable', { commandId: 'open-1' }, 'data.capacity'],
  ] as const)('reports `invalid-event` and writes nothing for %s', async (_, encoding, context, reason) => {
    const store = inMemoryEventStore()
    const handler = commandHandler({
      store,
      aggregate: {
        ...enrollment,
        events: {
          ...enrollmentEvents,
          encode: event => {
            if (encoding === 'throws') throw new Error(`event type ${event.type} is not registered`)
            const encoded = enrollmentEvents.encode(event)
            if (encoding === 'unreadable' && typeof encoded.data === 'object' && encoded.data !== null)
              return { ...encoded, data: { ...encoded.data, capacity: -1 } }
            return encoding === 'undefined' ? { ...encoded, data: { note: undefined } } : encoded
          },
        },
      },
      config: defaultPolicy,
    })
    const result = await handler.handle(open(), context)()
    expect(result).toMatchObject(E.left({ kind: 'invalid-event', streamName: stream, eventType: 'OfferingOpened' }))
    expect(E.isLeft(result) && result.left.kind === 'invalid-event' && result.left.reason).toContain(reason)
    await expect(store.streamRevision(stream)()).resolves.toEqual(E.right('no-stream'))
  })
})

describe('event ids', () => {
  it('are uuid v5 of `${commandId}:${index}` in the documented Pembina namespace', () => {
    expect(pembinaEventNamespace).toBe(v5('https://pembina.dev/event-id', v5.URL))
    expect(eventIdOf('req-sari', 0)).toBe(v5('req-sari:0', pembinaEventNamespace))
    expect(eventIdOf('req-sari', 1)).not.toBe(eventIdOf('req-sari', 0))
    expect(eventIdOf('req-rudi', 0)).not.toBe(eventIdOf('req-sari', 0))
  })

  it('are the same wherever and whenever the same command is handled', async () => {
    const idsIn = async (store: EventStore) => {
      const handler = handlerOn(store)
      await handler.handle(open(), { commandId: 'open-1' })()
      await handler.handle(request(sari), { commandId: 'req-sari' })()
      return (await eventsOf(store)).map(event => event.eventId)
    }
    const ids = await idsIn(inMemoryEventStore())
    expect(await idsIn(inMemoryEventStore())).toEqual(ids)
    expect(ids).toEqual([eventIdOf('open-1', 0), eventIdOf('req-sari', 0)])
  })

  it('differ for command ids that differ only in a lone surrogate, and the handler refuses such ids', async () => {
    // A lone surrogate has no UTF-8 form; written as U+FFFD, these three ids would share their event ids. The ids
    // stay apart, and a command id that is not well-formed text never reaches a store (issue 22).
    const ids = ['req-\ud800', 'req-\udc00', 'req-\ufffd'].map(commandId => eventIdOf(commandId, 0))
    expect(new Set(ids).size).toBe(3)
    const store = inMemoryEventStore()
    const handler = handlerOn(store)
    await handler.handle(open(), { commandId: 'open-1' })()
    const refused = await handler.handle(request(sari), { commandId: 'req-\ud800' })()
    expect(refused).toEqual(
      E.left({
        kind: 'invalid-event',
        streamName: 'enrollment-pmwp-2026-ii',
        eventType: 'PlaceRequested',
        reason: expect.stringContaining(
          'metadata: commandId must be well-formed Unicode text (it holds a lone surrogate)',
        ) as unknown,
      }),
    )
    const rudiRequests = await handler.handle(request(rudi), { commandId: 'req-\ufffd' })()
    expect(rudiRequests).toMatchObject(E.right({ written: true, nextExpectedRevision: 1 }))
  })
})

describe('command handler: records that never change are checked once', () => {
  /** The enrollment aggregate with a registry that counts the events it decodes. */
  const counting = () => {
    let decoded = 0
    const events = {
      ...enrollmentEvents,
      decodeInPlace: (stored: Parameters<typeof enrollmentEvents.decodeInPlace>[0]) => {
        decoded += 1
        return enrollmentEvents.decodeInPlace(stored)
      },
    }
    return { aggregate: { ...enrollment, events }, decoded: () => decoded }
  }

  it('decodes each event the in-memory store holds once across commands, since the store hands it out unchanged', async () => {
    const { aggregate, decoded } = counting()
    const handler = commandHandler({ store: inMemoryEventStore(), aggregate, config: defaultPolicy })
    for (const [commandId, command] of [
      ['open', open()],
      ['req-sari', request(sari)],
      ['req-rudi', request(rudi)],
    ] as const)
      expect(E.isRight(await handler.handle(command, { commandId })())).toBe(true)
    // Each new event is decoded once as it is written (3); of the events read, the second command decodes the opening
    // and the third only the request, the opening being known: 5 in all.
    expect(decoded()).toBe(5)
  })

  it('decodes every read of a store that hands out new records each time', async () => {
    const { aggregate, decoded } = counting()
    const inner = inMemoryEventStore()
    const { readAndAppend } = inner
    if (readAndAppend === undefined) throw new Error('the in-memory store reads and appends under one lock')
    const copying: EventStore = {
      ...inner,
      readAndAppend: (streamName, fromRevision, write) =>
        readAndAppend(streamName, fromRevision, records => write([...records].map(record => ({ ...record })))),
    }
    const handler = commandHandler({ store: copying, aggregate, config: defaultPolicy })
    for (const [commandId, command] of [
      ['open', open()],
      ['req-sari', request(sari)],
      ['req-rudi', request(rudi)],
    ] as const)
      expect(E.isRight(await handler.handle(command, { commandId })())).toBe(true)
    // 3 as written, and each of the 3 reads decoded afresh.
    expect(decoded()).toBe(6)
  })
})
