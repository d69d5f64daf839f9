import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Sqlite from 'better-sqlite3'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  chainKeyring,
  commandHandler,
  competency,
  type CompetencyCommand,
  defaultPolicy,
  instant,
  nip,
  snapshotDigest,
  verifyChain,
} from '@pembina/core'
import { arbCompetencyScenario } from '@pembina/testkit'
import { sqliteEventStore } from './sqlite-event-store.js'

let dir = ''
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pembina-sqlite-snapshot-handler-'))
})
afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
})

describe('the command handler with snapshots kept in the SQLite file', () => {
  it('gives the same outcomes as without snapshots, and leaves a snapshot that fits the stream', async () => {
    const [commands = []] = fc.sample(arbCompetencyScenario(), { seed: 5, numRuns: 1 })
    const withSnapshots = sqliteEventStore({ path: join(dir, 'with.db') })
    const without = sqliteEventStore({ path: join(dir, 'without.db') })
    const handlerWith = commandHandler({
      store: withSnapshots,
      aggregate: competency,
      config: defaultPolicy,
      snapshots: { store: withSnapshots.snapshots, every: 3 },
    })
    const handlerWithout = commandHandler({ store: without, aggregate: competency, config: defaultPolicy })
    for (const [i, command] of commands.entries()) {
      const a = await handlerWith.handle(command, { commandId: `c-${i}` })()
      const b = await handlerWithout.handle(command, { commandId: `c-${i}` })()
      expect(E.isRight(a) ? a.right.events.map(w => w.event) : a.left.kind).toEqual(
        E.isRight(b) ? b.right.events.map(w => w.event) : b.left.kind,
      )
    }
    const stream = commands[0] === undefined ? '' : competency.streamOf(commands[0])
    const saved = await withSnapshots.snapshots.load(stream)()
    const revision = await withSnapshots.streamRevision(stream)()
    expect(
      E.isRight(saved) && saved.right !== null && E.isRight(revision) && revision.right !== 'no-stream'
        ? saved.right.revision <= revision.right && saved.right.revision >= 0
        : 'no snapshot',
    ).toBe(true)
    expect((await verifyChain(withSnapshots.readStream(stream))).valid).toBe(true)
    await withSnapshots.close()
    await without.close()
  })
})

describe('a snapshot changed in the file (issue 23)', () => {
  const sari = nip('199203152019032004')
  const at = instant('2026-06-01T09:00:00+07:00')
  const register: CompetencyCommand = {
    type: 'RegisterProfile',
    at,
    actor: { kind: 'asn', nip: nip('196608011988031001'), roles: ['pyb'] },
    data: {
      ...{ nip: sari, employeeType: 'PNS', unit: 'Puskesmas Belawan', position: { kind: 'pelaksana' } },
      ...{ positionTitle: 'Pengelola Data Kesehatan', rank: 'II/c' },
    },
  }
  const assess: CompetencyCommand = {
    type: 'AssessCompetency',
    at,
    actor: { kind: 'asn', nip: nip('197801012005011002'), roles: ['assessor'] },
    data: { nip: sari, assessmentId: 'asm-2026-01', competency: { type: 'manajerial', code: 'M.01' }, level: 3 },
  }

  it('with its recorded assessments removed, is ignored: the same assessment again writes no second event', async () => {
    const file = join(dir, 'tampered.db')
    const store = sqliteEventStore({ path: file })
    const handler = commandHandler({
      store,
      aggregate: competency,
      config: defaultPolicy,
      snapshots: { store: store.snapshots, every: 1 },
    })
    expect(E.isRight(await handler.handle(register, { commandId: 'register' })())).toBe(true)
    expect(E.isRight(await handler.handle(assess, { commandId: 'assess-1' })())).toBe(true)
    const raw = new Sqlite(file)
    raw.prepare("UPDATE snapshots SET state = json_set(state, '$.assessments', json('{}'))").run()
    raw.close()
    const again = await handler.handle(assess, { commandId: 'assess-2' })()
    expect(again).toMatchObject(E.right({ written: false }))
    const count = new Sqlite(file, { readonly: true })
    expect(count.prepare("SELECT count(*) FROM events WHERE type = 'CompetencyAssessed'").pluck().get()).toBe(1)
    count.close()
    await store.close()
  })

  // The rewriter edits the snapshot and recomputes its digest with the exported snapshotDigest, as the code does.
  const rewriteSnapshot = async (file: string): Promise<string> => {
    const opened = sqliteEventStore({ path: file })
    const loaded = await opened.snapshots.load(competency.streamName(sari))()
    await opened.close()
    if (E.isLeft(loaded) || loaded.right === null) throw new Error('no snapshot')
    const { stateDigest: kept = '', ...content } = loaded.right
    const state: unknown = { ...Object(content.state), assessments: {} }
    const digest = snapshotDigest({ ...content, state }) ?? ''
    const raw = new Sqlite(file)
    raw.prepare('UPDATE snapshots SET state = ?, state_digest = ?').run(JSON.stringify(state), digest)
    raw.close()
    return kept
  }
  const assessedTwice = async (file: string, chainKeys?: ReturnType<typeof chainKeyring>) => {
    const store = sqliteEventStore({ path: file })
    const handler = commandHandler({
      store,
      aggregate: competency,
      config: defaultPolicy,
      snapshots: { store: store.snapshots, every: 1 },
      ...(chainKeys === undefined ? {} : { chainKeys }),
    })
    expect(E.isRight(await handler.handle(register, { commandId: 'register' })())).toBe(true)
    expect(E.isRight(await handler.handle(assess, { commandId: 'assess-1' })())).toBe(true)
    await store.close()
    const kept = await rewriteSnapshot(file)
    const reopened = sqliteEventStore({ path: file })
    const again = commandHandler({
      store: reopened,
      aggregate: competency,
      config: defaultPolicy,
      snapshots: { store: reopened.snapshots, every: 1 },
      ...(chainKeys === undefined ? {} : { chainKeys }),
    })
    const outcome = await again.handle(assess, { commandId: 'assess-2' })()
    await reopened.close()
    const count = new Sqlite(file, { readonly: true })
    const assessed = count.prepare("SELECT count(*) FROM events WHERE type = 'CompetencyAssessed'").pluck().get()
    count.close()
    return { kept, outcome, assessed }
  }

  it('rewritten with its digest recomputed, fools a handler without a chain key, and not one with the key', async () => {
    // Without a key the digest is plain SHA-256, which the rewriter recomputes: the snapshot is used, and the
    // assessment it no longer holds is written a second time.
    const plain = await assessedTwice(join(dir, 'plain.db'))
    expect(plain.kept).toMatch(/^[0-9a-f]{64}$/)
    expect(plain.assessed).toBe(2)
    // Keyed, the digest is an HMAC under the chain key: the recomputed plain one no longer vouches for it.
    const keys = chainKeyring({ current: { id: 'k1', secret: Buffer.alloc(32, 7) } })
    const keyed = await assessedTwice(join(dir, 'keyed.db'), keys)
    expect(keyed.kept).toMatch(/^hmac-sha256:k1:[0-9a-f]{64}$/)
    expect(keyed.outcome).toMatchObject(E.right({ written: false }))
    expect(keyed.assessed).toBe(1)
  })
})
