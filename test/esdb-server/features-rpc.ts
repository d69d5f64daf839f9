import type { handleUnaryCall } from '@grpc/grpc-js'
import type { Empty } from '@eventstore/db-client/generated/shared_pb.js'
import type { SupportedMethods } from '@eventstore/db-client/generated/serverfeatures_pb.js'
import { serverFeatures } from './protocol.js'

/**
 * Which EventStoreDB release the server plays. 23.10 is the first that sends `caught_up` to subscriptions; a 22.10
 * node signals the end of a `$all` catch-up with a checkpoint instead (and nothing for a stream). Both serve
 * BatchAppend (22.10's ServerFeatures.cs lists it too), which the client prefers for appends when advertised.
 */
export type ServerGeneration = '23.10' | '22.10'

/** The server version advertised by default. */
export const advertisedServerVersion = '23.10.0'

/** The version each generation advertises. */
export const serverVersionOf = (generation: ServerGeneration): string =>
  generation === '23.10' ? advertisedServerVersion : '22.10.0'

// EventStoreDB lists services and methods in lower case; the client compares them lower-cased too.
const implemented: readonly (readonly [service: string, method: string])[] = [
  ['event_store.client.streams.streams', 'read'],
  ['event_store.client.streams.streams', 'append'],
  ['event_store.client.streams.streams', 'batchappend'],
  ['event_store.client.streams.streams', 'delete'],
  ['event_store.client.streams.streams', 'tombstone'],
  ['event_store.client.server_features.serverfeatures', 'getsupportedmethods'],
]

/** `ServerFeatures.GetSupportedMethods`: exactly the methods this server implements, and its version. */
export const getSupportedMethodsRpc =
  (generation: ServerGeneration): handleUnaryCall<Empty, SupportedMethods> =>
  (_call, callback) => {
    const methods = implemented.map(([service, method]) =>
      new serverFeatures.SupportedMethod().setServiceName(service).setMethodName(method),
    )
    callback(
      null,
      new serverFeatures.SupportedMethods()
        .setMethodsList(methods)
        .setEventStoreServerVersion(serverVersionOf(generation)),
    )
  }
