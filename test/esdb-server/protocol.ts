// The client package ships its protobuf and gRPC definitions as CommonJS; ESM sees each module as one default export.
import sharedPb from '@eventstore/db-client/generated/shared_pb.js'
import statusPb from '@eventstore/db-client/generated/status_pb.js'
import streamsPb from '@eventstore/db-client/generated/streams_pb.js'
import streamsGrpc from '@eventstore/db-client/generated/streams_grpc_pb.js'
import serverFeaturesPb from '@eventstore/db-client/generated/serverfeatures_pb.js'
import serverFeaturesGrpc from '@eventstore/db-client/generated/serverfeatures_grpc_pb.js'

/** Message classes shared by every EventStoreDB service (`event_store.client`). */
export const shared = sharedPb

/** The `google.rpc.Status` message BatchAppend carries its per-request errors in. */
export const rpcStatus = statusPb

/** Message classes of the Streams service (`event_store.client.streams`). */
export const streams = streamsPb

/** Message classes of the ServerFeatures service (`event_store.client.server_features`). */
export const serverFeatures = serverFeaturesPb

/**
 * A genuine `google.protobuf.Empty`, for the oneof cases typed with it (`expected_any`, `current_no_stream`, ...).
 * google-protobuf is the client's dependency, not this workspace's, so the instance comes from decoding a
 * `BatchAppendReq.Options` whose `any` field (number 4) is an empty message.
 */
export const googleEmpty = () => {
  const empty = streamsPb.BatchAppendReq.Options.deserializeBinary(Uint8Array.from([(4 << 3) | 2, 0])).getAny()
  if (empty === undefined) throw new Error('google.protobuf.Empty did not decode')
  return empty
}

/** The Streams service definition the gRPC server registers handlers for. */
export const StreamsService = streamsGrpc.StreamsService

/** The ServerFeatures service definition the client asks for supported methods. */
export const ServerFeaturesService = serverFeaturesGrpc.ServerFeaturesService
