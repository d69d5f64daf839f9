import {
  ContractPeriod,
  EmployeeType,
  evolvePersonnel,
  initialPersonnelState,
  Instant,
  latestStanding,
  LocalDate,
  Nip,
  oneOf,
  type OrganisationEvent,
  PersonalData,
  type PersonnelEvent,
  PersonnelEvent as PersonnelEventCodec,
  PositionId,
  PositionTitle,
  PositionType,
  Rank,
  taggedUnion,
  UnitId,
  UnitName,
} from '@pembina/core'
import * as t from 'io-ts'
import type { Projection, ProjectedEvent } from '../projection.js'
import { byText, nullable } from './document-values.js'
import { documentCodec } from './stored-document.js'

/** Codec for an ASN's record as the directory shows it: where they stand after every fact written. */
export const AsnRecordDocument = t.strict(
  {
    kind: t.literal('asn'),
    nip: Nip,
    employeeType: EmployeeType,
    rank: nullable(Rank),
    unitId: UnitId,
    positionId: PositionId,
    /** The direct atasan; null for the head of the agency. */
    atasanNip: nullable(Nip),
    appointedOn: LocalDate,
    /** A PPPK's contract periods, by start. */
    contracts: t.readonlyArray(ContractPeriod),
    status: oneOf(['serving', 'left'], 'AsnStatus'),
    /** When the last fact of the record was written. */
    changedAt: Instant,
    /** Every fact of the record, as written: the record as of any day is read from it with core's `standingOn`. */
    timeline: t.readonlyArray(PersonnelEventCodec),
    /**
     * The latest NIK and phone, as envelopes sealed for the ASN (`asn-<nip>`), null when none was given; never clear.
     * The directory keeps them because the timeline, core's record, holds them anyway, and a reader allowed to (an
     * officer answering the ASN's request for access, say) opens them here with `openPersonalDetails`, logged, without
     * replaying the stream. Only envelopes: the directory cannot open them, and erasing the ASN's subject shreds these
     * copies with every other.
     */
    nik: nullable(PersonalData),
    phone: nullable(PersonalData),
  },
  'AsnRecord',
)
/** An ASN's record in the directory. */
export type AsnRecordDocument = t.TypeOf<typeof AsnRecordDocument>

/** Codec for a position of a unit. */
export const UnitPositionDocument = t.strict(
  { positionId: PositionId, title: PositionTitle, positionType: PositionType },
  'UnitPosition',
)

/** Codec for a unit as the directory shows it. */
export const UnitDocument = t.strict(
  {
    kind: t.literal('unit'),
    unitId: UnitId,
    name: UnitName,
    parentUnitId: nullable(UnitId),
    establishedOn: LocalDate,
    dissolvedOn: nullable(LocalDate),
    status: oneOf(['active', 'dissolved'], 'UnitStatus'),
    positions: t.readonlyArray(UnitPositionDocument),
  },
  'Unit',
)
/** A unit in the directory. */
export type UnitDocument = t.TypeOf<typeof UnitDocument>

/** Codec for the documents of the personnel directory: an ASN's record (key `asn/<nip>`) or a unit (`unit/<id>`). */
export const PersonnelDirectoryDocument = documentCodec(
  taggedUnion('kind', { asn: AsnRecordDocument, unit: UnitDocument }, 'PersonnelDirectoryDocument'),
)
/** A document of the personnel directory. */
export type PersonnelDirectoryDocument = t.TypeOf<typeof PersonnelDirectoryDocument>

/** The key of an ASN's record. */
export const asnRecordKey = (nip: string): string => `asn/${nip}`
/** The key of a unit. */
export const unitKey = (unitId: string): string => `unit/${unitId}`

const personnelEventOf = (event: ProjectedEvent['event']): PersonnelEvent | undefined => {
  switch (event.type) {
    case 'AsnAppointed':
    case 'AsnMoved':
    case 'AsnPromoted':
    case 'AtasanAssigned':
    case 'ContractRenewed':
    case 'AsnLeft':
    case 'PersonalDetailsUpdated':
      return event
    default:
      return undefined
  }
}

const organisationEventOf = (event: ProjectedEvent['event']): OrganisationEvent | undefined => {
  switch (event.type) {
    case 'UnitEstablished':
    case 'PositionAdded':
    case 'UnitDissolved':
      return event
    default:
      return undefined
  }
}

// The record is core's: its fold and `latestStanding` decide what a backdated or future-dated change means.
const recordEvolved = (doc: AsnRecordDocument | undefined, event: PersonnelEvent): AsnRecordDocument | undefined => {
  const state = (doc?.timeline ?? []).reduce(evolvePersonnel, initialPersonnelState)
  const next = evolvePersonnel(state, event)
  if (next.status === 'none') return undefined
  const standing = latestStanding(next)
  return {
    kind: 'asn',
    nip: next.nip,
    employeeType: next.employeeType,
    rank: standing.rank,
    unitId: standing.unitId,
    positionId: standing.positionId,
    atasanNip: standing.atasanNip,
    appointedOn: next.appointedOn,
    contracts: standing.contracts,
    status: next.status === 'left' ? 'left' : 'serving',
    changedAt: event.data.at,
    timeline: next.timeline,
    nik: next.nik,
    phone: next.phone,
  }
}

const unitEvolved = (doc: UnitDocument | undefined, event: OrganisationEvent): UnitDocument | undefined => {
  switch (event.type) {
    case 'UnitEstablished': {
      if (doc !== undefined) return doc
      const { unitId, name, parentUnitId, effectiveOn } = event.data
      return {
        kind: 'unit',
        unitId,
        name,
        parentUnitId,
        establishedOn: effectiveOn,
        dissolvedOn: null,
        status: 'active',
        positions: [],
      }
    }
    case 'PositionAdded': {
      if (doc === undefined || doc.positions.some(p => p.positionId === event.data.positionId)) return doc
      const { positionId, title, positionType } = event.data
      const positions = [...doc.positions, { positionId, title, positionType }]
      return { ...doc, positions: positions.sort((a, b) => byText(a.positionId, b.positionId)) }
    }
    case 'UnitDissolved':
      return doc === undefined ? doc : { ...doc, status: 'dissolved', dissolvedOn: event.data.effectiveOn }
  }
}

/**
 * The personnel directory (`personnel-directory`): every ASN's record (key `asn/<nip>`) with their unit, position,
 * rank, direct atasan and contracts after every fact written, their latest NIK and phone sealed (envelopes only), and
 * every unit (key `unit/<id>`) with its positions.
 * Who stood where on an earlier day is read from the record's timeline (`asOf` in the queries), the same way the
 * command handler's directory reads it.
 */
export const personnelDirectoryProjection: Projection<PersonnelDirectoryDocument> = {
  name: 'personnel-directory',
  // v2: a record keeps its latest NIK and phone envelopes (`nik`, `phone`), which v1 documents lack: rebuilt beside v1.
  version: 2,
  categories: ['asn', 'unit'],
  document: PersonnelDirectoryDocument,
  keysOf: ({ event }) => {
    const record = personnelEventOf(event)
    if (record !== undefined) return [asnRecordKey(record.data.nip)]
    const unit = organisationEventOf(event)
    return unit === undefined ? [] : [unitKey(unit.data.unitId)]
  },
  evolve: (doc, { event }) => {
    const record = personnelEventOf(event)
    if (record !== undefined) return recordEvolved(doc?.kind === 'asn' ? doc : undefined, record)
    const unit = organisationEventOf(event)
    if (unit !== undefined) return unitEvolved(doc?.kind === 'unit' ? doc : undefined, unit)
    return doc
  },
}
