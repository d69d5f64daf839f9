// Tamper evidence against someone who can write the SQLite file: each case is a raw-SQL edit of a real file, and each
// goes unnoticed by the chain alone (shown first), and is found by the keyed chain or by the anchor of an earlier
// audit (its head file with positions).
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  type AuditFinding,
  type ChainKeyring,
  chainKeyring,
  chainMac,
  competency,
  defaultPolicy,
  type HeadFile,
  headFileOf,
  rotateChainKey,
  runAudit,
  verifyChain,
} from '@pembina/core'
import { sqliteEventStore } from '@pembina/sqlite'
import { inMemoryReadModelStore, startReactor } from '@pembina/projections'
import { completePlaces, reactorHandlers, staffNip, writeCreditedHistory } from '../reactor/fixtures.js'
import { openRawDatabase } from '../reliability/raw-sqlite.js'
import { makeTempDir, type TempDir } from '../reliability/temp-dir.js'
import { rewriteWithRecomputedHashes } from './tamper.js'

let dir: TempDir
beforeEach(() => {
  dir = makeTempDir('pembina-keyed-')
})
afterEach(() => {
  dir.remove()
})

const keyring = (id: string, fill: number): ChainKeyring =>
  chainKeyring({ current: { id, secret: Buffer.alloc(32, fill) } })
const k1 = keyring('k1', 1)
const staff = [staffNip(0), staffNip(1), staffNip(2)]
const sari = staff[0] ?? staffNip(0)
const sariStream = competency.streamName(sari)

const auditFile = async (file: string, options: { heads?: HeadFile; chainKeys?: ChainKeyring } = {}) => {
  const store = sqliteEventStore({ path: file })
  try {
    return await runAudit(store, { config: defaultPolicy, ...options })
  } finally {
    await store.close()
  }
}

const brief = (findings: readonly AuditFinding[]) =>
  findings.map(({ kind, streamName, revision }) => ({ kind, streamName, revision }))

const sql = (text: string): string => `'${text.replaceAll("'", "''")}'`

const rawExec = (file: string, statement: string): void => {
  const raw = openRawDatabase(file)
  try {
    raw.exec(statement)
  } finally {
    raw.close()
  }
}

const anchorOf = async (file: string): Promise<HeadFile> => {
  const { findings, summary } = await auditFile(file)
  expect(findings).toEqual([])
  return headFileOf(summary, new Date('2026-12-07T00:00:00Z'))
}

/**
 * A credited history anchored (its head file taken), then a second offering completed after the anchor and its
 * credits appended by the reactor, Sari's profile among them: the file and the anchor.
 */
const anchoredThenCredited = async (prefix: string): Promise<{ readonly file: string; readonly anchor: HeadFile }> => {
  const file = dir.file('pembina.db')
  await writeCreditedHistory(file, staff, [`${prefix}-2026-01`])
  const anchor = await anchorOf(file)
  const store = sqliteEventStore({ path: file })
  await completePlaces(store, `${prefix}-2026-02`, staff)
  await startReactor({
    store,
    checkpoints: inMemoryReadModelStore(),
    handlers: reactorHandlers(store),
    config: defaultPolicy,
    live: false,
  }).done
  await store.close()
  return { file, anchor }
}

/** Every revision from `from` to `to` of a stream, as a finding of `kind`. */
const each = (kind: AuditFinding['kind'], streamName: string, from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => ({ kind, streamName, revision: from + i }))

