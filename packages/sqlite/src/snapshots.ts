import type { Database } from 'better-sqlite3'
import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import type { SnapshotStore, StoredSnapshot, StoreUnavailable } from '@pembina/core'
import { storeUnavailable } from './errors.js'
import { encodeJson } from './rows.js'

const SnapshotRow = t.type({
  revision: t.bigint,
  snapshot_version: t.bigint,
  state: t.string,
  last_hash: t.union([t.string, t.null]),
  recent_command_ids: t.string,
  state_digest: t.union([t.string, t.null]),
})

const CommandIds = t.readonlyArray(t.string)

const parse = (text: string): E.Either<unknown, unknown> => E.tryCatch((): unknown => JSON.parse(text), E.toError)

/** Reads a snapshot row; a row that does not decode is treated as no snapshot, since the stream stays the truth. */
const toSnapshot = (streamName: string, row: unknown): StoredSnapshot | null => {
  const decoded = SnapshotRow.decode(row)
  if (E.isLeft(decoded)) return null
  const state = parse(decoded.right.state)
  const ids = E.chainW((value: unknown) => CommandIds.decode(value))(parse(decoded.right.recent_command_ids))
  if (E.isLeft(state) || E.isLeft(ids)) return null
  return {
    streamName,
    revision: Number(decoded.right.revision),
    snapshotVersion: Number(decoded.right.snapshot_version),
    state: state.right,
    lastHash: decoded.right.last_hash,
    recentCommandIds: ids.right,
    ...(decoded.right.state_digest === null ? {} : { stateDigest: decoded.right.state_digest }),
  }
}

/**
 * The latest snapshot of each stream, in the `snapshots` table of the same file as its events. A save older than
 * the stored snapshot (two writers racing) is dropped, so the kept one never goes back.
 */
export const sqliteSnapshotStore = (
  db: Database,
  file: string,
  isClosed: () => boolean,
  closedMessage: string,
): SnapshotStore => {
  const select = db.prepare(
    'SELECT revision, snapshot_version, state, last_hash, recent_command_ids, state_digest FROM snapshots WHERE stream_name = ?',
  )
  const upsert = db.prepare(
    `INSERT INTO snapshots (stream_name, revision, snapshot_version, state, last_hash, recent_command_ids, state_digest)
     VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (stream_name) DO UPDATE SET revision = excluded.revision, snapshot_version = excluded.snapshot_version,
       state = excluded.state, last_hash = excluded.last_hash, recent_command_ids = excluded.recent_command_ids,
       state_digest = excluded.state_digest
     WHERE excluded.revision >= snapshots.revision`,
  )
  const closedError: StoreUnavailable = { _tag: 'StoreUnavailable', message: closedMessage }
  return {
    load: streamName => () => {
      if (isClosed()) return Promise.resolve(E.left(closedError))
      try {
        const row: unknown = select.get(streamName)
        return Promise.resolve(E.right(row === undefined ? null : toSnapshot(streamName, row)))
      } catch (error) {
        return Promise.resolve(E.left(storeUnavailable(error, `reading the snapshot of ${streamName} in`, file)))
      }
    },
    save: snapshot => () => {
      if (isClosed()) return Promise.resolve(E.left(closedError))
      try {
        upsert.run(
          snapshot.streamName,
          snapshot.revision,
          snapshot.snapshotVersion,
          encodeJson(snapshot.state),
          snapshot.lastHash,
          encodeJson(snapshot.recentCommandIds),
          snapshot.stateDigest ?? null,
        )
        return Promise.resolve(E.right(undefined))
      } catch (error) {
        return Promise.resolve(
          E.left(storeUnavailable(error, `saving the snapshot of ${snapshot.streamName} in`, file)),
        )
      }
    },
  }
}
