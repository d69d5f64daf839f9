import { type CaughtUp, StoreUnavailableError, type StoredRecord } from '@pembina/core'
import type { Checkpoint, DocumentChange, ProjectionVersion } from '../projection.js'
import { settleable, timedOut, within } from '../promises.js'
import { ParkedEntry, parkedKeyOf } from './parked.js'
import { policiesToRun } from './policies-run.js'
import { type Reaction, reactedTypes, type RecordWork, workFor } from './reactions.js'
import type { Reactor, ReactorOptions, ReactorPhase, ReactorStatus } from './reactor-types.js'
import { ReactorStopped, sendAll, type Waiting } from './sending.js'
import { numericOption } from '../options.js'

/** The read-model version a reactor of this name keeps its checkpoint and parked list under. */
export const reactorVersion = (name: string): ProjectionVersion => ({ name: `reactor:${name}`, version: 1 })

/**
 * Starts a reactor: it reads its checkpoint, subscribes to the store after it (catch-up, then live), runs the policies
 * on each event and sends each command they ask for to the handler of its aggregate, under an id derived from the
 * source event's id and the policy's name. Its checkpoint moves, in one transaction with any entries it parks, only
 * once every command of a batch has an outcome, so after a crash the events since are reacted to again and their
 * commands, carrying the same ids, get their first outcomes back: every event has its effect exactly once. A command
 * its decider refuses, or an event that cannot be read, is parked (see `parkedEntries` and `retryParked`); a store
 * that is down pauses the reactor, which tries again with a doubling wait. See docs/reactors.md.
 */
