import type { StreamIdentifier, UUID } from '@eventstore/db-client/generated/shared_pb.js'
import type { ReadResp } from '@eventstore/db-client/generated/streams_pb.js'
import type { ProposedEvent, RecordedEvent } from './memory-log.js'
import { shared, streams } from './protocol.js'

/** The UTF-8 stream name inside a `StreamIdentifier`, or undefined when the request left it out. */
export const streamNameOf = (identifier: StreamIdentifier | undefined): string | undefined =>
  identifier === undefined ? undefined : Buffer.from(identifier.getStreamName_asU8()).toString('utf8')

/** A `StreamIdentifier` naming `streamName`. */
export const streamIdentifier = (streamName: string): StreamIdentifier => {
  const identifier = new shared.StreamIdentifier()
  identifier.setStreamName(Buffer.from(streamName, 'utf8'))
  return identifier
}

const hex = (value: bigint): string => BigInt.asUintN(64, value).toString(16).padStart(16, '0')

/** The canonical string form of a gRPC UUID, whether the client sent it as a string or as two 64-bit halves. */
export const uuidOf = (uuid: UUID | undefined): string | undefined => {
  if (uuid === undefined) return undefined
  if (uuid.hasString()) return uuid.getString().toLowerCase()
  const structured = uuid.getStructured()
  if (structured === undefined) return undefined
  const digits = hex(BigInt(structured.getMostSignificantBits())) + hex(BigInt(structured.getLeastSignificantBits()))
  return [digits.slice(0, 8), digits.slice(8, 12), digits.slice(12, 16), digits.slice(16, 20), digits.slice(20)].join(
    '-',
  )
}

/** The parts of an `AppendReq.ProposedMessage` or `BatchAppendReq.ProposedMessage` this server keeps. */
export interface ProposedMessage {
  getId(): UUID | undefined
  getMetadataMap(): { get(key: string): string | undefined }
  getData_asU8(): Uint8Array
  getCustomMetadata_asU8(): Uint8Array
}

/** A proposed event from its message, or undefined when its id, `type` or `content-type` is missing. */
export const proposedEventOf = (message: ProposedMessage): ProposedEvent | undefined => {
  const id = uuidOf(message.getId())
  const type = message.getMetadataMap().get('type')
  const contentType = message.getMetadataMap().get('content-type')
  if (id === undefined || type === undefined || contentType === undefined) return undefined
  return { id, type, contentType, data: message.getData_asU8(), customMetadata: message.getCustomMetadata_asU8() }
}

/** A read response carrying one recorded event, as EventStoreDB sends it for stream and `$all` reads. */
export const eventResponse = (event: RecordedEvent): ReadResp => {
  const recorded = new streams.ReadResp.ReadEvent.RecordedEvent()
  const id = new shared.UUID()
  id.setString(event.id)
  recorded.setId(id)
  recorded.setStreamIdentifier(streamIdentifier(event.streamName))
  recorded.setStreamRevision(event.revision.toString())
  recorded.setPreparePosition(event.position.toString())
  recorded.setCommitPosition(event.position.toString())
  recorded
    .getMetadataMap()
    .set('type', event.type)
    .set('content-type', event.contentType)
    .set('created', event.created.toString())
  recorded.setData(event.data)
  recorded.setCustomMetadata(event.customMetadata)
  const readEvent = new streams.ReadResp.ReadEvent()
  readEvent.setEvent(recorded)
  readEvent.setCommitPosition(event.position.toString())
  return new streams.ReadResp().setEvent(readEvent)
}

/** The response telling a reader the stream does not exist (never written, or soft-deleted). */
export const streamNotFoundResponse = (streamName: string): ReadResp => {
  const notFound = new streams.ReadResp.StreamNotFound()
  notFound.setStreamIdentifier(streamIdentifier(streamName))
  return new streams.ReadResp().setStreamNotFound(notFound)
}

/** The first response of every subscription. */
export const confirmationResponse = (subscriptionId: string): ReadResp => {
  const confirmation = new streams.ReadResp.SubscriptionConfirmation()
  confirmation.setSubscriptionId(subscriptionId)
  return new streams.ReadResp().setConfirmation(confirmation)
}

/** The response a subscription sends once it has delivered every event recorded before it went live. */
export const caughtUpResponse = (): ReadResp => new streams.ReadResp().setCaughtUp(new streams.ReadResp.CaughtUp())

/** A filtered `$all` subscription's checkpoint: the position up to which the filter has looked. */
export const checkpointResponse = (position: bigint): ReadResp => {
  const checkpoint = new streams.ReadResp.Checkpoint()
  checkpoint.setCommitPosition(position.toString())
  checkpoint.setPreparePosition(position.toString())
  return new streams.ReadResp().setCheckpoint(checkpoint)
}
