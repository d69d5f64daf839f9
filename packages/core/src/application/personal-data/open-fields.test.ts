// openFields: the fields of one read opened for one access, each key looked up once, every opening logged in one
// batch, and no clear text returned unless that batch was written.
import * as E from 'fp-ts/lib/Either.js'
import * as TE from 'fp-ts/lib/TaskEither.js'
import { describe, expect, it } from 'vitest'
import type { KeyStore } from '../../kernel/key-store.js'
import { inMemoryKeyStore } from './in-memory-key-store.js'
import { openField, openFields, seal } from './sealing.js'

const access = { who: '197505122001121002', purpose: 'menindaklanjuti pengaduan', at: '2026-03-13T10:00:00+07:00' }

const sealedFor = async (keys: KeyStore, subjectId: string, text: string) => {
  const sealed = await seal(keys, subjectId, text)()
  if (E.isLeft(sealed)) throw new Error(`sealing for ${subjectId} failed`)
  return sealed.right
}

/** A key store that counts its lookups and log writes, and whose log can be made to fail. */
const watched = (keys: KeyStore, logFails = false) => {
  const counts = { lookups: 0, logWrites: 0 }
  const store: KeyStore = {
    ...keys,
    lookup: (subjectId, keyId) => {
      counts.lookups++
      return keys.lookup(subjectId, keyId)
    },
    recordOpening: opening => {
      counts.logWrites++
      return logFails ? TE.left({ _tag: 'StoreUnavailable', message: 'disk full' }) : keys.recordOpening(opening)
    },
    recordOpenings: openings => {
      counts.logWrites++
      return logFails ? TE.left({ _tag: 'StoreUnavailable', message: 'disk full' }) : keys.recordOpenings(openings)
    },
  }
  return { store, counts }
}

describe('openFields', () => {
  it('looks each key up once and writes the log once for all the fields of a read', async () => {
    const keys = inMemoryKeyStore()
    const texts = ['Siti Aminah', '081260001234', 'Obat insulin tidak tersedia.', 'Sudah ditangani.']
    const fields = await Promise.all(
      texts.map(async (text, i) => ({ field: `f${i}`, sealed: await sealedFor(keys, 'warga-0042', text) })),
    )
    const other = await sealedFor(keys, 'warga-0043', 'Rahmat')
    const { store, counts } = watched(keys)
    const opened = await openFields(store, [...fields, { field: 'other', sealed: other }], access)()
    expect(opened).toEqual(E.right([...texts, 'Rahmat'].map(text => ({ kind: 'clear', text }))))
    expect(counts).toEqual({ lookups: 2, logWrites: 1 })
    expect(E.map((log: readonly unknown[]) => log.length)(await keys.openings()())).toEqual(E.right(5))
  })

  it('returns no clear text when the log cannot be written, only the failure', async () => {
    const keys = inMemoryKeyStore()
    const sealed = await sealedFor(keys, 'warga-0042', 'Siti Aminah')
    const { store } = watched(keys, true)
    expect(await openFields(store, [{ field: 'complainant', sealed }], access)()).toEqual(
      E.left({ _tag: 'StoreUnavailable', message: 'disk full' }),
    )
    expect(await openField(store, 'complainant', sealed, access)()).toEqual(
      E.left({ _tag: 'StoreUnavailable', message: 'disk full' }),
    )
    expect(await keys.openings()()).toEqual(E.right([]))
  })

  it('opens what openField opens, field by field, and logs the same openings', async () => {
    const one = inMemoryKeyStore()
    const sealed = await sealedFor(one, 'warga-0042', 'Antrean tiga jam')
    const fields = [
      { field: 'description', sealed },
      { field: 'description', sealed: { ...sealed, keyId: 'lain' } },
      { field: 'description', sealed: 'in clear' },
    ]
    const batched = await openFields(one, fields, access)()
    const batchLog = await one.openings()()
    const singly = await Promise.all(fields.map(({ field, sealed: value }) => openField(one, field, value, access)()))
    expect(batched).toEqual(E.right(singly.map(each => (E.isRight(each) ? each.right : null))))
    const log = await one.openings()()
    expect(E.map((all: readonly unknown[]) => all.slice(2))(log)).toEqual(batchLog)
  })
})
