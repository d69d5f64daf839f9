import type { ReadReq } from '@eventstore/db-client/generated/streams_pb.js'
import type { RecordedEvent } from './memory-log.js'
import { streams } from './protocol.js'

/** A server-side `$all` filter: which events pass, and after how many examined events a subscription checkpoints. */
export interface AllFilter {
  readonly matches: (event: RecordedEvent) => boolean
  /** How many events one page of a filtered read examines at most (the request's `max`, or 32 for `count`). */
  readonly maxSearchWindow: number
  /** `checkpointIntervalMultiplier × maxSearchWindow`, as Enumerators.AllSubscriptionFiltered computes it. */
  readonly checkpointInterval: number
}

/** The search window EventStoreDB assumes when a filter asks for `count` instead of a maximum. */
export const defaultSearchWindow = 32

const expressionMatcher = (
  expression: ReadReq.Options.FilterOptions.Expression | undefined,
): ((text: string) => boolean) => {
  const prefixes = expression?.getPrefixList() ?? []
  if (prefixes.length > 0) return text => prefixes.some(prefix => text.startsWith(prefix))
  const regex = expression?.getRegex() ?? ''
  if (regex === '') return () => true
  // EventStoreDB runs .NET's Regex.IsMatch: unanchored, like RegExp.test.
  const pattern = new RegExp(regex)
  return text => pattern.test(text)
}

/** The filter a read request asks for, or undefined when it asked for none. */
export const allFilterOf = (options: ReadReq.Options): AllFilter | undefined => {
  const filter = options.getFilter()
  if (filter === undefined) return undefined
  const Case = streams.ReadReq.Options.FilterOptions.FilterCase
  const window = filter.getWindowCase() === streams.ReadReq.Options.FilterOptions.WindowCase.MAX ? filter.getMax() : 0
  const maxSearchWindow = window > 0 ? window : defaultSearchWindow
  const checkpointInterval = Math.max(1, filter.getCheckpointintervalmultiplier()) * maxSearchWindow
  switch (filter.getFilterCase()) {
    case Case.STREAM_IDENTIFIER: {
      const matches = expressionMatcher(filter.getStreamIdentifier())
      return { matches: event => matches(event.streamName), maxSearchWindow, checkpointInterval }
    }
    case Case.EVENT_TYPE: {
      const matches = expressionMatcher(filter.getEventType())
      return { matches: event => matches(event.type), maxSearchWindow, checkpointInterval }
    }
    default:
      return { matches: () => true, maxSearchWindow, checkpointInterval }
  }
}
