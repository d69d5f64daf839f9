import { randomUUID } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import {
  eraseSubject,
  type FieldOpening,
  type KeyStore,
  openField,
  openFields,
  type PersonalData,
  seal,
} from '@pembina/core'
import { afterEach, describe, expect, it } from 'vitest'

/** How a contract run opens and closes a key store. */
export interface KeyStoreContractOptions {
  /** Closes a store the run opened (a database connection, say); nothing by default. */
  readonly close?: (store: KeyStore) => Promise<void> | void
  /** Opens the same store again (for a store that persists): keys, erasures and the log must still be there. */
  readonly reopen?: (store: KeyStore) => Promise<KeyStore> | KeyStore
}

const at = '2026-03-02T09:00:00+07:00'
const access = { who: '196608011988031001', purpose: 'menindaklanjuti pengaduan', at }

const right = <A>(result: E.Either<unknown, A>): A => {
  if (E.isLeft(result)) throw new Error(`expected a value, got ${JSON.stringify(result.left)}`)
  return result.right
}

/**
 * Declares the contract every KeyStore passes: a key per subject created once and kept, a sealed field that opens to
 * its clear text and nothing else, erasure that destroys the subject's keys for good (a later opening says `erased`, a
 * later seal is refused) and leaves other subjects alone, and a decryption log that records every opening with who,
 * when, why and what came of it, never the clear value. Each test uses subjects of its own.
 */
