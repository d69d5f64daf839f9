import * as E from 'fp-ts/lib/Either.js'
import { decodeWith, formatDecodeFailure } from '../../kernel/decode.js'
import { EventMetadata } from '../../shared/event-metadata.js'
import type { StoredEvent, StoredRecord } from '../../kernel/event-store.js'
import { canonicalJson, canonicalJsonOf, formatNotJson, type NotJson, sha256Hex } from './canonical-json.js'
import { chainMacProblem, type ChainKeyring } from './chain-keys.js'

/** What an event's hash covers: its type and data, its essential metadata, its place in its stream and the link. */
export interface ChainedContent {
  readonly type: string
  readonly data: unknown
  readonly schemaVersion: number
  readonly eventId: string
  readonly commandId: string
  readonly correlationId: string
  readonly causationId: string
  readonly actor: unknown
  readonly occurredAt: string
  readonly streamName: string
  readonly revision: number
  /** The previous event's hash in the stream; null for the first event. */
  readonly prevHash: string | null
}

// The fields of `ChainedContent` in the order canonical JSON writes them (their names sorted by UTF-16 code units).
const chainedFields = [
  'actor',
  'causationId',
  'commandId',
  'correlationId',
  'data',
  'eventId',
  'occurredAt',
  'prevHash',
  'revision',
  'schemaVersion',
  'streamName',
  'type',
] as const satisfies readonly (keyof ChainedContent)[]

/**
 * The hash of an event: SHA-256 hex of the canonical JSON of exactly the fields of `ChainedContent` (other members of
 * the value given are left out).
 */
export const chainHash = (content: ChainedContent): E.Either<NotJson, string> => {
  const text = chainedText(content) ?? canonicalJsonOf(content, chainedFields)
  return E.isLeft(text) ? text : E.right(sha256Hex(text.right))
}

/**
 * The hash of an event, as `chainHash`, with the size in UTF-8 bytes of the text hashed: its data, actor, ids and
 * place, close to what a store keeps of it (its data and metadata), for a limit on what a command may write.
 */
export const chainHashSized = (
  content: ChainedContent,
): E.Either<NotJson, { readonly hash: string; readonly bytes: number }> => {
  const text = chainedText(content) ?? canonicalJsonOf(content, chainedFields)
  return E.isLeft(text) ? text : E.right({ hash: sha256Hex(text.right), bytes: Buffer.byteLength(text.right, 'utf8') })
}

// Every event is hashed when written and again on every verification, so the common case is written field by field,
// the keys as literal text: what `canonicalJsonOf(content, chainedFields)` writes, without its loop over the keys.
// Undefined when a field is not of its type or the actor or data is not JSON: the general path then says where.
const chainedText = (content: ChainedContent): E.Either<NotJson, string> | undefined => {
  const { actor, causationId, commandId, correlationId, data, eventId, occurredAt, prevHash } = content
  const { revision, schemaVersion, streamName, type } = content
  if (
    typeof causationId !== 'string' ||
    typeof commandId !== 'string' ||
    typeof correlationId !== 'string' ||
    typeof eventId !== 'string' ||
    typeof occurredAt !== 'string' ||
    (prevHash !== null && typeof prevHash !== 'string') ||
    !Number.isFinite(revision) ||
    !Number.isFinite(schemaVersion) ||
    typeof streamName !== 'string' ||
    typeof type !== 'string'
  )
    return undefined
  const actorText = canonicalJson(actor)
  const dataText = canonicalJson(data)
  if (E.isLeft(actorText) || E.isLeft(dataText)) return undefined
  return E.right(
    `{"actor":${actorText.right},"causationId":${JSON.stringify(causationId)},"commandId":${JSON.stringify(commandId)},` +
      `"correlationId":${JSON.stringify(correlationId)},"data":${dataText.right},"eventId":${JSON.stringify(eventId)},` +
      `"occurredAt":${JSON.stringify(occurredAt)},"prevHash":${prevHash === null ? 'null' : JSON.stringify(prevHash)},` +
      `"revision":${JSON.stringify(revision)},"schemaVersion":${JSON.stringify(schemaVersion)},` +
      `"streamName":${JSON.stringify(streamName)},"type":${JSON.stringify(type)}}`,
  )
}

