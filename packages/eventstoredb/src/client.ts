import type { EventStoreDBClient } from '@eventstore/db-client'

/**
 * The part of an EventStoreDB client this adapter calls: append, the two reads, the subscription to `$all` and
 * dispose. Depending on this shape rather than on the class lets a host pass any client with these methods.
 */
export type EsdbClient = Pick<
  EventStoreDBClient,
  'appendToStream' | 'readStream' | 'readAll' | 'subscribeToAll' | 'dispose'
>
