import { randomUUID } from 'node:crypto'
import { status, type handleServerStreamingCall } from '@grpc/grpc-js'
import type { ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb.js'
import { allFilterOf } from './all-filter.js'
import type { ServerGeneration } from './features-rpc.js'
import type { MemoryLog } from './memory-log.js'
import type { OpenCalls } from './open-calls.js'
import { streams } from './protocol.js'
import { plainError, streamDeletedError } from './rpc-errors.js'
import { selectAll, selectStream } from './read-selection.js'
import { sinkOf } from './read-sink.js'
import { subscribeToAll, subscribeToStream } from './subscriptions.js'
import { streamNameOf, eventResponse, streamNotFoundResponse } from './wire.js'

const countOf = (options: ReadReq.Options): bigint => {
  const count = options.getCount()
  return /^\d+$/.test(count) ? BigInt(count) : 0n
}

/**
 * `Streams.Read`: reads of one stream or of `$all`, and subscriptions to either, chosen by the request's options.
 */
export const readRpc =
  (
    log: MemoryLog,
    openCalls: OpenCalls,
    generation: ServerGeneration = '23.10',
    newSubscriptionId: () => string = randomUUID,
  ): handleServerStreamingCall<ReadReq, ReadResp> =>
  call => {
    const options = call.request.getOptions()
    const subscribing = options?.getCountOptionCase() === streams.ReadReq.Options.CountOptionCase.SUBSCRIPTION
    const sink = sinkOf(call, openCalls, subscribing ? 'subscription' : 'read')
    if (options === undefined) {
      sink.fail(plainError(status.INVALID_ARGUMENT, 'A read needs options'))
      return
    }
    const forwards = options.getReadDirection() === streams.ReadReq.Options.ReadDirection.FORWARDS
    const streamOptions = options.getStream()
    const allOptions = options.getAll()
    if (streamOptions !== undefined) {
      const streamName = streamNameOf(streamOptions.getStreamIdentifier())
      if (streamName === undefined) {
        sink.fail(plainError(status.INVALID_ARGUMENT, 'A stream read needs a stream name'))
        return
      }
      if (subscribing) {
        subscribeToStream(log, sink, streamName, streamOptions, newSubscriptionId(), generation)
        return
      }
      const lookup = log.readStream(streamName)
      switch (lookup.kind) {
        case 'deleted':
          sink.fail(streamDeletedError(streamName))
          return
        case 'not-found':
          sink.write(streamNotFoundResponse(streamName))
          sink.end()
          return
        case 'found':
          for (const event of selectStream(lookup.events, streamOptions, forwards, countOf(options)))
            sink.write(eventResponse(event))
          sink.end()
          return
      }
    }
    if (allOptions !== undefined) {
      const filter = allFilterOf(options)
      if (subscribing) {
        subscribeToAll(log, sink, allOptions, filter, newSubscriptionId(), generation)
        return
      }
      for (const event of selectAll(log.all(), allOptions, forwards, filter, countOf(options)))
        sink.write(eventResponse(event))
      sink.end()
      return
    }
    sink.fail(plainError(status.INVALID_ARGUMENT, 'A read needs a stream or $all'))
  }
