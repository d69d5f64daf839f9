import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import type * as TE from 'fp-ts/lib/TaskEither.js'
import type { StoreUnavailable } from '../../kernel/event-store.js'
import type { FieldOpening, KeyLookup, KeyStore, SubjectKey } from '../../kernel/key-store.js'
import { gcmEnvelopeOverheadBytes, PersonalData } from '../../shared/personal-data.js'

const ivBytes = 12
const tagBytes = 16

/** A subject whose keys were erased: nothing can be sealed for them any more. */
export interface SubjectErased {
  readonly _tag: 'SubjectErased'
  readonly subjectId: string
}

/**
 * Seals one personal field for its data subject with AES-256-GCM under the subject's key (created the first time):
 * a fresh 12-byte IV, then the 16-byte tag and the ciphertext, in base64. Only the envelope ever reaches an event.
 */
export const seal =
  (
    keys: KeyStore,
    subjectId: string,
    clearText: string,
  ): TE.TaskEither<StoreUnavailable | SubjectErased, PersonalData> =>
  async () => {
    const key = await keys.keyFor(subjectId)()
    if (E.isLeft(key)) return key
    if (key.right === 'erased') return E.left({ _tag: 'SubjectErased', subjectId })
    return E.right(sealWithKey(key.right, clearText))
  }

/**
 * Seals a field under a subject key already fetched from the key store for this seal (`keyFor`): what `seal` does after
 * asking for the key. For sealing several fields of one command with one request to the key store; a key kept for
 * longer could outlive an erasure in another process.
 */
export const sealWithKey = (key: SubjectKey, clearText: string): PersonalData => {
  const iv = randomBytes(ivBytes)
  const cipher = createCipheriv('aes-256-gcm', key.key, iv)
  const body = Buffer.concat([cipher.update(clearText, 'utf8'), cipher.final()])
  return {
    subjectId: key.subjectId,
    keyId: key.keyId,
    algorithm: 'AES-256-GCM',
    ciphertext: Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64'),
  }
}

/** Who opens a sealed field, and why: what the decryption log records (never the clear value). */
export interface Access {
  /** An ASN's NIP, or `system:<process>`. */
  readonly who: string
  /** The purpose of the processing, in words an auditor reads (`menindaklanjuti pengaduan`, …). */
  readonly purpose: string
  /** The instant of the opening (ISO 8601). */
  readonly at: string
}

/** Why a sealed field did not open: not an envelope, no such key, or a ciphertext its key does not authenticate. */
export type Unreadable = 'malformed' | 'unknown-key' | 'tampered'

/** What opening a sealed field comes to: the clear text, erased (its subject's keys are gone), or unreadable. */
export type OpenedField =
  | { readonly kind: 'clear'; readonly text: string }
  | { readonly kind: 'erased'; readonly subjectId: string; readonly erasedAt: string }
  | { readonly kind: 'unreadable'; readonly reason: Unreadable }

const decrypt = (key: Uint8Array, ciphertext: string): E.Either<Unreadable, string> => {
  const bytes = Buffer.from(ciphertext, 'base64')
  if (bytes.length < gcmEnvelopeOverheadBytes) return E.left('malformed')
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, ivBytes))
    decipher.setAuthTag(bytes.subarray(ivBytes, ivBytes + tagBytes))
    const clear = Buffer.concat([decipher.update(bytes.subarray(ivBytes + tagBytes)), decipher.final()])
    return E.right(clear.toString('utf8'))
  } catch {
    // GCM throws when the tag does not authenticate the ciphertext under this key: altered, or sealed otherwise.
    return E.left('tampered')
  }
}

const openedWith = (lookup: KeyLookup, sealed: PersonalData): OpenedField =>
  lookup.kind === 'erased'
    ? { kind: 'erased', subjectId: lookup.subjectId, erasedAt: lookup.erasedAt }
    : lookup.kind === 'unknown'
      ? { kind: 'unreadable', reason: 'unknown-key' }
      : E.match(
          (reason: Unreadable): OpenedField => ({ kind: 'unreadable', reason }),
          (text: string): OpenedField => ({ kind: 'clear', text }),
        )(decrypt(lookup.key.key, sealed.ciphertext))

