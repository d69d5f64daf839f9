import * as E from 'fp-ts/lib/Either.js'
import type * as TE from 'fp-ts/lib/TaskEither.js'
import type { StoredEvent, StoreUnavailable } from '../../kernel/event-store.js'
import type { KeyStore } from '../../kernel/key-store.js'
import { PersonalData } from '../../shared/personal-data.js'

// Replay, projections, the audit and the export show a sealed field without opening it: an envelope becomes a marker
// that says whose field it is and whether its key is still held, erased, or unknown to the key store. The status comes
// from `KeyStore.lookup` alone, which decrypts nothing; so a marking is not an opening and is not in the decryption
// log, which records who read a field in clear.

/**
 * What a sealed field is now, without opening it: `sealed` (its key is held: it opens for a caller allowed to), `erased`
 * (its subject was erased: it never opens again) or `unknown-key` (the key store has no such key: sealed under another
 * key store, or its key lost).
 */
export type PersonalDataStatus = 'sealed' | 'erased' | 'unknown-key'

/**
 * A sealed field as replay, the audit and the export show it: whose it is, under which key, and its status; never the
 * ciphertext, never the clear text. `erasedAt` is the instant of the subject's erasure, for an erased one.
 */
export interface PersonalDataMarker {
  readonly status: PersonalDataStatus
  readonly subjectId: string
  readonly keyId: string
  readonly erasedAt?: string
}

/** Whether a value is a marker (`PersonalDataMarker`), as `markPersonalData` puts in place of an envelope. */
export const isPersonalDataMarker = (u: unknown): u is PersonalDataMarker => {
  if (typeof u !== 'object' || u === null) return false
  const marker = u as Readonly<Record<string, unknown>>
  return (
    (marker['status'] === 'sealed' || marker['status'] === 'erased' || marker['status'] === 'unknown-key') &&
    typeof marker['subjectId'] === 'string' &&
    typeof marker['keyId'] === 'string' &&
    (marker['erasedAt'] === undefined || typeof marker['erasedAt'] === 'string') &&
    Object.keys(marker).every(key => key === 'status' || key === 'subjectId' || key === 'keyId' || key === 'erasedAt')
  )
}

/** A value with every envelope (`PersonalData`) in it, however deep, replaced by its marker. */
export type Marked<T> = T extends PersonalData
  ? PersonalDataMarker
  : T extends object
    ? { readonly [K in keyof T]: Marked<T[K]> }
    : T

/** A sealed field found in a value: where (`complainant`, `followUps[2].text`; empty for the value itself), and it. */
export interface FoundEnvelope {
  readonly path: string
  readonly envelope: PersonalData
}

const isPlainObject = (u: unknown): u is Readonly<Record<string, unknown>> => {
  if (typeof u !== 'object' || u === null || Array.isArray(u)) return false
  const prototype: unknown = Object.getPrototypeOf(u)
  return prototype === Object.prototype || prototype === null
}

const member = (path: string, key: string): string => (path === '' ? key : `${path}.${key}`)

/**
 * Every envelope in a JSON value, found by its shape (`PersonalData.is`), not by the name of the field: in objects and
 * arrays at any depth, in document order. Values that are not plain objects or arrays are not looked into.
 */
export const envelopesIn = (value: unknown): readonly FoundEnvelope[] => {
  const found: FoundEnvelope[] = []
  const walk = (u: unknown, path: string): void => {
    if (PersonalData.is(u)) found.push({ path, envelope: u })
    else if (Array.isArray(u)) {
      for (const [index, item] of u.entries()) walk(item, `${path}[${index}]`)
    } else if (isPlainObject(u)) for (const [key, inner] of Object.entries(u)) walk(inner, member(path, key))
  }
  walk(value, '')
  return found
}

/** The value with each envelope replaced by what `marker` makes of it; every other part kept as it is. */
const replaceEnvelopes = (value: unknown, marker: (envelope: PersonalData) => PersonalDataMarker): unknown => {
  if (PersonalData.is(value)) return marker(value)
  if (Array.isArray(value)) return value.map(item => replaceEnvelopes(item, marker))
  if (isPlainObject(value))
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, replaceEnvelopes(inner, marker)]))
  return value
}

