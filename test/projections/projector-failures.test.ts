// What a projector does with an event its projection cannot apply: it stops, naming the projection and the event,
// with its checkpoint right before it; or, under the opt-in skip policy, records the event for audit and goes on.
import { describe, expect, it } from 'vitest'
import { inMemoryEventStore, type StoredRecord } from '@pembina/core'
import { sqliteEventStore } from '@pembina/sqlite'
import { openRawDatabase } from '../reliability/raw-sqlite.js'
import { makeTempDir } from '../reliability/temp-dir.js'
import {
  dumpReadModel,
  inMemoryReadModelStore,
  type Projection,
  ProjectionEventError,
  ReadModelDocumentError,
  type SkippedEvent,
  startProjector,
} from '@pembina/projections'
import { allRecords, referenceDump } from './read-model-probes.js'
import { appendRaw, appendRequests, metadataFor, type RequestCount, requestCounts } from './test-events.js'

const version = { name: 'request-counts', version: 1 }

/** The place in the store of the first stored record of a stream. */
const firstOf = async (records: Promise<readonly StoredRecord[]>, streamName: string): Promise<StoredRecord> => {
  const found = (await records).find(record => record.streamName === streamName)
  if (found === undefined) throw new Error(`no record of ${streamName}`)
  return found
}

