import type { StoredRecord } from '../../kernel/event-store.js'

/** The store failed or could not be reached; nothing was written by this call. */
export interface HandleUnavailable {
  readonly kind: 'unavailable'
  readonly streamName: string
  readonly message: string
  readonly cause?: unknown
}

/** A stored record of the stream could not be read or decoded, so the handler refused to decide on it. */
export interface HandleCorruptStream {
  readonly kind: 'corrupt-stream'
  readonly streamName: string
  readonly revision: number
  readonly reason: string
}

/** Why a load failed. */
export type LoadFailure = HandleCorruptStream | HandleUnavailable

/** The failure for a record that cannot be read as an event of its stream. */
export const corrupt = (record: StoredRecord, reason: string): HandleCorruptStream => ({
  kind: 'corrupt-stream',
  streamName: record.streamName,
  revision: record.revision,
  reason,
})

/** The failure for an error a store raised while reading. */
export const unavailable = (streamName: string, cause: unknown): HandleUnavailable => ({
  kind: 'unavailable',
  streamName,
  message: cause instanceof Error ? cause.message : String(cause),
  cause,
})
