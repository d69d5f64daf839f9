import * as E from 'fp-ts/lib/Either.js'
import type * as TE from 'fp-ts/lib/TaskEither.js'
import * as t from 'io-ts'
import type { SealFailure, Sealer } from '../application/personal-data/sealing-handler.js'
import { sealWithKey } from '../application/personal-data/sealing.js'
import { replayedEventOf } from '../audit/replayed-event.js'
import {
  ArchiveComplaint,
  CheckDeadlines,
  CloseComplaint,
  complaint,
  ComplaintCategory,
  ComplaintChannel,
  type ComplaintCommand,
  ComplaintId,
  DeclareNotInAuthority,
  DisposeComplaint,
  EscalateToOmbudsman,
  FollowUpId,
  NotifyComplainant,
  RequestCompletion,
  SatisfactionRating,
  TrackingId,
  VerifyComplaint,
} from '../complaint/index.js'
import { StreamNotFoundError, type EventStore } from '../kernel/event-store.js'
import type { KeyStore, SubjectKey } from '../kernel/key-store.js'
import { personal, taggedUnion, text, textLine } from '../kernel/index.js'
import { command, defaultPolicy, LocalDate, type PersonalData, TrackingTokenDigest } from '../shared/index.js'

/** The data subject of a complaint filed with no subject of its own (anonymous, or by the desk): `pengadu-<id>`. */
export const complaintSubjectId = (complaintId: string): string => `pengadu-${complaintId}`

/** FileComplaint as a caller brings it: the description, the complainant's name and contact in clear. */
export const FileComplaintInput = command(
  'FileComplaint',
  t.exact(
    t.intersection([
      t.type({
        complaintId: ComplaintId,
        trackingId: TrackingId,
        unit: textLine(200),
        category: ComplaintCategory,
        description: personal(text(4000)),
        serviceDate: LocalDate,
        channel: ComplaintChannel,
        anonymous: t.boolean,
        confidential: t.boolean,
      }),
      t.partial({
        /**
         * The pseudonym of the data subject everything personal in the complaint is sealed for (a citizen's account
         * id, say; never a name or a NIK). Default: the citizen actor's `subjectId`, else `pengadu-<complaintId>`.
         */
        subjectId: personal(textLine(128)),
        complainant: personal(textLine(200)),
        contact: personal(textLine(200)),
        sensitiveDetails: personal(text(4000)),
        trackingTokenDigest: TrackingTokenDigest,
      }),
    ]),
    'FileComplaintInputData',
  ),
)

/** SupplyCompletion as a caller brings it: the supplement and any new contact in clear. */
export const SupplyCompletionInput = command(
  'SupplyCompletion',
  t.exact(
    t.intersection([
      t.type({ complaintId: ComplaintId, supplement: personal(text(4000)) }),
      t.partial({ contact: personal(textLine(200)), sensitiveDetails: personal(text(4000)) }),
    ]),
    'SupplyCompletionInputData',
  ),
)

/** RecordFollowUp as a caller brings it: the follow-up's text in clear. */
export const RecordFollowUpInput = command(
  'RecordFollowUp',
  t.strict({ complaintId: ComplaintId, followUpId: FollowUpId, text: personal(text(4000)) }, 'RecordFollowUpInputData'),
)

/** DecideComplaint as a caller brings it: the unit's answer in clear. */
export const DecideComplaintInput = command(
  'DecideComplaint',
  t.exact(
    t.intersection([
      t.type({ complaintId: ComplaintId, decision: personal(text(4000)), upheld: t.boolean }),
      t.partial({ compensation: personal(text(1000)) }),
    ]),
    'DecideComplaintInputData',
  ),
)

/** RateSatisfaction as a caller brings it: any comment in clear. */
export const RateSatisfactionInput = command(
  'RateSatisfaction',
  t.exact(
    t.intersection([
      t.type({ complaintId: ComplaintId, rating: SatisfactionRating }),
      t.partial({ comment: personal(text(1000)) }),
    ]),
    'RateSatisfactionInputData',
  ),
)

