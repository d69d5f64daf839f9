// Rows broken behind the store's back (raw SQL, as a faulty tool or disk might): reads carry on and report each in
// its place with its stream and revision, the handler refuses to decide on those streams, and the others keep working.
import * as E from 'fp-ts/lib/Either.js'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  enrollmentEvents,
  EventMetadata,
  formatDecodeFailure,
  formatHandleFailure,
  nip,
  type StoredRecord,
  verifyChain,
} from '@pembina/core'
import { type SqliteEventStore, sqliteEventStore } from '@pembina/sqlite'
import { enrollmentHandler, offeringStream, openOffering, participants, requestPlace } from './enrollment-workload.js'
import { openRawDatabase } from './raw-sqlite.js'
import { makeTempDir, type TempDir } from './temp-dir.js'

const brokenJson = offeringStream('rusak-json')
const unknownType = offeringStream('tipe-asing')
const healthy = offeringStream('sehat')
/** An ASN who asks for a place once the rows are broken. */
const latecomer = nip('199305052019032001')

let dir: TempDir
let store: SqliteEventStore
beforeEach(async () => {
  dir = makeTempDir('pembina-reliability-corrupt-')
  const file = dir.file('events.db')
  store = sqliteEventStore({ path: file })
  // Three offerings of four events each: opened, then three places requested.
  const handler = enrollmentHandler(store)
  for (const offeringId of ['rusak-json', 'tipe-asing', 'sehat']) {
    expect(await handler.handle(openOffering(offeringId), { commandId: `${offeringId}-open` })()).toSatisfy(E.isRight)
    for (const [i, participant] of participants.slice(0, 3).entries()) {
      const requested = await handler.handle(requestPlace(offeringId, participant), {
        commandId: `${offeringId}-request-${i}`,
      })()
      expect(requested).toSatisfy(E.isRight)
    }
  }
  const raw = openRawDatabase(file)
  try {
    raw.exec(
      `UPDATE events SET data = '{"offeringId": "rusak-json", broken' WHERE stream_name = '${brokenJson}' AND revision = 2`,
    )
    raw.exec(`UPDATE events SET type = 'PlaceTeleported' WHERE stream_name = '${unknownType}' AND revision = 1`)
  } finally {
    raw.close()
  }
})
afterEach(async () => {
  await store.close()
  dir.remove()
})

const collect = async <T>(iterable: AsyncIterable<T>): Promise<readonly T[]> => {
  const items: T[] = []
  for await (const item of iterable) items.push(item)
  return items
}

/** A record as a reader of the domain sees it: a decoded event, or corrupt with the reason, at its stream and revision. */
const decodeRecord = (record: StoredRecord): string => {
  const at = `${record.streamName}@${record.revision}`
  if (record.kind === 'corrupt') return `corrupt ${at}: ${record.reason}`
  const metadata = EventMetadata.decode(record.metadata)
  if (E.isLeft(metadata)) return `corrupt ${at}: metadata does not decode`
  const event = enrollmentEvents.decode({
    type: record.type,
    data: record.data,
    schemaVersion: metadata.right.schemaVersion,
  })
  return E.isLeft(event) ? `corrupt ${at}: ${formatDecodeFailure(event.left)}` : `${event.right.type} ${at}`
}

describe('corrupt rows in the SQLite file', () => {
  it('reads a row with broken JSON as a corrupt record with its stream and revision, and the read goes on past it', async () => {
    const records = await collect(store.readStream(brokenJson))
    expect(records.map(r => `${r.kind}@${r.revision}`)).toEqual(['event@0', 'event@1', 'corrupt@2', 'event@3'])
    expect(records[2]).toMatchObject({ kind: 'corrupt', streamName: brokenJson, revision: 2 })
    expect(records[2]?.kind === 'corrupt' && records[2].reason).toMatch(/^data is not valid JSON/)

    const all = await collect(store.readAll({ filter: { category: 'enrollment' } }))
    expect(all).toHaveLength(12)
    expect(all.filter(r => r.kind === 'corrupt').map(r => `${r.streamName}@${r.revision}`)).toEqual([`${brokenJson}@2`])
  })

  it('reads a row with an unknown event type in its place, and decoding reports it as corrupt with its stream and revision', async () => {
    const records = await collect(store.readStream(unknownType))
    expect(records.map(r => `${r.kind}@${r.revision}`)).toEqual(['event@0', 'event@1', 'event@2', 'event@3'])
    expect(records[1]).toMatchObject({ streamName: unknownType, revision: 1, type: 'PlaceTeleported' })

    // Reading and decoding the whole store goes on past both broken rows and names each.
    const decoded = (await collect(store.readAll())).map(decodeRecord)
    expect(decoded).toHaveLength(12)
    expect(decoded.filter(line => line.startsWith('corrupt'))).toEqual([
      expect.stringMatching(new RegExp(`^corrupt ${brokenJson}@2: data is not valid JSON`)),
      expect.stringMatching(new RegExp(`^corrupt ${unknownType}@1: .*is not a known event type`)),
    ])
  })

  it('breaks the hash chain of each damaged stream at the damaged revision and no other', async () => {
    expect(await verifyChain(store.readStream(brokenJson))).toMatchObject({
      valid: false,
      streamName: brokenJson,
      revision: 2,
      reason: 'corrupt-record',
      verifiedEvents: 2,
    })
    expect(await verifyChain(store.readStream(unknownType))).toMatchObject({
      valid: false,
      streamName: unknownType,
      revision: 1,
      reason: 'tampered-data',
      verifiedEvents: 1,
    })
    expect(await verifyChain(store.readStream(healthy))).toMatchObject({ valid: true, events: 4 })
  })

  it('refuses to decide on a corrupt stream with a corrupt-stream failure naming stream and revision, writing nothing, while other streams keep working', async () => {
    const handler = enrollmentHandler(store)
    const onBrokenJson = await handler.handle(requestPlace('rusak-json', latecomer), {
      commandId: 'rusak-json-request-3',
    })()
    expect(onBrokenJson).toMatchObject(E.left({ kind: 'corrupt-stream', streamName: brokenJson, revision: 2 }))
    expect(E.isLeft(onBrokenJson) && formatHandleFailure(onBrokenJson.left)).toMatch(
      new RegExp(`^${brokenJson}: refusing to decide on a corrupt stream: revision 2: data is not valid JSON`),
    )

    const onUnknownType = await handler.handle(requestPlace('tipe-asing', latecomer), {
      commandId: 'tipe-asing-request-3',
    })()
    expect(onUnknownType).toMatchObject(E.left({ kind: 'corrupt-stream', streamName: unknownType, revision: 1 }))
    expect(E.isLeft(onUnknownType) && formatHandleFailure(onUnknownType.left)).toMatch(/is not a known event type/)

    expect(await store.streamRevision(brokenJson)()).toEqual(E.right(3))
    expect(await store.streamRevision(unknownType)()).toEqual(E.right(3))

    const onHealthy = await handler.handle(requestPlace('sehat', latecomer), { commandId: 'sehat-request-3' })()
    expect(onHealthy).toMatchObject(E.right({ written: true, nextExpectedRevision: 4 }))
    const opened = await handler.handle(openOffering('baru'), { commandId: 'baru-open' })()
    expect(opened).toMatchObject(E.right({ written: true, nextExpectedRevision: 0 }))
    expect(await verifyChain(store.readStream(healthy))).toMatchObject({ valid: true, events: 5 })
  })
})
