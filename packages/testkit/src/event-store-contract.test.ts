import { randomUUID } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import { type EventStore, type StoredRecord, inMemoryEventStore } from '@pembina/core'
import { eventStoreContract } from './event-store-contract.js'

// The in-memory store cannot hold a corrupt record, so this wrapper reads events of one type as corrupt: it checks
// the contract's corrupt-record case itself, and shows adapters how to supply `writeCorruptRecord`.
const corruptType = 'ContractCorruptRecord'

const asRecord = (record: StoredRecord): StoredRecord =>
  record.kind === 'event' && record.type === corruptType
    ? {
        kind: 'corrupt',
        streamName: record.streamName,
        revision: record.revision,
        position: record.position,
        reason: 'broken JSON',
      }
    : record

async function* mapped<T>(records: AsyncIterable<T>, map: (record: T) => T): AsyncGenerator<T> {
  for await (const record of records) yield map(record)
}

const withCorruptRecords = (store: EventStore): EventStore => {
  const { readAndAppend } = store
  return {
    ...store,
    ...(readAndAppend && {
      readAndAppend: (streamName, fromRevision, write) =>
        readAndAppend(streamName, fromRevision, records => write([...records].map(asRecord))),
    }),
    readStream: (streamName, options) => mapped(store.readStream(streamName, options), asRecord),
    readAll: options => mapped(store.readAll(options), asRecord),
    subscribe: options => {
      const subscription = store.subscribe(options)
      const records = mapped(subscription, delivered =>
        delivered.kind === 'caught-up' ? delivered : asRecord(delivered),
      )
      return { close: subscription.close, [Symbol.asyncIterator]: () => records }
    },
  }
}

eventStoreContract('in-memory, reading one event type as corrupt', () => withCorruptRecords(inMemoryEventStore()), {
  largeStreamSize: 1_000,
  countsEvents: true,
  locksWrites: true,
  writeCorruptRecord: async (store, streamName) => {
    const corrupt = { eventId: randomUUID(), type: corruptType, data: {}, metadata: {} }
    const result = await store.append(streamName, [corrupt], 'any')()
    if (E.isLeft(result)) throw new Error(`could not write the corrupt record: ${result.left._tag}`)
  },
})