/**
 * Codec for a complaint command as a service receives it, personal fields and free texts in clear: what
 * `complaintSealer` turns into a `ComplaintCommand` holding only envelopes. Commands with no personal field are the
 * same as `ComplaintCommand`'s.
 */
export const ComplaintInput = taggedUnion(
  'type',
  {
    FileComplaint: FileComplaintInput,
    VerifyComplaint,
    RequestCompletion,
    SupplyCompletion: SupplyCompletionInput,
    DeclareNotInAuthority,
    ArchiveComplaint,
    DisposeComplaint,
    RecordFollowUp: RecordFollowUpInput,
    DecideComplaint: DecideComplaintInput,
    NotifyComplainant,
    RateSatisfaction: RateSatisfactionInput,
    CheckDeadlines,
    EscalateToOmbudsman,
    CloseComplaint,
  },
  'ComplaintInput',
)
/** A complaint command with its personal fields in clear. */
export type ComplaintInput = t.TypeOf<typeof ComplaintInput>

/** Finds the data subject of a filed complaint, for the commands that come after its filing. */
export type ComplaintSubjectOf = (complaintId: string) => TE.TaskEither<SealFailure, string>

/**
 * The data subject of a complaint as its stream says: its filing's, read from the first event; for a complaint filed
 * before texts were sealed, the first envelope its history holds, else `pengadu-<complaintId>`. A complaint not filed
 * has none (`SubjectNotFound`), so nothing is sealed and no key made for a command the decider will refuse.
 */
export const complaintSubjectFromStore =
  (store: EventStore): ComplaintSubjectOf =>
  complaintId =>
  async () => {
    const streamName = complaint.streamName(complaintId)
    const decider = complaint.decider(defaultPolicy)
    let state = decider.initialState
    try {
      for await (const record of store.readStream(streamName)) {
        const replayed = replayedEventOf(record, complaint.events)
        // A stream that does not decode is the handler's to report; no subject is read from it.
        if (E.isLeft(replayed)) break
        state = decider.evolve(state, replayed.right.event)
        if (state.status !== 'not-filed' && state.dataSubjectId !== null) return E.right(state.dataSubjectId)
      }
    } catch (error) {
      if (!(error instanceof StreamNotFoundError))
        return E.left({ _tag: 'StoreUnavailable', message: error instanceof Error ? error.message : String(error) })
    }
    return state.status === 'not-filed'
      ? E.left({ _tag: 'SubjectNotFound', streamName, reason: `${streamName} holds no complaint: nothing was sealed` })
      : E.right(complaintSubjectId(complaintId))
  }

type Sealed<A> = Promise<E.Either<SealFailure, A>>

/**
 * Seals clear texts of one command for one data subject; an absent optional text stays absent. The subject's key is
 * asked of the key store once for the command (an erased subject is refused then), not once per field.
 */
const sealingFor = (keys: KeyStore, subjectId: string) => {
  let key: Sealed<SubjectKey> | undefined
  const keyOfCommand = (): Sealed<SubjectKey> =>
    (key ??= (async (): Sealed<SubjectKey> => {
      const found = await keys.keyFor(subjectId)()
      if (E.isLeft(found)) return found
      return found.right === 'erased' ? E.left({ _tag: 'SubjectErased', subjectId }) : E.right(found.right)
    })())
  const one = async (clear: string): Sealed<PersonalData> =>
    E.map((subjectKey: SubjectKey) => sealWithKey(subjectKey, clear))(await keyOfCommand())
  const maybe = async (clear: string | undefined): Sealed<PersonalData | undefined> =>
    clear === undefined ? E.right(undefined) : one(clear)
  return { one, maybe }
}

/** The defined fields of an object: optional fields that are absent stay absent, never `undefined`. */
const defined = <A extends Readonly<Record<string, PersonalData | undefined>>>(
  fields: A,
): { readonly [K in keyof A]?: Exclude<A[K], undefined> } =>
  Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as {
    readonly [K in keyof A]?: Exclude<A[K], undefined>
  }

