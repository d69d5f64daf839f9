import { status, type ServerErrorResponse, type ServerWritableStream } from '@grpc/grpc-js'
import type { ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb.js'
import type { OpenCalls } from './open-calls.js'
import { plainError } from './rpc-errors.js'

/** One server-streaming call seen as a sink for responses that ignores writes once the call is over. */
export interface ReadSink {
  readonly write: (response: ReadResp) => void
  readonly end: () => void
  readonly fail: (error: ServerErrorResponse) => void
  /** Runs `cleanup` once, when the call ends for any reason: finished, failed, cancelled or server stop. */
  readonly onClose: (cleanup: () => void) => void
}

/**
 * Wraps a Read call. A graceful stop answers a read in flight with UNAVAILABLE "Server Is Not Ready" (EventStoreDB's
 * ClusterVNodeController denies read requests as NotReady once ShuttingDown; RpcExceptions.ServerNotReady). A node
 * drops a subscription without a status (SubscriptionsService.Handle(BecomeShuttingDown) drops every subscription
 * as Unsubscribed, on which the Enumerators stop writing), so the call ends with its connection: with the front
 * door (option `relay`) this server does the same; without it, it answers UNAVAILABLE itself, which is what the
 * client reports for a closed connection. A kill answers nothing: every call dies with its connection.
 */
export const sinkOf = (
  call: ServerWritableStream<ReadReq, ReadResp>,
  openCalls: OpenCalls,
  kind: 'read' | 'subscription',
): ReadSink => {
  let open = true
  const cleanups: (() => void)[] = []
  const close = (): void => {
    if (!open) return
    open = false
    forget()
    for (const cleanup of cleanups.splice(0)) cleanup()
  }
  const fail = (error: ServerErrorResponse): void => {
    if (!open) return
    close()
    call.emit('error', error)
  }
  const forget = openCalls.track(answers => {
    if (kind === 'read' && answers.reads) fail(plainError(status.UNAVAILABLE, 'Server Is Not Ready'))
    else if (kind === 'subscription' && answers.subscriptions)
      fail(plainError(status.UNAVAILABLE, 'Server is shutting down'))
    else close()
  })
  call.on('cancelled', close)
  return {
    write: response => {
      if (open) call.write(response)
    },
    end: () => {
      if (!open) return
      close()
      call.end()
    },
    fail,
    onClose: cleanup => {
      if (open) cleanups.push(cleanup)
      else cleanup()
    },
  }
}
