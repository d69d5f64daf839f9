// The baselines talk to SQLite through better-sqlite3 directly, the driver @pembina/sqlite itself uses. Under pnpm's
// strict layout it is a dependency of packages/sqlite only, so it is resolved from there.
import { createRequire } from 'node:module'
import { resolve } from 'node:path'

/** The part of a better-sqlite3 prepared statement the baselines use; `Row` is the shape its SELECT returns. */
export interface Statement<Row> {
  readonly run: (...params: readonly unknown[]) => unknown
  readonly get: (...params: readonly unknown[]) => Row | undefined
  readonly all: (...params: readonly unknown[]) => Row[]
  readonly iterate: (...params: readonly unknown[]) => IterableIterator<Row>
}

/** The part of a better-sqlite3 connection the baselines use. */
export interface Database {
  readonly prepare: <Row = unknown>(sql: string) => Statement<Row>
  readonly exec: (sql: string) => unknown
  readonly pragma: (source: string) => unknown
  readonly close: () => unknown
}

type DatabaseConstructor = new (file: string, options?: { readonly timeout?: number }) => Database

/** The repository root, where `pnpm bench` runs. */
export const repositoryRoot = resolve(import.meta.dirname, '..', '..')

const isConstructor = (value: unknown): value is DatabaseConstructor => typeof value === 'function'

const loadDriver = (): DatabaseConstructor => {
  const require = createRequire(resolve(repositoryRoot, 'packages', 'sqlite', 'package.json'))
  const driver: unknown = require('better-sqlite3')
  if (!isConstructor(driver)) throw new Error('better-sqlite3 (resolved from packages/sqlite) is not a constructor')
  return driver
}

let driver: DatabaseConstructor | undefined

/** Opens a database file with better-sqlite3, as a hand-written application would. */
export const openDatabase = (file: string): Database => {
  driver ??= loadDriver()
  return new driver(file, { timeout: 5_000 })
}

/** The SQLite synchronous levels the benchmarks compare. */
export type SyncMode = 'FULL' | 'NORMAL'

/** Sets what `sqliteEventStore` sets for a durability: WAL, the synchronous level and fullfsync (macOS only). */
export const configureLikeStore = (db: Database, mode: SyncMode): void => {
  db.pragma('journal_mode = WAL')
  db.pragma(`synchronous = ${mode}`)
  db.pragma(`fullfsync = ${mode === 'FULL' ? 'ON' : 'OFF'}`)
}
