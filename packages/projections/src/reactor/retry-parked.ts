import * as E from 'fp-ts/lib/Either.js'
import {
  decodePolicyCommand,
  decodeWith,
  formatDecodeFailure,
  type EventStore,
  hasHandler,
  parseStreamName,
  type Policy,
  type PolicyCommand,
  type PolicyConfig,
  type PolicyTarget,
  policyTargets,
  type StoredRecord,
} from '@pembina/core'
import { CheckpointConflictError } from '../errors.js'
import type { DocumentChange, ReadModelStore } from '../projection.js'
import { type ParkedCommand, ParkedEntry, type ParkedEvent, parkedKeyOf } from './parked.js'
import { policiesToRun } from './policies-run.js'
import { type Reaction, reactedTypes, workFor } from './reactions.js'
import { reactorVersion } from './reactor.js'
import type { ReactorHandlers } from './reactor-types.js'
import { send, type Sent, type Waiting } from './sending.js'
import { numericOption } from '../options.js'

/** What `retryParked` needs: the reactor's stores, handlers, configuration and policies, and its name. */
export interface RetryParkedOptions {
  /** The store the parked events are read again from. */
  readonly store: EventStore
  readonly checkpoints: ReadModelStore
  readonly handlers: ReactorHandlers
  readonly config: PolicyConfig
  /**
   * The reactor's policies (default: the `standardPolicies` whose targets all have a handler), to react again to an
   * event that can now be read.
   */
  readonly policies?: readonly Policy[]
  /** The reactor's name (default `policies`). */
  readonly name?: string
  /** Only the entries for which this holds (default: all). */
  readonly only?: (entry: ParkedEntry) => boolean
  /** How many times a store that is down is tried, doubling the wait from 100 ms, before giving up (default 5; 1 to 100). */
  readonly storeTries?: number
  readonly sleep?: (ms: number) => Promise<void>
}

/** What a retry came to. */
export interface RetryReport {
  /** Entries tried. */
  readonly retried: number
  /** Entries that went through and left the parked list. */
  readonly cleared: number
  /** Entries still parked after this retry (their `attempts` and reason updated), and any it parked anew. */
  readonly stillParked: readonly ParkedEntry[]
}

/** The entries a reactor has parked, oldest source event first. Empty when the reactor has never caught up. */
export const parkedEntries = async (
  checkpoints: ReadModelStore,
  name = 'policies',
): Promise<readonly ParkedEntry[]> => {
  const listed = await checkpoints.list(reactorVersion(name).name)
  const entries = listed.map(({ key, doc }) => {
    const entry = decodeWith(ParkedEntry, 'parked entry')(doc)
    if (E.isLeft(entry)) throw new Error(`parked entry ${key} does not decode: ${formatDecodeFailure(entry.left)}`)
    return entry.right
  })
  return entries.sort((a, b) => {
    const byPosition = BigInt(a.source.position) - BigInt(b.source.position)
    return byPosition !== 0n ? (byPosition < 0n ? -1 : 1) : parkedKeyOf(a) < parkedKeyOf(b) ? -1 : 1
  })
}

class StoreStillDown extends Error {
  override readonly name = 'StoreStillDown'
}

/** The aggregate a parked command goes to, from the stream it targets; undefined for a stream no policy writes to. */
const targetOf = (entry: ParkedCommand): PolicyTarget | undefined => {
  const stream = parseStreamName(entry.target)
  return E.isRight(stream) ? policyTargets.find(target => target === stream.right.category) : undefined
}

/** A parked command decoded again for the aggregate of the stream it targets, or why it cannot be. */
const parkedCommandOf = (entry: ParkedCommand): E.Either<string, PolicyCommand> => {
  const target = targetOf(entry)
  if (target === undefined) return E.left(`no policy writes to ${entry.target}`)
  return E.mapLeft(formatDecodeFailure)(decodePolicyCommand(target, entry.command))
}

const readOne = async (store: EventStore, entry: ParkedEvent): Promise<StoredRecord | undefined> => {
  for await (const record of store.readStream(entry.source.streamName, {
    fromRevision: entry.source.revision,
    limit: 1,
  }))
    return record
  return undefined
}

/**
 * Sends the parked commands again, under their own ids, and reads parked events again and reacts to them: what goes
 * through leaves the parked list, what is refused again stays with its `attempts` counted and its latest reason. Run
 * it once the cause is fixed (the profile registered, the stream repaired, an upcaster added). It may run beside the
 * reactor: both keep the same checkpoint, and a command sent twice gets its first outcome back. A store still down
 * after `storeTries` leaves the rest parked and rejects with the store's error.
 */