/** Why a chain is broken at a record. */
export type ChainBreakReason =
  /** The record's content no longer hashes to the hash it carries: its data or metadata was changed. */
  | 'tampered-data'
  /** The record does not follow the one before it: an event was removed, reordered or inserted. */
  | 'broken-link'
  /** The store could not read the record at all. */
  | 'corrupt-record'
  /** The record's metadata is missing, malformed or disagrees with the record. */
  | 'bad-metadata'
  /**
   * Verified with a keyring: the keyring does not vouch for the event (no MAC, an unknown or retired key, or a MAC that
   * does not match), so it was written, or rewritten, by someone who does not hold the chain key.
   */
  | 'unauthenticated'

/** Every record of the stream verified: each hash matches its content and links to the one before. */
export interface ChainIntact {
  readonly valid: true
  /** The stream verified, or null when there was no record. */
  readonly streamName: string | null
  readonly events: number
  /** The last event's hash; null when there was no event. */
  readonly lastHash: string | null
  /** The end of the verified chain, which a later verification of the events after it starts from; null when none. */
  readonly head: ChainHead | null
}

/** The first record at which the chain breaks, why, and what the chain called for against what the record holds. */
export interface ChainBroken {
  readonly valid: false
  readonly streamName: string
  readonly revision: number
  readonly reason: ChainBreakReason
  /** Hashes for tampered data and broken links (revisions, as text, when a revision is skipped); null when none applies. */
  readonly expected: string | null
  readonly found: string | null
  /** One line a person can read. */
  readonly detail: string
  /** How many records before this one verified. */
  readonly verifiedEvents: number
}

/** The outcome of verifying a stream's hash chain. */
export type ChainVerdict = ChainIntact | ChainBroken

/** The verified end of a chain: the stream, its last revision and hash, and how many events led to it. */
export interface ChainHead {
  readonly streamName: string
  readonly revision: number
  readonly hash: string
  readonly events: number
}

const broken = (
  record: StoredRecord,
  head: ChainHead | null,
  reason: ChainBreakReason,
  detail: string,
  expected: string | null = null,
  found: string | null = null,
): ChainBroken => ({
  valid: false,
  streamName: record.streamName,
  revision: record.revision,
  reason,
  expected,
  found,
  detail,
  verifiedEvents: head?.events ?? 0,
})

const decodeMetadata = decodeWith(EventMetadata, 'metadata')

/**
 * Checks one record against the head of the chain verified so far; pure, so a verifier needs no trust in the store.
 * Given a keyring, the event's MAC must verify too (`chainMacProblem`).
 */
export const verifyLink = (
  head: ChainHead | null,
  record: StoredRecord,
  keys?: ChainKeyring,
): E.Either<ChainBroken, ChainHead> => {
  if (record.kind === 'corrupt') return E.left(broken(record, head, 'corrupt-record', record.reason))
  if (head !== null && record.streamName !== head.streamName)
    return E.left(broken(record, head, 'broken-link', `record of ${record.streamName} in ${head.streamName}`))
  // The codec's guard first (every sound record passes it); io-ts decodes only to say what is wrong.
  const decoded = EventMetadata.is(record.metadata) ? E.right(record.metadata) : decodeMetadata(record.metadata)
  if (E.isLeft(decoded)) return E.left(broken(record, head, 'bad-metadata', formatDecodeFailure(decoded.left)))
  return verifyLinkWith(head, record, decoded.right, keys)
}

/**
 * `verifyLink` for an event whose metadata the caller has already decoded (or checked with `EventMetadata.is`):
 * `metadata` must be the event's own, as decoded from `record.metadata`. For readers that use the metadata
 * themselves, so it is checked once per event.
 */
