import {
  Competency,
  type EnrollmentEvent,
  Instant,
  LearningForm,
  LocalDate,
  Minutes,
  Nip,
  NotCompletedReason,
  OfferingId,
  oneOf,
  type PlaceStatus,
  text,
  tookPart,
  wholeNumber,
} from '@pembina/core'
import * as t from 'io-ts'
import type { Projection, ProjectedEvent } from '../projection.js'
import { byText, Count, nullable, Share } from './document-values.js'
import { documentCodec } from './stored-document.js'

// A record over core's PlaceStatus: it fails to compile if core adds or drops a status the roster does not know.
const placeStatuses: Readonly<Record<PlaceStatus, null>> = {
  pending: null,
  approved: null,
  declined: null,
  withdrawn: null,
  cancelled: null,
  completed: null,
  'not-completed': null,
}

const Days = wholeNumber(0, 366, 'Days')
const Jp = wholeNumber(1, 200, 'Jp')
const Capacity = wholeNumber(1, 1000, 'Capacity')
const Score = wholeNumber(0, 100, 'Score')

/** Codec for one ASN's place on a roster. */
export const RosterPlace = t.strict(
  {
    nip: Nip,
    atasanNip: Nip,
    /** Whether the atasan nominated the ASN rather than the ASN asking. */
    nominated: t.boolean,
    status: t.keyof(placeStatuses, 'PlaceStatus'),
    requestedAt: Instant,
    /** When the place took its present status. */
    changedAt: Instant,
    /** The reason given when the place was declined, withdrawn or ended by a cancellation. */
    reason: nullable(t.string),
    /** Why an approved participant did not complete. */
    notCompleted: nullable(NotCompletedReason),
    /** Session days attended and held, once the place has its outcome. */
    attendedDays: nullable(Days),
    sessionDays: nullable(Days),
    /** The latest recorded score, null when none was recorded. */
    score: nullable(Score),
  },
  'RosterPlace',
)
/** One ASN's place on a roster. */
export type RosterPlace = t.TypeOf<typeof RosterPlace>

/** Codec for an offering's roster: its terms, where it stands, its places and how full it is. */
export const OfferingRosterDocument = documentCodec(
  t.strict(
    {
      offeringId: OfferingId,
      title: text(200, 'Title'),
      provider: text(200, 'Provider'),
      venue: text(200, 'Venue'),
      form: LearningForm,
      competency: Competency,
      jp: Jp,
      minutes: Minutes,
      capacity: Capacity,
      /** First and last session day (top-level, so rosters can be listed in order of start). */
      start: LocalDate,
      end: LocalDate,
      status: oneOf(['open', 'started', 'cancelled', 'closed'], 'OfferingStatus'),
      openedAt: Instant,
      startedAt: nullable(Instant),
      /** When the offering was cancelled or closed. */
      endedAt: nullable(Instant),
      /** Places that count against capacity: approved, or concluded with an outcome. */
      takingPart: Count,
      /** Places requested and not yet approved or declined. */
      waiting: Count,
      /** `takingPart` / `capacity`, from 0 to 1. */
      fillRate: Share,
      /** Every place ever requested, by NIP. */
      places: t.readonlyArray(RosterPlace),
    },
    'OfferingRoster',
  ),
)
/** An offering's roster. */
export type OfferingRosterDocument = t.TypeOf<typeof OfferingRosterDocument>

type EventOf<Type extends EnrollmentEvent['type']> = Extract<EnrollmentEvent, { readonly type: Type }>

const opened = ({ data }: EventOf<'OfferingOpened'>): OfferingRosterDocument => ({
  offeringId: data.offeringId,
  title: data.title,
  provider: data.provider,
  venue: data.venue,
  form: data.form,
  competency: data.competency,
  jp: data.jp,
  minutes: data.minutes,
  capacity: data.capacity,
  start: data.schedule.start,
  end: data.schedule.end,
  status: 'open',
  openedAt: data.at,
  startedAt: null,
  endedAt: null,
  takingPart: 0,
  waiting: 0,
  fillRate: 0,
  places: [],
})

// Whether a place counts against capacity is core's rule (`tookPart`); it reads only the status.
const countsAgainstCapacity = (place: RosterPlace): boolean =>
  tookPart({ nip: place.nip, atasanNip: place.atasanNip, status: place.status, attendance: {}, score: place.score })

const withCounts = (roster: OfferingRosterDocument): OfferingRosterDocument => {
  const takingPart = roster.places.filter(countsAgainstCapacity).length
  return {
    ...roster,
    takingPart,
    waiting: roster.places.filter(place => place.status === 'pending').length,
    fillRate: Math.min(1, takingPart / roster.capacity),
  }
}