export const startReactor = (options: ReactorOptions): Reactor => {
  const { store, checkpoints, handlers, config } = options
  const name = options.name ?? 'policies'
  if (name.trim() === '') throw new RangeError('a reactor needs a name')
  const version = reactorVersion(name)
  const policies = policiesToRun(name, handlers, options.policies)
  const names = new Set<string>()
  for (const policy of policies) {
    if (policy.name.trim() === '') throw new RangeError(`reactor ${name}: a policy needs a name`)
    if (names.has(policy.name)) throw new RangeError(`reactor ${name}: two policies are named ${policy.name}`)
    names.add(policy.name)
  }
  const types = reactedTypes(policies)
  const owner = `reactor ${name}`
  const batchSize = numericOption(owner, 'batchSize', options.batchSize, 100, { min: 1, max: 100_000, whole: true })
  const concurrency = numericOption(owner, 'concurrency', options.concurrency, 4, { min: 1, max: 1_000, whole: true })
  const live = options.live ?? true
  const batchDelayMs = numericOption(owner, 'batchDelayMs', options.batchDelayMs, 20, {
    min: 0,
    max: 3_600_000,
    whole: false,
  })
  const initialMs = numericOption(owner, 'backoff.initialMs', options.backoff?.initialMs, 100, {
    min: 1,
    max: 3_600_000,
    whole: false,
  })
  const maxMs = numericOption(owner, 'backoff.maxMs', options.backoff?.maxMs, Math.max(initialMs, 5_000), {
    min: initialMs,
    max: 3_600_000,
    whole: false,
  })
  const caughtUp = settleable<ReactorStatus>()
  const done = settleable<ReactorStatus>()
  const stopped = settleable<undefined>()

  let phase: ReactorPhase = 'catching-up'
  let committed: Checkpoint | undefined
  let sent = 0
  let parkedCount = 0
  let pausedBecause: string | undefined
  let failure: Error | undefined
  let stopRequested = false
  let closeSubscription: () => Promise<void> = () => Promise.resolve()
  const stopping = (): boolean => stopRequested

  const sleep = async (ms: number): Promise<void> => {
    const wait = options.sleep?.(ms) ?? new Promise<void>(resolve => setTimeout(resolve, ms))
    await Promise.race([wait, stopped.promise])
  }

  const status = (): ReactorStatus => ({
    name,
    phase: pausedBecause !== undefined && (phase === 'catching-up' || phase === 'live') ? 'paused' : phase,
    position: committed?.position ?? null,
    events: committed?.events ?? 0,
    sent,
    parked: parkedCount,
    ...(pausedBecause === undefined ? {} : { pausedBecause }),
    ...(failure === undefined ? {} : { error: failure }),
  })

  const waiting: Waiting = {
    initialMs,
    maxMs,
    sleep,
    stopping,
    paused: because => {
      pausedBecause = because
    },
  }

  /** Reacts to a batch of records and commits its checkpoint with the entries it parks. */
  const flush = async (records: readonly StoredRecord[]): Promise<void> => {
    const last = records.at(-1)
    if (last === undefined) return
    const works: RecordWork[] = records.map(record => workFor(record, types, policies, config))
    const reactions: Reaction[] = []
    const parked: ParkedEntry[] = []
    for (const work of works)
      if (work.kind === 'commands') reactions.push(...work.reactions)
      else if (work.kind === 'park') parked.push(work.entry)
    const results = await sendAll(handlers, reactions, concurrency, waiting)
    let accepted = 0
    for (const result of results)
      if (result.kind === 'accepted') accepted++
      else parked.push(result.entry)
    const changes: DocumentChange[] = parked.map(entry => ({ key: parkedKeyOf(entry), doc: ParkedEntry.encode(entry) }))
    const checkpoint: Checkpoint = { position: last.position, events: (committed?.events ?? 0) + records.length }
    await checkpoints.commit(version, { changes, checkpoint, skipped: [], after: committed?.position ?? null })
    committed = checkpoint
    sent += accepted
    parkedCount += parked.length
    for (const entry of parked) options.onParked?.(entry)
  }

  type Next = IteratorResult<StoredRecord | CaughtUp, unknown>

  /** Follows the store from the checkpoint until stopped (or caught up, when not live). */
  const follow = async (): Promise<void> => {
    committed = await checkpoints.checkpoint(version)
    if (stopping()) return
    const subscription = store.subscribe(committed === undefined ? {} : { after: committed.position })
    closeSubscription = () => subscription.close()
    const iterator = subscription[Symbol.asyncIterator]()
    let batch: StoredRecord[] = []
    const flushBatch = async (): Promise<void> => {
      const taken = batch
      batch = []
      await flush(taken)
    }
    try {
      let pending: Promise<Next> | undefined
      for (;;) {
        if (stopping()) break
        pending ??= iterator.next()
        const result = phase === 'live' && batch.length > 0 ? await within(pending, batchDelayMs) : await pending
        if (result === timedOut) {
          await flushBatch()
          continue
        }
        pending = undefined
        pausedBecause = undefined
        if (result.done === true) {
          if (!stopping()) throw new StoreUnavailableError('the event store ended the subscription')
          break
        }
        const item = result.value
        if (item.kind === 'caught-up') {
          await flushBatch()
          if (phase === 'catching-up') {
            if ((await checkpoints.serving(version.name)) === undefined) await checkpoints.serve(version)
            if (live) phase = 'live'
            caughtUp.resolve(status())
          }
          if (!live) break
          continue
        }
        batch.push(item)
        if (batch.length >= batchSize) await flushBatch()
      }
      if (!stopping()) await flushBatch()
    } finally {
      await subscription.close()
    }
  }

  /** Follows the store, and comes back after a wait whenever the store is unavailable. */
  const run = async (): Promise<void> => {
    let wait = initialMs
    for (;;) {
      try {
        await follow()
        return
      } catch (error) {
        if (error instanceof ReactorStopped || stopping()) return
        if (!(error instanceof StoreUnavailableError)) throw error
        pausedBecause = `store unavailable: ${error.message}`
        await sleep(wait)
        wait = Math.min(maxMs, wait * 2)
      }
    }
  }

  void run().then(
    () => {
      phase = 'stopped'
      pausedBecause = undefined
      caughtUp.reject(new Error(`reactor ${name} stopped before catching up`))
      done.resolve(status())
    },
    (error: unknown) => {
      failure = error instanceof Error ? error : new Error(String(error))
      phase = 'failed'
      caughtUp.reject(failure)
      done.reject(failure)
    },
  )

  return {
    name,
    policies: policies.map(policy => policy.name),
    status,
    caughtUp: caughtUp.promise,
    done: done.promise,
    stop: async () => {
      stopRequested = true
      stopped.resolve(undefined)
      await closeSubscription()
      try {
        await done.promise
      } catch {
        // A failure is reported by `done` and in the status returned here.
      }
      return status()
    },
  }
}