const markerOf = (envelope: PersonalData, status: PersonalDataStatus, erasedAt?: string): PersonalDataMarker => ({
  status,
  subjectId: envelope.subjectId,
  keyId: envelope.keyId,
  ...(erasedAt === undefined ? {} : { erasedAt }),
})

/**
 * The status of a sealed field, from the key store's `lookup` of its subject and key: `sealed`, `erased` (with the
 * instant of the erasure) or `unknown-key`. It decrypts nothing and reads no key out of the store's answer, so it is
 * not an opening and is not written to the decryption log: it tells whether a field could be opened, not what it says.
 */
export const personalDataStatus =
  (keys: KeyStore, envelope: PersonalData): TE.TaskEither<StoreUnavailable, PersonalDataMarker> =>
  async () => {
    const found = await keys.lookup(envelope.subjectId, envelope.keyId)()
    if (E.isLeft(found)) return found
    const lookup = found.right
    return E.right(
      lookup.kind === 'key'
        ? markerOf(envelope, 'sealed')
        : lookup.kind === 'erased'
          ? markerOf(envelope, 'erased', lookup.erasedAt)
          : markerOf(envelope, 'unknown-key'),
    )
  }

/** Marks sealed fields against one key store, each subject and key looked up once (see `personalDataMarking`). */
export interface PersonalDataMarking {
  /** The status of one envelope (`personalDataStatus`), looked up once per subject and key. */
  readonly status: (envelope: PersonalData) => TE.TaskEither<StoreUnavailable, PersonalDataMarker>
  /** The value with every envelope in it replaced by its marker (`markPersonalData`). */
  readonly mark: <T>(value: T) => TE.TaskEither<StoreUnavailable, Marked<T>>
}

/**
 * A marking of sealed fields against a key store for one run (a replay, an audit, an export): each subject and key
 * is looked up once and its status remembered (only the status: no key is kept), so a subject erased while the run
 * goes on shows as erased in the next run, not in this one. Nothing is decrypted and nothing logged.
 */
export const personalDataMarking = (keys: KeyStore): PersonalDataMarking => {
  const known = new Map<string, PersonalDataMarker>()
  const keyOf = (envelope: PersonalData): string => JSON.stringify([envelope.subjectId, envelope.keyId])
  const status =
    (envelope: PersonalData): TE.TaskEither<StoreUnavailable, PersonalDataMarker> =>
    async () => {
      const cached = known.get(keyOf(envelope))
      if (cached !== undefined) return E.right(cached)
      const looked = await personalDataStatus(keys, envelope)()
      if (E.isRight(looked)) known.set(keyOf(envelope), looked.right)
      return looked
    }
  const mark =
    <T>(value: T): TE.TaskEither<StoreUnavailable, Marked<T>> =>
    async () => {
      for (const { envelope } of envelopesIn(value)) {
        const looked = await status(envelope)()
        if (E.isLeft(looked)) return looked
      }
      return E.right(
        replaceEnvelopes(value, envelope => {
          const marker = known.get(keyOf(envelope))
          // Every envelope of the value was looked up just above; a marker missing here would be a bug in this file.
          if (marker === undefined) throw new Error(`no status for ${envelope.subjectId} (${envelope.keyId})`)
          return marker
        }) as Marked<T>,
      )
    }
  return { status, mark }
}

/**
 * A JSON value (an event's data, a state, a read-model document) with every envelope in it, found by its shape at any
 * depth, replaced by its marker: `{ status, subjectId, keyId, erasedAt? }`, the ciphertext dropped. Each subject and
 * key is looked up once. Nothing is decrypted, so nothing is written to the decryption log.
 */
export const markPersonalData = <T>(keys: KeyStore, value: T): TE.TaskEither<StoreUnavailable, Marked<T>> =>
  personalDataMarking(keys).mark(value)

/**
 * `markPersonalData` without a key store: every envelope becomes a marker with status `sealed`, which here means only
 * "an envelope, its key not checked" (it may be erased, or unknown to any key store). The ciphertext is dropped.
 */
