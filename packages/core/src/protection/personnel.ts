import * as E from 'fp-ts/lib/Either.js'
import type * as TE from 'fp-ts/lib/TaskEither.js'
import * as t from 'io-ts'
import type { SealFailure, Sealer } from '../application/personal-data/sealing-handler.js'
import { type Access, type OpenedField, openField, seal } from '../application/personal-data/sealing.js'
import type { StoreUnavailable } from '../kernel/event-store.js'
import type { KeyStore } from '../kernel/key-store.js'
import { personal, taggedUnion } from '../kernel/index.js'
import {
  asnSubjectId,
  type AsnRecord,
  AssignAtasan,
  MoveAsn,
  type PersonnelCommand,
  PositionId,
  PromoteAsn,
  RecordDeparture,
  RenewContract,
  UnitId,
} from '../personnel/index.js'
import { command, ContractPeriod, EmployeeType, LocalDate, Nip, type PersonalData, Rank } from '../shared/index.js'

const nikPattern = /^[0-9]{16}$/

/**
 * Codec for an ASN's NIK (Nomor Induk Kependudukan) in clear, as a caller brings it: exactly 16 digits. It is only
 * ever sealed (`personnelSealer`): a NIK in clear never reaches a command a decider sees, nor an event.
 */
export const ClearNik = personal(
  new t.Type<string, string>(
    'ClearNik',
    (u): u is string => typeof u === 'string' && nikPattern.test(u),
    (u, c) =>
      typeof u === 'string' && nikPattern.test(u)
        ? t.success(u)
        : t.failure(u, c, 'must be a NIK of exactly 16 digits (0-9), with no spaces or other characters'),
    t.identity,
  ),
)

const phonePattern = /^(?:\+62|0)?[0-9]{8,15}$/

/**
 * Codec for an ASN's phone number in clear, as a caller brings it: an Indonesian number, 8 to 15 digits after an
 * optional `+62` or `0` (`081234567890`, `+6281234567890`). Sealed as written; never stored in clear.
 */
export const ClearPhone = personal(
  new t.Type<string, string>(
    'ClearPhone',
    (u): u is string => typeof u === 'string' && phonePattern.test(u),
    (u, c) =>
      typeof u === 'string' && phonePattern.test(u)
        ? t.success(u)
        : t.failure(u, c, 'must be an Indonesian phone number: 8 to 15 digits, after an optional +62 or 0'),
    t.identity,
  ),
)

/** AppointAsn as a caller brings it: the NIK and phone, when given, in clear. */
export const AppointAsnInput = command(
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
      t.partial({ rank: Rank, atasanNip: Nip, contract: ContractPeriod, nik: ClearNik, phone: ClearPhone }),
    ]),
    'AppointAsnInputData',
  ),
)

/** UpdatePersonalDetails as a caller brings it: the NIK or phone (or both) in clear. */
export const UpdatePersonalDetailsInput = command(
  'UpdatePersonalDetails',
  t.exact(
    t.intersection([t.type({ nip: Nip }), t.partial({ nik: ClearNik, phone: ClearPhone })]),
    'UpdatePersonalDetailsInputData',
  ),
)

/**
 * Codec for a personnel command as a service receives it, the ASN's NIK and phone in clear: what `personnelSealer`
 * turns into a `PersonnelCommand` holding only envelopes. The commands with no personal field are `PersonnelCommand`'s.
 */
export const PersonnelInput = taggedUnion(
  'type',
  {
    AppointAsn: AppointAsnInput,
    MoveAsn,
    PromoteAsn,
    AssignAtasan,
    RenewContract,
    RecordDeparture,
    UpdatePersonalDetails: UpdatePersonalDetailsInput,
  },
  'PersonnelInput',
)
/** A personnel command with the ASN's NIK and phone in clear. */
export type PersonnelInput = t.TypeOf<typeof PersonnelInput>

type Sealed<A> = Promise<E.Either<SealFailure, A>>