export const keyStoreContract = (
  name: string,
  makeStore: () => Promise<KeyStore> | KeyStore,
  options: KeyStoreContractOptions = {},
): void => {
  describe(`KeyStore contract: ${name}`, () => {
    const opened: KeyStore[] = []
    const open = async (): Promise<KeyStore> => {
      const store = await makeStore()
      opened.push(store)
      return store
    }
    const subject = (): string => `warga-${randomUUID()}`
    afterEach(async () => {
      for (const store of opened.splice(0)) await options.close?.(store)
    })

    it('creates a key per subject once: 32 bytes, the same key every time after, another for another subject', async () => {
      const keys = await open()
      const who = subject()
      const first = right(await keys.keyFor(who)())
      const again = right(await keys.keyFor(who)())
      const other = right(await keys.keyFor(subject())())
      if (first === 'erased' || again === 'erased' || other === 'erased') throw new Error('no subject was erased')
      expect(first.key).toHaveLength(32)
      expect(again).toEqual(first)
      expect(Buffer.from(other.key).equals(Buffer.from(first.key))).toBe(false)
      expect(right(await keys.lookup(who, first.keyId)())).toEqual({ kind: 'key', key: first })
      expect(right(await keys.lookup(who, `${first.keyId}-other`)())).toEqual({ kind: 'unknown' })
      expect(right(await keys.lookup(subject(), first.keyId)())).toEqual({ kind: 'unknown' })
    })

    it('seals a field that opens to its clear text, each seal with its own IV', async () => {
      const keys = await open()
      const who = subject()
      const sealed = right(await seal(keys, who, 'Siti Aminah, 0812-3456-7890')())
      const twice = right(await seal(keys, who, 'Siti Aminah, 0812-3456-7890')())
      expect(sealed.ciphertext).not.toBe(twice.ciphertext)
      expect(sealed.ciphertext).not.toContain('Siti')
      expect(right(await openField(keys, 'complainant', sealed, access)())).toEqual({
        kind: 'clear',
        text: 'Siti Aminah, 0812-3456-7890',
      })
    })

    it('gives a typed value for a tampered ciphertext, a wrong key id and a truncated envelope, never a throw', async () => {
      const keys = await open()
      const who = subject()
      const sealed = right(await seal(keys, who, 'Antrean lebih dari tiga jam')())
      const bytes = Buffer.from(sealed.ciphertext, 'base64')
      bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 1
      const cases: readonly (readonly [unknown, string])[] = [
        [{ ...sealed, ciphertext: bytes.toString('base64') }, 'tampered'],
        [{ ...sealed, keyId: `${sealed.keyId}-x` }, 'unknown-key'],
        [
          { ...sealed, ciphertext: Buffer.from(sealed.ciphertext, 'base64').subarray(0, 20).toString('base64') },
          'malformed',
        ],
        [{ subjectId: who, keyId: sealed.keyId }, 'malformed'],
        ['Siti Aminah', 'malformed'],
      ]
      for (const [envelope, reason] of cases)
        expect(right(await openField(keys, 'description', envelope, access)())).toEqual({ kind: 'unreadable', reason })
    })

    it('erases a subject for good: the field opens as erased, nothing new is sealed, other subjects are untouched', async () => {
      const keys = await open()
      const who = subject()
      const other = subject()
      const sealed = right(await seal(keys, who, 'NIK 1271010101900001')())
      const kept = right(await seal(keys, other, 'NIK 1271010101900002')())
      expect(right(await eraseSubject(keys, who, at)())).toEqual({ keys: 1 })
      expect(right(await eraseSubject(keys, who, '2026-03-03T09:00:00+07:00')())).toEqual({ keys: 0 })
      expect(right(await openField(keys, 'nik', sealed, access)())).toEqual({
        kind: 'erased',
        subjectId: who,
        erasedAt: at,
      })
      expect(right(await keys.keyFor(who)())).toBe('erased')
      expect(await seal(keys, who, 'again')()).toEqual(E.left({ _tag: 'SubjectErased', subjectId: who }))
      expect(right(await openField(keys, 'nik', kept, access)())).toEqual({
        kind: 'clear',
        text: 'NIK 1271010101900002',
      })
    })

    it('logs every opening with who, when, which subject and field, why and the outcome, and no clear value', async () => {
      const keys = await open()
      const who = subject()
      const sealed: PersonalData = right(await seal(keys, who, 'Keluhan: demam tiga hari')())
      await openField(keys, 'description', sealed, access)()
      await openField(keys, 'description', { ...sealed, keyId: 'lain' }, { ...access, purpose: 'audit' })()
      await eraseSubject(keys, who, at)()
      await openField(keys, 'description', sealed, { ...access, who: 'system:report' })()
      const log = right(await keys.openings({ subjectId: who })())
      const expected = (outcome: FieldOpening['outcome'], overrides: Partial<FieldOpening> = {}): FieldOpening => ({
        at,
        subjectId: who,
        keyId: sealed.keyId,
        field: 'description',
        who: access.who,
        purpose: access.purpose,
        outcome,
        ...overrides,
      })
      expect(log).toEqual([
        expected('opened'),
        expected('refused', { keyId: 'lain', purpose: 'audit' }),
        expected('erased', { who: 'system:report' }),
      ])
      expect(JSON.stringify(log)).not.toContain('demam')
      const all = right(await keys.openings()())
      expect(all.filter(opening => opening.subjectId === who)).toEqual(log)
    })

    it('opens the fields of one read as openField would, in order, logging every opening in one batch', async () => {
      const keys = await open()
      const who = subject()
      const gone = subject()
      const name = right(await seal(keys, who, 'Siti Aminah')())
      const story = right(await seal(keys, who, 'Anak saya demam tiga hari')())
      const shredded = right(await seal(keys, gone, 'Telepon 0813')())
      await eraseSubject(keys, gone, at)()
      const bytes = Buffer.from(story.ciphertext, 'base64')
      bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 1
      const tampered = { ...story, ciphertext: bytes.toString('base64') }
      const opened = right(
        await openFields(
          keys,
          [
            { field: 'complainant', sealed: name },
            { field: 'description', sealed: story },
            { field: 'contact', sealed: shredded },
            { field: 'description', sealed: tampered },
            { field: 'nik', sealed: { ...name, keyId: `${name.keyId}-x` } },
            { field: 'comment', sealed: 'Siti Aminah' },
          ],
          access,
        )(),
      )
      expect(opened).toEqual([
        { kind: 'clear', text: 'Siti Aminah' },
        { kind: 'clear', text: 'Anak saya demam tiga hari' },
        { kind: 'erased', subjectId: gone, erasedAt: at },
        { kind: 'unreadable', reason: 'tampered' },
        { kind: 'unreadable', reason: 'unknown-key' },
        { kind: 'unreadable', reason: 'malformed' },
      ])
      const logged = (sealed: PersonalData, field: string, outcome: FieldOpening['outcome']): FieldOpening => ({
        at,
        subjectId: sealed.subjectId,
        keyId: sealed.keyId,
        field,
        who: access.who,
        purpose: access.purpose,
        outcome,
      })
      // A value that is no envelope names no subject: it is not logged, as with openField.
      expect(right(await keys.openings({ subjectId: who })())).toEqual([
        logged(name, 'complainant', 'opened'),
        logged(story, 'description', 'opened'),
        logged(story, 'description', 'refused'),
        logged({ ...name, keyId: `${name.keyId}-x` }, 'nik', 'refused'),
      ])
      expect(right(await keys.openings({ subjectId: gone })())).toEqual([logged(shredded, 'contact', 'erased')])
      expect(JSON.stringify(right(await keys.openings()()))).not.toContain('demam')
      expect(right(await openFields(keys, [], access)())).toEqual([])
    })

    it('records a batch of openings in its order, and an empty batch records nothing', async () => {
      const keys = await open()
      const who = subject()
      const opening = (field: string, outcome: FieldOpening['outcome']): FieldOpening => ({
        at,
        subjectId: who,
        keyId: `${who}#1`,
        field,
        who: access.who,
        purpose: access.purpose,
        outcome,
      })
      const batch = [opening('complainant', 'opened'), opening('contact', 'refused'), opening('description', 'erased')]
      right(await keys.recordOpening(opening('nik', 'opened'))())
      right(await keys.recordOpenings(batch)())
      right(await keys.recordOpenings([])())
      expect(right(await keys.openings({ subjectId: who })())).toEqual([opening('nik', 'opened'), ...batch])
    })

    if (options.reopen !== undefined) {
      const reopen = options.reopen
      it('keeps keys, erasures and the log when opened again', async () => {
        const keys = await open()
        const kept = subject()
        const gone = subject()
        const sealed = right(await seal(keys, kept, 'Alamat: Jl. Veteran Belawan')())
        const shredded = right(await seal(keys, gone, 'Telepon 0813')())
        await eraseSubject(keys, gone, at)()
        await openField(keys, 'contact', sealed, access)()
        const again = await reopen(keys)
        opened.push(again)
        expect(right(await openField(again, 'contact', sealed, access)())).toEqual({
          kind: 'clear',
          text: 'Alamat: Jl. Veteran Belawan',
        })
        expect(right(await openField(again, 'contact', shredded, access)())).toMatchObject({ kind: 'erased' })
        expect(right(await again.openings({ subjectId: kept })())).toHaveLength(2)
      })
    }
  })
}
