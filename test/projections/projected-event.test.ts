// How the engine decodes stored records: its fast path (the codec's `is` on what is stored) gives exactly what the
// registries' full decode gives, for every golden event and every event of generated histories; anything it cannot
// decode is a reason naming what is wrong, never a throw.
import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import { describe, expect, it } from 'vitest'
import {
  competencyEvents,
  complaintEvents,
  decodeWith,
  enrollmentEvents,
  EventMetadata,
  inMemoryEventStore,
  mentorRosterEvents,
  organisationEvents,
  personnelEvents,
  mentorshipEvents,
  type SerializedEvent,
  type StoredEvent,
} from '@pembina/core'
import { pembinaCategoryOf, projectedEventOf } from '@pembina/projections'
import { arbHistory, writeHistory } from './history.js'
import { allRecords } from './read-model-probes.js'
import { metadataFor } from './test-events.js'

// 200 generated histories are written and decoded: about 3 s alone, up to 6 s while another test run shares the two
// cores, so each case gets ten times its quiet run instead of vitest's 5 s default.
const propertyTimeoutMs = 30_000

const registries = {
  unit: (stored: SerializedEvent) => organisationEvents.decode(stored),
  asn: (stored: SerializedEvent) => personnelEvents.decode(stored),
  enrollment: (stored: SerializedEvent) => enrollmentEvents.decode(stored),
  mentorship: (stored: SerializedEvent) => mentorshipEvents.decode(stored),
  mentor: (stored: SerializedEvent) => mentorRosterEvents.decode(stored),
  competency: (stored: SerializedEvent) => competencyEvents.decode(stored),
  complaint: (stored: SerializedEvent) => complaintEvents.decode(stored),
}

/** What the registry's full decode (and EventMetadata's) make of a stored event. */
const fullDecode = (record: StoredEvent) => {
  const category = pembinaCategoryOf(record.streamName)
  if (category === undefined) throw new Error(`${record.streamName} is not Pembina's`)
  const metadata = decodeWith(EventMetadata)(record.metadata)
  if (E.isLeft(metadata)) throw new Error('metadata does not decode')
  const event = registries[category]({
    type: record.type,
    data: record.data,
    schemaVersion: metadata.right.schemaVersion,
  })
  if (E.isLeft(event)) throw new Error('event does not decode')
  return { event: event.right, metadata: metadata.right }
}

const stored = (
  streamName: string,
  type: string,
  data: unknown,
  metadata: unknown = metadataFor('e-1'),
): StoredEvent => ({
  kind: 'event',
  streamName,
  revision: 3,
  position: 42n,
  eventId: 'e-1',
  type,
  data,
  metadata,
})

const GoldenFile = t.readonlyArray(t.type({ type: t.string, data: t.unknown, schemaVersion: t.number }))
const goldenDir = resolve(import.meta.dirname, '../golden')
/** The stream category of each golden folder named after its aggregate, where the two differ. */
const streamCategoryOf: Readonly<Record<string, string>> = { organisation: 'unit', personnel: 'asn' }

describe('decoding a stored record for a projection', { timeout: propertyTimeoutMs }, () => {
  it('gives, for every golden event of every version, what the registry decodes', () => {
    let checked = 0
    for (const category of readdirSync(goldenDir))
      for (const file of readdirSync(join(goldenDir, category))) {
        const golden = GoldenFile.decode(JSON.parse(readFileSync(join(goldenDir, category, file), 'utf8')))
        if (E.isLeft(golden)) throw new Error(`${file} is not a golden file`)
        for (const event of golden.right) {
          const record = stored(`${streamCategoryOf[category] ?? category}-golden`, event.type, event.data, {
            ...metadataFor('golden'),
            schemaVersion: event.schemaVersion,
          })
          const projected = projectedEventOf(record)
          expect(projected, `${category}/${file}`).toEqual(E.right(expect.objectContaining(fullDecode(record))))
          checked++
        }
      }
    expect(checked).toBeGreaterThan(40)
  })

  it('gives, for every event of generated histories, what the registries decode', async () => {
    await fc.assert(
      fc.asyncProperty(arbHistory({ offerings: 2, mentorships: 2, complaints: 2, profiles: 2 }), async history => {
        const events = inMemoryEventStore()
        await writeHistory(events, history)
        for (const record of await allRecords(events)) {
          if (record.kind !== 'event') throw new Error('a corrupt record in memory')
          const projected = projectedEventOf(record)
          expect(projected).toEqual(
            E.right({
              streamName: record.streamName,
              revision: record.revision,
              position: record.position,
              ...fullDecode(record),
            }),
          )
        }
      }),
      { numRuns: 200, seed: 0x0de_c0de },
    )
  })

  it('names what is wrong with a record it cannot decode', () => {
    const reasonOf = (record: Parameters<typeof projectedEventOf>[0]): string => {
      const projected = projectedEventOf(record)
      return E.isLeft(projected) ? projected.left : 'decoded'
    }
    const place = {
      at: '2026-02-10T10:00:00+07:00',
      offeringId: 'o-1',
      nip: '199203152019032004',
      atasanNip: '196608011988031001',
      nominated: false,
    }
    expect(reasonOf(stored('enrollment-o-1', 'PlaceRequested', place))).toBe('decoded')
    expect(
      reasonOf({
        kind: 'corrupt',
        streamName: 'enrollment-o-1',
        revision: 0,
        position: 1n,
        reason: 'data is not valid JSON',
      }),
    ).toBe('the stored record is corrupt: data is not valid JSON')
    expect(reasonOf(stored('billing-o-1', 'PlaceRequested', place))).toMatch(/not in one of Pembina's categories/)
    expect(reasonOf(stored('enrollment-o-1', 'PlaceRequested', { ...place, nip: '123' }))).toMatch(
      /^PlaceRequested v1: data.nip NIP must be/,
    )
    expect(reasonOf(stored('enrollment-o-1', 'PlaceTeleported', place))).toMatch(/type is not a known event type/)
    expect(
      reasonOf(stored('enrollment-o-1', 'PlaceRequested', place, { ...metadataFor('x'), schemaVersion: 9 })),
    ).toMatch(/newer than this library knows/)
    expect(reasonOf(stored('enrollment-o-1', 'PlaceRequested', place, { eventId: 'x' }))).toMatch(/^metadata: /)
  })
})
