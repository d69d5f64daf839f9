// What someone who can write the SQLite file does to hide a change: rewrite a stream's events with every hash
// recomputed by the exported chainHash from the changed event on, so that the chain alone verifies again.
import * as E from 'fp-ts/lib/Either.js'
import { chainHash, type ChainMac, EventMetadata } from '@pembina/core'
import { sqliteEventStore } from '@pembina/sqlite'
import { openRawDatabase } from '../reliability/raw-sqlite.js'

const sql = (text: string): string => `'${text.replaceAll("'", "''")}'`

/**
 * Replaces the data of `streamName`'s event at `revision` in the SQLite file by `change(data)`, and recomputes the
 * hash of every event of the stream so that each links to the one before. Returns the stream's last revision. In a
 * keyed chain, `mac` says what the rewriter puts in place of each event's MAC: by default the MAC is left as it was
 * (the rewriter has no key), `null` removes it, a function makes one (with a key of the rewriter's own).
 */
export const rewriteWithRecomputedHashes = async (
  file: string,
  streamName: string,
  revision: number,
  change: (data: object) => unknown,
  mac?: null | ((hash: string) => ChainMac),
): Promise<number> => {
  const store = sqliteEventStore({ path: file })
  const records = []
  for await (const record of store.readStream(streamName)) records.push(record)
  await store.close()
  let prevHash: string | null = null
  const updates: string[] = []
  for (const record of records) {
    if (record.kind !== 'event' || !EventMetadata.is(record.metadata)) throw new Error('unreadable')
    const data =
      record.revision === revision && typeof record.data === 'object' && record.data !== null
        ? change(record.data)
        : record.data
    const { mac: kept, ...unkeyed } = record.metadata
    const metadata = { ...unkeyed, prevHash }
    const hash = chainHash({ ...metadata, type: record.type, data, streamName, revision: record.revision })
    if (E.isLeft(hash)) throw new Error('not JSON')
    prevHash = hash.right
    const newMac = mac === undefined ? kept : mac === null ? undefined : mac(hash.right)
    updates.push(
      `UPDATE events SET data = ${sql(JSON.stringify(data))}, metadata = ${sql(JSON.stringify({ ...metadata, hash: hash.right, ...(newMac === undefined ? {} : { mac: newMac }) }))} WHERE stream_name = ${sql(streamName)} AND revision = ${record.revision}`,
    )
  }
  const raw = openRawDatabase(file)
  raw.exec(updates.join(';\n'))
  raw.close()
  return records.length - 1
}
