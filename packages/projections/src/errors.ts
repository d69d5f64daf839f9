import { type DecodeFailure, formatDecodeFailure } from '@pembina/core'
import type { ProjectionVersion } from './projection.js'

/** Where in the event store an event a projection could not apply sits. */
export interface FailedEventPlace {
  readonly streamName: string
  readonly revision: number
  readonly position: bigint
  /** The stored event type, when the record had one (a corrupt record may not). */
  readonly eventType: string | undefined
}

/**
 * A projection stopped at an event it could not apply: the record was corrupt or did not decode, or `keysOf` or
 * `evolve` threw. Its checkpoint stays before that event, so a restart (after a fix) begins with it.
 */
export class ProjectionEventError extends Error {
  override readonly name = 'ProjectionEventError'
  constructor(
    readonly projection: ProjectionVersion,
    readonly place: FailedEventPlace,
    readonly reason: string,
    options?: ErrorOptions,
  ) {
    const type = place.eventType === undefined ? '' : `, ${place.eventType}`
    super(
      `projection ${projection.name} v${projection.version} stopped at ${place.streamName} revision ${place.revision} (global position ${place.position}${type}): ${reason}`,
      options,
    )
  }
}

/**
 * A read-model store refused a batch because the version's checkpoint is no longer where the batch started from:
 * another projector of the same version committed meanwhile, or the version was dropped.
 */
export class CheckpointConflictError extends Error {
  override readonly name = 'CheckpointConflictError'
  constructor(
    readonly projection: ProjectionVersion,
    readonly expected: bigint | null,
    readonly actual: bigint | null,
  ) {
    super(
      `projection ${projection.name} v${projection.version}: the batch continues from ${expected === null ? 'the start' : `position ${expected}`}, but the stored checkpoint is ${actual === null ? 'absent' : `at position ${actual}`} (another projector of this version wrote, or the version was dropped)`,
    )
  }
}

/** A list query a read-model store cannot run: a field that is not a plain top-level name, or a bad limit. */
export class ListQueryError extends Error {
  override readonly name = 'ListQueryError'
}

/**
 * A projection read the metadata of an event whose metadata does not decode as `EventMetadata` (metadata is decoded
 * the first time it is read). Thrown from `keysOf` or `evolve`, it fails the event like any other throw there.
 */
export class EventMetadataError extends Error {
  override readonly name = 'EventMetadataError'
  constructor(readonly failure: DecodeFailure) {
    super(formatDecodeFailure(failure))
  }
}
