import type { CaughtUp, StoredRecord, SubscribeOptions } from '@pembina/core'
import * as E from 'fp-ts/lib/Either.js'
import { ProjectionEventError } from './errors.js'
import { pendingBatch } from './pending-batch.js'
import { settleable, timedOut, within } from './promises.js'
import type { Checkpoint, JsonValue, ProjectionVersion } from './projection.js'
import type { Projector, ProjectorOptions, ProjectorPhase, ProjectorStatus } from './projector-types.js'
import { recordSelection } from './projected-event.js'
import { throughput } from './throughput.js'
import { numericOption } from './options.js'

const placeOf = (record: StoredRecord) => ({
  streamName: record.streamName,
  revision: record.revision,
  position: record.position,
  eventType: record.kind === 'event' ? record.type : undefined,
})

/**
 * Starts a projector: it reads the projection's checkpoint, subscribes to the event store after it (catch-up, then
 * live), applies events to documents in batches, and commits each batch's documents with its checkpoint in one
 * transaction of the read-model store, so a crash at any moment resumes with every event applied exactly once.
 * It reads at most one batch ahead of what it has committed. See docs/projections.md. Throws a RangeError for a
 * projection without a name or with a version that is not a whole number from 1.
 */
export const startProjector = <Doc extends JsonValue>(options: ProjectorOptions<Doc>): Projector => {
  const { events, readModels, projection } = options
  // A bad name or version would file documents where no query or rebuild finds them: refuse it before reading.
  if (projection.name.trim() === '') throw new RangeError('a projection needs a name')
  if (!Number.isSafeInteger(projection.version) || projection.version < 1)
    throw new RangeError(
      `projection ${projection.name}: a version is a whole number from 1, not ${String(projection.version)}`,
    )
  const version: ProjectionVersion = { name: projection.name, version: projection.version }
  const owner = `projection ${projection.name}`
  const batchSize = numericOption(owner, 'batchSize', options.batchSize, 500, { min: 1, max: 100_000, whole: true })
  const commitDelayMs = numericOption(owner, 'commitDelayMs', options.commitDelayMs, 100, {
    min: 0,
    max: 3_600_000,
    whole: false,
  })
  const live = options.live ?? true
  const policy = options.onFailure ?? 'stop'
  const now = options.now ?? (() => performance.now())
  const selection = recordSelection(projection.categories)
  const batch = pendingBatch(projection, version, readModels)
  const rate = throughput(now)
  const caughtUp = settleable<ProjectorStatus>()
  const done = settleable<ProjectorStatus>()

  let phase: ProjectorPhase = 'catching-up'
  let committed: Checkpoint | undefined
  let skippedCount = 0
  let failure: Error | undefined
  let firstPendingAt = 0
  let stopRequested = false
  // Catching up on a store that counts: the events after the checkpoint when the subscription opened, and how many
  // of the records it delivered since are committed.
  let aheadAtStart: number | undefined
  let settled = 0
  let closeSubscription: () => Promise<void> = () => Promise.resolve()
  // Read through a function: `stop` sets the flag while `run` awaits, which narrowing inside `run` cannot see.
  const stopping = (): boolean => stopRequested

  const lag = (): number | null => {
    if (phase === 'live') return batch.records()
    if (phase !== 'catching-up' || aheadAtStart === undefined) return null
    // Read but not committed is still behind; events appended since the count are not known until live.
    return Math.max(0, aheadAtStart - settled)
  }

  const status = (): ProjectorStatus => ({
    projection: version,
    phase,
    position: committed?.position ?? null,
    events: committed?.events ?? 0,
    pending: batch.records(),
    lag: lag(),
    eventsPerSecond: rate.perSecond(),
    skipped: skippedCount,
    ...(failure === undefined ? {} : { error: failure }),
  })

  const commit = async (): Promise<void> => {
    const records = batch.records()
    const taken = batch.take(committed)
    if (taken === undefined) return
    await readModels.commit(version, taken)
    settled += records
    committed = taken.checkpoint
    skippedCount += taken.skipped.length
    rate.record(committed.events)
    for (const skipped of taken.skipped) options.onSkip?.(skipped)
  }

  const onFailure = (): 'skip' | 'stop' => policy

  /** Applies the records taken in and commits them; at an event it cannot apply (and does not skip), stops. */
  const flush = async (): Promise<void> => {
    const failed = await batch.apply(onFailure)
    if (failed === undefined) {
      await commit()
      return
    }
    const { record, failure } = failed
    const error = new ProjectionEventError(version, placeOf(record), failure.reason, { cause: failure.cause })
    // Commit the events before this one, so the checkpoint stands right before it.
    try {
      await commit()
    } catch (commitError) {
      throw new AggregateError([error, commitError], `${error.message}; committing the events before it failed too`, {
        cause: commitError,
      })
    }
    throw error
  }

  const reachCaughtUp = async (): Promise<void> => {
    await flush()
    if ((options.serveWhenCaughtUp ?? true) && (await readModels.serving(version.name)) === undefined)
      await readModels.serve(version)
    if (live) phase = 'live'
    caughtUp.resolve(status())
  }

  type Next = IteratorResult<StoredRecord | CaughtUp, unknown>

  // Live with events waiting, the wait for the next record is bounded by the commit delay of the oldest one.
  const nextRecord = (next: Promise<Next>): Promise<Next> => {
    if (phase !== 'live' || batch.records() === 0) return next
    return within(next, commitDelayMs - (now() - firstPendingAt)).then(async result => {
      if (result !== timedOut) return result
      await flush()
      return next
    })
  }

  const run = async (): Promise<void> => {
    committed = await readModels.checkpoint(version)
    const subscribeOptions: SubscribeOptions = {
      ...(committed === undefined ? {} : { after: committed.position }),
      ...(selection.filter === undefined ? {} : { filter: selection.filter }),
    }
    if (stopping()) return
    // Counted before subscribing, so that every event counted is one the subscription delivers.
    if (events.countAfter !== undefined) {
      const counted = await events.countAfter(subscribeOptions)()
      if (E.isRight(counted)) aheadAtStart = counted.right
    }
    if (stopping()) return
    const subscription = events.subscribe(subscribeOptions)
    closeSubscription = () => subscription.close()
    const records = subscription[Symbol.asyncIterator]()
    try {
      let finished = false
      while (!stopping() && !finished) {
        const result = await nextRecord(records.next())
        if (result.done === true) {
          if (!stopping()) throw new Error('the event store ended the subscription (was it closed?)')
          break
        }
        const item = result.value
        if (item.kind === 'caught-up') {
          await reachCaughtUp()
          finished = !live
          continue
        }
        if (batch.records() === 0) firstPendingAt = now()
        batch.add(item, selection.includes(item.streamName))
        if (batch.records() >= batchSize) await flush()
      }
      await flush()
    } finally {
      await subscription.close()
    }
  }

  void run().then(
    () => {
      phase = 'stopped'
      caughtUp.reject(new Error(`projection ${version.name} v${version.version} stopped before catching up`))
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
    projection: version,
    status,
    caughtUp: caughtUp.promise,
    done: done.promise,
    stop: async () => {
      stopRequested = true
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