const withPlace = (roster: OfferingRosterDocument, place: RosterPlace): OfferingRosterDocument => ({
  ...roster,
  places: [...roster.places.filter(other => other.nip !== place.nip), place].sort((a, b) => byText(a.nip, b.nip)),
})

// Events about a place the roster does not hold (impossible in a decided history) leave it as it was.
const onPlace = (
  roster: OfferingRosterDocument,
  nip: string,
  change: (place: RosterPlace) => RosterPlace,
): OfferingRosterDocument => {
  const place = roster.places.find(other => other.nip === nip)
  return place === undefined ? roster : withPlace(roster, change(place))
}

const requested = (roster: OfferingRosterDocument, { data }: EventOf<'PlaceRequested'>): OfferingRosterDocument =>
  withPlace(roster, {
    nip: data.nip,
    atasanNip: data.atasanNip,
    nominated: data.nominated,
    status: 'pending',
    requestedAt: data.at,
    changedAt: data.at,
    reason: null,
    notCompleted: null,
    attendedDays: null,
    sessionDays: null,
    score: null,
  })

const cancelled = (roster: OfferingRosterDocument, { data }: EventOf<'OfferingCancelled'>): OfferingRosterDocument => ({
  ...roster,
  status: 'cancelled',
  endedAt: data.at,
  places: roster.places.map(place =>
    place.status === 'pending' || place.status === 'approved'
      ? { ...place, status: 'cancelled', changedAt: data.at, reason: data.reason }
      : place,
  ),
})

const applied = (roster: OfferingRosterDocument, event: EnrollmentEvent): OfferingRosterDocument => {
  switch (event.type) {
    case 'OfferingOpened':
      return roster
    case 'PlaceRequested':
      return requested(roster, event)
    case 'PlaceApproved':
      return onPlace(roster, event.data.nip, place => ({ ...place, status: 'approved', changedAt: event.data.at }))
    case 'PlaceDeclined':
    case 'PlaceWithdrawn': {
      const status = event.type === 'PlaceDeclined' ? 'declined' : 'withdrawn'
      const reason = event.data.reason ?? null
      return onPlace(roster, event.data.nip, place => ({ ...place, status, changedAt: event.data.at, reason }))
    }
    case 'OfferingStarted':
      return { ...roster, status: roster.status === 'open' ? 'started' : roster.status, startedAt: event.data.at }
    case 'AttendanceRecorded':
      return roster // the roster shows attendance once the place has its outcome
    case 'AssessmentRecorded':
      return onPlace(roster, event.data.nip, place => ({ ...place, score: event.data.score }))
    case 'PlaceCompleted':
    case 'PlaceNotCompleted': {
      const { at, attendedDays, sessionDays, score } = event.data
      const outcome = {
        status: event.type === 'PlaceCompleted' ? ('completed' as const) : ('not-completed' as const),
        notCompleted: event.type === 'PlaceNotCompleted' ? event.data.reason : null,
      }
      return onPlace(roster, event.data.nip, place => ({
        ...place,
        ...outcome,
        changedAt: at,
        attendedDays,
        sessionDays,
        score: score ?? place.score,
      }))
    }
    case 'OfferingCancelled':
      return cancelled(roster, event)
    case 'OfferingClosed':
      return { ...roster, status: 'closed', endedAt: event.data.at }
  }
}

const enrollmentEventOf = (event: ProjectedEvent['event']): EnrollmentEvent | undefined => {
  switch (event.type) {
    case 'OfferingOpened':
    case 'PlaceRequested':
    case 'PlaceApproved':
    case 'PlaceDeclined':
    case 'PlaceWithdrawn':
    case 'OfferingStarted':
    case 'AttendanceRecorded':
    case 'AssessmentRecorded':
    case 'PlaceCompleted':
    case 'PlaceNotCompleted':
    case 'OfferingCancelled':
    case 'OfferingClosed':
      return event
    default:
      return undefined
  }
}

/**
 * Offering rosters (`offering-rosters`): one document per offering, keyed by its id, with every place, its status and
 * outcome, and the fill rate (places taking part against capacity). Reads the enrollment streams only.
 */
export const offeringRosterProjection: Projection<OfferingRosterDocument> = {
  name: 'offering-rosters',
  version: 1,
  categories: ['enrollment'],
  document: OfferingRosterDocument,
  keysOf: ({ event }) => {
    const enrollment = enrollmentEventOf(event)
    return enrollment === undefined ? [] : [enrollment.data.offeringId]
  },
  evolve: (roster, { event }) => {
    const enrollment = enrollmentEventOf(event)
    if (enrollment === undefined) return roster
    if (roster === undefined) return enrollment.type === 'OfferingOpened' ? opened(enrollment) : undefined
    return withCounts(applied(roster, enrollment))
  },
}
