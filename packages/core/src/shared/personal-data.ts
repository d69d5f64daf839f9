import * as t from 'io-ts'
import { text } from '../kernel/decode.js'

const base64 = /^[A-Za-z0-9+/]+={0,2}$/

/**
 * Codec for personal data as it may appear in a command or an event: never clear text, only an opaque
 * envelope encrypted with the data subject's key (UU 27/2022). Erasing the key shreds the value everywhere.
 */
export const PersonalData = t.strict(
  {
    subjectId: text(128),
    keyId: text(128),
    algorithm: t.literal('AES-256-GCM'),
    ciphertext: new t.Type<string, string>(
      'Base64',
      (u): u is string => typeof u === 'string' && u.length % 4 === 0 && base64.test(u),
      (u, c) =>
        typeof u === 'string' && u.length % 4 === 0 && base64.test(u)
          ? t.success(u)
          : t.failure(u, c, 'must be base64 ciphertext (personal data is never stored in clear)'),
      t.identity,
    ),
  },
  'PersonalData',
)
/** An encrypted personal-data envelope: subject, key, algorithm and base64 ciphertext (IV and tag included). */
export type PersonalData = t.TypeOf<typeof PersonalData>
