import type { ReadReq } from '@eventstore/db-client/generated/streams_pb.js'
import type { AllFilter } from './all-filter.js'
import type { RecordedEvent } from './memory-log.js'
import { streams } from './protocol.js'

const take = (events: readonly RecordedEvent[], count: bigint): readonly RecordedEvent[] =>
  count >= BigInt(events.length) ? events : events.slice(0, Number(count))

const revisionOf = (text: string): bigint => (/^\d+$/.test(text) ? BigInt(text) : 0n)

/**
 * The events of one stream a read returns: forwards from a revision (inclusive) or backwards down from it
 * (inclusive), where start means revision 0 and end means the last revision.
 */
export const selectStream = (
  events: readonly RecordedEvent[],
  options: ReadReq.Options.StreamOptions,
  forwards: boolean,
  count: bigint,
): readonly RecordedEvent[] => {
  const Case = streams.ReadReq.Options.StreamOptions.RevisionOptionCase
  const last = events.at(-1)?.revision ?? -1n
  const from = (() => {
    switch (options.getRevisionOptionCase()) {
      case Case.END:
        return forwards ? last + 1n : last
      case Case.REVISION:
        return revisionOf(options.getRevision())
      default:
        return 0n
    }
  })()
  const selected = forwards
    ? events.filter(event => event.revision >= from)
    : events.filter(event => event.revision <= from).reverse()
  return take(selected, count)
}

/**
 * The `$all` events a read returns: forwards from a position (inclusive), backwards from a position (exclusive,
 * the events before it), from the start or from the end, through the filter when one was asked for.
 */
export const selectAll = (
  log: readonly RecordedEvent[],
  options: ReadReq.Options.AllOptions,
  forwards: boolean,
  filter: AllFilter | undefined,
  count: bigint,
): readonly RecordedEvent[] => {
  const Case = streams.ReadReq.Options.AllOptions.AllOptionCase
  const position = revisionOf(options.getPosition()?.getCommitPosition() ?? '0')
  const inRange = (event: RecordedEvent): boolean => {
    switch (options.getAllOptionCase()) {
      case Case.END:
        return !forwards
      case Case.POSITION:
        return forwards ? event.position >= position : event.position < position
      default:
        return forwards
    }
  }
  const ordered = forwards ? log : [...log].reverse()
  return take(
    ordered.filter(event => inRange(event) && (filter === undefined || filter.matches(event))),
    count,
  )
}
