import {
  Metadata,
  status,
  type ServerErrorResponse,
  type handleBidiStreamingCall,
  type handleClientStreamingCall,
} from '@grpc/grpc-js'
import type {
  AppendReq,
  AppendResp,
  BatchAppendReq,
  BatchAppendResp,
} from '@eventstore/db-client/generated/streams_pb.js'
import { expectedRevisionOf } from './expected-revision.js'
import type { ExpectedRevision, MemoryLog, ProposedEvent, RecordedEvent } from './memory-log.js'
import type { OpenCalls } from './open-calls.js'
import { googleEmpty, shared, streams } from './protocol.js'
import {
  missingMetadataError,
  plainError,
  streamDeletedError,
  statusWithDetails,
  streamDeletedStatus,
  wrongExpectedVersionStatus,
} from './rpc-errors.js'
import { proposedEventOf, streamIdentifier, streamNameOf, uuidOf } from './wire.js'

const shuttingDown = () => plainError(status.UNAVAILABLE, 'Server is shutting down')

/** EventStoreDB's default `MaxAppendSize` (`ClusterVNodeOptions.cs` at 23.10: `1_024 * 1_024` bytes). */
export const defaultMaxAppendSize = 1_048_576

/**
 * What one event counts towards `MaxAppendSize` on EventStoreDB 23.10 (up to 24.10): `Event.SizeOnDisk` in
 * src/EventStore.Core/Data/Event.cs is written `data?.Length ?? 0 + metadata?.Length ?? 0 + eventType.Length * 2`,
 * which C# reads as `data?.Length ?? ((0 + metadata?.Length) ?? (0 + eventType.Length * 2))` (`??` binds looser than
 * `+`): the data's bytes only, since the data is never null. KurrentDB 25.0 added the parentheses (commit 17e65e3,
 * "Fix event size calculation in gRPC") and counts metadata bytes and twice the type's UTF-16 length too.
 */
const sizeOnDisk = (event: ProposedEvent): number => event.data.length

/**
 * The RPC error Streams.Append answers once the events read so far exceed the limit (`RpcExceptions.cs` at 23.10,
 * `MaxAppendSizeExceeded`): INVALID_ARGUMENT with `exception: maximum-append-size-exceeded` and
 * `maximum-append-size`, which @eventstore/db-client turns into `MaxAppendSizeExceededError`.
 */
const maxAppendSizeError = (maxAppendSize: number): ServerErrorResponse => {
  const details = `Maximum Append Size of ${maxAppendSize.toString()} Exceeded.`
  const metadata = new Metadata()
  metadata.set('exception', 'maximum-append-size-exceeded')
  metadata.set('maximum-append-size', maxAppendSize.toString())
  return { name: 'EsdbTestServerError', message: details, code: status.INVALID_ARGUMENT, details, metadata }
}

/**
 * The `google.rpc.Status` a BatchAppend response carries for it (`Status.cs` at 23.10): INVALID_ARGUMENT, message
 * `MaximumAppendSizeExceeded`, details `event_store.client.MaximumAppendSizeExceeded { maxAppendSize }`.
 */
const maxAppendSizeStatus = (maxAppendSize: number) =>
  statusWithDetails(
    status.INVALID_ARGUMENT,
    'MaximumAppendSizeExceeded',
    'event_store.client.MaximumAppendSizeExceeded',
    new shared.MaximumAppendSizeExceeded().setMaxappendsize(maxAppendSize).serializeBinary(),
  )

const appendSuccess = (last: RecordedEvent | undefined): AppendResp => {
  const success = new streams.AppendResp.Success()
  if (last === undefined) success.setNoStream(new shared.Empty()).setNoPosition(new shared.Empty())
  else {
    const position = new streams.AppendResp.Position()
    position.setCommitPosition(last.position.toString()).setPreparePosition(last.position.toString())
    success.setCurrentRevision(last.revision.toString()).setPosition(position)
  }
  return new streams.AppendResp().setSuccess(success)
}

