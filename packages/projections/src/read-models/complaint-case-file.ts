import * as E from 'fp-ts/lib/Either.js'
import type * as TE from 'fp-ts/lib/TaskEither.js'
import {
  type Access,
  complaintEvents,
  ComplaintId,
  Instant,
  type KeyStore,
  type OpenedField,
  openFields,
  PersonalData,
  RecordedText,
  type StoreUnavailable,
  text,
  TrackingId,
} from '@pembina/core'
import * as t from 'io-ts'
import type { Projection, ProjectedEvent } from '../projection.js'
import { nullable } from './document-values.js'
import { documentCodec } from './stored-document.js'

/** What a complaint's free texts are: its description, a supplement, a follow-up, the unit's answer, a comment. */
export const caseTextKinds = ['description', 'supplement', 'follow-up', 'decision', 'comment'] as const

/** Codec for one free text of a complaint as the case file keeps it: sealed (or in clear, from before sealing). */
export const CaseText = t.strict(
  {
    kind: t.keyof({ description: null, supplement: null, 'follow-up': null, decision: null, comment: null }),
    at: Instant,
    text: RecordedText,
  },
  'CaseText',
)
/** One free text of a complaint. */
export type CaseText = t.TypeOf<typeof CaseText>

/**
 * Codec for a complaint's case file (berkas pengaduan), the desk's read model: the complainant's identity and every
 * free text of the complaint, only as envelopes (or text written in clear before sealing), with the flags in force.
 * It is never read as it is: `openCaseFile` opens it for a reader, withholding what the flags keep from them.
 */
export const ComplaintCaseFileDocument = documentCodec(
  t.strict(
    {
      complaintId: ComplaintId,
      trackingId: TrackingId,
      unit: text(200),
      /** `anonim`: the complainant's identity is shown only to a reader granted `identity`. */
      anonymous: t.boolean,
      /** `rahasia`: the complaint's texts are shown only to a reader granted `content`. */
      confidential: t.boolean,
      identity: t.strict({
        complainant: nullable(PersonalData),
        contact: nullable(PersonalData),
        sensitiveDetails: nullable(PersonalData),
      }),
      texts: t.readonlyArray(CaseText),
      lastAt: Instant,
    },
    'ComplaintCaseFile',
  ),
)
/** A complaint's case file. */
export type ComplaintCaseFileDocument = t.TypeOf<typeof ComplaintCaseFileDocument>

const withText = (
  doc: ComplaintCaseFileDocument | undefined,
  kind: CaseText['kind'],
  at: Instant,
  recorded: RecordedText | undefined,
): ComplaintCaseFileDocument | undefined =>
  doc === undefined || recorded === undefined
    ? doc
    : { ...doc, texts: [...doc.texts, { kind, at, text: recorded }], lastAt: at }

const complaintEventTypes: ReadonlySet<string> = new Set(complaintEvents.schemas.map(schema => schema.type))

const evolveCaseFile = (
  doc: ComplaintCaseFileDocument | undefined,
  { event }: ProjectedEvent,
): ComplaintCaseFileDocument | undefined => {
  switch (event.type) {
    case 'ComplaintFiled': {
      const { data } = event
      return {
        complaintId: data.complaintId,
        trackingId: data.trackingId,
        unit: data.unit,
        anonymous: data.anonymous,
        confidential: data.confidential,
        identity: {
          complainant: data.complainant ?? null,
          contact: data.contact ?? null,
          sensitiveDetails: data.sensitiveDetails ?? null,
        },
        texts: [{ kind: 'description', at: data.at, text: data.description }],
        lastAt: data.at,
      }
    }
    case 'ComplaintVerified':
      // The desk may raise a flag at verification, never lower it: the case file keeps the stricter of the two.
      return doc === undefined
        ? doc
        : {
            ...doc,
            anonymous: doc.anonymous || event.data.anonymous,
            confidential: doc.confidential || event.data.confidential,
            lastAt: event.data.at,
          }
    case 'CompletionSupplied': {
      const supplied = withText(doc, 'supplement', event.data.at, event.data.supplement)
      return supplied === undefined
        ? supplied
        : {
            ...supplied,
            identity: {
              ...supplied.identity,
              contact: event.data.contact ?? supplied.identity.contact,
              sensitiveDetails: event.data.sensitiveDetails ?? supplied.identity.sensitiveDetails,
            },
          }
    }
    case 'ComplaintDisposed':
      return doc === undefined ? doc : { ...doc, unit: event.data.unit, lastAt: event.data.at }
    case 'FollowUpRecorded':
      return withText(doc, 'follow-up', event.data.at, event.data.text)
    case 'ComplaintDecided':
      return withText(doc, 'decision', event.data.at, event.data.decision)
    case 'SatisfactionRated':
      return withText(doc, 'comment', event.data.at, event.data.comment)
    default:
      return doc
  }
}

