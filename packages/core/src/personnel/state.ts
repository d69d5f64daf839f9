import type { EmployeeType, Instant, LocalDate, Nip, PersonalData, UnitPosition } from '../shared/index.js'
import type { PositionId, UnitId } from './commands.js'
import type { PersonnelEvent } from './events.js'

/** One ASN's record: who they are, and every fact of it in the order it was written. */
export interface AsnRecord {
  /** `left` once a departure is recorded (whatever its date): nothing more can be recorded. */
  readonly status: 'active' | 'left'
  readonly nip: Nip
  readonly employeeType: EmployeeType
  /** The TMT of the appointment. */
  readonly appointedOn: LocalDate
  /** Every event of the record as written; `standingOn` reads the record as of any day from it. */
  readonly timeline: readonly PersonnelEvent[]
  /** The latest NIK recorded, sealed for the ASN (`asnSubjectId`); null when none was given. Never in clear. */
  readonly nik: PersonalData | null
  /** The latest phone number recorded, sealed for the ASN; null when none was given. Never in clear. */
  readonly phone: PersonalData | null
}

/** The state of one `asn-<nip>` stream: nothing yet, or the record. */
export type PersonnelState = { readonly status: 'none' } | AsnRecord

/** The state before any event. */
export const initialPersonnelState: PersonnelState = { status: 'none' }

/** One unit: its name, parent, positions, and when it was established and dissolved. */
export interface Unit {
  readonly status: 'active' | 'dissolved'
  readonly unitId: UnitId
  readonly name: string
  readonly parentUnitId: UnitId | null
  readonly establishedOn: LocalDate
  readonly establishedAt: Instant
  readonly dissolvedOn: LocalDate | null
  readonly dissolvedAt: Instant | null
  readonly positions: Readonly<Record<PositionId, UnitPosition>>
}

/** The state of one `unit-<id>` stream: nothing yet, or the unit. */
export type OrganisationState = { readonly status: 'none' } | Unit

/** The state before any event. */
export const initialOrganisationState: OrganisationState = { status: 'none' }
