// The SQLite key store's batch of openings and its key reads: a batch is one transaction (all or none), and a key is
// read from the file at every `keyFor`, so an erasure by another connection to the same file is seen at once.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { eraseSubject, type FieldOpening, openFields, seal } from '@pembina/core'
import { afterEach, describe, expect, it } from 'vitest'
import { type SqliteKeyStore, sqliteKeyStore } from './index.js'

const dirs: string[] = []
const stores: SqliteKeyStore[] = []
afterEach(() => {
  for (const store of stores.splice(0)) store.close()
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})
const freshPath = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'pembina-key-store-batch-'))
  dirs.push(dir)
  return join(dir, 'keys.db')
}
const open = (path: string): SqliteKeyStore => {
  const store = sqliteKeyStore({ path })
  stores.push(store)
  return store
}

const at = '2026-03-13T10:00:00+07:00'
const access = { who: '197505122001121002', purpose: 'menindaklanjuti pengaduan', at }
const opening = (field: string): FieldOpening => ({
  at,
  subjectId: 'warga-0042',
  keyId: 'warga-0042#1',
  field,
  who: access.who,
  purpose: access.purpose,
  outcome: 'opened',
})

describe('the SQLite key store, batches and key reads', () => {
  it('records a batch of openings all or none: a row the log refuses leaves none of the batch behind', async () => {
    const keys = open(freshPath())
    // An outcome the table's CHECK refuses, as a row from a caller that went round the types would hold.
    const refused = { ...opening('contact'), outcome: 'peeked' } as unknown as FieldOpening
    const batch = [opening('complainant'), refused, opening('description')]
    const recorded = await keys.recordOpenings(batch)()
    expect(E.isLeft(recorded) && recorded.left._tag).toBe('StoreUnavailable')
    expect(await keys.openings()()).toEqual(E.right([]))
    expect(await keys.recordOpenings([opening('complainant'), opening('description')])()).toEqual(E.right(undefined))
    expect(await keys.openings()()).toEqual(E.right([opening('complainant'), opening('description')]))
  })

  it("sees another connection's erasure at the next keyFor and lookup: no key is kept in memory", async () => {
    const path = freshPath()
    const sealing = open(path)
    const other = open(path)
    const sealed = await seal(sealing, 'warga-0042', 'Siti Aminah')()
    if (E.isLeft(sealed)) throw new Error('sealing failed')
    expect(E.isRight(await seal(sealing, 'warga-0042', 'Jl. Veteran Belawan')())).toBe(true)
    expect(await eraseSubject(other, 'warga-0042', at)()).toEqual(E.right({ keys: 1 }))
    expect(await sealing.keyFor('warga-0042')()).toEqual(E.right('erased'))
    expect(await seal(sealing, 'warga-0042', 'again')()).toEqual(
      E.left({ _tag: 'SubjectErased', subjectId: 'warga-0042' }),
    )
    expect(await openFields(sealing, [{ field: 'complainant', sealed: sealed.right }], access)()).toEqual(
      E.right([{ kind: 'erased', subjectId: 'warga-0042', erasedAt: at }]),
    )
  })

  it('answers a kept key from the file as the transaction that created it did', async () => {
    const path = freshPath()
    const first = open(path)
    const created = await first.keyFor('warga-0043')()
    const again = await open(path).keyFor('warga-0043')()
    expect(again).toEqual(created)
    expect(await first.keyFor('warga-0043')()).toEqual(created)
  })
})