// Append reports a wrong expected revision in the response body, not as an RPC error.
const appendWrongExpectedVersion = (expected: ExpectedRevision, currentRevision: bigint | undefined): AppendResp => {
  const wrong = new streams.AppendResp.WrongExpectedVersion()
  if (currentRevision === undefined) wrong.setCurrentNoStream(new shared.Empty())
  else wrong.setCurrentRevision(currentRevision.toString())
  switch (expected.kind) {
    case 'any':
      wrong.setExpectedAny(new shared.Empty())
      break
    case 'no-stream':
      wrong.setExpectedNoStream(new shared.Empty())
      break
    case 'stream-exists':
      wrong.setExpectedStreamExists(new shared.Empty())
      break
    case 'exact':
      wrong.setExpectedRevision(expected.revision.toString())
      break
  }
  return new streams.AppendResp().setWrongExpectedVersion(wrong)
}

/** `Streams.Append`: one options message, then the proposed events; answers once the client ends its stream. */
export const appendRpc =
  (
    log: MemoryLog,
    openCalls: OpenCalls,
    maxAppendSize = defaultMaxAppendSize,
  ): handleClientStreamingCall<AppendReq, AppendResp> =>
  (call, callback) => {
    let options: AppendReq.Options | undefined
    let malformed = false
    const events: ProposedEvent[] = []
    let size = 0
    let answered = false
    const answer = (...result: Parameters<typeof callback>): void => {
      if (answered) return
      answered = true
      forget()
      callback(...result)
    }
    const forget = openCalls.track(() => {
      answer(shuttingDown())
    })
    call.on('cancelled', () => {
      answered = true
      forget()
    })
    call.on('data', (request: AppendReq) => {
      if (answered) return
      if (request.hasOptions()) options = request.getOptions()
      const message = request.getProposedMessage()
      if (message === undefined) return
      const event = proposedEventOf(message)
      if (event === undefined) {
        malformed = true
        return
      }
      events.push(event)
      // As Streams.Append.cs at 23.10 does, the sum is checked after each event read, before the client has sent all.
      size += sizeOnDisk(event)
      if (size > maxAppendSize) answer(maxAppendSizeError(maxAppendSize))
    })
    call.on('end', () => {
      if (answered) return
      const streamName = streamNameOf(options?.getStreamIdentifier())
      const expected =
        options === undefined
          ? undefined
          : expectedRevisionOf({ caseNumber: options.getExpectedStreamRevisionCase(), revision: options.getRevision() })
      if (streamName === undefined || expected === undefined) {
        answer(plainError(status.INVALID_ARGUMENT, 'Append needs a stream and an expected revision first'))
        return
      }
      if (malformed) {
        answer(missingMetadataError())
        return
      }
      const outcome = log.append(streamName, expected, events)
      switch (outcome.kind) {
        case 'written':
          answer(null, appendSuccess(outcome.last))
          return
        case 'wrong-expected-version':
          answer(null, appendWrongExpectedVersion(expected, outcome.currentRevision))
          return
        case 'stream-deleted':
          answer(streamDeletedError(streamName))
          return
      }
    })
  }

interface PendingBatch {
  options: BatchAppendReq.Options | undefined
  readonly events: ProposedEvent[]
  malformed: boolean
  size: number
}

const batchResponse = (request: BatchAppendReq, streamName: string, expected: ExpectedRevision): BatchAppendResp => {
  const response = new streams.BatchAppendResp()
  response.setCorrelationId(request.getCorrelationId()).setStreamIdentifier(streamIdentifier(streamName))
  switch (expected.kind) {
    case 'any':
      return response.setAny(googleEmpty())
    case 'no-stream':
      return response.setNoStream(googleEmpty())
    case 'stream-exists':
      return response.setStreamExists(googleEmpty())
    case 'exact':
      return response.setStreamPosition(expected.revision.toString())
  }
}

