import * as t from 'io-ts'
import { event, eventRegistry, eventSchemas, taggedUnion, text } from '../kernel/index.js'
import {
  ContractPeriod,
  EmployeeType,
  Instant,
  LocalDate,
  Nip,
  PersonalData,
  PositionType,
  Rank,
} from '../shared/index.js'
import { DepartureReason, PositionId, PositionTitle, UnitId, UnitName } from './commands.js'

// ---- Organisation -------------------------------------------------------------------------------------------------

/** A unit was established from a date, under its parent unit (none for the top of the agency). */
export const UnitEstablished = event(
  'UnitEstablished',
  t.strict(
    { at: Instant, unitId: UnitId, name: UnitName, parentUnitId: t.union([UnitId, t.null]), effectiveOn: LocalDate },
    'UnitEstablishedData',
  ),
)

/** A position was added to a unit. */
export const PositionAdded = event(
  'PositionAdded',
  t.strict(
    { at: Instant, unitId: UnitId, positionId: PositionId, title: PositionTitle, positionType: PositionType },
    'PositionAddedData',
  ),
)

/** A unit was dissolved from a date, with a reason. */
export const UnitDissolved = event(
  'UnitDissolved',
  t.strict({ at: Instant, unitId: UnitId, effectiveOn: LocalDate, reason: text(1000) }, 'UnitDissolvedData'),
)

/** Codec for every organisation event, told apart by `type`. */
export const OrganisationEvent = taggedUnion(
  'type',
  { UnitEstablished, PositionAdded, UnitDissolved },
  'OrganisationEvent',
)
/** An organisation event. */
export type OrganisationEvent = t.TypeOf<typeof OrganisationEvent>

const unitSchema = eventSchemas(OrganisationEvent)

/** The organisation event registry. */
export const organisationEvents = eventRegistry<OrganisationEvent>([
  unitSchema('UnitEstablished', UnitEstablished, 'A unit was established from a date, under its parent unit.'),
  unitSchema('PositionAdded', PositionAdded, 'A position with its title and type was added to a unit.'),
  unitSchema('UnitDissolved', UnitDissolved, 'A unit was dissolved from a date, with a reason.'),
])

// ---- Personnel ----------------------------------------------------------------------------------------------------

/**
 * An ASN was registered: type, rank (PNS), unit, position, direct atasan and contract (PPPK, when known), and, when
 * given, their NIK and phone, only as envelopes sealed for the ASN (optional fields: history without them is still v1).
 */
export const AsnAppointed = event(
  'AsnAppointed',
  t.exact(
    t.intersection([
      t.type({
        at: Instant,
        nip: Nip,
        employeeType: EmployeeType,
        rank: t.union([Rank, t.null]),
        unitId: UnitId,
        positionId: PositionId,
        atasanNip: t.union([Nip, t.null]),
        contract: t.union([ContractPeriod, t.null]),
        effectiveOn: LocalDate,
      }),
      t.partial({ nik: PersonalData, phone: PersonalData }),
    ]),
    'AsnAppointedData',
  ),
)

/** An ASN moved to another unit or position, with the direct atasan there. */
export const AsnMoved = event(
  'AsnMoved',
  t.strict(
    {
      at: Instant,
      nip: Nip,
      unitId: UnitId,
      positionId: PositionId,
      atasanNip: t.union([Nip, t.null]),
      effectiveOn: LocalDate,
    },
    'AsnMovedData',
  ),
)

/** A PNS was promoted to a higher rank. */
export const AsnPromoted = event(
  'AsnPromoted',
  t.strict({ at: Instant, nip: Nip, rank: Rank, effectiveOn: LocalDate }, 'AsnPromotedData'),
)

/** An ASN's direct atasan changed. */
export const AtasanAssigned = event(
  'AtasanAssigned',
  t.strict({ at: Instant, nip: Nip, atasanNip: Nip, effectiveOn: LocalDate }, 'AtasanAssignedData'),
)

/** A PPPK's contract period was renewed (or first made known). */
export const ContractRenewed = event(
  'ContractRenewed',
  t.strict({ at: Instant, nip: Nip, contract: ContractPeriod, effectiveOn: LocalDate }, 'ContractRenewedData'),
)

/** An ASN left the agency; the number is never registered again. */
export const AsnLeft = event(
  'AsnLeft',
  t.strict({ at: Instant, nip: Nip, reason: DepartureReason, effectiveOn: LocalDate }, 'AsnLeftData'),
)

/**
 * An ASN's NIK or phone (or both) was recorded, sealed for the ASN; the latest envelope of each stands. It has no
 * `effectiveOn`: it is no fact of where the ASN stands, and `standingOn` passes it by.
 */
export const PersonalDetailsUpdated = event(
  'PersonalDetailsUpdated',
  t.exact(
    t.intersection([t.type({ at: Instant, nip: Nip }), t.partial({ nik: PersonalData, phone: PersonalData })]),
    'PersonalDetailsUpdatedData',
  ),
)

/** Codec for every personnel event, told apart by `type`. */
export const PersonnelEvent = taggedUnion(
  'type',
  { AsnAppointed, AsnMoved, AsnPromoted, AtasanAssigned, ContractRenewed, AsnLeft, PersonalDetailsUpdated },
  'PersonnelEvent',
)
/** A personnel event. */
export type PersonnelEvent = t.TypeOf<typeof PersonnelEvent>

/** The personnel event of one type (or of several). */
export type PersonnelEventOf<Type extends PersonnelEvent['type']> = Extract<PersonnelEvent, { readonly type: Type }>

const asnSchema = eventSchemas(PersonnelEvent)

/** The personnel event registry. */
export const personnelEvents = eventRegistry<PersonnelEvent>([
  asnSchema(
    'AsnAppointed',
    AsnAppointed,
    'An ASN was registered under their NIP or NI PPPK with type, rank, unit, position, direct atasan and contract, and their NIK and phone sealed when given.',
  ),
  asnSchema('AsnMoved', AsnMoved, 'An ASN moved to another unit or position, with the direct atasan there.'),
  asnSchema('AsnPromoted', AsnPromoted, 'A PNS was promoted to a higher rank (kenaikan pangkat).'),
  asnSchema('AtasanAssigned', AtasanAssigned, "An ASN's direct atasan changed from a date."),
  asnSchema('ContractRenewed', ContractRenewed, "A PPPK's contract period was renewed or first made known."),
  asnSchema('AsnLeft', AsnLeft, 'An ASN left the agency; the number is never registered again.'),
  asnSchema(
    'PersonalDetailsUpdated',
    PersonalDetailsUpdated,
    "An ASN's NIK or phone, or both, was recorded, sealed for the ASN; the latest of each stands.",
  ),
])
