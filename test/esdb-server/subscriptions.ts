import type { ReadReq } from '@eventstore/db-client/generated/streams_pb.js'
import type { AllFilter } from './all-filter.js'
import type { ServerGeneration } from './features-rpc.js'
import type { MemoryLog, RecordedEvent } from './memory-log.js'
import { streams } from './protocol.js'
import type { ReadSink } from './read-sink.js'
import { streamDeletedError } from './rpc-errors.js'
import { deletedStreamRevision, tombstoneEventType } from './stream-metadata.js'
import { caughtUpResponse, checkpointResponse, confirmationResponse, eventResponse } from './wire.js'

const isTombstone = (event: RecordedEvent): boolean =>
  event.type === tombstoneEventType && event.revision === deletedStreamRevision

// Catch-up and going live happen in one synchronous turn, so no event can slip between the two.

/** How many events one page of a subscription's catch-up reads (`ReadBatchSize` in EventStoreDB's Enumerators.cs). */
export const readBatchSize = 32

/**
 * A subscription to one stream: confirmation, the recorded events after the requested revision (exclusive; start
 * means all, end means none) that a stream read shows, `caught_up` (23.10 and later; a 22.10 node sends nothing,
 * Enumerators.StreamSubscription.cs), then each new event; a tombstone ends it with StreamDeleted.
 */
export const subscribeToStream = (
  log: MemoryLog,
  sink: ReadSink,
  streamName: string,
  options: ReadReq.Options.StreamOptions,
  subscriptionId: string,
  generation: ServerGeneration,
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
    if (event.revision <= deliveredUpTo || !log.isVisible(event)) return
    deliveredUpTo = event.revision
    sink.write(eventResponse(event))
  }
  for (const event of recorded) deliver(event)
  if (generation === '23.10') sink.write(caughtUpResponse())
  sink.onClose(
    log.onRecorded(event => {
      if (event.streamName !== streamName) return
      if (isTombstone(event)) sink.fail(streamDeletedError(streamName))
      else deliver(event)
    }),
  )
}

/** Where a `$all` catch-up starts reading, and which events it has to go through. */
const backlogOf = (
  recorded: readonly RecordedEvent[],
  options: ReadReq.Options.AllOptions,
): { readonly from: bigint; readonly events: readonly RecordedEvent[] } => {
  const Case = streams.ReadReq.Options.AllOptions.AllOptionCase
  switch (options.getAllOptionCase()) {
    case Case.END:
      return { from: recorded.at(-1)?.postPosition ?? 0n, events: [] }
    case Case.POSITION: {
      const after = options.getPosition()?.getCommitPosition() ?? ''
      if (!/^\d+$/.test(after)) return { from: 0n, events: recorded }
      // Subscribe reads the one event at the position and catches up from its post-position (exclusive start).
      const position = BigInt(after)
      const from = recorded.find(event => event.position === position)?.postPosition ?? position
      return { from, events: recorded.filter(event => event.position >= from) }
    }
    default:
      return { from: 0n, events: recorded }
  }
}

/** One page of a filtered catch-up, as AllReader.ReadAllEventsForwardInternal reads it. */
interface FilteredPage {
  readonly matched: readonly RecordedEvent[]
  readonly considered: number
  readonly endOfStream: boolean
  /** Where the next page starts. */
  readonly next: number
}

// Reads until a page holds `readBatchSize` matches or has examined `maxSearchWindow` events; only a page that runs
// into the end of the log is the end of the stream.
const filteredPage = (events: readonly RecordedEvent[], start: number, filter: AllFilter): FilteredPage => {
  const matched: RecordedEvent[] = []
  let considered = 0
  let index = start
  while (matched.length < readBatchSize && considered < filter.maxSearchWindow) {
    const event = events[index]
    if (event === undefined) return { matched, considered, endOfStream: true, next: index }
    considered += 1
    index += 1
    if (filter.matches(event)) matched.push(event)
  }
  return { matched, considered, endOfStream: false, next: index }
}

/**
 * A subscription to `$all`, as EventStoreDB 23.10's Enumerators.AllSubscription and AllSubscriptionFiltered serve
 * it: confirmation, the recorded events after the requested position (exclusive), `caught_up`, then each new event.
 *
 * A filtered subscription reads its catch-up in pages (at most 32 matches, at most `maxSearchWindow` examined) and
 * adds each page's examined count to a counter; after a page that is not the last, a counter at or past
 * `checkpointInterval` sends a checkpoint at the last event sent from that page (the page's start when it sent
 * none) and keeps the remainder. The page that reaches the end sends none: the subscription goes live with the
 * counter, and SubscriptionsService.ProcessEventCommited counts every new event (matching or not), sending a
 * checkpoint at the event that reaches the interval and starting again from 0.
 *
 * A 22.10 node (`generation` '22.10') sends no `caught_up`: every `$all` subscription, filtered or not, sends a
 * checkpoint at the position it caught up at (the end of the log) instead; its live counter starts at 0, and each
 * live checkpoint repeats that caught-up position (its PumpLiveMessages writes the captured position, not the
 * checkpoint's).
 */
export const subscribeToAll = (
  log: MemoryLog,
  sink: ReadSink,
  options: ReadReq.Options.AllOptions,
  filter: AllFilter | undefined,
  subscriptionId: string,
  generation: ServerGeneration,
): void => {
  sink.write(confirmationResponse(subscriptionId))
  const recorded = [...log.all()]
  const backlog = backlogOf(recorded, options)
  const startsAtEnd = options.getAllOptionCase() === streams.ReadReq.Options.AllOptions.AllOptionCase.END
  let counter = 0
  if (filter === undefined) for (const event of backlog.events) sink.write(eventResponse(event))
  else {
    let index = 0
    let pageStart = backlog.from
    for (;;) {
      const page = filteredPage(backlog.events, index, filter)
      for (const event of page.matched) sink.write(eventResponse(event))
      counter += page.considered
      if (page.endOfStream) break
      if (counter >= filter.checkpointInterval) {
        counter %= filter.checkpointInterval
        sink.write(checkpointResponse(page.matched.at(-1)?.position ?? pageStart))
      }
      index = page.next
      pageStart = backlog.events[page.next - 1]?.postPosition ?? pageStart
    }
  }
  // Starting at the end, a 22.10 node reports the last indexed position; otherwise the end of its catch-up reads.
  const caughtUpAt = startsAtEnd ? (recorded.at(-1)?.position ?? 0n) : log.endPosition()
  if (generation === '23.10') sink.write(caughtUpResponse())
  else sink.write(checkpointResponse(caughtUpAt))
  if (generation === '22.10') counter = 0
  sink.onClose(
    log.onRecorded(event => {
      if (filter === undefined) {
        sink.write(eventResponse(event))
        return
      }
      if (filter.matches(event)) sink.write(eventResponse(event))
      counter += 1
      if (counter < filter.checkpointInterval) return
      counter = 0
      sink.write(checkpointResponse(generation === '23.10' ? event.position : caughtUpAt))
    }),
  )
}