describe('a projector meeting an event it cannot apply', () => {
  it('stops with an error naming the projection and the event, its checkpoint right before that event', async () => {
    const events = inMemoryEventStore()
    const readModels = inMemoryReadModelStore()
    await appendRequests(events, 17)
    const failing = await firstOf(allRecords(events), 'enrollment-off-3')
    const projector = startProjector({
      events,
      readModels,
      projection: requestCounts({ failOn: 'off-3' }),
      batchSize: 50,
    })

    const error: unknown = await projector.done.catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ProjectionEventError)
    if (!(error instanceof ProjectionEventError)) return
    expect(error.projection).toEqual(version)
    expect(error.place).toEqual({
      streamName: 'enrollment-off-3',
      revision: 0,
      position: failing.position,
      eventType: 'PlaceRequested',
    })
    expect(error.message).toContain('request-counts v1')
    expect(error.message).toContain(`enrollment-off-3 revision 0 (global position ${failing.position}`)
    expect(error.message).toContain('offering off-3 is not countable')
    await expect(projector.caughtUp).rejects.toBe(error)
    expect(projector.status()).toMatchObject({ phase: 'failed', error })
    expect(await readModels.checkpoint(version)).toEqual({ position: failing.position - 1n, events: 3 })
  })

  it('stops the same way at the same event after a restart: the failing event is never half applied', async () => {
    const events = inMemoryEventStore()
    const readModels = inMemoryReadModelStore()
    await appendRequests(events, 12)
    const projection = requestCounts({ failOn: 'off-2' })
    await startProjector({ events, readModels, projection }).done.catch(() => undefined)
    const before = await readModels.checkpoint(version)
    const again: unknown = await startProjector({ events, readModels, projection }).done.catch((e: unknown) => e)
    expect(again).toBeInstanceOf(ProjectionEventError)
    expect(await readModels.checkpoint(version)).toEqual(before)
  })

  it('under the skip policy, records each event it skips with the reason, tells onSkip, and applies the rest', async () => {
    const events = inMemoryEventStore()
    const readModels = inMemoryReadModelStore()
    await appendRequests(events, 20)
    const told: SkippedEvent[] = []
    const projection = requestCounts({ failOn: 'off-1' })
    const done = await startProjector({
      events,
      readModels,
      projection,
      batchSize: 6,
      live: false,
      onFailure: 'skip',
      onSkip: skipped => told.push(skipped),
    }).done

    const records = (await allRecords(events)).filter(record => record.streamName === 'enrollment-off-1')
    const skipped = await readModels.skipped(version)
    expect(skipped.map(event => [event.streamName, event.revision, event.position, event.eventType])).toEqual(
      records.map(record => [record.streamName, record.revision, record.position, 'PlaceRequested']),
    )
    for (const event of skipped) expect(event.reason).toContain('offering off-1 is not countable')
    expect(told).toEqual(skipped)
    expect(done).toMatchObject({ position: 20n, events: 20 - records.length, skipped: records.length })
    expect(await readModels.get('request-counts', 'offering:off-1')).toBeUndefined()
    expect(await readModels.get('request-counts', 'offering:off-2')).toMatchObject({ requests: 4 })
  })

  it('treats an event that does not decode as one it cannot apply, with the decoder’s reason', async () => {
    const events = inMemoryEventStore()
    await appendRequests(events, 2)
    await appendRaw(events, 'enrollment-off-9', [
      { eventId: 'bad-1', type: 'PlaceRequested', data: { offeringId: 'off-9' }, metadata: metadataFor('bad-1') },
      { eventId: 'bad-2', type: 'OfferingRenamed', data: {}, metadata: metadataFor('bad-2') },
      { eventId: 'bad-3', type: 'PlaceRequested', data: {}, metadata: { eventId: 'bad-3' } },
    ])
    const readModels = inMemoryReadModelStore()
    const stopped: unknown = await startProjector({ events, readModels, projection: requestCounts() }).done.catch(
      (e: unknown) => e,
    )
    expect(stopped).toBeInstanceOf(ProjectionEventError)
    expect(String(stopped)).toMatch(
      /enrollment-off-9 revision 0 .*PlaceRequested v1: data.at must be an ISO-8601 instant/,
    )

    await startProjector({ events, readModels, projection: requestCounts(), live: false, onFailure: 'skip' }).done
    const reasons = (await readModels.skipped(version)).map(event => event.reason)
    expect(reasons).toHaveLength(3)
    expect(reasons[0]).toMatch(/^PlaceRequested v1: /)
    expect(reasons[1]).toMatch(/type is not a known event type/)
    expect(reasons[2]).toMatch(/^metadata: /)
  })

  it('treats keysOf throwing like evolve throwing', async () => {
    const events = inMemoryEventStore()
    await appendRequests(events, 3)
    const projection: Projection<RequestCount> = {
      ...requestCounts(),
      keysOf: ({ revision }) => {
        if (revision === 0) throw new Error('no key for the first request')
        return []
      },
    }
    const error: unknown = await startProjector({
      events,
      readModels: inMemoryReadModelStore(),
      projection,
    }).done.catch((e: unknown) => e)
    expect(String(error)).toMatch(/keysOf threw: no key for the first request/)
  })

  it('refuses, and never skips, a stored document that its codec does not decode: the store holds bad data', async () => {
    const events = inMemoryEventStore()
    const readModels = inMemoryReadModelStore()
    await appendRequests(events, 3)
    await readModels.commit(version, {
      changes: [{ key: 'offering:off-0', doc: { requests: 'many' } }],
      checkpoint: { position: 0n, events: 0 },
      skipped: [],
    })
    const error: unknown = await startProjector({
      events,
      readModels,
      projection: requestCounts(),
      onFailure: 'skip',
    }).done.catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ReadModelDocumentError)
    expect(String(error)).toMatch(/offering:off-0/)
  })

  it('with the failing event skipped, ends with the documents of a history without it', async () => {
    const events = inMemoryEventStore()
    const readModels = inMemoryReadModelStore()
    await appendRequests(events, 15, 3)
    const projection = requestCounts({ failOn: 'off-2' })
    await startProjector({ events, readModels, projection, live: false, onFailure: 'skip', batchSize: 4 }).done
    const clean = inMemoryEventStore()
    for (let i = 0; i < 15; i++) if (i % 3 !== 2) await appendRequests(clean, 1, 3, i)
    expect(await dumpReadModel(readModels, 'request-counts')).toBe(await referenceDump(clean, requestCounts()))
  })

  it('stops at a row of the SQLite events file that is not JSON, and under the skip policy records it', async () => {
    const dir = makeTempDir('pembina-projections-corrupt-')
    const file = dir.file('events.db')
    const events = sqliteEventStore({ path: file })
    try {
      await appendRequests(events, 6, 3)
      const raw = openRawDatabase(file)
      raw.exec(
        `UPDATE events SET data = '{"offeringId": "off-1", broken' WHERE stream_name = 'enrollment-off-1' AND revision = 1`,
      )
      raw.close()
      const corrupt = (await allRecords(events)).find(record => record.kind === 'corrupt')
      expect(corrupt).toMatchObject({ streamName: 'enrollment-off-1', revision: 1 })

      const readModels = inMemoryReadModelStore()
      const error: unknown = await startProjector({ events, readModels, projection: requestCounts() }).done.catch(
        (e: unknown) => e,
      )
      expect(error).toBeInstanceOf(ProjectionEventError)
      expect(String(error)).toMatch(
        /enrollment-off-1 revision 1 \(global position 5\): the stored record is corrupt: data is not valid JSON/,
      )
      await startProjector({ events, readModels, projection: requestCounts(), live: false, onFailure: 'skip' }).done
      expect(await readModels.skipped(version)).toEqual([
        expect.objectContaining({ streamName: 'enrollment-off-1', revision: 1, position: 5n, eventType: '' }),
      ])
      expect(await readModels.get('request-counts', 'offering:off-1')).toMatchObject({ requests: 1 })
    } finally {
      await events.close()
      dir.remove()
    }
  })
})
