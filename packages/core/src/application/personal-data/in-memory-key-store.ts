import { randomBytes } from 'node:crypto'
import * as TE from 'fp-ts/lib/TaskEither.js'
import type { FieldOpening, KeyStore, SubjectKey } from '../../kernel/key-store.js'

/**
 * A key store in memory, for tests and small embedded use: keys are lost with the process, which erases every subject
 * at once. Each subject has one key (`<subjectId>#1`), created the first time it is asked for.
 */
export const inMemoryKeyStore = (): KeyStore => {
  const keys = new Map<string, SubjectKey>()
  const erased = new Map<string, string>()
  const log: FieldOpening[] = []
  return {
    keyFor: subjectId =>
      TE.right(
        erased.has(subjectId)
          ? 'erased'
          : (keys.get(subjectId) ??
              (() => {
                const created = { subjectId, keyId: `${subjectId}#1`, key: new Uint8Array(randomBytes(32)) }
                keys.set(subjectId, created)
                return created
              })()),
      ),
    lookup: (subjectId, keyId) => {
      const erasedAt = erased.get(subjectId)
      if (erasedAt !== undefined) return TE.right({ kind: 'erased', subjectId, erasedAt })
      const key = keys.get(subjectId)
      return TE.right(key !== undefined && key.keyId === keyId ? { kind: 'key', key } : { kind: 'unknown' })
    },
    erase: (subjectId, at) => {
      const held = keys.get(subjectId)
      if (held !== undefined) held.key.fill(0)
      keys.delete(subjectId)
      if (!erased.has(subjectId)) erased.set(subjectId, at)
      return TE.right({ keys: held === undefined ? 0 : 1 })
    },
    recordOpening: opening => {
      log.push(opening)
      return TE.right(undefined)
    },
    recordOpenings: openings => {
      log.push(...openings)
      return TE.right(undefined)
    },
    openings: query =>
      TE.right(log.filter(opening => query?.subjectId === undefined || opening.subjectId === query.subjectId)),
  }
}