export const markSealed = <T>(value: T): Marked<T> =>
  replaceEnvelopes(value, envelope => markerOf(envelope, 'sealed')) as Marked<T>

/** A sealed field in the history: which event holds it, where in the event's data, and whose it is. */
export interface SealedFieldPlace {
  readonly streamName: string
  readonly revision: number
  readonly position: bigint
  /** The event's type. */
  readonly type: string
  /** Where in the event's data: `complainant`, `followUps[2].text`. */
  readonly path: string
  readonly subjectId: string
  readonly keyId: string
}

/** A data subject that was erased, and the sealed fields of theirs the history holds (each now reads as erased). */
export interface ErasedSubject {
  readonly subjectId: string
  readonly erasedAt: string
  readonly fields: readonly SealedFieldPlace[]
}

/** What the history holds of personal data, against a key store: counts, the erased subjects, the unknown keys. */
export interface PersonalDataSurvey {
  /** Sealed fields (envelopes) in the events read, whatever their status. */
  readonly fields: number
  /** Of them, those whose key the key store holds. */
  readonly sealed: number
  /** Of them, those of erased subjects. */
  readonly erased: number
  /** Of them, those under a key the key store does not know. */
  readonly unknownKey: number
  /** The data subjects the fields were sealed for. */
  readonly subjects: number
  /** The erased subjects among them, by subject id, each with the fields of theirs the history holds. */
  readonly erasedSubjects: readonly ErasedSubject[]
  /** Every field under a key the key store does not know: sealed under another key store, or its key lost. */
  readonly unknownKeys: readonly SealedFieldPlace[]
}

/** Surveys events one at a time (see `personalDataSurveyor`). */
export interface PersonalDataSurveyor {
  /** Reads the envelopes of one event in; answers its fields under a key the key store does not know. */
  readonly add: (event: StoredEvent) => TE.TaskEither<StoreUnavailable, readonly SealedFieldPlace[]>
  /** What was read so far. */
  readonly survey: () => PersonalDataSurvey
}

/**
 * Surveys the personal data of events, one at a time, against a key store: every envelope in an event's data as
 * stored (what its hash covers), found by its shape, and its status (`personalDataStatus`, memoised per subject and
 * key): nothing is decrypted or logged. Memory grows with the number of subjects and of fields erased or under an
 * unknown key, not with the number of events.
 */
export const personalDataSurveyor = (keys: KeyStore): PersonalDataSurveyor => {
  const marking = personalDataMarking(keys)
  const subjects = new Set<string>()
  const erasedSubjects = new Map<string, { erasedAt: string; fields: SealedFieldPlace[] }>()
  const unknownKeys: SealedFieldPlace[] = []
  let fields = 0
  let sealed = 0
  let erased = 0
  return {
    add: event => async () => {
      const unknown: SealedFieldPlace[] = []
      for (const { path, envelope } of envelopesIn(event.data)) {
        const looked = await marking.status(envelope)()
        if (E.isLeft(looked)) return looked
        const marker = looked.right
        const { streamName, revision, position, type } = event
        const place = { streamName, revision, position, type, path, subjectId: marker.subjectId, keyId: marker.keyId }
        fields++
        subjects.add(marker.subjectId)
        if (marker.status === 'sealed') sealed++
        else if (marker.status === 'erased') {
          erased++
          const subject = erasedSubjects.get(marker.subjectId) ?? { erasedAt: marker.erasedAt ?? '', fields: [] }
          subject.fields.push(place)
          erasedSubjects.set(marker.subjectId, subject)
        } else unknown.push(place)
      }
      unknownKeys.push(...unknown)
      return E.right(unknown)
    },
    survey: () => ({
      fields,
      sealed,
      erased,
      unknownKey: unknownKeys.length,
      subjects: subjects.size,
      erasedSubjects: [...erasedSubjects.entries()]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([subjectId, subject]) => ({ subjectId, erasedAt: subject.erasedAt, fields: [...subject.fields] })),
      unknownKeys: [...unknownKeys],
    }),
  }
}
