import * as t from 'io-ts'
import { textLine } from '../kernel/decode.js'

const base64 = /^[A-Za-z0-9+/]+={0,2}$/

const isBase64 = (u: unknown): u is string => typeof u === 'string' && u.length % 4 === 0 && base64.test(u)

/** Bytes an AES-256-GCM envelope holds besides the sealed text: its 12-byte IV and its 16-byte authentication tag. */
export const gcmEnvelopeOverheadBytes = 28

const decodedBytes = (b64: string): number =>
  (b64.length / 4) * 3 - (b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0)

const notBase64 = 'must be base64 ciphertext (personal data is never stored in clear)'

const Base64 = new t.Type<string, string>(
  'Base64',
  isBase64,
  (u, c) => (isBase64(u) ? t.success(u) : t.failure(u, c, notBase64)),
  t.identity,
)

const isSealed = (u: unknown): u is string => isBase64(u) && decodedBytes(u) >= gcmEnvelopeOverheadBytes

// A NIK (16 digits) or a phone number is valid base64 too: only the envelope's own length tells it from ciphertext.
const SealedBase64 = new t.Type<string, string>(
  'SealedBase64',
  isSealed,
  (u, c) =>
    isSealed(u)
      ? t.success(u)
      : t.failure(
          u,
          c,
          isBase64(u)
            ? `must be AES-256-GCM ciphertext in base64 with its 12-byte IV and 16-byte tag (at least ${gcmEnvelopeOverheadBytes} bytes)`
            : notBase64,
        ),
  t.identity,
)

const inClear =
  'must be an envelope sealed for its data subject, not clear text (personal data and free text are never stored in clear: seal it, or send the command through a sealingHandler)'

const envelope = (ciphertext: t.Type<string, string>) => {
  const codec = t.strict(
    { subjectId: textLine(128), keyId: textLine(128), algorithm: t.literal('AES-256-GCM'), ciphertext },
    'PersonalData',
  )
  return new t.Type<t.TypeOf<typeof codec>, t.OutputOf<typeof codec>>(
    codec.name,
    codec.is,
    (u, c) => (typeof u === 'string' ? t.failure(u, c, inClear) : codec.validate(u, c)),
    codec.encode,
  )
}

/**
 * Codec for personal data as it may appear in an event: never clear text, only an opaque envelope encrypted with the
 * data subject's key (UU 27/2022). Erasing the key shreds the value everywhere. Stored events are read with this
 * codec, which checks base64 only, so that history once written always replays.
 */
export const PersonalData = envelope(Base64)
/** An encrypted personal-data envelope: subject, key, algorithm and base64 ciphertext (IV and tag included). */
export type PersonalData = t.TypeOf<typeof PersonalData>

/**
 * Codec for personal data as a command brings it: the envelope of `PersonalData`, whose ciphertext must also be long
 * enough to hold an AES-256-GCM IV and tag (28 bytes), so a NIK or a phone number in bare digits is refused.
 */
export const SealedPersonalData: t.Type<PersonalData, PersonalData> = envelope(SealedBase64)

/**
 * Codec for free text written before Pembina sealed it (schema v1 of a complaint's texts): it stays in clear, as it was
 * written and as its hash chain covers it; only an upcaster produces it, never a command.
 */
export const WrittenInClear = t.strict({ writtenInClear: t.string }, 'WrittenInClear')
/** Free text written in clear before sealing, kept as it was. */
export type WrittenInClear = t.TypeOf<typeof WrittenInClear>

/** Codec for a free text as an event records it: an envelope, or, in history written before sealing, the clear text. */
export const RecordedText = t.union([PersonalData, WrittenInClear], 'RecordedText')
/** A free text as recorded: sealed for its data subject, or written in clear before sealing. */
export type RecordedText = t.TypeOf<typeof RecordedText>

/** The data subject a recorded text was sealed for; null for text written in clear. */
export const subjectOfText = (recorded: RecordedText): string | null =>
  PersonalData.is(recorded) ? recorded.subjectId : null

/** Whether two recorded texts are the same record (the same envelope, or the same clear text). */
export const sameRecordedText = (a: RecordedText, b: RecordedText): boolean =>
  'writtenInClear' in a
    ? 'writtenInClear' in b && a.writtenInClear === b.writtenInClear
    : 'ciphertext' in b && a.ciphertext === b.ciphertext && a.keyId === b.keyId && a.subjectId === b.subjectId

/** Upcasts one field of an event's data from clear text (v1) to a recorded text (`{ writtenInClear }`). */
export const textWrittenInClear =
  (field: string) =>
  (data: unknown): unknown => {
    if (typeof data !== 'object' || data === null || !(field in data)) return data
    const value: unknown = (data as Readonly<Record<string, unknown>>)[field]
    return typeof value === 'string' ? { ...data, [field]: { writtenInClear: value } } : data
  }
