export { sqliteEventStore, type SqliteEventStore, type SqliteEventStoreOptions } from './sqlite-event-store.js'
export type { ConnectionPragmas, Durability } from './connection.js'
export { SqliteSchemaError, type SchemaProblem, latestEventsVersion } from './schema.js'
export {
  sqliteReadModelStore,
  type SqliteReadModelStore,
  type SqliteReadModelStoreOptions,
} from './read-model-store.js'
export { sqliteKeyStore, type SqliteKeyStore, type SqliteKeyStoreOptions } from './key-store.js'
