import { existsSync } from 'node:fs'
import type { EventStore } from '@pembina/core'
import { eventStoreDbEventStore } from '@pembina/eventstoredb'
import { sqliteEventStore } from '@pembina/sqlite'
import { CliError } from './cli-error.js'

/** Where a command's events are: an SQLite file, or an EventStoreDB / KurrentDB cluster. */
export type StoreUrl =
  { readonly kind: 'sqlite'; readonly path: string } | { readonly kind: 'esdb'; readonly connectionString: string }

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
  if (esdbSchemes.some(scheme => text.startsWith(scheme))) return { kind: 'esdb', connectionString: text }
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(text)?.[1]
  throw new CliError(
    `${scheme === undefined ? `store URL "${text}" has no scheme` : `unknown store URL scheme "${scheme}:" in "${text}"`}: use sqlite:FILE or esdb://HOST:PORT`,
  )
}

/**
 * Opens the store of a URL. With `mustExist` (commands that only read), an SQLite file that does not exist is a
 * `CliError` rather than a new empty store.
 */
export const openStore = (url: StoreUrl, options: { readonly mustExist: boolean }): EventStore => {
  if (url.kind === 'esdb') return eventStoreDbEventStore({ connectionString: url.connectionString })
  if (options.mustExist && !existsSync(url.path))
    throw new CliError(`no store at ${url.path}: the file does not exist (run pembina demo to create one)`)
  return sqliteEventStore({ path: url.path })
}
