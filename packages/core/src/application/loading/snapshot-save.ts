import { createHmac } from 'node:crypto'
import type { Span } from '@opentelemetry/api'
import * as E from 'fp-ts/lib/Either.js'
import type { Decider } from '../../kernel/decider.js'
import type { DomainEvent } from '../../kernel/domain-event.js'
import type { SnapshotStore, StoredSnapshot } from '../../kernel/snapshot-store.js'
import { canonicalJson, sha256Hex } from '../integrity/canonical-json.js'
import { type ChainKey, chainKeyById, type ChainKeyring, sameMacText } from '../integrity/chain-keys.js'
import type { WrittenEvent } from './written-event.js'
import { recentCommands, snapshotCommandLimit } from './recent-commands.js'
import type { SnapshotLoad, Snapshotting, SnapshotUse } from './snapshot-load.js'

/** One span attribute value for how a load used snapshots. */
export const snapshotUseText = (use: SnapshotUse): string =>
  use.status === 'ignored' ? `ignored: ${use.reason}` : use.status

/**
 * The snapshot to save after a command, or null when fewer than `every` events were folded since the last one (or
 * the stream is empty). `written` are the events the command appended after the loaded stream, if it appended any.
 */
export const nextSnapshot = <Command, Event extends DomainEvent, State, Reject>(
  options: Snapshotting<State>,
  decider: Decider<Command, Event, State, Reject, never>,
  streamName: string,
  commandId: string,
  loaded: SnapshotLoad<Event, State>,
  written: readonly WrittenEvent<Event>[],
): StoredSnapshot | null => {
  const { stream } = loaded
  const last = written[written.length - 1]
  const revision = last?.revision ?? stream.revision
  const lastHash = last?.metadata.hash ?? stream.lastHash
  const every = Math.max(1, Math.floor(options.every))
  if (stream.folded + written.length < every || revision === 'no-stream' || lastHash === null) return null
  let state = stream.state
  for (const { event } of written) state = decider.evolve(state, event)
  const recent = recentCommands(snapshotCommandLimit, stream.recentCommandIds)
  if (last !== undefined) recent.note(commandId)
  const content = {
    streamName,
    revision,
    snapshotVersion: options.version,
    state: options.codec.encode(state),
    lastHash,
    recentCommandIds: recent.ids(),
  }
  const digest = snapshotDigest(content, options.keys?.current)
  return digest === undefined ? content : { ...content, stateDigest: digest }
}

const keyedDigestPattern = /^hmac-sha256:([^:]+):([0-9a-f]{64})$/

const keyedDigest = (key: ChainKey, text: string): string =>
  createHmac('sha256', key.secret).update(`pembina-snapshot/1\n${key.id}\n${text}`).digest('hex')

/**
 * The digest a snapshot carries, of the canonical JSON of its stream, revision, version, state, last hash and recent
 * command ids; undefined when the state has no JSON form. Without a key, SHA-256 in hex: it finds a snapshot changed
 * where it is stored (by a tool, by hand) that was not given a new digest, not one rewritten by someone who computes
 * the digest too. With the chain's key (a handler with `chainKeys`), `hmac-sha256:<key id>:<hex>`: one only a holder
 * of the key can compute.
 */
export const snapshotDigest = (snapshot: Omit<StoredSnapshot, 'stateDigest'>, key?: ChainKey): string | undefined => {
  const { streamName, revision, snapshotVersion, state, lastHash, recentCommandIds } = snapshot
  const text = canonicalJson({ streamName, revision, snapshotVersion, state, lastHash, recentCommandIds })
  if (E.isLeft(text)) return undefined
  return key === undefined ? sha256Hex(text.right) : `hmac-sha256:${key.id}:${keyedDigest(key, text.right)}`
}

/**
 * Why a snapshot's digest does not vouch for its content, or undefined when it does. Without a keyring the digest
 * must be the plain one; with one (a keyed chain), it must be keyed with a key of the keyring, current or retired: a
 * plain digest, which anyone can compute, no longer vouches for anything.
 */
export const snapshotDigestProblem = (snapshot: StoredSnapshot, keys?: ChainKeyring): string | undefined => {
  const digest = snapshot.stateDigest
  if (digest === undefined) return 'it carries no digest of its content'
  const keyed = keyedDigestPattern.exec(digest)
  if (keys === undefined) {
    if (keyed !== null) return `its digest is keyed (key ${keyed[1] ?? ''}), and the handler holds no chain key`
    return snapshotDigest(snapshot) === digest
      ? undefined
      : 'its content does not match its digest: it was changed where it is stored'
  }
  if (keyed === null) return 'its digest is not keyed, and the chain is: anyone could have computed it'
  const keyId = keyed[1] ?? ''
  const key = chainKeyById(keys, keyId)
  if (key === undefined) return `its digest is keyed with key ${keyId}, which the keyring does not hold`
  const expected = snapshotDigest(snapshot, key)
  return expected !== undefined && sameMacText(expected, digest)
    ? undefined
    : `its content does not match its digest keyed with ${keyId}: it was changed where it is stored`
}

/**
 * The largest state a snapshot is saved with, in UTF-8 bytes of its JSON, unless the handler's `snapshots.maxBytes`
 * says otherwise: EventStoreDB's largest append by default (1,048,576 bytes), the smallest write of the stores.
 */
export const defaultMaxSnapshotBytes = 1_048_576

const messageOf = (cause: unknown): string => (cause instanceof Error ? cause.message : String(cause))

/**
 * Builds and saves a snapshot and reports the outcome on the command's span only: the command's events are already
 * written, so a snapshot that cannot be encoded or saved never fails the command (the next load reads more events).
 */
export const saveSnapshotTraced = async (
  span: Span,
  store: SnapshotStore,
  snapshot: () => StoredSnapshot | null,
  maxBytes: number = defaultMaxSnapshotBytes,
): Promise<void> => {
  const failed = (message: string, revision?: number): void => {
    span.setAttribute('pembina.snapshot.save', 'failed')
    span.addEvent('pembina.snapshot.save-failed', {
      'pembina.snapshot.error': message,
      ...(revision === undefined ? {} : { 'pembina.snapshot.revision': revision }),
    })
  }
  let next: StoredSnapshot | null
  try {
    next = snapshot()
  } catch (cause) {
    failed(`the state could not be encoded: ${messageOf(cause)}`)
    return
  }
  if (next === null) return
  // A snapshot no store could keep in one write is not tried: the stream is simply read from further back.
  const text: unknown = JSON.stringify(next.state)
  const bytes = typeof text === 'string' ? Buffer.byteLength(text, 'utf8') : 0
  if (bytes > maxBytes) {
    span.setAttribute('pembina.snapshot.save', 'skipped')
    span.setAttribute('pembina.snapshot.skipped', `its state takes ${bytes} bytes, more than ${maxBytes}`)
    return
  }
  try {
    const saved = await store.save(next)()
    if (E.isLeft(saved)) failed(saved.left.message, next.revision)
    else span.setAttribute('pembina.snapshot.saved', next.revision)
  } catch (cause) {
    failed(messageOf(cause), next.revision)
  }
}
