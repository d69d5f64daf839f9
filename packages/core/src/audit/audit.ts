import * as E from 'fp-ts/lib/Either.js'
import {
  type ChainBroken,
  type ChainHead,
  type ChainKeyring,
  verifyLink,
  verifyLinkWith,
} from '../application/integrity/index.js'
import {
  type PersonalDataSurvey,
  personalDataSurveyor,
  type SealedFieldPlace,
} from '../application/personal-data/marking.js'
import { competency } from '../competency/index.js'
import { complaint, type ComplaintEvent, type ComplaintState, nextDeadlines } from '../complaint/index.js'
import { enrollment } from '../enrollment/index.js'
import type { PembinaEvent } from '../aggregates.js'
import { type EventStore, type StoredEvent, type StoredRecord, StoreUnavailableError } from '../kernel/event-store.js'
import type { KeyStore } from '../kernel/key-store.js'
import type { EventRegistry } from '../kernel/registry.js'
import { mentorRoster } from '../mentor-roster/index.js'
import { organisation, personnel } from '../personnel/index.js'
import { mentorship } from '../mentorship/index.js'
import { EventMetadata, type PolicyConfig } from '../shared/index.js'
import type { HeadFile, StreamHead } from './heads.js'
import { StreamChains } from './stream-chains.js'
import { type ReplayedEvent, replayedEventOf, replayedEventWith } from './replayed-event.js'

/** What an audit can find. */
export type AuditFindingKind =
  /** A record that cannot be read: corrupt, or its metadata or data does not decode. */
  | 'unreadable'
  /** An event whose content does not match its own hash. */
  | 'tampered'
  /** An event that does not link to the one before it in its stream. */
  | 'broken-chain'
  /** A stream whose revisions skip (an event removed). */
  | 'revision-gap'
  /** A credit from a training or a mentoring session that no completed place or logged session caused. */
  | 'untraced-credit'
  /** A mentorship accepted (schema v2 on) that no place reserved in its mentor's roster caused. */
  | 'unreserved-acceptance'
  /** A missed deadline the working-day calendar does not bear out (another due instant, or not yet due). */
  | 'wrong-deadline'
  /** A complaint closed as resolved before the complainant was notified. */
  | 'closed-unnotified'
  /**
   * A stream whose history up to a head of an earlier audit is no longer what that audit saw (changed, cut short,
   * deleted or renamed), or an event moved across that audit's position, or one the head file cannot account for.
   */
  | 'rewritten-history'
  /**
   * Audited with the chain's keyring: an event the keyring does not vouch for (no MAC, a key it does not hold or one
   * retired before the event's position, or a MAC that does not match): written or rewritten without the chain key.
   */
  | 'unauthenticated'
  /** A sealed field whose key the key store given does not know: sealed under another key store, or its key lost. */
  | 'unknown-key'

/** One thing an audit found, where it is, and why it is one. */
export interface AuditFinding {
  readonly kind: AuditFindingKind
  readonly streamName: string
  /** The event's revision in its stream; null when the finding is about a whole stream. */
  readonly revision: number | null
  /** The event's global position; null when the finding is about a whole stream. */
  readonly position: bigint | null
  readonly message: string
}

/** What an audit read and found, and the heads to keep for the next one. */
export interface AuditSummary {
  /** Records read (events and unreadable records) in Pembina's streams. */
  readonly records: number
  readonly streams: number
  /** Records of streams outside Pembina's categories, passed by. */
  readonly otherRecords: number
  readonly findings: number
  readonly byKind: Readonly<Partial<Record<AuditFindingKind, number>>>
  /** The global position of the last record read; null for an empty store. */
  readonly position: bigint | null
  /**
   * The last revision and hash of every stream whose chain held to its end: a head file's content. Built the first
   * time it is read (an object per stream), so an audit whose heads are not kept does not hold them all at once.
   */
  readonly heads: Readonly<Record<string, StreamHead>>
  /** What the history holds of personal data against the key store, when the audit was given one (`keys`). */
  readonly personalData?: PersonalDataSurvey
}

