// Events and a small projection for the engine's tests: place requests of training offerings, written straight to a
// store with well-formed metadata (the engine decodes them as it would any stored event), and a projection counting
// them per offering and per ASN.
import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import {
  type EnrollmentEvent,
  type EventStore,
  type EventToAppend,
  enrollmentEvents,
  instant,
  type Nip,
  nip,
} from '@pembina/core'
import type { JsonValue, Projection } from '@pembina/projections'

/** Four ASN of Puskesmas Belawan who ask for places. */
export const staff: readonly Nip[] = [
  nip('199203152019032004'),
  nip('198507122010011002'),
  nip('199001012015031003'),
  nip('198811222012122001'),
]
const atasan = nip('196608011988031001')

/** A `PlaceRequested` event of an offering for one of the staff. */
export const placeRequested = (offeringId: string, who: number): EnrollmentEvent => ({
  type: 'PlaceRequested',
  data: {
    at: instant('2026-02-10T10:00:00+07:00'),
    offeringId,
    nip: staff[who % staff.length] ?? atasan,
    atasanNip: atasan,
    nominated: who % 2 === 0,
  },
})

let sequence = 0

/** Metadata as the command handler writes it, well-formed (its hashes do not chain: nothing here verifies them). */
export const metadataFor = (eventId: string): { readonly [key: string]: JsonValue } => ({
  eventId,
  commandId: eventId,
  correlationId: eventId,
  causationId: eventId,
  actor: { kind: 'system', process: 'projector-test' },
  occurredAt: '2026-02-10T10:00:00+07:00',
  schemaVersion: 1,
  prevHash: null,
  hash: '0'.repeat(64),
})

/** Appends domain events to a stream (at any revision), encoded by the enrollment registry. */
export const appendEvents = async (
  store: EventStore,
  streamName: string,
  events: readonly EnrollmentEvent[],
): Promise<void> => {
  const toAppend: EventToAppend[] = events.map(event => {
    const eventId = `test-event-${++sequence}`
    const encoded = enrollmentEvents.encode(event)
    return { eventId, type: encoded.type, data: encoded.data, metadata: metadataFor(eventId) }
  })
  await appendRaw(store, streamName, toAppend)
}

/** Appends events exactly as given (for corrupt or undecodable ones). */
export const appendRaw = async (
  store: EventStore,
  streamName: string,
  events: readonly EventToAppend[],
): Promise<void> => {
  const result = await store.append(streamName, events, 'any')()
  if (E.isLeft(result)) throw new Error(`append to ${streamName} failed: ${JSON.stringify(result.left)}`)
}

/** Appends `count` place requests spread over `offerings` offerings (round robin), one event per append. */
export const appendRequests = async (store: EventStore, count: number, offerings = 5, first = 0): Promise<void> => {
  for (let i = first; i < first + count; i++)
    await appendEvents(store, `enrollment-off-${i % offerings}`, [placeRequested(`off-${i % offerings}`, i)])
}

/** What the test projection keeps per offering: how many places were requested and the revision last seen. */
export const RequestCount = t.type({ requests: t.number, lastRevision: t.number, nominated: t.number })
/** A request count document. */
export type RequestCount = t.TypeOf<typeof RequestCount>

/** Options of the test projection: its version, and an offering whose events make `evolve` throw. */
export interface RequestCountOptions {
  readonly version?: number
  readonly failOn?: string
  /** Counted per request (2 makes a different, rebuilt, meaning). */
  readonly weight?: number
}

/** Place requests counted per offering (`offering:<id>`) and per ASN (`asn:<nip>`): an event touches two documents. */
export const requestCounts = (options: RequestCountOptions = {}): Projection<RequestCount> => ({
  name: 'request-counts',
  version: options.version ?? 1,
  categories: ['enrollment'],
  document: RequestCount,
  keysOf: ({ event }) =>
    event.type === 'PlaceRequested' ? [`offering:${event.data.offeringId}`, `asn:${event.data.nip}`] : [],
  evolve: (doc, { event, revision }) => {
    if (event.type !== 'PlaceRequested') return doc
    if (event.data.offeringId === options.failOn) throw new Error(`offering ${options.failOn} is not countable`)
    return {
      requests: (doc?.requests ?? 0) + (options.weight ?? 1),
      lastRevision: revision,
      nominated: (doc?.nominated ?? 0) + (event.data.nominated ? 1 : 0),
    }
  },
})

/** Resolves after `ms` milliseconds. */
export const sleep = (ms: number): Promise<void> =>
  new Promise(resolve => {
    setTimeout(resolve, ms)
  })

/** Polls `check` every 5 ms until it holds, failing after `timeoutMs`. */
export const eventually = async (check: () => Promise<boolean> | boolean, timeoutMs = 5_000): Promise<void> => {
  const deadline = performance.now() + timeoutMs
  while (!(await check())) {
    if (performance.now() > deadline) throw new Error('the condition did not hold in time')
    await sleep(5)
  }
}