/**
 * The sealer of complaint commands: every personal field and free text (the complainant's name and contact, sensitive
 * details, the description, a supplement, a follow-up's text, the unit's answer, a rating's comment) sealed with
 * AES-256-GCM under the key of the complaint's data subject, so erasing that subject shreds them all. A filing names
 * the subject (`subjectId`, else the citizen's pseudonym unless the complaint is anonymous, else
 * `pengadu-<complaintId>`); the later commands take it
 * from the complaint (`subjectOf`, by default `rememberedSubjects(complaintSubjectFromStore(store))`). Commands without a personal field
 * pass unchanged, and read nothing.
 */
export const complaintSealer =
  (keys: KeyStore, subjectOf: ComplaintSubjectOf): Sealer<ComplaintInput, ComplaintCommand> =>
  input =>
  async (): Sealed<ComplaintCommand> => {
    const laterSubject = async (complaintId: string) => {
      const subject = await subjectOf(complaintId)()
      return E.map((subjectId: string) => sealingFor(keys, subjectId))(subject)
    }
    switch (input.type) {
      case 'FileComplaint': {
        const { subjectId, description, complainant, contact, sensitiveDetails, ...data } = input.data
        // An anonymous complaint's data is sealed for the complaint itself, never for the citizen's account: nothing in
        // a key store, a decryption log or an erasure links the two (its complainant proves themself with the token).
        const citizen = input.actor.kind === 'citizen' && !data.anonymous ? input.actor.subjectId : undefined
        const s = sealingFor(keys, subjectId ?? citizen ?? complaintSubjectId(data.complaintId))
        const sealedDescription = await s.one(description)
        if (E.isLeft(sealedDescription)) return sealedDescription
        const sealedComplainant = await s.maybe(complainant)
        if (E.isLeft(sealedComplainant)) return sealedComplainant
        const sealedContact = await s.maybe(contact)
        if (E.isLeft(sealedContact)) return sealedContact
        const sealedDetails = await s.maybe(sensitiveDetails)
        if (E.isLeft(sealedDetails)) return sealedDetails
        return E.right({
          ...input,
          data: {
            ...data,
            description: sealedDescription.right,
            ...defined({
              complainant: sealedComplainant.right,
              contact: sealedContact.right,
              sensitiveDetails: sealedDetails.right,
            }),
          },
        })
      }
      case 'SupplyCompletion': {
        const s = await laterSubject(input.data.complaintId)
        if (E.isLeft(s)) return s
        const { supplement, contact, sensitiveDetails, ...data } = input.data
        const sealedSupplement = await s.right.one(supplement)
        if (E.isLeft(sealedSupplement)) return sealedSupplement
        const sealedContact = await s.right.maybe(contact)
        if (E.isLeft(sealedContact)) return sealedContact
        const sealedDetails = await s.right.maybe(sensitiveDetails)
        if (E.isLeft(sealedDetails)) return sealedDetails
        return E.right({
          ...input,
          data: {
            ...data,
            supplement: sealedSupplement.right,
            ...defined({ contact: sealedContact.right, sensitiveDetails: sealedDetails.right }),
          },
        })
      }
      case 'RecordFollowUp': {
        const s = await laterSubject(input.data.complaintId)
        if (E.isLeft(s)) return s
        const sealed = await s.right.one(input.data.text)
        return E.map((text: PersonalData): ComplaintCommand => ({ ...input, data: { ...input.data, text } }))(sealed)
      }
      case 'DecideComplaint': {
        const s = await laterSubject(input.data.complaintId)
        if (E.isLeft(s)) return s
        const sealed = await s.right.one(input.data.decision)
        return E.map((decision: PersonalData): ComplaintCommand => ({ ...input, data: { ...input.data, decision } }))(
          sealed,
        )
      }
      case 'RateSatisfaction': {
        const { comment, ...data } = input.data
        if (comment === undefined) return E.right({ ...input, data })
        const s = await laterSubject(data.complaintId)
        if (E.isLeft(s)) return s
        const sealed = await s.right.one(comment)
        return E.map((text: PersonalData): ComplaintCommand => ({ ...input, data: { ...data, comment: text } }))(sealed)
      }
      default:
        return E.right(input)
    }
  }
