import { type CompetencyProfile, learningPeriod } from '@pembina/core'
import type { ReadModelStore } from '../projection.js'
import {
  type AsnLearningDocument,
  learningHoursProjection,
  learningYearKey,
  type YearLearningDocument,
} from './learning-hours.js'
import { profileOf } from './profile-slice.js'
import { listDocuments, readDocument } from './stored-document.js'

/**
 * One ASN's year as the learning-hours read model holds it: the ASN's document and the credits of the days the
 * year counts (the calendar year, or a PPPK's contract year, which spans two calendar years' documents).
 */
export interface AsnLearningYear {
  readonly asn: AsnLearningDocument
  readonly year: number
  /** The ASN's profile holding the credits and consultations of the calendar years the period touches: what core's read-outs take. */
  readonly profile: CompetencyProfile
  readonly credits: YearLearningDocument['credits']
}

const yearDocument = async (store: ReadModelStore, nip: string, year: number) => {
  const doc = await readDocument(store, learningHoursProjection, learningYearKey(nip, year))
  return doc?.kind === 'year' ? doc : undefined
}

const facts = (asn: AsnLearningDocument) => ({
  nip: asn.nip,
  registeredAt: asn.registeredAt,
  employment: asn,
  contracts: asn.contracts,
})

/** Reads the calendar years' documents the ASN's learning period for the year touches, and keeps what falls in it. */
const yearOf = async (store: ReadModelStore, asn: AsnLearningDocument, year: number): Promise<AsnLearningYear> => {
  const period = learningPeriod(profileOf(facts(asn)), year)
  const first = Number(period.from.slice(0, 4))
  const last = Number(period.to.slice(0, 4))
  const docs = await Promise.all(
    Array.from({ length: last - first + 1 }, (_, i) => yearDocument(store, asn.nip, first + i)),
  )
  const within = (date: string): boolean => period.from <= date && date <= period.to
  const credits = docs.flatMap(doc => doc?.credits ?? []).filter(credit => within(credit.completedOn))
  const participations = docs
    .flatMap(doc => doc?.participations ?? [])
    .filter(participation => within(participation.participatedOn))
  return { asn, year, profile: profileOf({ ...facts(asn), credits, participations }), credits }
}

/** One ASN's year; undefined when no competency profile is registered for the NIP. */
export const learningYearOf = async (
  store: ReadModelStore,
  nip: string,
  year: number,
): Promise<AsnLearningYear | undefined> => {
  const asn = await readDocument(store, learningHoursProjection, nip)
  if (asn?.kind !== 'asn') return undefined
  return yearOf(store, asn, year)
}

/** The year of every ASN whose profile names the unit now, by NIP. */
export const learningYearsOfUnit = async (
  store: ReadModelStore,
  unit: string,
  year: number,
): Promise<readonly AsnLearningYear[]> => {
  // Only ASN documents carry a unit, so the filter never returns a year's document.
  const listed = await listDocuments(store, learningHoursProjection, { where: { field: 'unit', equals: unit } })
  const asns = listed.flatMap(({ doc }) => (doc.kind === 'asn' ? [doc] : []))
  return Promise.all(asns.map(asn => yearOf(store, asn, year)))
}
