export {
  eventStoreDbEventStore,
  type EventStoreDbEventStore,
  type EventStoreDbEventStoreOptions,
  type EsdbConnection,
} from './eventstoredb-event-store.js'
export type {
  ClientAppendOptions,
  ClientAppendResult,
  ClientExpectedRevision,
  ClientFilter,
  ClientFilterBase,
  ClientJsonData,
  ClientJsonEvent,
  ClientPackage,
  ClientPosition,
  ClientSubscription,
  EsdbClient,
} from './client.js'
export { defaultMaxAppendSize } from './append.js'
export type { RetryPolicy, ResubscribePolicy } from './retry.js'