const batchOutcome = (log: MemoryLog, request: BatchAppendReq, batch: PendingBatch): BatchAppendResp | undefined => {
  const options = batch.options
  const streamName = streamNameOf(options?.getStreamIdentifier())
  const expected =
    options === undefined
      ? undefined
      : expectedRevisionOf({
          caseNumber: options.getExpectedStreamPositionCase(),
          revision: options.getStreamPosition(),
        })
  if (streamName === undefined || expected === undefined || batch.malformed) return undefined
  const response = batchResponse(request, streamName, expected)
  const outcome = log.append(streamName, expected, batch.events)
  switch (outcome.kind) {
    case 'written': {
      const success = new streams.BatchAppendResp.Success()
      const last = outcome.last
      if (last === undefined) return response.setSuccess(success.setNoStream(googleEmpty()))
      const position = new shared.AllStreamPosition()
      position.setCommitPosition(last.position.toString()).setPreparePosition(last.position.toString())
      return response.setSuccess(success.setCurrentRevision(last.revision.toString()).setPosition(position))
    }
    case 'wrong-expected-version':
      return response.setError(wrongExpectedVersionStatus(expected, outcome.currentRevision))
    case 'stream-deleted':
      return response.setError(streamDeletedStatus(streamName))
  }
}

/**
 * `Streams.BatchAppend`: a long-lived stream of appends, each made of one or more requests sharing a correlation id,
 * the last one marked final; every completed append gets its own response.
 */
export const batchAppendRpc =
  (
    log: MemoryLog,
    openCalls: OpenCalls,
    maxAppendSize = defaultMaxAppendSize,
  ): handleBidiStreamingCall<BatchAppendReq, BatchAppendResp> =>
  call => {
    const pending = new Map<string, PendingBatch>()
    // Appends answered before their final request (too large): their later requests are ignored, as the server does.
    const refused = new Set<string>()
    let open = true
    const close = (): void => {
      open = false
      forget()
    }
    const forget = openCalls.track(() => {
      open = false
      call.emit('error', shuttingDown())
    })
    call.on('cancelled', close)
    call.on('end', () => {
      if (!open) return
      close()
      call.end()
    })
    call.on('data', (request: BatchAppendReq) => {
      if (!open) return
      const correlationId = uuidOf(request.getCorrelationId())
      if (correlationId === undefined) {
        close()
        call.emit('error', plainError(status.INVALID_ARGUMENT, 'BatchAppend requests need a correlation id'))
        return
      }
      if (refused.has(correlationId)) {
        if (request.getIsFinal()) refused.delete(correlationId)
        return
      }
      const batch = pending.get(correlationId) ?? { options: undefined, events: [], malformed: false, size: 0 }
      pending.set(correlationId, batch)
      if (request.hasOptions()) batch.options = request.getOptions()
      for (const message of request.getProposedMessagesList()) {
        const event = proposedEventOf(message)
        if (event === undefined) batch.malformed = true
        else {
          batch.events.push(event)
          batch.size += sizeOnDisk(event)
        }
      }
      // Streams.BatchAppend.cs at 23.10 checks the sum after each request and answers at once, final or not.
      if (batch.size > maxAppendSize) {
        pending.delete(correlationId)
        if (!request.getIsFinal()) refused.add(correlationId)
        const response = new streams.BatchAppendResp().setCorrelationId(request.getCorrelationId())
        const identifier = batch.options?.getStreamIdentifier()
        if (identifier !== undefined) response.setStreamIdentifier(identifier)
        call.write(response.setError(maxAppendSizeStatus(maxAppendSize)))
        return
      }
      if (!request.getIsFinal()) return
      pending.delete(correlationId)
      const response = batchOutcome(log, request, batch)
      if (response !== undefined) {
        call.write(response)
        return
      }
      close()
      call.emit(
        'error',
        plainError(
          status.INVALID_ARGUMENT,
          'BatchAppend needs a stream, an expected revision, and events with type and content-type',
        ),
      )
    })
  }
