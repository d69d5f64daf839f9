import { evolvePersonnel, initialPersonnelState, type LocalDate, type Nip, standingOn } from '@pembina/core'
import type { ReadModelStore } from '../projection.js'
import {
  type AsnRecordDocument,
  asnRecordKey,
  personnelDirectoryProjection,
  type UnitDocument,
  unitKey,
} from './personnel-directory.js'
import { listDocuments, readDocument } from './stored-document.js'

/** An ASN's record; undefined when the number was never registered. */
export const asnRecord = async (store: ReadModelStore, nip: string): Promise<AsnRecordDocument | undefined> => {
  const doc = await readDocument(store, personnelDirectoryProjection, asnRecordKey(nip))
  return doc?.kind === 'asn' ? doc : undefined
}

/** A unit; undefined when it was never established. */
export const unitOf = async (store: ReadModelStore, unitId: string): Promise<UnitDocument | undefined> => {
  const doc = await readDocument(store, personnelDirectoryProjection, unitKey(unitId))
  return doc?.kind === 'unit' ? doc : undefined
}

/** Every unit, by id. */
export const unitList = async (store: ReadModelStore): Promise<readonly UnitDocument[]> =>
  (await listDocuments(store, personnelDirectoryProjection, { where: { field: 'kind', equals: 'unit' } })).flatMap(
    ({ doc }) => (doc.kind === 'unit' ? [doc] : []),
  )

/** The serving ASN of a unit after every fact written, by NIP. */
export const staffOfUnit = async (store: ReadModelStore, unitId: string): Promise<readonly AsnRecordDocument[]> =>
  (await listDocuments(store, personnelDirectoryProjection, { where: { field: 'unitId', equals: unitId } })).flatMap(
    ({ doc }) => (doc.kind === 'asn' && doc.status === 'serving' ? [doc] : []),
  )

/** The serving ASN whose direct atasan is `atasanNip` after every fact written, by NIP. */
export const subordinatesOf = async (store: ReadModelStore, atasanNip: string): Promise<readonly AsnRecordDocument[]> =>
  (
    await listDocuments(store, personnelDirectoryProjection, { where: { field: 'atasanNip', equals: atasanNip } })
  ).flatMap(({ doc }) => (doc.kind === 'asn' && doc.status === 'serving' ? [doc] : []))

/**
 * Who was an ASN's direct atasan on a day, as the record now knows it (every fact written, a late one included);
 * null when none, or when the ASN was not appointed then; undefined when the number was never registered.
 */
export const atasanOnDay = async (store: ReadModelStore, nip: Nip, on: LocalDate): Promise<Nip | null | undefined> => {
  const record = await asnRecord(store, nip)
  if (record === undefined) return undefined
  const state = record.timeline.reduce(evolvePersonnel, initialPersonnelState)
  return standingOn(state, on)?.atasanNip ?? null
}
