import * as E from 'fp-ts/lib/Either.js'
import { competency, type CompetencyState } from '../competency/index.js'
import { complaint, type ComplaintState } from '../complaint/index.js'
import { enrollment, type EnrollmentState } from '../enrollment/index.js'
import { mentorRoster, type MentorRosterState } from '../mentor-roster/index.js'
import { organisation, type OrganisationState, personnel, type PersonnelState } from '../personnel/index.js'
import { mentorship, type MentorshipState } from '../mentorship/index.js'
import type { DomainEvent } from '../kernel/domain-event.js'
import type { EventStore, StoredRecord } from '../kernel/event-store.js'
import type { Instant, PolicyConfig } from '../shared/index.js'
import { replayedEventOf } from './replayed-event.js'
import { epochOf, type FoldedAggregate } from './state-as-of.js'

/** How far a replayed stream's fold got, besides its state. */
export interface ReplayedFold {
  readonly streamName: string
  /** Events folded: those that occurred at or before the instant, up to the first after it or the first unreadable. */
  readonly events: number
  /** The revision of the last event folded; null when none was. */
  readonly revision: number | null
  readonly lastOccurredAt: Instant | null
  /** Why the fold stopped short of the instant: a record it could not read (the state is as of the one before). */
  readonly unreadable?: { readonly revision: number; readonly position: bigint; readonly reason: string }
}

/** A stream of one category, replayed: how far its fold got and the state it reached. */
export type Folded<Category extends string, State> = ReplayedFold & {
  readonly category: Category
  readonly state: State
}

/** One stream of Pembina's, replayed: its category tells the type of its state. */
export type ReplayedStream =
  | Folded<'unit', OrganisationState>
  | Folded<'asn', PersonnelState>
  | Folded<'enrollment', EnrollmentState>
  | Folded<'mentorship', MentorshipState>
  | Folded<'mentor', MentorRosterState>
  | Folded<'competency', CompetencyState>
  | Folded<'complaint', ComplaintState>

/** What `replay` reads and up to when. */
export interface ReplayOptions {
  readonly config: PolicyConfig
  /** Fold each stream as of this instant (default: everything). */
  readonly asOf?: Instant
  /** Only streams of these categories (default: all of them). */
  readonly categories?: readonly ReplayedStream['category'][]
  /** Told how many records have been read, every 10,000 and at the end: for a progress bar. */
  readonly onProgress?: (records: number) => void
}

interface Folding<Result> {
  /** Folds a record in; false once the stream has stopped (an event after the instant, or one it cannot read). */
  readonly add: (record: StoredRecord) => void
  readonly result: () => Result
}

const folding = <Category extends string, Event extends DomainEvent, State>(
  category: Category,
  aggregate: FoldedAggregate<Event, State, PolicyConfig>,
  config: PolicyConfig,
  until: number,
) => {
  const decider = aggregate.decider(config)
  return (streamName: string): Folding<Folded<Category, State>> => {
    let state = decider.initialState
    let events = 0
    let revision: number | null = null
    let lastOccurredAt: Instant | null = null
    let stopped = false
    let unreadable: ReplayedFold['unreadable']
    return {
      add: record => {
        if (stopped) return
        const replayed = replayedEventOf(record, aggregate.events)
        if (E.isLeft(replayed)) {
          stopped = true
          unreadable = { revision: record.revision, position: record.position, reason: replayed.left }
          return
        }
        const { event, metadata } = replayed.right
        if (epochOf(metadata.occurredAt) > until) {
          stopped = true
          return
        }
        state = decider.evolve(state, event)
        events++
        revision = record.revision
        lastOccurredAt = metadata.occurredAt
      },
      result: () => ({
        category,
        streamName,
        state,
        events,
        revision,
        lastOccurredAt,
        ...(unreadable === undefined ? {} : { unreadable }),
      }),
    }
  }
}

/**
 * Every stream of Pembina's in the store (or of some categories), each folded as of an instant as `stateAsOf` folds
 * one: in global order, one event at a time, so memory grows with the number of streams and the size of their
 * states, not with the number of events. Yields each stream once the whole store has been read, by stream name. A
 * stream with a record that cannot be read is folded up to the record before it and says why it stopped.
 */
export async function* replay(store: EventStore, options: ReplayOptions): AsyncGenerator<ReplayedStream> {
  const { config } = options
  const until = options.asOf === undefined ? Number.POSITIVE_INFINITY : epochOf(options.asOf)
  const wanted = new Set(
    options.categories ?? ['unit', 'asn', 'enrollment', 'mentorship', 'mentor', 'competency', 'complaint'],
  )
  const starts = new Map<string, (streamName: string) => Folding<ReplayedStream>>()
  if (wanted.has('unit')) starts.set('unit', folding('unit', organisation, config, until))
  if (wanted.has('asn')) starts.set('asn', folding('asn', personnel, config, until))
  if (wanted.has('enrollment')) starts.set('enrollment', folding('enrollment', enrollment, config, until))
  if (wanted.has('mentorship')) starts.set('mentorship', folding('mentorship', mentorship, config, until))
  if (wanted.has('mentor')) starts.set('mentor', folding('mentor', mentorRoster, config, until))
  if (wanted.has('competency')) starts.set('competency', folding('competency', competency, config, until))
  if (wanted.has('complaint')) starts.set('complaint', folding('complaint', complaint, config, until))
  const streams = new Map<string, Folding<ReplayedStream>>()
  let records = 0
  for await (const record of store.readAll()) {
    records++
    if (records % 10_000 === 0) options.onProgress?.(records)
    let stream = streams.get(record.streamName)
    if (stream === undefined) {
      const dash = record.streamName.indexOf('-')
      const start = dash < 0 ? undefined : starts.get(record.streamName.slice(0, dash))
      if (start === undefined) continue
      stream = start(record.streamName)
      streams.set(record.streamName, stream)
    }
    stream.add(record)
  }
  options.onProgress?.(records)
  for (const name of [...streams.keys()].sort()) {
    const stream = streams.get(name)
    if (stream !== undefined) yield stream.result()
  }
}
