import { Metadata, status, type ServerErrorResponse } from '@grpc/grpc-js'
import type { ExpectedRevision } from './memory-log.js'
import { googleEmpty, rpcStatus, shared } from './protocol.js'
import type { Status } from '@eventstore/db-client/generated/status_pb.js'

const withMetadata = (
  code: status,
  details: string,
  entries: Readonly<Record<string, string>>,
): ServerErrorResponse => {
  const metadata = new Metadata()
  for (const [key, value] of Object.entries(entries)) metadata.set(key, value)
  return { name: 'EsdbTestServerError', message: details, code, details, metadata }
}

// EventStoreDB's legacy numbers for the symbolic expected revisions, as it puts them in error metadata.
const expectedVersionNumber = (expected: ExpectedRevision): bigint => {
  switch (expected.kind) {
    case 'any':
      return -2n
    case 'no-stream':
      return -1n
    case 'stream-exists':
      return -4n
    case 'exact':
      return expected.revision
  }
}

/** The error EventStoreDB answers when a stream was hard-deleted: the client reads `exception` and `stream-name`. */
export const streamDeletedError = (streamName: string): ServerErrorResponse =>
  withMetadata(status.FAILED_PRECONDITION, `Event stream '${streamName}' is deleted.`, {
    exception: 'stream-deleted',
    'stream-name': streamName,
  })

/**
 * The error a delete or tombstone answers when the stream is not at the expected revision: RpcExceptions
 * .WrongExpectedVersion("Delete", ...) with the commit check's current version, -1 when the stream has no events
 * (so the client reports `actualVersion` -1n, not `no_stream`).
 */
export const wrongExpectedVersionError = (
  streamName: string,
  expected: ExpectedRevision,
  currentRevision: bigint | undefined,
): ServerErrorResponse => {
  const expectedVersion = expectedVersionNumber(expected).toString()
  const actualVersion = (currentRevision ?? -1n).toString()
  return withMetadata(
    status.FAILED_PRECONDITION,
    `Delete failed due to WrongExpectedVersion. Stream: ${streamName}, Expected version: ${expectedVersion}, Actual version: ${actualVersion}`,
    {
      exception: 'wrong-expected-version',
      'stream-name': streamName,
      'expected-version': expectedVersion,
      'actual-version': actualVersion,
    },
  )
}

/** The error EventStoreDB answers when a proposed event lacks its `type` or `content-type`. */
export const missingMetadataError = (): ServerErrorResponse =>
  withMetadata(status.INVALID_ARGUMENT, 'Required metadata properties are missing: type, content-type', {
    exception: 'missing-required-metadata-property',
    'required-metadata-properties': 'type,content-type',
  })

/** A plain gRPC error without EventStoreDB details, for malformed requests and shutdown. */
export const plainError = (code: status, details: string): ServerErrorResponse => withMetadata(code, details, {})

// google.protobuf.Any is not reachable from this workspace (google-protobuf is only the client's dependency), so the
// one Status-with-Any message BatchAppend needs is encoded by hand and decoded into the generated class.
const varint = (value: number): number[] => {
  const bytes: number[] = []
  let rest = value
  while (rest > 0x7f) {
    bytes.push((rest & 0x7f) | 0x80)
    rest = Math.floor(rest / 128)
  }
  bytes.push(rest)
  return bytes
}
const lengthDelimited = (field: number, payload: Uint8Array): number[] => [
  ...varint((field << 3) | 2),
  ...varint(payload.length),
  ...payload,
]

/** A `google.rpc.Status` whose details are one packed message of type `typeName`. */
export const statusWithDetails = (code: status, message: string, typeName: string, detail: Uint8Array): Status => {
  const any = Uint8Array.from([
    ...lengthDelimited(1, Buffer.from(`type.googleapis.com/${typeName}`, 'utf8')),
    ...lengthDelimited(2, detail),
  ])
  const bytes = Uint8Array.from([
    ...varint(1 << 3),
    ...varint(code),
    ...lengthDelimited(2, Buffer.from(message, 'utf8')),
    ...lengthDelimited(3, any),
  ])
  return rpcStatus.Status.deserializeBinary(bytes)
}

/** The `google.rpc.Status` a BatchAppend response carries for a wrong expected revision. */
export const wrongExpectedVersionStatus = (expected: ExpectedRevision, currentRevision: bigint | undefined): Status => {
  const detail = new shared.WrongExpectedVersion()
  if (currentRevision === undefined) detail.setCurrentNoStream(googleEmpty())
  else detail.setCurrentStreamRevision(currentRevision.toString())
  switch (expected.kind) {
    case 'any':
      detail.setExpectedAny(googleEmpty())
      break
    case 'no-stream':
      detail.setExpectedNoStream(googleEmpty())
      break
    case 'stream-exists':
      detail.setExpectedStreamExists(googleEmpty())
      break
    case 'exact':
      detail.setExpectedStreamPosition(expected.revision.toString())
      break
  }
  return statusWithDetails(
    status.FAILED_PRECONDITION,
    'Wrong expected version',
    'event_store.client.WrongExpectedVersion',
    detail.serializeBinary(),
  )
}

/** The `google.rpc.Status` a BatchAppend response carries for a hard-deleted stream. */
export const streamDeletedStatus = (streamName: string): Status => {
  const detail = new shared.StreamDeleted()
  const identifier = new shared.StreamIdentifier()
  identifier.setStreamName(Buffer.from(streamName, 'utf8'))
  detail.setStreamIdentifier(identifier)
  return statusWithDetails(
    status.FAILED_PRECONDITION,
    `Event stream '${streamName}' is deleted.`,
    'event_store.client.StreamDeleted',
    detail.serializeBinary(),
  )
}
