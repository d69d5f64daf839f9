import { status, type handleUnaryCall } from '@grpc/grpc-js'
import type { StreamIdentifier } from '@eventstore/db-client/generated/shared_pb.js'
import type { DeleteReq, DeleteResp, TombstoneReq, TombstoneResp } from '@eventstore/db-client/generated/streams_pb.js'
import { expectedRevisionOf } from './expected-revision.js'
import type { ExpectedRevision, MemoryLog, WriteOutcome } from './memory-log.js'
import { streams } from './protocol.js'
import { plainError, streamDeletedError, wrongExpectedVersionError } from './rpc-errors.js'
import { streamNameOf } from './wire.js'

interface DeletionOptions {
  getStreamIdentifier(): StreamIdentifier | undefined
  getExpectedStreamRevisionCase(): number
  getRevision(): string
}

type Deletion = (streamName: string, expected: ExpectedRevision) => WriteOutcome

// Delete and Tombstone differ only in what the log does and in the response class; both report the log position.
const deletionRpc =
  <Response>(
    deletion: Deletion,
    respond: (position: { readonly commit: string; readonly prepare: string }) => Response,
  ): handleUnaryCall<{ getOptions(): DeletionOptions | undefined }, Response> =>
  (call, callback) => {
    const options = call.request.getOptions()
    const streamName = streamNameOf(options?.getStreamIdentifier())
    const expected =
      options === undefined
        ? undefined
        : expectedRevisionOf({ caseNumber: options.getExpectedStreamRevisionCase(), revision: options.getRevision() })
    if (streamName === undefined || expected === undefined) {
      callback(plainError(status.INVALID_ARGUMENT, 'A delete needs a stream and an expected revision'))
      return
    }
    const outcome = deletion(streamName, expected)
    switch (outcome.kind) {
      case 'written': {
        const position = (outcome.last?.position ?? 0n).toString()
        callback(null, respond({ commit: position, prepare: position }))
        return
      }
      case 'wrong-expected-version':
        callback(wrongExpectedVersionError(streamName, expected, outcome.currentRevision))
        return
      case 'stream-deleted':
        callback(streamDeletedError(streamName))
        return
    }
  }

/** `Streams.Delete`: a soft delete, recorded as `$tb` = Int64.MaxValue in the stream's `$$` metadata stream. */
export const deleteRpc = (log: MemoryLog): handleUnaryCall<DeleteReq, DeleteResp> =>
  deletionRpc(log.softDelete, ({ commit, prepare }) => {
    const position = new streams.DeleteResp.Position().setCommitPosition(commit).setPreparePosition(prepare)
    return new streams.DeleteResp().setPosition(position)
  })

/** `Streams.Tombstone`: a hard delete, recorded as a `$streamDeleted` event; the stream can never be written again. */
export const tombstoneRpc = (log: MemoryLog): handleUnaryCall<TombstoneReq, TombstoneResp> =>
  deletionRpc(log.tombstone, ({ commit, prepare }) => {
    const position = new streams.TombstoneResp.Position().setCommitPosition(commit).setPreparePosition(prepare)
    return new streams.TombstoneResp().setPosition(position)
  })
