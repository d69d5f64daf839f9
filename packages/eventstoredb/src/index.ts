export {
  eventStoreDbEventStore,
  type EventStoreDbEventStore,
  type EventStoreDbEventStoreOptions,
  type EsdbConnection,
} from './eventstoredb-event-store.js'
export type { EsdbClient } from './client.js'
export type { RetryPolicy, ResubscribePolicy } from './retry.js'
