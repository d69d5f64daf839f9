// A plain better-sqlite3 connection beside the store, as a DBA's tool would open one. The driver is a dependency of
// @pembina/sqlite only, so it is required from there and its methods are reached through Reflect, typed as unknown.
import { createRequire } from 'node:module'
import { resolve } from 'node:path'

/** The few things the reliability tests do to a database file behind the store's back. */
export interface RawDatabase {
  /** Runs SQL statements (an UPDATE that breaks a row, say). */
  readonly exec: (sql: string) => void
  /** The single-line answer of `PRAGMA integrity_check`: 'ok' for a sound file. */
  readonly integrityCheck: () => unknown
  /** Closes the connection. */
  readonly close: () => void
}

const sqlitePackage = resolve(import.meta.dirname, '../../packages/sqlite/package.json')

const method =
  (target: object, name: string) =>
  (...args: readonly unknown[]): unknown => {
    const fn: unknown = Reflect.get(target, name)
    if (typeof fn !== 'function') throw new TypeError(`a better-sqlite3 database has no ${name}()`)
    const result: unknown = Reflect.apply(fn, target, args)
    return result
  }

/** Opens `file` with better-sqlite3 directly (a connection of its own, not the store's). */
export const openRawDatabase = (file: string): RawDatabase => {
  const driver: unknown = createRequire(sqlitePackage)('better-sqlite3')
  if (typeof driver !== 'function') throw new TypeError('better-sqlite3 did not export a constructor')
  const db: unknown = Reflect.construct(driver, [file])
  if (typeof db !== 'object' || db === null) throw new TypeError('better-sqlite3 did not open a database')
  return {
    exec: sql => {
      method(db, 'exec')(sql)
    },
    integrityCheck: () => method(db, 'pragma')('integrity_check', { simple: true }),
    close: () => {
      method(db, 'close')()
    },
  }
}