/** How an audit is run. */
export interface AuditOptions {
  /** The configuration the deadlines are checked against (its working-day calendar). */
  readonly config: PolicyConfig
  /** The heads of an earlier audit: history up to them must be unchanged. */
  readonly heads?: HeadFile
  /** Told how many records have been read, every 10,000 and at the end. */
  readonly onProgress?: (records: number) => void
  /**
   * The key store the history's personal data was sealed with: every envelope in an event's data is looked up (not
   * opened, so not logged), counted in the summary's `personalData`, and one under a key the store does not know is
   * an `unknown-key` finding. A key store that fails ends the audit with a `StoreUnavailableError`.
   */
  readonly keys?: KeyStore
  /**
   * The keyring of a keyed chain (`chainKeys` of the handlers that wrote the store): every event's MAC must verify
   * under it (an `unauthenticated` finding otherwise). An event without a MAC at or before the head of its stream in
   * the head file given (`heads`) is vouched for by that head instead: a store keyed after it was first written is
   * audited with the anchor taken when the key was introduced.
   */
  readonly chainKeys?: ChainKeyring
}

type Replayed = E.Either<string, ReplayedEvent<Exclude<PembinaEvent, ComplaintEvent>>>
/** Reads a category's records: any record, or an event whose metadata is already checked. */
interface Reader {
  readonly record: (record: StoredRecord) => Replayed
  readonly withMetadata: (record: StoredEvent, metadata: EventMetadata) => Replayed
}
const readerOf = <Event extends Exclude<PembinaEvent, ComplaintEvent>>(registry: EventRegistry<Event>): Reader => ({
  record: record => replayedEventOf(record, registry),
  withMetadata: (record, metadata) => replayedEventWith(record, metadata, registry),
})
// The complaint category is read apart (its events are folded); every other one by its registry.
const readers = new Map<string, Reader>([
  [organisation.category, readerOf(organisation.events)],
  [personnel.category, readerOf(personnel.events)],
  [enrollment.category, readerOf(enrollment.events)],
  [mentorship.category, readerOf(mentorship.events)],
  [mentorRoster.category, readerOf(mentorRoster.events)],
  [competency.category, readerOf(competency.events)],
])

const categoryOf = (streamName: string): string | undefined => {
  const dash = streamName.indexOf('-')
  return dash < 0 ? undefined : streamName.slice(0, dash)
}

const chainFinding = (broken: ChainBroken, record: StoredRecord): AuditFinding => ({
  kind:
    broken.reason === 'tampered-data'
      ? 'tampered'
      : broken.reason === 'broken-link'
        ? 'broken-chain'
        : broken.reason === 'unauthenticated'
          ? 'unauthenticated'
          : 'unreadable',
  streamName: record.streamName,
  revision: record.revision,
  position: record.position,
  message: broken.detail,
})

/**
 * The head to verify a record against: the chain so far when the record follows it; after a gap, or after an event
 * whose hash could not be read, what the record itself claims came before it (so its own hash is still checked).
 */
const headBefore = (
  chains: StreamChains,
  slot: number,
  record: StoredRecord,
  metadata: EventMetadata | undefined,
): ChainHead | null => {
  const { streamName } = record
  const revision = chains.revision(slot)
  if (record.revision === revision + 1) {
    if (revision < 0) return null
    const hash = chains.hash(slot)
    if (hash !== null) return { streamName, revision, hash, events: revision + 1 }
  }
  const claimed = metadata?.prevHash ?? null
  return claimed === null ? null : { streamName, revision: record.revision - 1, hash: claimed, events: record.revision }
}

/**
 * Why a record's global position contradicts the head file (its stream's head there, and the position it was read
 * to), or undefined: an event at or before its stream's head must be at or before the head's position (the head at
 * exactly it), and one after the head must be after the position the head file was read to.
 */
