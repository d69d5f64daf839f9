import Database from 'better-sqlite3'
import type { Instant } from '@pembina/core'
import type { JsonValue } from '@pembina/projections'
import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import type { Answer } from './answers.js'

/**
 * What the ledger knows of an `Idempotency-Key`: nothing yet (`new`, now claimed for this request), the same request
 * before (`same`, with its answer when one was kept), or another request (`reused`: a key is for one request only).
 */
export type Claim =
  | { readonly kind: 'new' }
  | { readonly kind: 'same'; readonly answer: Answer | undefined }
  | { readonly kind: 'reused'; readonly firstAt: string }

/**
 * The requests each `Idempotency-Key` was first used for, and the answers the event store cannot give back. A command
 * that wrote events needs no kept answer: the handler finds its id in the stream and returns the first outcome again.
 * A rejection or a command that changed nothing leaves no trace in a stream, so its answer is kept here, and a retry
 * gets it back even if the stream has moved on since.
 */
export interface RequestLedger {
  /** Claims the key for a request (by its fingerprint), or says who had it. */
  readonly claim: (key: string, fingerprint: string, at: Instant) => Claim
  /** Keeps the answer of the key's request unless one is kept already; answers with the one kept, and whether it is this. */
  readonly keep: (key: string, answer: Answer) => { readonly kept: Answer; readonly first: boolean }
  readonly close: () => void
}

const Row = t.type({
  fingerprint: t.string,
  first_at: t.string,
  status: t.union([t.number, t.null]),
  body: t.union([t.string, t.null]),
})

/** The ledger in an SQLite file of its own (WAL; a lost last write only means that answer is decided again). */
export const sqliteRequestLedger = (path: string): RequestLedger => {
  const db = new Database(path)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  db.pragma('busy_timeout = 5000')
  db.exec(`CREATE TABLE IF NOT EXISTS requests (
    key         TEXT PRIMARY KEY,
    fingerprint TEXT NOT NULL,
    first_at    TEXT NOT NULL,
    status      INTEGER,
    body        TEXT
  )`)
  const insert = db.prepare('INSERT OR IGNORE INTO requests (key, fingerprint, first_at) VALUES (?, ?, ?)')
  const select = db.prepare('SELECT fingerprint, first_at, status, body FROM requests WHERE key = ?')
  const update = db.prepare('UPDATE requests SET status = ?, body = ? WHERE key = ? AND status IS NULL')

  const read = (key: string): t.TypeOf<typeof Row> => {
    const row = Row.decode(select.get(key))
    if (E.isLeft(row)) throw new Error(`the request ledger ${path} holds an unreadable row for ${key}`)
    return row.right
  }
  // The ledger wrote this text with JSON.stringify from an answer's body, so it parses back to a JSON value.
  const answerOf = (row: t.TypeOf<typeof Row>): Answer | undefined =>
    row.status === null || row.body === null
      ? undefined
      : { status: row.status, body: JSON.parse(row.body) as JsonValue }

  return {
    claim: (key, fingerprint, at) => {
      if (insert.run(key, fingerprint, at).changes === 1) return { kind: 'new' }
      const row = read(key)
      return row.fingerprint === fingerprint
        ? { kind: 'same', answer: answerOf(row) }
        : { kind: 'reused', firstAt: row.first_at }
    },
    keep: (key, answer) => {
      if (update.run(answer.status, JSON.stringify(answer.body), key).changes === 1)
        return { kept: answer, first: true }
      return { kept: answerOf(read(key)) ?? answer, first: false }
    },
    close: () => {
      db.close()
    },
  }
}
