// The handler on a stream whose stored data was altered behind its back (raw SQL on the file), with and without
// `verifyOnLoad` (issue 22): the fast path decides on the altered history; verifying refuses it as a corrupt stream.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Sqlite from 'better-sqlite3'
import * as E from 'fp-ts/lib/Either.js'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  type Actor,
  chainHash,
  chainKeyring,
  commandHandler,
  defaultPolicy,
  enrollment,
  type EnrollmentCommand,
  EventMetadata,
  type EnrollmentState,
  instant,
  localDate,
  nip,
  type Nip,
  stateCache,
} from '@pembina/core'
import { type SqliteEventStore, sqliteEventStore } from './sqlite-event-store.js'

const kepala = nip('196608011988031001')
const admin: Actor = { kind: 'asn', nip: nip('197505052000031004'), roles: ['admin-pelatihan'] }
const offeringId = 'integritas-2026-01'
const stream = enrollment.streamName(offeringId)
const open: EnrollmentCommand = {
  type: 'OpenOffering',
  at: instant('2026-02-02T09:00:00+07:00'),
  actor: admin,
  data: {
    offeringId,
    title: 'Pelatihan Integritas Pelayanan Publik',
    provider: 'BKPSDM Kota Medan',
    venue: 'Aula BKPSDM Kota Medan',
    form: 'pelatihan-manajerial',
    competency: { type: 'manajerial', code: 'M.01' },
    jp: 24,
    capacity: 1,
    schedule: { start: localDate('2026-03-02'), end: localDate('2026-03-06') },
  },
}
const request = (who: Nip): EnrollmentCommand => ({
  type: 'RequestPlace',
  at: instant('2026-02-10T10:00:00+07:00'),
  actor: { kind: 'asn', nip: who, roles: ['asn'] },
  data: { offeringId, nip: who, atasanNip: kepala },
})

let dir = ''
let path = ''
let store: SqliteEventStore | undefined
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pembina-verify-on-load-'))
  path = join(dir, 'events.db')
})
afterEach(async () => {
  await store?.close()
  rmSync(dir, { recursive: true, force: true })
})

/** An offering opened with one place, then its capacity raised to 50 in the file, its hash left as it was. */
const tamperedOffering = async (): Promise<SqliteEventStore> => {
  const opened = sqliteEventStore({ path })
  const handler = commandHandler({ store: opened, aggregate: enrollment, config: defaultPolicy })
  expect(E.isRight(await handler.handle(open, { commandId: 'open' })())).toBe(true)
  const raw = new Sqlite(path)
  raw
    .prepare("UPDATE events SET data = json_set(data, '$.capacity', 50) WHERE stream_name = ? AND revision = 0")
    .run(stream)
  raw.close()
  return opened
}

const eventCount = (): number => {
  const raw = new Sqlite(path, { readonly: true })
  const count = raw.prepare('SELECT count(*) FROM events WHERE stream_name = ?').pluck().get(stream)
  raw.close()
  return Number(count)
}

describe('verifyOnLoad', () => {
  it('off (the default), the handler decides on the altered history and appends to it', async () => {
    store = await tamperedOffering()
    const handler = commandHandler({ store, aggregate: enrollment, config: defaultPolicy })
    const outcome = await handler.handle(request(nip('199203152019032004')), { commandId: 'req-1' })()
    expect(E.isRight(outcome)).toBe(true)
    expect(eventCount()).toBe(2)
  })

  it.each([
    ['under the store’s write lock', false],
    ['through a state cache (read, then append)', true],
  ])('on, %s, it refuses the altered stream as corrupt-stream and writes nothing', async (_path, cached) => {
    store = await tamperedOffering()
    const options = { store, aggregate: enrollment, config: defaultPolicy, verifyOnLoad: true }
    const handler = cached
      ? commandHandler({ ...options, cache: stateCache<EnrollmentState>() })
      : commandHandler(options)
    const outcome = await handler.handle(request(nip('199203152019032004')), { commandId: 'req-1' })()
    expect(outcome).toMatchObject(
      E.left({
        kind: 'corrupt-stream',
        streamName: stream,
        revision: 0,
        reason: expect.stringContaining('its hash chain is broken: content does not match its hash') as unknown,
      }),
    )
    expect(eventCount()).toBe(1)
  })

  it('on, it accepts a sound stream, from the start and after a cached state', async () => {
    store = sqliteEventStore({ path })
    const handler = commandHandler({
      store,
      aggregate: enrollment,
      config: defaultPolicy,
      verifyOnLoad: true,
      cache: stateCache<EnrollmentState>(),
    })
    expect(E.isRight(await handler.handle(open, { commandId: 'open' })())).toBe(true)
    expect(E.isRight(await handler.handle(request(nip('199203152019032004')), { commandId: 'req-1' })())).toBe(true)
    // The cached state's last event changed afterwards: the cache no longer fits, the whole stream is read and refused.
    const raw = new Sqlite(path)
    raw.prepare("UPDATE events SET data = json_set(data, '$.atasanNip', ?) WHERE revision = 1").run(admin.nip)
    raw.close()
    const third = await handler.handle(request(nip('198507122010011002')), { commandId: 'req-2' })()
    expect(third).toMatchObject(E.left({ kind: 'corrupt-stream', revision: 1 }))
  })
})

