import * as t from 'io-ts'
import type { Instant, Nip } from '../shared/index.js'
import { Score } from './commands.js'
import { offeringTermsFields } from './events.js'

/** Where a place stands: requested, approved, ended without taking part, or concluded with an outcome. */
export type PlaceStatus =
  'pending' | 'approved' | 'declined' | 'withdrawn' | 'cancelled' | 'completed' | 'not-completed'

/** One ASN's place in an offering, with the attendance and score recorded for it. */
export interface Place {
  readonly nip: Nip
  readonly atasanNip: Nip
  readonly status: PlaceStatus
  /** Presence per session day, keyed by the local date (`YYYY-MM-DD`). */
  readonly attendance: Readonly<Record<string, boolean>>
  /** The latest recorded score, null when none was recorded. */
  readonly score: number | null
}

/** Codec for the terms an offering was opened with: what OfferingOpened records but the instant, `passMark` null when not assessed. */
export const OfferingTerms = t.readonly(
  t.strict({ ...offeringTermsFields, passMark: t.union([Score, t.null]) }, 'OfferingTerms'),
)
/** The terms an offering was opened with; `minimumAttendance` is the share that applies, `passMark` null when not assessed. */
export type OfferingTerms = t.TypeOf<typeof OfferingTerms>

/** An offering that was opened: its terms, where it stands, and its places keyed by NIP. */
export interface OpenedOffering {
  readonly status: 'open' | 'started' | 'cancelled' | 'closed'
  readonly terms: OfferingTerms
  /** When the offering started, null if it never did (a cancelled offering may or may not have started). */
  readonly startedAt: Instant | null
  readonly places: Readonly<Record<string, Place>>
}

/** The state of one offering's stream: nothing yet, or an opened offering. Plain JSON-ready data. */
export type EnrollmentState = { readonly status: 'unopened' } | OpenedOffering

/** The state before the first event. */
export const initialEnrollmentState: EnrollmentState = { status: 'unopened' }

/** Whether a place was approved and takes (or took) part: approved, or concluded with an outcome. */
export const tookPart = (place: Place): boolean =>
  place.status === 'approved' || place.status === 'completed' || place.status === 'not-completed'

/** Whether a place has its outcome. */
export const isConcluded = (place: Place): boolean => place.status === 'completed' || place.status === 'not-completed'

/** The places of an offering, in NIP order. */
export const placesOf = (offering: OpenedOffering): readonly Place[] =>
  Object.keys(offering.places)
    .sort()
    .flatMap(nip => {
      const place = offering.places[nip]
      return place === undefined ? [] : [place]
    })

/** How many places count against capacity (approved or concluded). */
export const approvedPlaces = (offering: OpenedOffering): number => placesOf(offering).filter(tookPart).length
