import type { CompetencyProfile } from '@pembina/core'
import type { ReadModelStore } from '../projection.js'
import {
  type AsnLearningDocument,
  learningHoursProjection,
  learningYearKey,
  type YearLearningDocument,
} from './learning-hours.js'
import { profileOf } from './profile-slice.js'
import { listDocuments, readDocument } from './stored-document.js'

/** One ASN's year as the learning-hours read model holds it: the ASN's document and the year's, if any. */
export interface AsnLearningYear {
  readonly asn: AsnLearningDocument
  readonly year: number
  /** The ASN's profile holding that year's credits and consultations only: what core's read-outs take. */
  readonly profile: CompetencyProfile
  readonly credits: YearLearningDocument['credits']
}

const yearOf = (asn: AsnLearningDocument, year: number, doc: YearLearningDocument | undefined): AsnLearningYear => {
  const credits = doc?.credits ?? []
  const participations = doc?.participations ?? []
  return {
    asn,
    year,
    profile: profileOf({ nip: asn.nip, registeredAt: asn.registeredAt, employment: asn, credits, participations }),
    credits,
  }
}

const yearDocument = async (store: ReadModelStore, nip: string, year: number) => {
  const doc = await readDocument(store, learningHoursProjection, learningYearKey(nip, year))
  return doc?.kind === 'year' ? doc : undefined
}

/** One ASN's year; undefined when no competency profile is registered for the NIP. */
export const learningYearOf = async (
  store: ReadModelStore,
  nip: string,
  year: number,
): Promise<AsnLearningYear | undefined> => {
  const asn = await readDocument(store, learningHoursProjection, nip)
  if (asn?.kind !== 'asn') return undefined
  return yearOf(asn, year, await yearDocument(store, nip, year))
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
  return Promise.all(asns.map(async asn => yearOf(asn, year, await yearDocument(store, asn.nip, year))))
}