export const verifyLinkWith = (
  head: ChainHead | null,
  record: StoredEvent,
  metadata: EventMetadata,
  keys?: ChainKeyring,
): E.Either<ChainBroken, ChainHead> => {
  if (head !== null && record.streamName !== head.streamName)
    return E.left(broken(record, head, 'broken-link', `record of ${record.streamName} in ${head.streamName}`))
  if (metadata.eventId !== record.eventId)
    return E.left(
      broken(record, head, 'bad-metadata', 'metadata names another event id', record.eventId, metadata.eventId),
    )
  const expectedPrev = head?.hash ?? null
  if (metadata.prevHash !== expectedPrev)
    return E.left(
      broken(
        record,
        head,
        'broken-link',
        head === null ? 'the first event must not link to a previous one' : 'does not link to the event before it',
        expectedPrev,
        metadata.prevHash,
      ),
    )
  const expectedRevision = head === null ? 0 : head.revision + 1
  if (record.revision !== expectedRevision)
    return E.left(
      broken(
        record,
        head,
        'broken-link',
        `revision ${record.revision} follows revision ${expectedRevision - 1}`,
        String(expectedRevision),
        String(record.revision),
      ),
    )
  const hash = chainHash({
    type: record.type,
    data: record.data,
    schemaVersion: metadata.schemaVersion,
    eventId: metadata.eventId,
    commandId: metadata.commandId,
    correlationId: metadata.correlationId,
    causationId: metadata.causationId,
    actor: metadata.actor,
    occurredAt: metadata.occurredAt,
    streamName: record.streamName,
    revision: record.revision,
    prevHash: metadata.prevHash,
  })
  if (E.isLeft(hash)) return E.left(broken(record, head, 'corrupt-record', formatNotJson(hash.left)))
  if (hash.right !== metadata.hash)
    return E.left(broken(record, head, 'tampered-data', 'content does not match its hash', hash.right, metadata.hash))
  if (keys !== undefined) {
    const problem = chainMacProblem(keys, metadata.hash, metadata.mac, record.position)
    if (problem !== undefined)
      return E.left(broken(record, head, 'unauthenticated', problem, null, metadata.mac?.keyId ?? null))
  }
  return E.right({
    streamName: record.streamName,
    revision: record.revision,
    hash: metadata.hash,
    events: (head?.events ?? 0) + 1,
  })
}

/**
 * Confirms that the record read at a kept head's revision is still the event the head was kept for: it carries the
 * head's hash, and its content still hashes to it. Then the head vouches for every event before it.
 */
export const confirmChainHead = (
  head: ChainHead,
  record: StoredRecord,
  keys?: ChainKeyring,
): E.Either<ChainBroken, ChainHead> => {
  const before = { ...head, events: head.events - 1 }
  if (record.revision !== head.revision)
    return E.left(
      broken(
        record,
        before,
        'broken-link',
        `the event at the head's revision ${head.revision} must be read first (readStream(name, { fromRevision: head.revision }))`,
        String(head.revision),
        String(record.revision),
      ),
    )
  if (record.kind === 'corrupt') return E.left(broken(record, before, 'corrupt-record', record.reason))
  const decoded = EventMetadata.is(record.metadata) ? E.right(record.metadata) : decodeMetadata(record.metadata)
  if (E.isLeft(decoded)) return E.left(broken(record, before, 'bad-metadata', formatDecodeFailure(decoded.left)))
  if (decoded.right.hash !== head.hash)
    return E.left(
      broken(record, before, 'tampered-data', 'is not the event the head was kept for', head.hash, decoded.right.hash),
    )
  // Its own link is not checked (the event before it is not read): only that its content still hashes to its hash.
  const prevHash = decoded.right.prevHash
  const previous =
    prevHash === null ? null : { streamName: head.streamName, revision: head.revision - 1, hash: prevHash, events: 0 }
  const checked = verifyLinkWith(previous, record, decoded.right, keys)
  return E.isLeft(checked) ? E.left({ ...checked.left, verifiedEvents: before.events }) : E.right(head)
}

/**
 * Verifies a stream read forwards: from its first event, or from the `head` of an earlier verification, read from the
 * head's own revision (`readStream(name, { fromRevision: head.revision })`): the event there must still carry the
 * head's hash and hash to it, so a kept head proves the history before it, and the events after it are verified as
 * usual. Every record is readable, carries valid metadata, links to the one before and hashes to its own hash; given a
 * keyring (`options.keys`), every event's MAC verifies under it too, so a stream rewritten with every hash recomputed
 * by someone without the key is broken. Stops at the first break; rejects only if `records` does.
 */
export const verifyChain = async (
  records: AsyncIterable<StoredRecord> | Iterable<StoredRecord>,
  from: ChainHead | null = null,
  options: { readonly keys?: ChainKeyring } = {},
): Promise<ChainVerdict> => {
  const { keys } = options
  let head = from
  let headConfirmed = from === null
  for await (const record of records) {
    const step = headConfirmed || head === null ? verifyLink(head, record, keys) : confirmChainHead(head, record, keys)
    if (E.isLeft(step)) return step.left
    headConfirmed = true
    head = step.right
  }
  if (!headConfirmed && from !== null)
    return {
      valid: false,
      streamName: from.streamName,
      revision: from.revision,
      reason: 'broken-link',
      expected: from.hash,
      found: null,
      detail: `the stream no longer has the event at revision ${from.revision} its head was kept for`,
      verifiedEvents: from.events - 1,
    }
  return {
    valid: true,
    streamName: head?.streamName ?? null,
    events: head?.events ?? 0,
    lastHash: head?.hash ?? null,
    head,
  }
}