/**
 * The complaint case file (`complaint-case-file`): one document per complaint, keyed by its id, holding its
 * complainant's identity and its texts as envelopes only. Unlike the SLA board, it is not for public reading: a
 * service reads it through `openCaseFile`, which applies `anonim` and `rahasia`.
 */
export const complaintCaseFileProjection: Projection<ComplaintCaseFileDocument> = {
  name: 'complaint-case-file',
  version: 1,
  categories: ['complaint'],
  document: ComplaintCaseFileDocument,
  keysOf: ({ event }) =>
    complaintEventTypes.has(event.type) && 'complaintId' in event.data ? [event.data.complaintId] : [],
  evolve: evolveCaseFile,
}

/** What a reader of a case file is granted beyond the case itself: the anonymous complainant's identity, the secret content. */
export type CaseFileGrant = 'identity' | 'content'

/** Who reads a case file, why (the decryption log records it), and what they are granted. */
export interface CaseFileReader {
  readonly access: Access
  readonly grants: readonly CaseFileGrant[]
}

/**
 * One field of a case file as a reader sees it: opened (clear, erased or unreadable, each opening logged), text written
 * in clear before sealing, withheld by the complaint's flags (never opened, never logged), or absent.
 */
export type ShownField =
  | OpenedField
  | { readonly kind: 'written-in-clear'; readonly text: string }
  | { readonly kind: 'withheld'; readonly because: 'anonim' | 'rahasia' }
  | { readonly kind: 'absent' }

/** A case file as one reader sees it. */
export interface CaseFileView {
  readonly complaintId: string
  readonly trackingId: string
  readonly unit: string
  readonly anonymous: boolean
  readonly confidential: boolean
  readonly complainant: ShownField
  readonly contact: ShownField
  readonly sensitiveDetails: ShownField
  readonly texts: readonly { readonly kind: CaseText['kind']; readonly at: Instant; readonly text: ShownField }[]
}

/** One field of the case file: its name in the decryption log, what the file holds, whether the reader may see it. */
interface CaseField {
  readonly field: string
  readonly recorded: RecordedText | null
  readonly shown: boolean
  readonly because: 'anonim' | 'rahasia'
}

/**
 * Opens a case file for a reader: the complainant's identity unless the complaint is `anonim` and the reader is not
 * granted `identity`; its texts unless it is `rahasia` and the reader is not granted `content`. A withheld field is
 * never decrypted nor looked up and leaves no opening in the log; every other envelope is opened for the reader's who
 * and purpose through `openFields`: all of the file's openings logged in one write before any clear text is returned.
 */
export const openCaseFile =
  (
    keys: KeyStore,
    doc: ComplaintCaseFileDocument,
    reader: CaseFileReader,
  ): TE.TaskEither<StoreUnavailable, CaseFileView> =>
  async () => {
    const identityShown = !doc.anonymous || reader.grants.includes('identity')
    const contentShown = !doc.confidential || reader.grants.includes('content')
    const identity = (field: 'complainant' | 'contact' | 'sensitiveDetails'): CaseField => ({
      field,
      recorded: doc.identity[field],
      shown: identityShown,
      because: 'anonim',
    })
    const fields: readonly CaseField[] = [
      identity('complainant'),
      identity('contact'),
      identity('sensitiveDetails'),
      ...doc.texts.map(each => ({
        field: each.kind,
        recorded: each.text,
        shown: contentShown,
        because: 'rahasia' as const,
      })),
    ]
    const toOpen = fields.flatMap(({ field, recorded, shown }) =>
      shown && recorded !== null && PersonalData.is(recorded) ? [{ field, sealed: recorded }] : [],
    )
    const opened = await openFields(keys, toOpen, reader.access)()
    if (E.isLeft(opened)) return opened
    let next = 0
    const shownOf = ({ recorded, shown, because }: CaseField): ShownField => {
      if (recorded === null) return { kind: 'absent' }
      if (!shown) return { kind: 'withheld', because }
      if ('writtenInClear' in recorded) return { kind: 'written-in-clear', text: recorded.writtenInClear }
      const result = opened.right[next++]
      return result ?? { kind: 'unreadable', reason: 'malformed' }
    }
    const [complainant, contact, sensitiveDetails, ...texts] = fields.map(shownOf)
    return E.right({
      complaintId: doc.complaintId,
      trackingId: doc.trackingId,
      unit: doc.unit,
      anonymous: doc.anonymous,
      confidential: doc.confidential,
      complainant: complainant ?? { kind: 'absent' },
      contact: contact ?? { kind: 'absent' },
      sensitiveDetails: sensitiveDetails ?? { kind: 'absent' },
      texts: doc.texts.map((each, k) => ({ kind: each.kind, at: each.at, text: texts[k] ?? { kind: 'absent' } })),
    })
  }