describe('the keyed chain', () => {
  it('gives every event a MAC, and a clean keyed history has no finding with its keyring', async () => {
    const file = dir.file('pembina.db')
    await writeCreditedHistory(file, staff, ['keyed-2026-01'], k1)
    const store = sqliteEventStore({ path: file })
    let events = 0
    for await (const record of store.readAll()) {
      events++
      expect(record.kind === 'event' ? record.metadata : null).toMatchObject({ mac: { keyId: 'k1' } })
    }
    await store.close()
    expect(events).toBeGreaterThan(10)
    const { findings, summary } = await auditFile(file, { chainKeys: k1 })
    expect(findings).toEqual([])
    expect(summary.records).toBe(events)
  })

  it('finds a stream rewritten with every hash recomputed, which the chain alone accepts', async () => {
    const file = dir.file('pembina.db')
    await writeCreditedHistory(file, staff, ['keyed-2026-01', 'keyed-2026-02'], k1)
    // The rewriter recomputes every hash with the exported chainHash, and cannot recompute the MACs.
    const last = await rewriteWithRecomputedHashes(file, sariStream, 1, data => ({ ...data, minutes: 6000 }))
    expect((await auditFile(file)).findings).toEqual([])
    const { findings } = await auditFile(file, { chainKeys: k1 })
    expect(brief(findings)).toEqual(each('unauthenticated', sariStream, 1, last))
    expect(findings[0]?.message).toMatch(/MAC does not match under key k1/)
    // verifyChain says the same with the keyring, and nothing without it.
    const store = sqliteEventStore({ path: file })
    const chainOnly = await verifyChain(store.readStream(sariStream))
    const keyed = await verifyChain(store.readStream(sariStream), null, { keys: k1 })
    await store.close()
    expect(chainOnly.valid).toBe(true)
    expect(keyed).toMatchObject({ valid: false, reason: 'unauthenticated', revision: 1 })
  })

  it('finds MACs removed, or made with a key of the rewriter’s own under the same id', async () => {
    const file = dir.file('pembina.db')
    await writeCreditedHistory(file, staff, ['keyed-2026-01'], k1)
    const copy = dir.file('copy.db')
    await writeCreditedHistory(copy, staff, ['keyed-2026-01'], k1)
    const stripped = await rewriteWithRecomputedHashes(file, sariStream, 1, data => ({ ...data, minutes: 6000 }), null)
    const forgedKey = keyring('k1', 2).current
    const forged = await rewriteWithRecomputedHashes(
      copy,
      sariStream,
      1,
      data => ({ ...data, minutes: 6000 }),
      hash => chainMac(forgedKey, hash),
    )
    const withoutMacs = await auditFile(file, { chainKeys: k1 })
    // The MACs are gone from the whole stream, the untouched first event's too.
    expect(brief(withoutMacs.findings)).toEqual(each('unauthenticated', sariStream, 0, stripped))
    expect(withoutMacs.findings[0]?.message).toMatch(/carries no MAC/)
    const withForgedMacs = await auditFile(copy, { chainKeys: k1 })
    expect(brief(withForgedMacs.findings)).toEqual(each('unauthenticated', sariStream, 0, forged))
    expect(withForgedMacs.findings[0]?.message).toMatch(/does not match/)
  })

  it('refuses a history written under another key, and one audited with a keyring that lacks its key', async () => {
    const file = dir.file('pembina.db')
    await writeCreditedHistory(file, staff, ['keyed-2026-01'], keyring('k9', 9))
    const { findings, summary } = await auditFile(file, { chainKeys: k1 })
    expect(findings).toHaveLength(summary.records)
    expect(new Set(findings.map(finding => finding.kind))).toEqual(new Set(['unauthenticated']))
    expect(findings[0]?.message).toMatch(/key k9, which the keyring does not hold/)
    // No broken stream is anchored: the next head file has no heads.
    expect(summary.heads).toEqual({})
  })

  it('rotates: events under the retired key verify up to its last position, and one past it is refused', async () => {
    const file = dir.file('pembina.db')
    await writeCreditedHistory(file, staff, ['keyed-2026-01'], k1)
    // The new key takes over, then an anchor is taken: its position is the last the old key may have written at.
    const k2 = keyring('k2', 2).current
    const early = rotateChainKey(k1, k2)
    let store = sqliteEventStore({ path: file })
    await completePlaces(store, 'keyed-2026-02', staff, early)
    await store.close()
    const anchor = await anchorOf(file)
    const rotated = rotateChainKey(k1, k2, BigInt(anchor.position ?? '0'))
    expect((await auditFile(file, { chainKeys: rotated, heads: anchor })).findings).toEqual([])
    // Someone who kept the old key writes with it after the rotation: found.
    store = sqliteEventStore({ path: file })
    await completePlaces(store, 'keyed-2026-03', staff, k1)
    await store.close()
    const { findings } = await auditFile(file, { chainKeys: rotated, heads: anchor })
    expect(findings.length).toBeGreaterThan(0)
    expect(new Set(findings.map(finding => finding.kind))).toEqual(new Set(['unauthenticated']))
    expect(findings[0]?.message).toMatch(/key k1, retired after position/)
    expect(findings.every(finding => finding.streamName === 'enrollment-keyed-2026-03')).toBe(true)
    // Without the last position, the retired key is still accepted wherever it is met.
    const lax = rotateChainKey(k1, k2)
    expect((await auditFile(file, { chainKeys: lax })).findings).toEqual([])
  })

  it('keys a store written before: an anchor taken when the key came vouches for the events before it', async () => {
    const file = dir.file('pembina.db')
    await writeCreditedHistory(file, staff, ['plain-2026-01'])
    const anchor = await anchorOf(file)
    const store = sqliteEventStore({ path: file })
    await completePlaces(store, 'keyed-2026-02', staff, k1)
    await store.close()
    expect((await auditFile(file, { chainKeys: k1, heads: anchor })).findings).toEqual([])
    const withoutAnchor = await auditFile(file, { chainKeys: k1 })
    expect(withoutAnchor.findings.length).toBe(Number(anchor.position ?? '0'))
    // The anchor vouches only for what it saw: an unkeyed event written after it is still refused.
    rawExec(
      file,
      `UPDATE events SET metadata = json_remove(metadata, '$.mac') WHERE stream_name = 'enrollment-keyed-2026-02' AND revision = 0`,
    )
    const after = await auditFile(file, { chainKeys: k1, heads: anchor })
    expect(brief(after.findings)).toEqual([
      { kind: 'unauthenticated', streamName: 'enrollment-keyed-2026-02', revision: 0 },
    ])
  })
})

