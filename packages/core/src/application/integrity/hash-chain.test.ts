import * as E from 'fp-ts/lib/Either.js'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { StoredEvent, StoredRecord } from '../../kernel/event-store.js'
import { canonicalJson, sha256Hex } from './canonical-json.js'
import { chainHash, verifyChain } from './hash-chain.js'
import { inMemoryEventStore } from '../in-memory/index.js'

const stream = 'complaint-belawan-0042'
const actor = { kind: 'system', process: 'complaint-timer' }

/** A well-chained stream of `Noted` events with these data, at these revisions (0, 1, 2… by default). */
const chainOf = (datas: readonly unknown[], revisions = datas.map((_, i) => i), streamName = stream): StoredEvent[] => {
  let prevHash: string | null = null
  return datas.map((data, i) => {
    const revision = revisions[i] ?? i
    const eventId = `event-${revision}`
    const essentials = {
      eventId,
      commandId: `command-${revision}`,
      correlationId: 'complaint-belawan-0042',
      causationId: `command-${revision}`,
      actor,
      occurredAt: `2026-02-0${1 + (revision % 9)}T09:00:00+07:00`,
      schemaVersion: 1,
      prevHash,
    }
    const hash = chainHash({ ...essentials, type: 'Noted', data, streamName, revision })
    if (E.isLeft(hash)) throw new Error('test data must be JSON')
    prevHash = hash.right
    const metadata = { ...essentials, hash: hash.right }
    return {
      kind: 'event',
      streamName,
      revision,
      position: BigInt(100 + revision),
      eventId,
      type: 'Noted',
      data,
      metadata,
    }
  })
}

const hashAt = (records: readonly StoredEvent[], i: number): string => {
  const metadata: unknown = records[i]?.metadata
  return typeof metadata === 'object' && metadata !== null && 'hash' in metadata && typeof metadata.hash === 'string'
    ? metadata.hash
    : 'no hash'
}

const notes = [{ note: 'diterima' }, { note: 'diverifikasi', by: 'admin' }, { note: 'selesai', days: 3 }]

describe('chainHash', () => {
  it('is the SHA-256 of the canonical JSON of exactly the chained fields, whatever else the value holds', () => {
    const json = fc.jsonValue()
    const text = fc.string()
    fc.assert(
      fc.property(
        fc.record({
          ...{ type: text, data: json, schemaVersion: fc.nat(), eventId: text, commandId: text, correlationId: text },
          ...{ causationId: text, actor: json, occurredAt: text, streamName: text, revision: fc.nat() },
          ...{ prevHash: fc.option(text, { nil: null }), hash: text, extra: json },
        }),
        ({ hash, extra, ...chained }) => {
          const withMore = { ...chained, hash, extra }
          expect(chainHash(withMore)).toEqual(E.map(sha256Hex)(canonicalJson(chained)))
        },
      ),
      { numRuns: 300, seed: 20261206 },
    )
  })

  it('names the field that is not JSON', () => {
    const content = {
      ...{ type: 'Noted', data: { n: 1n }, schemaVersion: 1, eventId: 'e', commandId: 'c', correlationId: 'c' },
      ...{ causationId: 'c', actor, occurredAt: 'now', streamName: stream, revision: 0, prevHash: null },
    }
    expect(chainHash(content)).toMatchObject(E.left({ path: 'data.n' }))
    expect(chainHash({ ...content, data: {}, revision: Number.NaN })).toMatchObject(E.left({ path: 'revision' }))
    expect(chainHash({ ...content, data: {}, actor: { at: undefined } })).toMatchObject(E.left({ path: 'actor.at' }))
  })
})