const positionProblem = (
  record: StoredRecord,
  prior: StreamHead | undefined,
  anchor: bigint | null,
): string | undefined => {
  if (prior === undefined) return undefined
  const headPosition = prior.position === undefined ? null : BigInt(prior.position)
  if (record.revision === prior.revision && headPosition !== null && record.position !== headPosition)
    return `the head recorded earlier was at position ${headPosition}, and is now at ${record.position}: events were moved in the global order`
  if (record.revision < prior.revision && headPosition !== null && record.position >= headPosition)
    return `revision ${record.revision} is at position ${record.position}, after its stream's head recorded at position ${headPosition}: events were moved in the global order`
  if (record.revision > prior.revision && anchor !== null && record.position <= anchor)
    return `revision ${record.revision} follows the head recorded earlier (revision ${prior.revision}) but is at position ${record.position}, at or before the head file's position ${anchor}: written into history already audited`
  return undefined
}

/** What a complaint event says that the calendar and the complaint's state before it must bear out. */
const complaintFindings = (before: ComplaintState, event: ComplaintEvent, config: PolicyConfig): readonly string[] => {
  if (event.type === 'DeadlineMissed') {
    const { stage, dueAt, at: missedAt } = event.data
    const deadline = nextDeadlines(before, config).find(open => open.stage === stage)
    if (deadline === undefined) return [`no ${stage} deadline was open on the complaint`]
    if (Date.parse(deadline.dueAt) !== Date.parse(dueAt))
      return [`the ${stage} deadline is due ${deadline.dueAt} by the calendar, not ${dueAt}`]
    if (Date.parse(missedAt) <= Date.parse(dueAt))
      return [`recorded as missed at ${missedAt}, before it fell due at ${dueAt}`]
  }
  if (event.type === 'ComplaintClosed' && event.data.reason === 'resolved')
    if (before.status === 'not-filed' || before.notifiedAt === null)
      return ['closed as resolved without the complainant notified']
  return []
}

/**
 * Audits a whole store, reading it once in global order: every stream's hash chain and revisions, every event
 * decoded (and upcast) by its aggregate's registry, and the rules that span streams — every credit from a training
 * or a mentoring session caused (causation id) by a completed place or a logged session that matches it, every missed
 * deadline due by the working-day calendar of `config`, every complaint closed as resolved notified first. Given the
 * heads of an earlier audit, it also proves that every stream still holds, up to its head, the very events that audit
 * saw. Yields each finding as it is found, and returns the summary (with the heads for the next audit).
 *
 * Memory grows with the number of streams (their chain heads), of complaints (their states) and of completed places
 * and logged sessions (their event ids), not with the number of events.
 */
