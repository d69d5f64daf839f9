import * as E from 'fp-ts/lib/Either.js'
import * as TE from 'fp-ts/lib/TaskEither.js'
import { describe, expect, it } from 'vitest'
import type { StoredEvent } from '../../kernel/event-store.js'
import type { KeyStore } from '../../kernel/key-store.js'
import type { PersonalData } from '../../shared/personal-data.js'
import { inMemoryKeyStore } from './in-memory-key-store.js'
import {
  envelopesIn,
  isPersonalDataMarker,
  markPersonalData,
  markSealed,
  personalDataMarking,
  personalDataStatus,
  personalDataSurveyor,
} from './marking.js'
import { eraseSubject, seal } from './sealing.js'

const sealed = async (keys: KeyStore, subjectId: string, text: string): Promise<PersonalData> => {
  const envelope = await seal(keys, subjectId, text)()
  if (E.isLeft(envelope)) throw new Error(`sealing for ${subjectId} failed`)
  return envelope.right
}

const erasedAt = '2026-03-03T09:00:00+07:00'

/** A key store that counts its lookups and never lets a marking open a field. */
const counting = (keys: KeyStore) => {
  let lookups = 0
  const store: KeyStore = {
    ...keys,
    lookup: (subjectId, keyId) => {
      lookups++
      return keys.lookup(subjectId, keyId)
    },
    recordOpening: () => () => Promise.reject(new Error('a marking is not an opening')),
  }
  return { store, lookups: () => lookups }
}

describe('personalDataStatus', () => {
  it('says sealed while the key is held, erased after eraseSubject, unknown-key for a key the store does not have', async () => {
    const keys = inMemoryKeyStore()
    const siti = await sealed(keys, 'warga-0042', 'Siti Aminah')
    expect(await personalDataStatus(keys, siti)()).toEqual(
      E.right({ status: 'sealed', subjectId: 'warga-0042', keyId: siti.keyId }),
    )
    const elsewhere = await sealed(inMemoryKeyStore(), 'warga-0043', 'Rahmat')
    expect(await personalDataStatus(keys, elsewhere)()).toEqual(
      E.right({ status: 'unknown-key', subjectId: 'warga-0043', keyId: elsewhere.keyId }),
    )
    await eraseSubject(keys, 'warga-0042', erasedAt)()
    expect(await personalDataStatus(keys, siti)()).toEqual(
      E.right({ status: 'erased', subjectId: 'warga-0042', keyId: siti.keyId, erasedAt }),
    )
  })

  it('writes nothing to the decryption log', async () => {
    const keys = inMemoryKeyStore()
    const siti = await sealed(keys, 'warga-0042', 'Siti Aminah')
    const { store } = counting(keys)
    expect(E.isRight(await personalDataStatus(store, siti)())).toBe(true)
    expect(await markPersonalData(store, { siti })()).toMatchObject(E.right({ siti: { status: 'sealed' } }))
    expect(await keys.openings()()).toEqual(E.right([]))
  })

  it('passes a failing key store on as its failure', async () => {
    const keys = inMemoryKeyStore()
    const siti = await sealed(keys, 'warga-0042', 'Siti Aminah')
    const failure = { _tag: 'StoreUnavailable' as const, message: 'the key store is gone' }
    const failing: KeyStore = { ...keys, lookup: () => TE.left(failure) }
    expect(await personalDataStatus(failing, siti)()).toEqual(E.left(failure))
    expect(await markPersonalData(failing, [siti])()).toEqual(E.left(failure))
  })
})