/** Seals the NIK and phone given, for the ASN's subject; an absent one stays absent (never `undefined`). */
const sealDetails = async (
  keys: KeyStore,
  nip: Nip,
  clear: { readonly nik?: string; readonly phone?: string },
): Sealed<{ readonly nik?: PersonalData; readonly phone?: PersonalData }> => {
  const subjectId = asnSubjectId(nip)
  const nik = clear.nik === undefined ? undefined : await seal(keys, subjectId, clear.nik)()
  if (nik !== undefined && E.isLeft(nik)) return nik
  const phone = clear.phone === undefined ? undefined : await seal(keys, subjectId, clear.phone)()
  if (phone !== undefined && E.isLeft(phone)) return phone
  return E.right({
    ...(nik === undefined ? {} : { nik: nik.right }),
    ...(phone === undefined ? {} : { phone: phone.right }),
  })
}

/**
 * The sealer of personnel commands: an ASN's NIK and phone sealed with AES-256-GCM under the key of the ASN's own data
 * subject (`asnSubjectId(nip)`, `asn-<nip>`), so erasing that subject shreds them in every event and read model and
 * nothing else. The other commands pass unchanged. The subject comes from the number alone, so no stream is read; an
 * erased ASN gets nothing new sealed (`SubjectErased`). For `sealingHandler(handler, personnelSealer(keys), …)`.
 */
export const personnelSealer =
  (keys: KeyStore): Sealer<PersonnelInput, PersonnelCommand> =>
  input =>
  async (): Sealed<PersonnelCommand> => {
    switch (input.type) {
      case 'AppointAsn': {
        const { nik, phone, ...data } = input.data
        const sealed = await sealDetails(keys, data.nip, {
          ...(nik === undefined ? {} : { nik }),
          ...(phone === undefined ? {} : { phone }),
        })
        return E.map((details: { readonly nik?: PersonalData; readonly phone?: PersonalData }): PersonnelCommand => ({
          ...input,
          data: { ...data, ...details },
        }))(sealed)
      }
      case 'UpdatePersonalDetails': {
        const { nik, phone, nip } = input.data
        const sealed = await sealDetails(keys, nip, {
          ...(nik === undefined ? {} : { nik }),
          ...(phone === undefined ? {} : { phone }),
        })
        return E.map((details: { readonly nik?: PersonalData; readonly phone?: PersonalData }): PersonnelCommand => ({
          ...input,
          data: { nip, ...details },
        }))(sealed)
      }
      default:
        return E.right(input)
    }
  }

/** One of an ASN's personal details as opened: clear, erased, unreadable (with the reason), or never recorded. */
export type OpenedDetail = OpenedField | { readonly kind: 'absent' }

/** An ASN's NIK and phone as opened for one access. */
export interface PersonalDetails {
  readonly nik: OpenedDetail
  readonly phone: OpenedDetail
}

/** The latest envelopes of a record: an `AsnRecord`, or a read model's copy of its `nik` and `phone`. */
export type SealedDetailsOf = Pick<AsnRecord, 'nik' | 'phone'>

/**
 * Opens an ASN's latest NIK and phone for an access (who, why, when) through `openField`: each envelope opened is
 * recorded in the key store's decryption log (fields `nik` and `phone`) before the answer. A detail never recorded
 * is `absent` and logs nothing; an erased ASN's details are `erased`; an envelope that does not open is `unreadable`.
 * Never throws; only a key store that does not answer is a failure.
 */
export const openPersonalDetails = (
  keys: KeyStore,
  record: SealedDetailsOf,
  access: Access,
): TE.TaskEither<StoreUnavailable, PersonalDetails> => {
  const open =
    (field: 'nik' | 'phone', sealed: PersonalData | null): TE.TaskEither<StoreUnavailable, OpenedDetail> =>
    async () =>
      sealed === null ? E.right({ kind: 'absent' }) : openField(keys, field, sealed, access)()
  return async () => {
    const nik = await open('nik', record.nik)()
    if (E.isLeft(nik)) return nik
    const phone = await open('phone', record.phone)()
    if (E.isLeft(phone)) return phone
    return E.right({ nik: nik.right, phone: phone.right })
  }
}
