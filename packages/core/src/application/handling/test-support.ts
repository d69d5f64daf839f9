// Shared by the command handler's tests (not built into dist): Sari, Pengelola Data Kesehatan at Puskesmas Belawan,
// and her competency profile as the pyb registers it; an offering at BKPSDM; a tracer that records the spans the handler starts.
import {
  type Attributes,
  INVALID_SPAN_CONTEXT,
  type Span,
  type SpanStatus,
  trace,
  type Tracer,
} from '@opentelemetry/api'
import { competency, type CompetencyCommand } from '../../competency/index.js'
import { enrollment, type EnrollmentCommand } from '../../enrollment/index.js'
import type { EventStore, StoredRecord } from '../../kernel/event-store.js'
import type { Actor } from '../../shared/actor.js'
import { nip } from '../../shared/nip.js'
import { instant, localDate } from '../../shared/time.js'

export const sari = nip('199203152019032004')
export const sariStream = competency.streamName(sari)
export const pyb: Actor = { kind: 'asn', nip: nip('196608011988031001'), roles: ['pyb'] }
export const at = instant('2026-06-01T09:00:00+07:00')
export const registerSari: CompetencyCommand = {
  type: 'RegisterProfile',
  at,
  actor: pyb,
  data: {
    ...{ nip: sari, employeeType: 'PNS', unit: 'Puskesmas Belawan', position: { kind: 'pelaksana' } },
    ...{ positionTitle: 'Pengelola Data Kesehatan', rank: 'II/c' },
  },
}

export const offeringId = 'pmwp-2026-ii'
export const offeringStream = enrollment.streamName(offeringId)
/** A two-place offering opened by BKPSDM's training admin. */
export const openOffering: EnrollmentCommand = {
  type: 'OpenOffering',
  at: instant('2026-02-02T09:00:00+07:00'),
  actor: { kind: 'asn', nip: nip('197505052000031004'), roles: ['admin-pelatihan'] },
  data: {
    ...{ offeringId, title: 'Pelatihan Manajemen Waktu', provider: 'BKPSDM Kota Medan', venue: 'Aula BKPSDM' },
    ...{ form: 'pelatihan-manajerial', competency: { type: 'manajerial', code: 'M.04' }, jp: 24, capacity: 2 },
    schedule: { start: localDate('2026-03-02'), end: localDate('2026-03-06') },
  },
}

/** A span as a recording tracer keeps it: what an SDK would export. */
export interface RecordedSpan {
  name: string
  readonly attributes: Attributes
  readonly parent: Span | undefined
  readonly events: string[]
  status: SpanStatus | undefined
  ended: boolean
  span?: Span
}

/** A tracer that keeps every span it starts, as an SDK would export them. */
export const recordingTracer = (): { readonly tracer: Tracer; readonly spans: readonly RecordedSpan[] } => {
  const spans: RecordedSpan[] = []
  const tracer: Tracer = {
    startSpan: (name, options, context) => {
      const recorded: RecordedSpan = {
        name,
        attributes: { ...options?.attributes },
        parent: context === undefined ? undefined : trace.getSpan(context),
        events: [],
        status: undefined,
        ended: false,
      }
      const span: Span = {
        spanContext: () => INVALID_SPAN_CONTEXT,
        setAttribute: (key, value) => {
          recorded.attributes[key] = value
          return span
        },
        setAttributes: attributes => {
          Object.assign(recorded.attributes, attributes)
          return span
        },
        addEvent: eventName => {
          recorded.events.push(eventName)
          return span
        },
        addLink: () => span,
        addLinks: () => span,
        setStatus: status => {
          recorded.status = status
          return span
        },
        updateName: newName => {
          recorded.name = newName
          return span
        },
        end: () => {
          recorded.ended = true
        },
        isRecording: () => true,
        recordException: () => undefined,
      }
      recorded.span = span
      spans.push(recorded)
      return span
    },
    startActiveSpan: () => {
      throw new Error('the handler starts its spans explicitly')
    },
  }
  return { tracer, spans }
}

/**
 * The store without its locked writes (`readAndAppend`), as a store that cannot lock (EventStoreDB) is: a handler on
 * it reads, then appends with the expected revision. For tests of that path, and of faults injected into its reads
 * and appends.
 */
export const readThenAppend = (store: EventStore): EventStore => {
  const { append, readStream, readAll, subscribe, streamRevision, close, countAfter } = store
  return { append, readStream, readAll, subscribe, streamRevision, close, ...(countAfter && { countAfter }) }
}

/** A store that counts the records its stream reads yield, read alone or under its write lock. */
export const countingReads = (inner: EventStore): { readonly store: EventStore; readonly records: () => number } => {
  let records = 0
  function* counted(read: Iterable<StoredRecord>): Generator<StoredRecord> {
    for (const record of read) {
      records += 1
      yield record
    }
  }
  const { readAndAppend } = inner
  const store: EventStore = {
    ...inner,
    readStream: (streamName, options) => ({
      async *[Symbol.asyncIterator]() {
        for await (const record of inner.readStream(streamName, options)) {
          records += 1
          yield record
        }
      },
    }),
    ...(readAndAppend && {
      readAndAppend: (streamName, fromRevision, write) =>
        readAndAppend(streamName, fromRevision, read => write(counted(read))),
    }),
  }
  return { store, records: () => records }
}