describe('markPersonalData', () => {
  it('replaces every envelope, in nested objects and arrays, by its marker, and leaves everything else alone', async () => {
    const keys = inMemoryKeyStore()
    const siti = await sealed(keys, 'warga-0042', 'Siti Aminah')
    const phone = await sealed(keys, 'warga-0042', '081260001234')
    const rahmat = await sealed(keys, 'warga-0043', 'Rahmat Hidayat')
    const elsewhere = await sealed(inMemoryKeyStore(), 'warga-0044', 'Dewi')
    await eraseSubject(keys, 'warga-0042', erasedAt)()
    const notAnEnvelope = { subjectId: 'warga-0042', keyId: 'k', algorithm: 'AES-256-GCM', ciphertext: 'not base64!' }
    const value = {
      complaintId: 'blw-2026-000001',
      complainant: siti,
      followUps: [{ text: rahmat, at: '2026-03-04' }, { text: { writtenInClear: 'Sudah ditangani' } }],
      nested: { deeper: [[phone, elsewhere]] },
      notAnEnvelope,
      counts: [1, 2, null, true],
    }
    const marked = await markPersonalData(keys, value)()
    expect(marked).toEqual(
      E.right({
        complaintId: 'blw-2026-000001',
        complainant: { status: 'erased', subjectId: 'warga-0042', keyId: siti.keyId, erasedAt },
        followUps: [
          { text: { status: 'sealed', subjectId: 'warga-0043', keyId: rahmat.keyId }, at: '2026-03-04' },
          { text: { writtenInClear: 'Sudah ditangani' } },
        ],
        nested: {
          deeper: [
            [
              { status: 'erased', subjectId: 'warga-0042', keyId: phone.keyId, erasedAt },
              { status: 'unknown-key', subjectId: 'warga-0044', keyId: elsewhere.keyId },
            ],
          ],
        },
        notAnEnvelope,
        counts: [1, 2, null, true],
      }),
    )
    // No ciphertext is left anywhere, and the value given is not changed.
    const text = JSON.stringify(marked)
    for (const envelope of [siti, phone, rahmat, elsewhere]) expect(text).not.toContain(envelope.ciphertext)
    expect(value.complainant).toBe(siti)
  })

  it('marks an envelope given alone, and leaves values that hold none as they are', async () => {
    const keys = inMemoryKeyStore()
    const siti = await sealed(keys, 'warga-0042', 'Siti Aminah')
    expect(await markPersonalData(keys, siti)()).toEqual(
      E.right({ status: 'sealed', subjectId: 'warga-0042', keyId: siti.keyId }),
    )
    for (const plain of ['text', 42, null, [], {}, { a: [{ b: 'c' }] }])
      expect(await markPersonalData(keys, plain)()).toEqual(E.right(plain))
  })

  it('looks each subject and key up once in a marking, across the values it marks', async () => {
    const keys = inMemoryKeyStore()
    const siti = await sealed(keys, 'warga-0042', 'Siti Aminah')
    const contact = await sealed(keys, 'warga-0042', '081260001234')
    const rahmat = await sealed(keys, 'warga-0043', 'Rahmat Hidayat')
    const { store, lookups } = counting(keys)
    const marking = personalDataMarking(store)
    await marking.mark([siti, contact, rahmat, siti])()
    await marking.mark({ again: [siti, rahmat] })()
    expect(lookups()).toBe(2)
  })

  it('gives markers a guard tells from envelopes and other objects', async () => {
    const keys = inMemoryKeyStore()
    const siti = await sealed(keys, 'warga-0042', 'Siti Aminah')
    const marked = await markPersonalData(keys, siti)()
    expect(E.isRight(marked) && isPersonalDataMarker(marked.right)).toBe(true)
    expect(isPersonalDataMarker(siti)).toBe(false)
    expect(isPersonalDataMarker({ status: 'filed', subjectId: 'x', keyId: 'y' })).toBe(false)
  })
})

describe('markSealed', () => {
  it('marks every envelope sealed without a key store, even an erased one: its key is not checked', async () => {
    const keys = inMemoryKeyStore()
    const siti = await sealed(keys, 'warga-0042', 'Siti Aminah')
    await eraseSubject(keys, 'warga-0042', erasedAt)()
    expect(markSealed({ state: { complainant: siti, list: [siti] } })).toEqual({
      state: {
        complainant: { status: 'sealed', subjectId: 'warga-0042', keyId: siti.keyId },
        list: [{ status: 'sealed', subjectId: 'warga-0042', keyId: siti.keyId }],
      },
    })
  })
})

describe('envelopesIn', () => {
  it('finds envelopes by shape, each with its path in the value', async () => {
    const keys = inMemoryKeyStore()
    const siti = await sealed(keys, 'warga-0042', 'Siti Aminah')
    expect(envelopesIn({ complainant: siti, followUps: [{ text: siti }], other: { x: 1 } })).toEqual([
      { path: 'complainant', envelope: siti },
      { path: 'followUps[0].text', envelope: siti },
    ])
    expect(envelopesIn(siti)).toEqual([{ path: '', envelope: siti }])
  })
})

describe('personalDataSurveyor', () => {
  it('counts fields and subjects, lists the erased subjects with their fields, and answers unknown keys', async () => {
    const keys = inMemoryKeyStore()
    const siti = await sealed(keys, 'warga-0042', 'Siti Aminah')
    const rahmat = await sealed(keys, 'warga-0043', 'Rahmat Hidayat')
    const elsewhere = await sealed(inMemoryKeyStore(), 'warga-0044', 'Dewi')
    await eraseSubject(keys, 'warga-0042', erasedAt)()
    const event = (revision: number, data: unknown): StoredEvent => ({
      kind: 'event',
      streamName: 'complaint-blw-2026-000001',
      revision,
      position: BigInt(revision + 10),
      eventId: `e-${revision}`,
      type: 'ComplaintFiled',
      data,
      metadata: {},
    })
    const surveyor = personalDataSurveyor(keys)
    expect(await surveyor.add(event(0, { complainant: siti, contact: siti, other: rahmat }))()).toEqual(E.right([]))
    const unknown = await surveyor.add(event(1, { texts: [elsewhere] }))()
    const place = (revision: number, path: string, subjectId: string, keyId: string) => ({
      streamName: 'complaint-blw-2026-000001',
      revision,
      position: BigInt(revision + 10),
      type: 'ComplaintFiled',
      path,
      subjectId,
      keyId,
    })
    expect(unknown).toEqual(E.right([place(1, 'texts[0]', 'warga-0044', elsewhere.keyId)]))
    expect(surveyor.survey()).toEqual({
      fields: 4,
      sealed: 1,
      erased: 2,
      unknownKey: 1,
      subjects: 3,
      erasedSubjects: [
        {
          subjectId: 'warga-0042',
          erasedAt,
          fields: [place(0, 'complainant', 'warga-0042', siti.keyId), place(0, 'contact', 'warga-0042', siti.keyId)],
        },
      ],
      unknownKeys: [place(1, 'texts[0]', 'warga-0044', elsewhere.keyId)],
    })
  })
})
