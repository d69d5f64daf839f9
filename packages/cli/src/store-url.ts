import { existsSync } from 'node:fs'
import * as E from 'fp-ts/lib/Either.js'
import { type EventStore, inMemoryEventStore } from '@pembina/core'
import { eventStoreDbEventStore } from '@pembina/eventstoredb'
import { sqliteEventStore } from '@pembina/sqlite'
import { CliError } from './cli-error.js'
import { appendExported, readExport } from './commands/export-import.js'

/** Where a command's events are: an SQLite file, an EventStoreDB / KurrentDB cluster, or an export (read-only). */
export type StoreUrl =
  | { readonly kind: 'sqlite'; readonly path: string }
  | { readonly kind: 'esdb'; readonly connectionString: string }
  | { readonly kind: 'jsonl'; readonly path: string }

/** The store URL when none is given: the embedded store in the current folder. */
export const defaultStoreUrl = 'sqlite:pembina.db'

const esdbSchemes = ['esdb://', 'esdb+discover://', 'kurrentdb://', 'kurrentdb+discover://', 'kdb://']

/**
 * Reads a store URL: `sqlite:FILE` (a path, relative to the current folder or absolute) or an EventStoreDB / KurrentDB
 * connection string (`esdb://HOST:PORT?tls=false`, `esdb+discover://…`, `kurrentdb://…`). Anything else is a
 * `CliError` naming what was given and what is accepted.
 */
export const parseStoreUrl = (text: string): StoreUrl => {
  if (text.startsWith('sqlite:')) {
    const path = text.slice('sqlite:'.length)
    if (path === '') throw new CliError(`store URL "${text}" names no file: write sqlite:FILE, e.g. ${defaultStoreUrl}`)
    return { kind: 'sqlite', path }
  }
  if (text.startsWith('jsonl:')) {
    const path = text.slice('jsonl:'.length)
    if (path === '') throw new CliError(`store URL "${text}" names no file: write jsonl:FILE, an export`)
    return { kind: 'jsonl', path }
  }
  if (esdbSchemes.some(scheme => text.startsWith(scheme))) return { kind: 'esdb', connectionString: text }
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(text)?.[1]
  throw new CliError(
    `${scheme === undefined ? `store URL "${text}" has no scheme` : `unknown store URL scheme "${scheme}:" in "${text}"`}: use sqlite:FILE, esdb://HOST:PORT or jsonl:FILE`,
  )
}

/**
 * Opens the store of a URL. With `mustExist` (commands that only read), an SQLite file that does not exist is a
 * `CliError` rather than a new empty store.
 */
export const openStore = async (url: StoreUrl, options: { readonly mustExist: boolean }): Promise<EventStore> => {
  if (url.kind === 'esdb') return eventStoreDbEventStore({ connectionString: url.connectionString })
  if (url.kind === 'jsonl') return jsonlStore(url.path)
  if (options.mustExist && !existsSync(url.path))
    throw new CliError(`no store at ${url.path}: the file does not exist (run pembina demo to create one)`)
  return sqliteEventStore({ path: url.path })
}

/**
 * An export (`pembina export`) as a store to read: every line checked as `import` checks it, the events loaded in
 * memory in the file's order with their ids, data and metadata, and every write refused. For auditing or replaying a
 * file someone handed over, without a database; memory grows with the file.
 */
const jsonlStore = async (path: string): Promise<EventStore> => {
  const events = readExport(path)
  const store = inMemoryEventStore()
  for (const event of events) {
    const appended = await appendExported(store, event)
    if (E.isLeft(appended))
      throw new CliError(`${path}: ${event.streamName} revision ${event.revision} cannot be loaded`)
  }
  const readOnly = `jsonl:${path} is read-only: import it into a store to write to it`
  // Every write refused: no locked write offered, and an append answers that the file is read-only.
  return {
    readStream: store.readStream,
    readAll: store.readAll,
    subscribe: store.subscribe,
    streamRevision: store.streamRevision,
    close: store.close,
    ...(store.countAfter === undefined ? {} : { countAfter: store.countAfter }),
    append: () => () => Promise.resolve(E.left({ _tag: 'StoreUnavailable' as const, message: readOnly })),
  }
}
