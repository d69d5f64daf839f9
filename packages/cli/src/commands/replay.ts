import * as E from 'fp-ts/lib/Either.js'
import {
  type Aggregate,
  competency,
  complaint,
  type DomainEvent,
  enrollment,
  mentorRoster,
  mentorship,
  organisation,
  personnel,
  type ReplayFailure,
  type StateAsOf,
  type EventStore,
  type Instant,
  instant,
  type KeyStore,
  markSealed,
  parseStreamName,
  personalDataMarking,
  type PolicyConfig,
  replay,
  type ReplayedStream,
  stateAsOf,
} from '@pembina/core'
import { CliError, exitCodes } from '../cli-error.js'
import { readProgress } from '../progress.js'
import { openKeys } from './personal-data.js'

/** What `pembina replay` is asked. */
export interface ReplayCommandOptions {
  readonly config: PolicyConfig
  readonly asOf?: string
  readonly stream?: string
  readonly json: boolean
  readonly progress: boolean
  /** The instant a replay without `asOf` is as of. */
  readonly now: Date
  /** The key store's SQLite file: sealed fields are marked `sealed`, `erased` or `unknown-key` against it. */
  readonly keys?: string
}

const instantOf = (text: string | undefined): Instant | undefined => {
  if (text === undefined) return undefined
  try {
    return instant(text)
  } catch {
    throw new CliError(`--as-of ${text} is not an instant: write it with its offset, e.g. 2026-03-31T23:59:59+07:00`)
  }
}

const statusOf = (state: unknown): string =>
  typeof state === 'object' && state !== null && 'status' in state && typeof state.status === 'string'
    ? state.status
    : '-'

const json = (value: unknown): string =>
  JSON.stringify(value, (_key, member: unknown) => (typeof member === 'bigint' ? member.toString() : member), 2)

/**
 * One stream's state as of an instant, or a line per stream of the whole store. Returns the exit code. A sealed field
 * in a state is printed as its marker, never its ciphertext: `{ status, subjectId, keyId, erasedAt? }`, its status
 * looked up in the key store (`--keys`; nothing opened, nothing logged), or `sealed` unchecked without one.
 */
export const replayCommand = async (
  store: EventStore,
  options: ReplayCommandOptions,
  out: (line: string) => void,
): Promise<number> => {
  const keys = options.keys === undefined ? undefined : openKeys(options.keys)
  try {
    return await replayMarked(store, options, out, keys === undefined ? markedUnchecked : markedAgainst(keys))
  } finally {
    keys?.close()
  }
}

/** Marks the sealed fields of a value for printing. */
type Mark = (value: unknown) => Promise<unknown>

const markedUnchecked: Mark = value => Promise.resolve(markSealed(value))

const markedAgainst = (keys: KeyStore): Mark => {
  const marking = personalDataMarking(keys)
  return async value => {
    const marked = await marking.mark(value)()
    if (E.isLeft(marked)) throw new CliError(marked.left.message, exitCodes.storeFailed)
    return marked.right
  }
}

const replayMarked = async (
  store: EventStore,
  options: ReplayCommandOptions,
  out: (line: string) => void,
  mark: Mark,
): Promise<number> => {
  const asOf = instantOf(options.asOf)
  const until = asOf ?? instant(options.now.toISOString())
  if (options.stream !== undefined) {
    const name = parseStreamName(options.stream)
    if (E.isLeft(name)) throw new CliError(`--stream ${options.stream}: ${name.left}`)
    const streamName = options.stream
    const asOfIn = async <
      Category extends string,
      Id extends string,
      Command extends { readonly type: string },
      Event extends DomainEvent,
      State,
      Reject,
      Facts,
    >(
      aggregate: Aggregate<Category, Id, Command, Event, State, Reject, PolicyConfig, Facts>,
    ): Promise<E.Either<ReplayFailure, StateAsOf<unknown>>> => {
      const id = aggregate.idOfStream(streamName)
      if (E.isLeft(id)) throw new CliError(`--stream ${streamName}: ${id.left}`)
      return stateAsOf(store, aggregate, id.right, until, options.config)
    }
    const category = name.right.category
    const result =
      category === 'unit'
        ? await asOfIn(organisation)
        : category === 'asn'
          ? await asOfIn(personnel)
          : category === 'enrollment'
            ? await asOfIn(enrollment)
            : category === 'mentorship'
              ? await asOfIn(mentorship)
              : category === 'mentor'
                ? await asOfIn(mentorRoster)
                : category === 'competency'
                  ? await asOfIn(competency)
                  : await asOfIn(complaint)
    if (E.isLeft(result)) {
      const failure = result.left
      if (failure.kind === 'unavailable')
        throw new CliError(`the store failed: ${failure.message}`, exitCodes.storeFailed)
      throw new CliError(`${failure.streamName} revision ${failure.revision} cannot be read: ${failure.reason}`)
    }
    out(json({ asOf: asOf ?? null, ...result.right, state: await mark(result.right.state) }))
    return exitCodes.ok
  }
  const progress = await readProgress(store, 'replaying', options.progress && !options.json)
  const streams: ReplayedStream[] = []
  try {
    for await (const stream of replay(store, {
      config: options.config,
      ...(asOf === undefined ? {} : { asOf }),
      onProgress: records => {
        progress.update(records)
      },
    }))
      streams.push(stream)
  } finally {
    progress.stop()
  }
  if (options.json) {
    const marked: unknown[] = []
    for (const stream of streams) marked.push({ ...stream, state: await mark(stream.state) })
    out(json({ asOf: asOf ?? null, streams: marked }))
  } else {
    out(`${streams.length} streams${asOf === undefined ? '' : ` as of ${asOf}`}:`)
    for (const stream of streams)
      out(
        `  ${stream.streamName.padEnd(40)} ${statusOf(stream.state).padEnd(16)} ${String(stream.events).padStart(6)} events${stream.unreadable === undefined ? '' : `, stopped at unreadable revision ${stream.unreadable.revision}`}`,
      )
  }
  return exitCodes.ok
}