export async function* audit(store: EventStore, options: AuditOptions): AsyncGenerator<AuditFinding, AuditSummary> {
  const { config } = options
  const chains = new StreamChains()
  const complaintStates = new Map<string, ComplaintState>()
  // The event ids of completed places and logged sessions, with what a credit they cause must name.
  const sources = new Map<string, string>()
  const byKind: Partial<Record<AuditFindingKind, number>> = {}
  let findings = 0
  let records = 0
  let otherRecords = 0
  let position: bigint | null = null
  const found = (finding: AuditFinding): AuditFinding => {
    findings++
    byKind[finding.kind] = (byKind[finding.kind] ?? 0) + 1
    return finding
  }
  const priorHeads = options.heads?.heads ?? {}
  const anchorText = options.heads?.position ?? null
  const anchor = anchorText === null ? null : BigInt(anchorText)
  // Streams with events before the anchor's position that the anchor has no head for: reported once each.
  const unaccounted = new Set<string>()
  const { chainKeys } = options
  const at = (record: StoredRecord, kind: AuditFindingKind, message: string): AuditFinding =>
    found({ kind, streamName: record.streamName, revision: record.revision, position: record.position, message })

  const complaints = complaint.decider(config)
  const surveyor = options.keys === undefined ? undefined : personalDataSurveyor(options.keys)
  const unknownKey = (record: StoredEvent, place: SealedFieldPlace): AuditFinding =>
    at(
      record,
      'unknown-key',
      `${place.path} is sealed for ${place.subjectId} under key ${place.keyId}, which the key store does not know: sealed under another key store, or the key was lost`,
    )
  for await (const record of store.readAll()) {
    position = record.position
    const category = categoryOf(record.streamName)
    const read = category === undefined ? undefined : readers.get(category)
    const isComplaint = category === complaint.category
    if (read === undefined && !isComplaint) {
      otherRecords++
      continue
    }
    records++
    if (records % 10_000 === 0) options.onProgress?.(records)
    const slot = chains.slotOf(record.streamName)
    // The metadata checked once, for the chain and for the event; a record without it is read by the paths that say why.
    const metadata = record.kind === 'event' && EventMetadata.is(record.metadata) ? record.metadata : undefined

    // The chain: a removed event shows as a gap in the revisions; after any break, go on from what the record claims.
    const last = chains.revision(slot)
    if (record.revision !== last + 1) {
      yield at(record, 'revision-gap', `revision ${record.revision} follows revision ${last}: events are missing`)
      chains.break(slot)
    }
    const from = headBefore(chains, slot, record, metadata)
    const prior = priorHeads[record.streamName]
    // Up to its head in the head file, an event written before the chain was keyed is vouched for by the head.
    const keys =
      chainKeys !== undefined && prior !== undefined && record.revision <= prior.revision && metadata?.mac === undefined
        ? undefined
        : chainKeys
    const link =
      record.kind === 'event' && metadata !== undefined
        ? verifyLinkWith(from, record, metadata, keys)
        : verifyLink(from, record, keys)
    // A record the chain found unreadable is reported once, there, and not read again below.
    let unreadable = false
    if (E.isLeft(link)) {
      const finding = chainFinding(link.left, record)
      unreadable = finding.kind === 'unreadable'
      if (!(from === null && record.revision !== 0 && link.left.reason === 'broken-link')) yield found(finding)
      chains.break(slot)
    }
    chains.advance(slot, record.revision, record.position, metadata?.hash ?? null)

    // A head of an earlier audit: the event at its revision must still carry its hash.
    if (prior !== undefined && record.revision === prior.revision) {
      const hash = metadata?.hash ?? null
      if (hash !== prior.hash)
        yield at(
          record,
          'rewritten-history',
          `the head recorded earlier (revision ${prior.revision}, hash ${prior.hash.slice(0, 12)}…) is now ${hash === null ? 'unreadable' : `hash ${hash.slice(0, 12)}…`}: history up to it was changed`,
        )
    }
    // The anchor's positions: what it saw stays where it was, and what came after it stays after it.
    const moved = positionProblem(record, prior, anchor)
    if (moved !== undefined) yield at(record, 'rewritten-history', moved)
    else if (
      prior === undefined &&
      anchor !== null &&
      record.position <= anchor &&
      !unaccounted.has(record.streamName)
    ) {
      unaccounted.add(record.streamName)
      yield at(
        record,
        'rewritten-history',
        `the stream has an event at position ${record.position}, at or before the head file's position ${anchor}, but the head file has no head for it: inserted or renamed since (or its chain was already broken then)`,
      )
    }

    // Personal data, as the event stores it (what its hash covers), whether or not the event decodes.
    if (surveyor !== undefined && record.kind === 'event') {
      const unknown = await surveyor.add(record)()
      if (E.isLeft(unknown)) throw new StoreUnavailableError(unknown.left.message)
      for (const place of unknown.right) yield unknownKey(record, place)
    }

    if (unreadable) continue
    if (isComplaint) {
      const replayed =
        record.kind === 'event' && metadata !== undefined
          ? replayedEventWith(record, metadata, complaint.events)
          : replayedEventOf(record, complaint.events)
      if (E.isLeft(replayed)) {
        yield at(record, 'unreadable', replayed.left)
        continue
      }
      const before = complaintStates.get(record.streamName) ?? complaints.initialState
      for (const message of complaintFindings(before, replayed.right.event, config))
        yield at(record, message.startsWith('closed') ? 'closed-unnotified' : 'wrong-deadline', message)
      complaintStates.set(record.streamName, complaints.evolve(before, replayed.right.event))
      continue
    }
    const replayed =
      read === undefined
        ? E.left('no reader')
        : record.kind === 'event' && metadata !== undefined
          ? read.withMetadata(record, metadata)
          : read.record(record)
    if (E.isLeft(replayed)) {
      yield at(record, 'unreadable', replayed.left)
      continue
    }
    const { event, metadata: eventMetadata } = replayed.right
    if (event.type === 'PlaceCompleted')
      sources.set(eventMetadata.eventId, `training:${event.data.offeringId}|${event.data.nip}`)
    else if (event.type === 'SessionLogged') {
      const { mentorshipId, sessionId, menteeNip, mentorNip } = event.data
      sources.set(eventMetadata.eventId, `${mentorshipId}/${sessionId}|${menteeNip}|${mentorNip}`)
    } else if (event.type === 'MentorPlaceReserved')
      sources.set(eventMetadata.eventId, `reserved:${event.data.mentorshipId}|${event.data.mentorNip}`)
    else if (event.type === 'MentorshipAccepted' && eventMetadata.schemaVersion >= 2) {
      // Written before the roster kept the limit (v1), an acceptance had no place to trace to.
      const { mentorshipId, mentorNip } = event.data
      if (sources.get(eventMetadata.causationId) !== `reserved:${mentorshipId}|${mentorNip}`)
        yield at(
          record,
          'unreserved-acceptance',
          `mentorship ${mentorshipId} was accepted, caused by ${eventMetadata.causationId}, which is no place reserved in the roster of mentor ${mentorNip}`,
        )
    } else if (event.type === 'LearningCredited' && event.data.source.kind !== 'self-reported') {
      const { source, nip } = event.data
      const cause = sources.get(eventMetadata.causationId)
      const traced =
        cause !== undefined &&
        (source.kind === 'training'
          ? cause === `training:${source.offeringId}|${nip}`
          : cause.startsWith(`${source.mentorshipId}/${source.sessionId}|`) && cause.split('|').slice(1).includes(nip))
      if (!traced)
        yield at(
          record,
          'untraced-credit',
          `${source.kind} credit for ${nip} is caused by ${eventMetadata.causationId}, which is no ${source.kind === 'training' ? 'completed place of that offering and ASN' : 'logged session of that mentorship with that ASN'}`,
        )
    }
  }
  options.onProgress?.(records)

  // Streams that no longer reach the head an earlier audit saw: events removed from their end, or the stream gone.
  for (const [streamName, prior] of Object.entries(priorHeads)) {
    const reached = chains.revisionOf(streamName)
    if (reached < prior.revision)
      yield found({
        kind: 'rewritten-history',
        streamName,
        revision: null,
        position: null,
        message:
          reached < 0
            ? `the stream is gone; an earlier audit saw it up to revision ${prior.revision}`
            : `the stream ends at revision ${reached}; an earlier audit saw it up to revision ${prior.revision}`,
      })
  }

  // Every stream's head, built only when read: an audit whose heads nobody keeps never holds them all at once.
  let heads: Readonly<Record<string, StreamHead>> | undefined
  return {
    records,
    streams: chains.size,
    otherRecords,
    findings,
    byKind,
    position,
    get heads() {
      heads ??= chains.soundHeads()
      return heads
    },
    ...(surveyor === undefined ? {} : { personalData: surveyor.survey() }),
  }
}

/** Runs an audit to its end: every finding, and the summary. */
export const runAudit = async (
  store: EventStore,
  options: AuditOptions,
): Promise<{ readonly findings: readonly AuditFinding[]; readonly summary: AuditSummary }> => {
  const findings: AuditFinding[] = []
  const running = audit(store, options)
  for (;;) {
    const next = await running.next()
    if (next.done === true) return { findings, summary: next.value }
    findings.push(next.value)
  }
}

/** The head file for an audit's summary, to give to the next audit. */
export const headFileOf = (summary: AuditSummary, writtenAt: Date): HeadFile => ({
  format: 'pembina-heads/2',
  writtenAt: writtenAt.toISOString(),
  position: summary.position === null ? null : summary.position.toString(),
  heads: summary.heads,
})
