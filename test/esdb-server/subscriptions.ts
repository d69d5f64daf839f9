import type { ReadReq } from '@eventstore/db-client/generated/streams_pb.js'
import type { AllFilter } from './all-filter.js'
import type { MemoryLog, RecordedEvent } from './memory-log.js'
import { streams } from './protocol.js'
import type { ReadSink } from './read-sink.js'
import { streamDeletedError } from './rpc-errors.js'
import { deletedStreamRevision, tombstoneEventType } from './stream-metadata.js'
import { caughtUpResponse, checkpointResponse, confirmationResponse, eventResponse } from './wire.js'

const isTombstone = (event: RecordedEvent): boolean =>
  event.type === tombstoneEventType && event.revision === deletedStreamRevision

// Catch-up and going live happen in one synchronous turn, so no event can slip between the two.

/**
 * A subscription to one stream: confirmation, the recorded events after the requested revision (exclusive; start
 * means all, end means none), `caught_up`, then each new event; a tombstone ends it with StreamDeleted.
 */
export const subscribeToStream = (
  log: MemoryLog,
  sink: ReadSink,
  streamName: string,
  options: ReadReq.Options.StreamOptions,
  subscriptionId: string,
): void => {
  sink.write(confirmationResponse(subscriptionId))
  const lookup = log.readStream(streamName)
  if (lookup.kind === 'deleted') {
    sink.fail(streamDeletedError(streamName))
    return
  }
  const recorded = lookup.kind === 'found' ? lookup.events : []
  const Case = streams.ReadReq.Options.StreamOptions.RevisionOptionCase
  let deliveredUpTo = (() => {
    switch (options.getRevisionOptionCase()) {
      case Case.END:
        return recorded.at(-1)?.revision ?? -1n
      case Case.REVISION:
        return /^\d+$/.test(options.getRevision()) ? BigInt(options.getRevision()) : -1n
      default:
        return -1n
    }
  })()
  const deliver = (event: RecordedEvent): void => {
    if (event.revision <= deliveredUpTo || event.revision < log.visibleFrom(streamName)) return
    deliveredUpTo = event.revision
    sink.write(eventResponse(event))
  }
  for (const event of recorded) deliver(event)
  sink.write(caughtUpResponse())
  sink.onClose(
    log.onRecorded(event => {
      if (event.streamName !== streamName) return
      if (isTombstone(event)) sink.fail(streamDeletedError(streamName))
      else deliver(event)
    }),
  )
}

/**
 * A subscription to `$all`: confirmation, the recorded events after the requested position (exclusive), then
 * `caught_up` and each new event. With a filter, only matching events are sent, and a checkpoint goes out every
 * `checkpointInterval` examined events and once more on catching up.
 */
export const subscribeToAll = (
  log: MemoryLog,
  sink: ReadSink,
  options: ReadReq.Options.AllOptions,
  filter: AllFilter | undefined,
  subscriptionId: string,
): void => {
  sink.write(confirmationResponse(subscriptionId))
  const Case = streams.ReadReq.Options.AllOptions.AllOptionCase
  const recorded = [...log.all()]
  const after = options.getPosition()?.getCommitPosition() ?? ''
  const backlog = (() => {
    switch (options.getAllOptionCase()) {
      case Case.END:
        return []
      case Case.POSITION:
        return /^\d+$/.test(after) ? recorded.filter(event => event.position > BigInt(after)) : recorded
      default:
        return recorded
    }
  })()
  let examined = 0
  const deliver = (event: RecordedEvent): void => {
    if (filter === undefined) {
      sink.write(eventResponse(event))
      return
    }
    if (filter.matches(event)) sink.write(eventResponse(event))
    examined += 1
    if (examined < filter.checkpointInterval) return
    examined = 0
    sink.write(checkpointResponse(event.position))
  }
  for (const event of backlog) deliver(event)
  const last = recorded.at(-1)
  if (filter !== undefined && last !== undefined) {
    examined = 0
    sink.write(checkpointResponse(last.position))
  }
  sink.write(caughtUpResponse())
  sink.onClose(log.onRecorded(deliver))
}
