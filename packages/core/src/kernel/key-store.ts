import type * as TE from 'fp-ts/lib/TaskEither.js'
import type { StoreUnavailable } from './event-store.js'

/**
 * A data subject's key: 32 random bytes for AES-256-GCM, known by the subject and its id. Keys live only in a key store,
 * never in an event, a read model or an export, so destroying a subject's keys shreds every field sealed with them.
 */
export interface SubjectKey {
  readonly subjectId: string
  readonly keyId: string
  readonly key: Uint8Array
}

/** What a key store knows of a key: the key, that its subject was erased (and when), or nothing. */
export type KeyLookup =
  | { readonly kind: 'key'; readonly key: SubjectKey }
  | { readonly kind: 'erased'; readonly subjectId: string; readonly erasedAt: string }
  | { readonly kind: 'unknown' }

/**
 * One opening of a sealed field, as the decryption log keeps it: who opened which subject's field, when and why, and
 * what came of it. It names the subject by its pseudonymous id and the field by its name, never the clear value.
 */
export interface FieldOpening {
  /** The instant of the opening (ISO 8601). */
  readonly at: string
  readonly subjectId: string
  readonly keyId: string
  /** The field opened, by name (`complainant`, `description`, …). */
  readonly field: string
  /** Who opened it: an ASN's NIP, or a process of the system. */
  readonly who: string
  /** Why: the purpose of the processing (UU 27/2022 Pasal 16). */
  readonly purpose: string
  /** `opened` (the clear text was returned), `erased` (the subject's keys are gone) or `refused` (it did not open). */
  readonly outcome: 'opened' | 'erased' | 'refused'
}

/** Which openings to list: all of them, or those of one subject; in the order they were recorded. */
export interface OpeningQuery {
  readonly subjectId?: string
}

/**
 * Where the keys of data subjects are kept, one or more per subject, with the log of every opening of a sealed field.
 * `keyFor` creates the subject's key the first time; `erase` destroys every key of a subject for good and remembers
 * that it did, so a later lookup says `erased` rather than `unknown`; a subject once erased gets no new key.
 */
export interface KeyStore {
  /** The subject's key, created the first time; `erased` when the subject was erased. */
  readonly keyFor: (subjectId: string) => TE.TaskEither<StoreUnavailable, SubjectKey | 'erased'>
  readonly lookup: (subjectId: string, keyId: string) => TE.TaskEither<StoreUnavailable, KeyLookup>
  /** Destroys every key of the subject; erasing again changes nothing. `keys` is how many were destroyed now. */
  readonly erase: (subjectId: string, at: string) => TE.TaskEither<StoreUnavailable, { readonly keys: number }>
  readonly recordOpening: (opening: FieldOpening) => TE.TaskEither<StoreUnavailable, void>
  /**
   * Records several openings at once, in their order, all or none (one transaction of a store that has them): what
   * opening every field of one read costs in a single write to the log. An empty list records nothing.
   */
  readonly recordOpenings: (openings: readonly FieldOpening[]) => TE.TaskEither<StoreUnavailable, void>
  readonly openings: (query?: OpeningQuery) => TE.TaskEither<StoreUnavailable, readonly FieldOpening[]>
}
