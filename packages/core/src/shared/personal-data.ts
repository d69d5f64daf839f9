import * as t from 'io-ts'
import { text } from '../kernel/decode.js'

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

const envelope = (ciphertext: t.Type<string, string>) =>
  t.strict({ subjectId: text(128), keyId: text(128), algorithm: t.literal('AES-256-GCM'), ciphertext }, 'PersonalData')

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