export const retryParked = async (options: RetryParkedOptions): Promise<RetryReport> => {
  const { store, checkpoints, handlers, config } = options
  const name = options.name ?? 'policies'
  const policies = policiesToRun(name, handlers, options.policies)
  const version = reactorVersion(name)
  const types = reactedTypes(policies)
  const tries = numericOption(`reactor ${name}`, 'storeTries', options.storeTries, 5, { min: 1, max: 100, whole: true })
  const entries = (await parkedEntries(checkpoints, name)).filter(options.only ?? (() => true))
  // A parked command goes back to the handler of its aggregate: one missing is named before anything is sent.
  for (const entry of entries) {
    const target = entry.kind === 'command' ? targetOf(entry) : undefined
    if (target !== undefined && !hasHandler(handlers, target))
      throw new RangeError(
        `reactor ${name}: parked commands for the ${target} aggregate need a ${target} handler (handlers.${target})`,
      )
  }
  let tried = 0
  const waiting: Waiting = {
    initialMs: 100,
    maxMs: 5_000,
    sleep: async ms => {
      tried++
      if (tried >= tries) throw new StoreStillDown(`the store is still unavailable after ${tries} tries`)
      await (options.sleep?.(ms) ?? new Promise<void>(resolve => setTimeout(resolve, ms)))
    },
    stopping: () => false,
    paused: () => undefined,
  }
  const changes: DocumentChange[] = []
  const stillParked: ParkedEntry[] = []
  let cleared = 0
  const keep = (entry: ParkedEntry): void => {
    stillParked.push(entry)
    changes.push({ key: parkedKeyOf(entry), doc: ParkedEntry.encode(entry) })
  }
  const clear = (entry: ParkedEntry): void => {
    cleared++
    changes.push({ key: parkedKeyOf(entry), doc: undefined })
  }
  const sendParked = async (entry: ParkedCommand): Promise<void> => {
    const command = parkedCommandOf(entry)
    if (E.isLeft(command)) {
      keep({ ...entry, attempts: entry.attempts + 1, reason: { kind: 'invalid-event', message: command.left } })
      return
    }
    const reaction: Reaction = {
      source: entry.source,
      policy: entry.policy,
      index: entry.index,
      commandId: entry.commandId,
      correlationId: entry.source.correlationId ?? entry.commandId,
      causationId: entry.source.eventId ?? entry.commandId,
      target: entry.target,
      command: command.right,
    }
    const result: Sent = await send(handlers, reaction, waiting, entry.attempts + 1)
    if (result.kind === 'accepted') clear(entry)
    else keep(result.entry)
  }
  const rereadEvent = async (entry: ParkedEvent): Promise<void> => {
    let record: StoredRecord | undefined
    try {
      record = await readOne(store, entry)
    } catch (error) {
      keep({ ...entry, attempts: entry.attempts + 1, reason: { kind: 'undecodable', message: String(error) } })
      return
    }
    const work = record === undefined ? undefined : workFor(record, types, policies, config)
    if (work === undefined || work.kind === 'park') {
      keep({ ...entry, attempts: entry.attempts + 1, ...(work === undefined ? {} : { reason: work.entry.reason }) })
      return
    }
    clear(entry)
    if (work.kind === 'none') return
    for (const reaction of work.reactions) {
      const result = await send(handlers, reaction, waiting)
      if (result.kind === 'parked') keep(result.entry)
    }
  }
  let failure: Error | undefined
  try {
    for (const entry of entries)
      if (entry.kind === 'command') await sendParked(entry)
      else await rereadEvent(entry)
  } catch (error) {
    failure = error instanceof Error ? error : new Error(String(error))
  }
  // The reactor may commit meanwhile; the changes only touch the parked list, so they are written on its checkpoint.
  for (let attempt = 0; changes.length > 0; attempt++) {
    const checkpoint = await checkpoints.checkpoint(version)
    if (checkpoint === undefined) break
    try {
      await checkpoints.commit(version, { changes, checkpoint, skipped: [], after: checkpoint.position })
      break
    } catch (error) {
      if (!(error instanceof CheckpointConflictError) || attempt >= 10) throw error
    }
  }
  if (failure !== undefined) throw failure
  return { retried: entries.length, cleared, stillParked }
}