describe('the anchor: a head file with positions', () => {
  it('finds a stream deleted whole, which the chain alone cannot see', async () => {
    const file = dir.file('pembina.db')
    await writeCreditedHistory(file, staff, ['anchor-2026-01'])
    const anchor = await anchorOf(file)
    rawExec(file, `DELETE FROM events WHERE stream_name = ${sql(sariStream)}`)
    expect((await auditFile(file)).findings).toEqual([])
    const { findings } = await auditFile(file, { heads: anchor })
    expect(findings).toEqual([
      {
        kind: 'rewritten-history',
        streamName: sariStream,
        revision: null,
        position: null,
        message: `the stream is gone; an earlier audit saw it up to revision ${anchor.heads[sariStream]?.revision ?? -1}`,
      },
    ])
  })

  it('finds a stream renamed with its hashes recomputed: the old name gone, the new one unaccounted for', async () => {
    const file = dir.file('pembina.db')
    await writeCreditedHistory(file, staff, ['anchor-2026-01'])
    const anchor = await anchorOf(file)
    const renamed = competency.streamName(staffNip(7))
    rawExec(file, `UPDATE events SET stream_name = ${sql(renamed)} WHERE stream_name = ${sql(sariStream)}`)
    await rewriteWithRecomputedHashes(file, renamed, 0, data => data)
    expect((await auditFile(file)).findings).toEqual([])
    const { findings } = await auditFile(file, { heads: anchor })
    expect(brief(findings)).toEqual([
      { kind: 'rewritten-history', streamName: renamed, revision: 0 },
      { kind: 'rewritten-history', streamName: sariStream, revision: null },
    ])
    expect(findings[0]?.message).toMatch(/the head file has no head for it: inserted or renamed since/)
  })

  it('finds a head event moved later in the global order, which changes what a projector reads', async () => {
    const file = dir.file('pembina.db')
    await writeCreditedHistory(file, staff, ['anchor-2026-01'])
    const anchor = await anchorOf(file)
    const head = anchor.heads[sariStream]
    rawExec(
      file,
      `UPDATE events SET position = (SELECT max(position) FROM events) + 1 WHERE stream_name = ${sql(sariStream)} AND revision = ${head?.revision ?? -1}`,
    )
    expect((await auditFile(file)).findings).toEqual([])
    const { findings } = await auditFile(file, { heads: anchor })
    expect(brief(findings)).toEqual([
      { kind: 'rewritten-history', streamName: sariStream, revision: head?.revision ?? -1 },
    ])
    expect(findings[0]?.message).toMatch(/was at position \d+, and is now at \d+: events were moved/)
  })

  it('finds an event written after the anchor but placed among the positions it saw', async () => {
    const { file, anchor } = await anchoredThenCredited('anchor')
    // A position the anchor saw is freed (the first offering's last event removed), and Sari's newest event put there.
    const training = 'enrollment-anchor-2026-01'
    const hole = anchor.heads[training]?.position ?? '0'
    const after = (anchor.heads[sariStream]?.revision ?? -1) + 1
    rawExec(file, `DELETE FROM events WHERE position = ${hole}`)
    rawExec(file, `UPDATE events SET position = ${hole} WHERE stream_name = ${sql(sariStream)} AND revision = ${after}`)
    const { findings } = await auditFile(file, { heads: anchor })
    expect(brief(findings)).toContainEqual({ kind: 'rewritten-history', streamName: sariStream, revision: after })
    // Read before the event it follows, it is also a gap in its stream's revisions; the anchor says why.
    expect(
      findings.filter(finding => finding.streamName === sariStream).map(finding => finding.message),
    ).toContainEqual(
      expect.stringMatching(/at or before the head file's position \d+: written into history already audited/),
    )
  })

  it('still reads a head file of format 1, without positions', async () => {
    const file = dir.file('pembina.db')
    await writeCreditedHistory(file, staff, ['anchor-2026-01'])
    const v2 = await anchorOf(file)
    const v1: HeadFile = {
      format: 'pembina-heads/1',
      writtenAt: v2.writtenAt,
      position: v2.position,
      heads: Object.fromEntries(
        Object.entries(v2.heads).map(([name, head]) => [name, { revision: head.revision, hash: head.hash }]),
      ),
    }
    expect((await auditFile(file, { heads: v1 })).findings).toEqual([])
  })
})

describe('positions moved out of every reader’s sight', () => {
  it('finds a stream’s newest event moved to a position below every real one', async () => {
    const { file, anchor } = await anchoredThenCredited('hidden')
    const newest = (anchor.heads[sariStream]?.revision ?? -1) + 1
    rawExec(file, `UPDATE events SET position = 0 WHERE stream_name = ${sql(sariStream)} AND revision = ${newest}`)
    const chainOnly = await auditFile(file)
    expect(brief(chainOnly.findings)).toContainEqual({ kind: 'revision-gap', streamName: sariStream, revision: 0 })
    const { findings } = await auditFile(file, { heads: anchor })
    expect(
      findings.filter(finding => finding.streamName === sariStream).map(finding => finding.message),
    ).toContainEqual(
      expect.stringMatching(
        /revision \d+ follows the head recorded earlier .* at position 0, at or before the head file's position/,
      ),
    )
  })
})
