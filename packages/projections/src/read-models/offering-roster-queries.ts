import type { ReadModelStore } from '../projection.js'
import { type OfferingRosterDocument, offeringRosterProjection } from './offering-roster.js'
import { listDocuments, readDocument } from './stored-document.js'

/** An offering's roster as a service shows it: the stored roster and the places still free. */
export interface OfferingRoster extends OfferingRosterDocument {
  /** Capacity not yet taken by a place that takes part. */
  readonly placesLeft: number
}

const rosterOf = (doc: OfferingRosterDocument): OfferingRoster => ({
  ...doc,
  placesLeft: Math.max(0, doc.capacity - doc.takingPart),
})

/** The roster of one offering; undefined when no such offering was opened. */
export const offeringRoster = async (
  store: ReadModelStore,
  offeringId: string,
): Promise<OfferingRoster | undefined> => {
  const doc = await readDocument(store, offeringRosterProjection, offeringId)
  return doc === undefined ? undefined : rosterOf(doc)
}

/** The rosters of every offering, or of those in one status (`open`, `started`, …), in order of their first day. */
export const offeringRosterList = async (
  store: ReadModelStore,
  status?: OfferingRosterDocument['status'],
): Promise<readonly OfferingRoster[]> => {
  const listed = await listDocuments(store, offeringRosterProjection, {
    ...(status === undefined ? {} : { where: { field: 'status', equals: status } }),
    orderBy: { field: 'start' },
  })
  return listed.map(({ doc }) => rosterOf(doc))
}