/** What the decryption log keeps of one opening: who, when, which subject and field, why, and what came of it. */
const openingOf = (field: string, sealed: PersonalData, access: Access, opened: OpenedField): FieldOpening => ({
  at: access.at,
  subjectId: sealed.subjectId,
  keyId: sealed.keyId,
  field,
  who: access.who,
  purpose: access.purpose,
  outcome: opened.kind === 'clear' ? 'opened' : opened.kind === 'erased' ? 'erased' : 'refused',
})

const malformed: OpenedField = { kind: 'unreadable', reason: 'malformed' }

/**
 * Opens a sealed field for an access, and records the opening (who, when, which subject and field, why, and what came
 * of it) in the key store's decryption log before answering. An erased subject's field is a value (`erased`), and a
 * field that does not open is `unreadable` with the reason: never an exception. A value that is no envelope at all is
 * `malformed` and is not logged (no subject to log it for). To open several fields of one read, `openFields` logs them
 * in one write.
 */
export const openField =
  (keys: KeyStore, field: string, sealed: unknown, access: Access): TE.TaskEither<StoreUnavailable, OpenedField> =>
  async () => {
    if (!PersonalData.is(sealed)) return E.right(malformed)
    const found = await keys.lookup(sealed.subjectId, sealed.keyId)()
    if (E.isLeft(found)) return found
    const opened = openedWith(found.right, sealed)
    const logged = await keys.recordOpening(openingOf(field, sealed, access, opened))()
    if (E.isLeft(logged)) return logged
    return E.right(opened)
  }

/** One sealed field to open: the name the decryption log gives it (`complainant`, `description`, …) and the value read. */
export interface FieldToOpen {
  readonly field: string
  readonly sealed: unknown
}

/**
 * Opens the sealed fields of one read (a case shown, a record exported) for one access, each as `openField` would,
 * answering in the order given: every envelope's key looked up once per key for the call, each field decrypted, then
 * every opening recorded in the decryption log in one write (`recordOpenings`: one transaction, all or none), and only
 * when that write succeeded is any clear text returned. When the log cannot be written, nothing is returned but the
 * failure. Values that are no envelope are `malformed` and not logged, as with `openField`.
 */
export const openFields =
  (
    keys: KeyStore,
    fields: readonly FieldToOpen[],
    access: Access,
  ): TE.TaskEither<StoreUnavailable, readonly OpenedField[]> =>
  async () => {
    const lookups = new Map<string, Map<string, KeyLookup>>()
    const opened: OpenedField[] = []
    const log: FieldOpening[] = []
    for (const { field, sealed } of fields) {
      if (!PersonalData.is(sealed)) {
        opened.push(malformed)
        continue
      }
      const ofSubject = lookups.get(sealed.subjectId) ?? new Map<string, KeyLookup>()
      lookups.set(sealed.subjectId, ofSubject)
      let lookup = ofSubject.get(sealed.keyId)
      if (lookup === undefined) {
        const found = await keys.lookup(sealed.subjectId, sealed.keyId)()
        if (E.isLeft(found)) return found
        lookup = found.right
        ofSubject.set(sealed.keyId, lookup)
      }
      const one = openedWith(lookup, sealed)
      opened.push(one)
      log.push(openingOf(field, sealed, access, one))
    }
    const logged = await keys.recordOpenings(log)()
    if (E.isLeft(logged)) return logged
    return E.right(opened)
  }

/**
 * Erases a data subject (UU 27/2022 Pasal 8, 16(2)): destroys every key of the subject, so each field sealed for them,
 * in every event, read model and export, opens as `erased` from now on; the rest of the history is untouched and its
 * hash chains still verify, since they cover the ciphertext.
 */
export const eraseSubject = (
  keys: KeyStore,
  subjectId: string,
  at: string,
): TE.TaskEither<StoreUnavailable, { readonly keys: number }> => keys.erase(subjectId, at)
