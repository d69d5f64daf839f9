import { openStore, parseStoreUrl, type StoreUrl } from '@pembina/cli'
import type { EventStore } from '@pembina/core'
import type { ReadModelStore } from '@pembina/projections'
import { sqliteKeyStore, type SqliteKeyStore, sqliteReadModelStore } from '@pembina/sqlite'
import { type RequestLedger, sqliteRequestLedger } from './request-ledger.js'

/** The files the service keeps beside its event store. */
export interface StoreFiles {
  /** The standard read models, the projectors' checkpoints and the reactor's checkpoint and parked list. */
  readonly readModels: string
  /** The keys the personal data is sealed with, and the decryption log: a file of its own, never exported. */
  readonly keys: string
  /** The ledger of `Idempotency-Key`s. */
  readonly requests: string
}

/**
 * Where the files go when not given: beside an SQLite event store (`pembina.db.read-models`, `pembina.db.keys`,
 * `pembina.db.requests`), or in the current folder for an EventStoreDB.
 */
export const defaultFiles = (url: StoreUrl): StoreFiles =>
  url.kind === 'sqlite'
    ? { readModels: `${url.path}.read-models`, keys: `${url.path}.keys`, requests: `${url.path}.requests` }
    : { readModels: 'pembina-read-models.db', keys: 'pembina-keys.db', requests: 'pembina-requests.db' }

/** Every store the service holds open. */
export interface Stores {
  readonly events: EventStore
  readonly readModels: ReadModelStore
  readonly keys: SqliteKeyStore
  readonly ledger: RequestLedger
  /** Closes them all, the event store last. */
  readonly close: () => Promise<void>
}

/** How the stores are chosen: a store URL, or an event store already open; the files beside it. */
export interface StoreChoice {
  /** `sqlite:FILE` or an EventStoreDB / KurrentDB connection string (`esdb://host:2113?tls=false`, `kurrentdb://…`). */
  readonly url: string
  /** An event store already open, used instead of opening `url` (and closed with the service). */
  readonly events?: EventStore
  readonly files?: Partial<StoreFiles>
}

/**
 * Opens the stores: the event store of the URL (the CLI's parsing: `sqlite:FILE`, `esdb://…`; an export, `jsonl:`, is
 * read-only and refused), the read models and the key store in SQLite files of their own, and the request ledger.
 */
export const openStores = async (choice: StoreChoice): Promise<Stores> => {
  const url = parseStoreUrl(choice.url)
  if (url.kind === 'jsonl') throw new Error(`${choice.url} is a read-only export: serve sqlite:FILE or an EventStoreDB`)
  const files = { ...defaultFiles(url), ...choice.files }
  const events = choice.events ?? (await openStore(url, { mustExist: false }))
  const opened: (() => Promise<void> | void)[] = [() => events.close()]
  try {
    const readModels = sqliteReadModelStore({ path: files.readModels })
    opened.push(() => readModels.close())
    const keys = sqliteKeyStore({ path: files.keys })
    opened.push(() => {
      keys.close()
    })
    const ledger = sqliteRequestLedger(files.requests)
    opened.push(() => {
      ledger.close()
    })
    return { events, readModels, keys, ledger, close: () => closeAll(opened) }
  } catch (error) {
    await closeAll(opened)
    throw error
  }
}

/** Closes in the reverse order of opening; every one is closed even when one fails, and the first failure is thrown. */
const closeAll = async (opened: readonly (() => Promise<void> | void)[]): Promise<void> => {
  const failures: unknown[] = []
  for (const close of [...opened].reverse())
    try {
      await close()
    } catch (error) {
      failures.push(error)
    }
  if (failures.length > 0) throw failures[0]
}