describe('verifyOnLoad with a keyed chain', () => {
  const keys = chainKeyring({ current: { id: 'k1', secret: Buffer.alloc(32, 3) } })

  /** The offering opened with one place, then raised to 50 in the file with its hash recomputed, its MAC kept. */
  const rewrittenOffering = async (): Promise<SqliteEventStore> => {
    const opened = sqliteEventStore({ path })
    const handler = commandHandler({ store: opened, aggregate: enrollment, config: defaultPolicy, chainKeys: keys })
    expect(E.isRight(await handler.handle(open, { commandId: 'open' })())).toBe(true)
    const raw = new Sqlite(path)
    const row: unknown = raw.prepare('SELECT data, metadata FROM events WHERE stream_name = ?').get(stream)
    const { data, metadata } = Object(row) as { data: string; metadata: string }
    const stored: unknown = JSON.parse(metadata)
    if (!EventMetadata.is(stored)) throw new Error('unreadable metadata')
    expect(stored.mac?.keyId).toBe('k1')
    const changed: unknown = { ...Object(JSON.parse(data)), capacity: 50 }
    const hash = chainHash({ ...stored, type: 'OfferingOpened', data: changed, streamName: stream, revision: 0 })
    if (E.isLeft(hash)) throw new Error('not JSON')
    raw
      .prepare('UPDATE events SET data = ?, metadata = ? WHERE stream_name = ? AND revision = 0')
      .run(JSON.stringify(changed), JSON.stringify({ ...stored, hash: hash.right }), stream)
    raw.close()
    return opened
  }

  it('the chain alone accepts a stream rewritten with its hashes recomputed; with the keyring, it is refused', async () => {
    store = await rewrittenOffering()
    const unkeyed = commandHandler({ store, aggregate: enrollment, config: defaultPolicy, verifyOnLoad: true })
    const first = await unkeyed.handle(request(nip('199203152019032004')), { commandId: 'req-1' })()
    expect(E.isRight(first)).toBe(true)
    const keyed = commandHandler({
      store,
      aggregate: enrollment,
      config: defaultPolicy,
      verifyOnLoad: true,
      chainKeys: keys,
    })
    const second = await keyed.handle(request(nip('198507122010011002')), { commandId: 'req-2' })()
    expect(second).toMatchObject(
      E.left({
        kind: 'corrupt-stream',
        streamName: stream,
        revision: 0,
        reason: expect.stringContaining('its MAC does not match under key k1') as unknown,
      }),
    )
    expect(eventCount()).toBe(2)
  })

  it('accepts a sound keyed stream, and refuses a keyring that is not a keyring when the handler is built', async () => {
    store = sqliteEventStore({ path })
    const options = { store, aggregate: enrollment, config: defaultPolicy, verifyOnLoad: true, chainKeys: keys }
    const handler = commandHandler({ ...options, cache: stateCache<EnrollmentState>() })
    expect(E.isRight(await handler.handle(open, { commandId: 'open' })())).toBe(true)
    expect(E.isRight(await handler.handle(request(nip('199203152019032004')), { commandId: 'req-1' })())).toBe(true)
    expect(
      E.isRight(await commandHandler(options).handle(request(nip('198507122010011002')), { commandId: 'req-2' })()),
    ).toBe(true)
    expect(() => commandHandler({ ...options, chainKeys: { current: { id: 'k1', secret: Buffer.alloc(8) } } })).toThrow(
      /chain keyring: current.secret must be at least 32 random bytes/,
    )
  })
})