describe('verifyChain', () => {
  it('accepts an intact stream, from an array or from a store, and reports its head', async () => {
    const records = chainOf(notes)
    const head = { streamName: stream, revision: 2, hash: hashAt(records, 2), events: 3 }
    const intact = { valid: true, streamName: stream, events: 3, lastHash: hashAt(records, 2), head }
    await expect(verifyChain(records)).resolves.toEqual(intact)
    const store = inMemoryEventStore()
    await store.append(stream, records, 'no-stream')()
    await expect(verifyChain(store.readStream(stream))).resolves.toEqual(intact)
  })

  it('accepts an empty stream', async () => {
    await expect(verifyChain([])).resolves.toEqual({
      valid: true,
      streamName: null,
      events: 0,
      lastHash: null,
      head: null,
    })
  })

  it('verifies the events appended since an earlier verification from its head, read from the head’s own revision', async () => {
    const store = inMemoryEventStore()
    const records = chainOf([...notes, { note: 'ditutup' }])
    await store.append(stream, records.slice(0, 2), 'no-stream')()
    const earlier = await verifyChain(store.readStream(stream))
    if (!earlier.valid || earlier.head === null) throw new Error('the first two events verify')
    await store.append(stream, records.slice(2), 1)()
    const since = store.readStream(stream, { fromRevision: earlier.head.revision })
    await expect(verifyChain(since, earlier.head)).resolves.toEqual({
      valid: true,
      streamName: stream,
      events: 4,
      lastHash: hashAt(records, 3),
      head: { streamName: stream, revision: 3, hash: hashAt(records, 3), events: 4 },
    })
    // The head vouches for nothing else: a later event that does not link to it is still a broken link.
    const forged = chainOf([{ note: 'dipalsukan' }, ...notes])
    await expect(verifyChain([...records.slice(1, 2), ...forged.slice(2)], earlier.head)).resolves.toMatchObject({
      valid: false,
      revision: 2,
      reason: 'broken-link',
      verifiedEvents: 2,
    })
  })

  it('a kept head proves the history before it: the event at its revision must still carry its hash (issue 22)', async () => {
    const records = chainOf([...notes, { note: 'ditutup' }])
    const earlier = await verifyChain(records.slice(0, 2))
    if (!earlier.valid || earlier.head === null) throw new Error('the first two events verify')
    const head = earlier.head
    // The whole stream rewritten with every hash recomputed: a new chain, but not the one the head was kept for.
    const rewritten = chainOf([{ note: 'ditulis ulang' }, ...notes.slice(1), { note: 'ditutup' }])
    await expect(verifyChain(rewritten.slice(1), head)).resolves.toMatchObject({
      valid: false,
      revision: 1,
      reason: 'tampered-data',
      expected: head.hash,
      verifiedEvents: 1,
    })
    // The head's event with its data changed but its hash kept.
    const changed = records.map(r => (r.revision === 1 ? { ...r, data: { note: 'diubah' } } : r))
    await expect(verifyChain(changed.slice(1), head)).resolves.toMatchObject({ revision: 1, reason: 'tampered-data' })
    // The head's event gone: the stream read from its revision gives nothing, or starts later.
    await expect(verifyChain([], head)).resolves.toMatchObject({ valid: false, revision: 1, reason: 'broken-link' })
    await expect(verifyChain(records.slice(2), head)).resolves.toMatchObject({
      valid: false,
      revision: 2,
      reason: 'broken-link',
    })
    // Read as before this change, from the revision after the head: refused, saying where to read from.
    await expect(verifyChain(records.slice(2), head)).resolves.toMatchObject({
      detail: expect.stringContaining('fromRevision: head.revision') as unknown,
    })
    await expect(verifyChain(records.slice(1), head)).resolves.toMatchObject({ valid: true, events: 4 })
  })

  it('detects changed data as tampered data at its revision', async () => {
    const records = chainOf(notes)
    const tampered = records.map(r => (r.revision === 1 ? { ...r, data: { note: 'ditolak', by: 'admin' } } : r))
    const verdict = await verifyChain(tampered)
    expect(verdict).toMatchObject({ valid: false, revision: 1, reason: 'tampered-data', verifiedEvents: 1 })
    if (verdict.valid) throw new Error('expected a break')
    expect(verdict.found).toBe(hashAt(records, 1))
    expect(verdict.expected).toMatch(/^[0-9a-f]{64}$/)
    expect(verdict.expected).not.toBe(verdict.found)
  })

  it('detects a changed type, actor or instant as tampered data', async () => {
    const records = chainOf(notes)
    const changes: readonly ((r: StoredEvent) => StoredRecord)[] = [
      r => ({ ...r, type: 'Erased' }),
      r => ({ ...r, metadata: { ...metadataOf(r), actor: { kind: 'system', process: 'someone-else' } } }),
      r => ({ ...r, metadata: { ...metadataOf(r), occurredAt: '2026-01-01T00:00:00Z' } }),
    ]
    for (const change of changes) {
      const verdict = await verifyChain(records.map(r => (r.revision === 2 ? change(r) : r)))
      expect(verdict).toMatchObject({ valid: false, revision: 2, reason: 'tampered-data' })
    }
  })

  it('detects a removed event as a broken link at the event after it', async () => {
    const records = chainOf(notes)
    await expect(verifyChain([records[0], records[2]].filter(r => r !== undefined))).resolves.toMatchObject({
      valid: false,
      revision: 2,
      reason: 'broken-link',
      expected: hashAt(records, 0),
      found: hashAt(records, 1),
    })
    await expect(verifyChain(records.slice(1))).resolves.toMatchObject({
      revision: 1,
      reason: 'broken-link',
      expected: null,
      found: hashAt(records, 0),
    })
  })

  it('detects reordered events, whether or not their revisions were renumbered', async () => {
    const [first, second, third] = chainOf(notes)
    if (first === undefined || second === undefined || third === undefined) throw new Error('three events')
    await expect(verifyChain([first, third, second])).resolves.toMatchObject({ revision: 2, reason: 'broken-link' })
    const renumbered = [first, { ...third, revision: 1 }, { ...second, revision: 2 }]
    await expect(verifyChain(renumbered)).resolves.toMatchObject({ revision: 1, reason: 'broken-link' })
  })

  it('detects an event changed and re-hashed by the next link, which no longer matches', async () => {
    const records = chainOf(notes)
    const forged = chainOf([notes[0], { note: 'ditolak' }, notes[2]])
    const spliced = [records[0], forged[1], records[2]].filter(r => r !== undefined)
    await expect(verifyChain(spliced)).resolves.toMatchObject({
      revision: 2,
      reason: 'broken-link',
      expected: hashAt(forged, 1),
      found: hashAt(records, 1),
    })
  })

  it('detects a skipped revision even when the hashes link', async () => {
    await expect(verifyChain(chainOf(notes.slice(0, 2), [0, 2]))).resolves.toMatchObject({
      revision: 2,
      reason: 'broken-link',
      expected: '1',
      found: '2',
    })
  })

  it('detects a record of another stream', async () => {
    const mixed = [...chainOf(notes.slice(0, 1)), ...chainOf(notes.slice(1, 2), [1], 'complaint-belawan-0043')]
    await expect(verifyChain(mixed)).resolves.toMatchObject({ revision: 1, reason: 'broken-link' })
  })

  it('reports a record the store could not read as a corrupt record', async () => {
    const records: StoredRecord[] = chainOf(notes)
    records[1] = { kind: 'corrupt', streamName: stream, revision: 1, position: 101n, reason: 'broken JSON' }
    await expect(verifyChain(records)).resolves.toMatchObject({
      revision: 1,
      reason: 'corrupt-record',
      detail: 'broken JSON',
      verifiedEvents: 1,
    })
  })

  it('reports missing, malformed or mismatched metadata as bad metadata', async () => {
    const [first] = chainOf(notes)
    if (first === undefined) throw new Error('one event')
    const bad: readonly unknown[] = [
      undefined,
      'not an object',
      { ...metadataOf(first), hash: 'abc' },
      { ...metadataOf(first), actor: { kind: 'alien' } },
      { ...metadataOf(first), eventId: 'another-event' },
    ]
    for (const metadata of bad)
      await expect(verifyChain([{ ...first, metadata }])).resolves.toMatchObject({
        revision: 0,
        reason: 'bad-metadata',
      })
  })
})

function metadataOf(record: StoredEvent): Record<string, unknown> {
  const metadata: unknown = record.metadata
  if (typeof metadata !== 'object' || metadata === null) throw new Error('metadata must be an object')
  return { ...metadata }
}
