import type { ExpectedRevision, ProposedEvent, RecordedEvent } from './memory-log.js'

/** What EventStoreDB decides about an append before writing anything. */
export type CommitDecision =
  | { readonly kind: 'ok' }
  /** Every proposed id is already in the stream: a retry, answered with the earlier write's last event. */
  | { readonly kind: 'idempotent'; readonly last: RecordedEvent | undefined }
  | { readonly kind: 'wrong-expected-version' }
  | { readonly kind: 'stream-deleted' }

/** The state of a stream the decision looks at. */
export interface StreamFacts {
  /** The stream's events, indexed by revision (revision n sits at index n), hidden ones included. */
  readonly events: readonly RecordedEvent[]
  readonly tombstoned: boolean
  /** Its metadata says `$tb` = Int64.MaxValue. */
  readonly softDeleted: boolean
  /** Its `$$` stream holds at least one event. */
  readonly hasMetadata: boolean
}

const ok: CommitDecision = { kind: 'ok' }
const wrongExpectedVersion: CommitDecision = { kind: 'wrong-expected-version' }

// With `any` or `stream_exists`, a retry is recognised wherever its ids sit in the stream: all of them found is a
// retry, none of the first found is a new write, and a partial match is a conflict.
const retriedAnywhere = (stream: StreamFacts, events: readonly ProposedEvent[]): CommitDecision => {
  const found = events.map(event => stream.events.find(recorded => recorded.id === event.id))
  const firstMissing = found.findIndex(recorded => recorded === undefined)
  if (events.length === 0 || firstMissing === 0) return ok
  if (firstMissing > 0) return wrongExpectedVersion
  return { kind: 'idempotent', last: found.at(-1) }
}

// Behind the stream's head, a write is a retry only if its ids are exactly the events right after the expected
// revision; a soft-deleted stream takes a fresh `no_stream` write, which recreates it.
const retriedAfter = (
  stream: StreamFacts,
  expectedRevision: bigint,
  expectsNoStream: boolean,
  events: readonly ProposedEvent[],
): CommitDecision => {
  if (events.length === 0) return wrongExpectedVersion
  const following = events.map((_event, offset) => stream.events[Number(expectedRevision) + 1 + offset])
  const firstMismatch = events.findIndex((event, offset) => following[offset]?.id !== event.id)
  if (firstMismatch === 0) return expectsNoStream && stream.softDeleted ? ok : wrongExpectedVersion
  if (firstMismatch > 0) return wrongExpectedVersion
  return { kind: 'idempotent', last: following.at(-1) }
}

/**
 * EventStoreDB's commit check for an append, expected-revision rules and idempotent retries together: a
 * tombstoned stream refuses everything; `stream_exists` refuses a soft-deleted stream as deleted and a stream with
 * neither events nor metadata as a conflict; `any`/`stream_exists` treat a batch of known ids as a retry; an exact
 * revision or `no_stream` behind the head is a retry only when the ids match what follows it, ahead of the head is
 * a conflict, and at the head is a write.
 */
export const checkCommit = (
  stream: StreamFacts,
  expected: ExpectedRevision,
  events: readonly ProposedEvent[],
): CommitDecision => {
  if (stream.tombstoned) return { kind: 'stream-deleted' }
  const current = stream.events.at(-1)?.revision ?? -1n
  switch (expected.kind) {
    case 'stream-exists':
      if (stream.softDeleted) return { kind: 'stream-deleted' }
      if (current < 0n && !stream.hasMetadata) return wrongExpectedVersion
      return retriedAnywhere(stream, events)
    case 'any':
      return retriedAnywhere(stream, events)
    case 'no-stream':
    case 'exact': {
      const expectedRevision = expected.kind === 'no-stream' ? -1n : expected.revision
      if (expectedRevision < current)
        return retriedAfter(stream, expectedRevision, expected.kind === 'no-stream', events)
      return expectedRevision > current ? wrongExpectedVersion : ok
    }
  }
}
