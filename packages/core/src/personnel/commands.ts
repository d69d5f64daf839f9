import * as t from 'io-ts'
import { oneOf, streamId, taggedUnion, text, textLine } from '../kernel/index.js'
import {
  command,
  ContractPeriod,
  EmployeeType,
  LocalDate,
  Nip,
  PositionType,
  Rank,
  SealedPersonalData,
} from '../shared/index.js'

/** Codec for a unit id: the `<id>` of the stream `unit-<id>` (e.g. `puskesmas-belawan`). */
export const UnitId = streamId('UnitId')
/** A unit id. */
export type UnitId = t.TypeOf<typeof UnitId>

/** Codec for a position id, unique within its unit (e.g. `kepala`, `perawat-1`). */
export const PositionId = streamId('PositionId')
/** A position id. */
export type PositionId = t.TypeOf<typeof PositionId>

/** Codec for a unit's name (1 to 200 characters). */
export const UnitName = textLine(200, 'UnitName')

/** Codec for a position's title (1 to 200 characters). */
export const PositionTitle = textLine(200, 'PositionTitle')

/** Codec for why an ASN left the agency. */
export const DepartureReason = oneOf(
  ['pensiun', 'berhenti', 'meninggal', 'kontrak-berakhir', 'pindah-instansi'],
  'DepartureReason',
)
/** Why an ASN left: retirement, resignation or dismissal, death, end of contract, transfer to another agency. */
export type DepartureReason = t.TypeOf<typeof DepartureReason>

// ---- Organisation: units and their positions --------------------------------------------------------------------

/** A pyb establishes a unit (Dinas Kesehatan, a puskesmas and its sub-centres, a kantor camat…), under a parent. */
export const EstablishUnit = command(
  'EstablishUnit',
  t.exact(
    t.intersection([
      t.type({ unitId: UnitId, name: UnitName, effectiveOn: LocalDate }),
      t.partial({ parentUnitId: UnitId }),
    ]),
    'EstablishUnitData',
  ),
)
/** Establishes a unit. */
export type EstablishUnit = t.TypeOf<typeof EstablishUnit>

/** A pyb adds a position to a unit, with its title and type. */
export const AddPosition = command(
  'AddPosition',
  t.strict(
    { unitId: UnitId, positionId: PositionId, title: PositionTitle, positionType: PositionType },
    'AddPositionData',
  ),
)
/** Adds a position. */
export type AddPosition = t.TypeOf<typeof AddPosition>

/** A pyb dissolves a unit from a date, with a reason; no one can be appointed or moved to it from then. */
export const DissolveUnit = command(
  'DissolveUnit',
  t.strict({ unitId: UnitId, effectiveOn: LocalDate, reason: text(1000) }, 'DissolveUnitData'),
)
/** Dissolves a unit. */
export type DissolveUnit = t.TypeOf<typeof DissolveUnit>

/** Codec for every organisation command, told apart by `type`. */
export const OrganisationCommand = taggedUnion(
  'type',
  { EstablishUnit, AddPosition, DissolveUnit },
  'OrganisationCommand',
)
/** An organisation command. */
export type OrganisationCommand = t.TypeOf<typeof OrganisationCommand>

// ---- Personnel: each ASN's record ---------------------------------------------------------------------------------

/**
 * The data subject of an ASN's personal data (their NIK and phone): `asn-<nip>`, one per number, like their stream.
 * Every envelope in an ASN's record is sealed for it, so erasing it shreds them all and nothing else.
 */
export const asnSubjectId = (nip: Nip | string): string => `asn-${nip}`

/**
 * A pyb registers an ASN, once per NIP or NI PPPK: type, rank (PNS), unit, position, direct atasan (none for the
 * head of the agency) and, for a PPPK, the contract period when known; `effectiveOn` is the TMT of the appointment.
 * The NIK and phone, when given, come only sealed for the ASN (`asnSubjectId(nip)`): a bare NIK is refused.
 */
export const AppointAsn = command(
  'AppointAsn',
  t.exact(
    t.intersection([
      t.type({
        nip: Nip,
        employeeType: EmployeeType,
        unitId: UnitId,
        positionId: PositionId,
        effectiveOn: LocalDate,
      }),
      t.partial({
        rank: Rank,
        atasanNip: Nip,
        contract: ContractPeriod,
        nik: SealedPersonalData,
        phone: SealedPersonalData,
      }),
    ]),
    'AppointAsnData',
  ),
)
/** Appoints an ASN. */
export type AppointAsn = t.TypeOf<typeof AppointAsn>

/** A pyb moves an ASN to another unit or position (mutasi, rotasi), with the direct atasan there. */
export const MoveAsn = command(
  'MoveAsn',
  t.exact(
    t.intersection([
      t.type({ nip: Nip, unitId: UnitId, positionId: PositionId, effectiveOn: LocalDate }),
      t.partial({ atasanNip: Nip }),
    ]),
    'MoveAsnData',
  ),
)
/** Moves an ASN. */
export type MoveAsn = t.TypeOf<typeof MoveAsn>

/** A pyb records a PNS's promotion to a higher rank (kenaikan pangkat). */
export const PromoteAsn = command('PromoteAsn', t.strict({ nip: Nip, rank: Rank, effectiveOn: LocalDate }))
/** Promotes a PNS. */
export type PromoteAsn = t.TypeOf<typeof PromoteAsn>

/** A pyb names an ASN's direct atasan from a date (the atasan's own move, an acting head, a new structure). */
export const AssignAtasan = command('AssignAtasan', t.strict({ nip: Nip, atasanNip: Nip, effectiveOn: LocalDate }))
/** Assigns the direct atasan. */
export type AssignAtasan = t.TypeOf<typeof AssignAtasan>

/** A pyb records a PPPK's renewed (or first known) contract period. */
export const RenewContract = command('RenewContract', t.strict({ nip: Nip, contract: ContractPeriod }))
/** Renews a PPPK contract. */
export type RenewContract = t.TypeOf<typeof RenewContract>

/** A pyb records that an ASN left the agency from a date; the number is never registered again. */
export const RecordDeparture = command(
  'RecordDeparture',
  t.strict({ nip: Nip, reason: DepartureReason, effectiveOn: LocalDate }),
)
/** Records a departure. */
export type RecordDeparture = t.TypeOf<typeof RecordDeparture>

/**
 * A pyb records an ASN's NIK or phone (or both), sealed for the ASN (`asnSubjectId(nip)`); the latest ones stand. One
 * with neither is refused by the decider (`no-personal-details`).
 */
export const UpdatePersonalDetails = command(
  'UpdatePersonalDetails',
  t.exact(
    t.intersection([t.type({ nip: Nip }), t.partial({ nik: SealedPersonalData, phone: SealedPersonalData })]),
    'UpdatePersonalDetailsData',
  ),
)
/** Updates an ASN's sealed NIK or phone. */
export type UpdatePersonalDetails = t.TypeOf<typeof UpdatePersonalDetails>

/** Codec for every personnel command, told apart by `type`. */
export const PersonnelCommand = taggedUnion(
  'type',
  { AppointAsn, MoveAsn, PromoteAsn, AssignAtasan, RenewContract, RecordDeparture, UpdatePersonalDetails },
  'PersonnelCommand',
)
/** A personnel command. */
export type PersonnelCommand = t.TypeOf<typeof PersonnelCommand>
