import * as TE from 'fp-ts/lib/TaskEither.js'
import * as t from 'io-ts'
import { refine } from './decode.js'
import { type CountOptions, type EventStore, type InvalidAppend, invalidAppend } from './event-store.js'

/**
 * A store method was called with an argument its type does not allow (from JavaScript, or through a cast): nothing
 * was read or written. Which argument, and the rule it broke. Never a `StoreUnavailable`: asking again fails alike.
 */
export interface InvalidArgument {
  readonly _tag: 'InvalidArgument'
  /** The argument, as `options.after`, `events.2.eventId`. */
  readonly argument: string
  readonly rule: string
}

/** What a read (or a subscription) rejects with when called with an argument its type does not allow. */
export class InvalidArgumentError extends Error {
  override readonly name = 'InvalidArgumentError'
  constructor(readonly invalid: InvalidArgument) {
    super(`${invalid.argument} ${invalid.rule}`)
  }
}

const int64 = { min: -(2n ** 63n), max: 2n ** 63n - 1n }

/**
 * Codec for a global position written as text (in a head file, a key file, a command-line option): a whole number
 * from 0 up to the largest 64-bit one, in decimal digits without leading zeros.
 */
export const PositionText = refine(
  t.string,
  (s): s is string => /^(0|[1-9][0-9]{0,18})$/.test(s) && BigInt(s) <= int64.max,
  'PositionText',
  'must be a global position: a whole number from 0, as text',
)

const invalid = (argument: string, rule: string): InvalidArgument => ({ _tag: 'InvalidArgument', argument, rule })

const isRecord = (u: unknown): u is Readonly<Record<string, unknown>> => typeof u === 'object' && u !== null

const positionProblem = (argument: string, value: unknown): InvalidArgument | undefined =>
  value === undefined || (typeof value === 'bigint' && value >= int64.min && value <= int64.max)
    ? undefined
    : invalid(argument, 'must be a bigint global position (a 64-bit integer)')

const countProblem = (argument: string, value: unknown): InvalidArgument | undefined =>
  value === undefined || (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0)
    ? undefined
    : invalid(argument, 'must be a whole number from 0')

const filterProblem = (value: unknown): InvalidArgument | undefined => {
  if (value === undefined) return undefined
  if (!isRecord(value)) return invalid('options.filter', 'must be an object')
  for (const key of ['category', 'streamPrefix'] as const)
    if (value[key] !== undefined && typeof value[key] !== 'string')
      return invalid(`options.filter.${key}`, 'must be a string')
  return undefined
}

const optionsProblem = (options: unknown): InvalidArgument | undefined =>
  options === undefined || isRecord(options) ? undefined : invalid('options', 'must be an object')

/** Why the options of a read of the global order (or a count) are not what its type allows, or undefined. */
export const readAllArgumentsProblem = (options: unknown): InvalidArgument | undefined => {
  const shape = optionsProblem(options)
  if (shape !== undefined || !isRecord(options)) return shape
  return (
    positionProblem('options.after', options['after']) ??
    countProblem('options.limit', options['limit']) ??
    filterProblem(options['filter'])
  )
}

/** Why the arguments of a stream read are not what its type allows, or undefined. */
export const readStreamArgumentsProblem = (streamName: unknown, options: unknown): InvalidArgument | undefined => {
  if (typeof streamName !== 'string' || streamName === '') return invalid('streamName', 'must be a non-empty string')
  const shape = optionsProblem(options)
  if (shape !== undefined || !isRecord(options)) return shape
  const direction = options['direction']
  if (direction !== undefined && direction !== 'forwards' && direction !== 'backwards')
    return invalid('options.direction', 'must be forwards or backwards')
  // A revision before the first (negative) is a start the port allows: a backwards read from there reads nothing.
  const from = options['fromRevision']
  if (from !== undefined && (typeof from !== 'number' || !Number.isSafeInteger(from)))
    return invalid('options.fromRevision', 'must be a whole number')
  return countProblem('options.limit', options['limit'])
}

const expectedProblem = (expected: unknown): string | undefined =>
  expected === 'any' ||
  expected === 'no-stream' ||
  expected === 'exists' ||
  (typeof expected === 'number' && Number.isSafeInteger(expected) && expected >= 0)
    ? undefined
    : 'expected must be any, no-stream, exists or a revision (a whole number from 0)'

/**
 * Why an append's arguments are not what its type allows, as the `InvalidAppend` every store answers (naming the
 * event at fault, or none when the batch itself is wrong), or undefined: the stream name a non-empty string, the
 * events an array without holes of objects with a non-empty string id and type, the expected revision one of its kinds.
 */
export const appendArgumentsProblem = (
  streamName: unknown,
  events: unknown,
  expected: unknown,
): InvalidAppend | undefined => {
  const name = typeof streamName === 'string' ? streamName : String(streamName)
  if (typeof streamName !== 'string' || streamName === '')
    return invalidAppend(name, '', 'cannot be appended: the stream name must be a non-empty string')
  if (!Array.isArray(events)) return invalidAppend(name, '', 'cannot be appended: events must be an array')
  for (let i = 0; i < events.length; i++) {
    if (!(i in events)) return invalidAppend(name, '', `cannot be appended: events has a hole at ${i}`)
    const event: unknown = events[i]
    if (!isRecord(event)) return invalidAppend(name, '', `cannot be appended: events.${i} must be an object`)
    const id = event['eventId']
    if (typeof id !== 'string' || id === '')
      return invalidAppend(name, '', `cannot be appended: events.${i}.eventId must be a non-empty string`)
    if (typeof event['type'] !== 'string' || event['type'] === '')
      return invalidAppend(name, id, 'cannot be appended: its type must be a non-empty string')
  }
  const problem = expectedProblem(expected)
  return problem === undefined ? undefined : invalidAppend(name, '', `cannot be appended: ${problem}`)
}

/** A read that refuses its arguments: its first step rejects with the `InvalidArgumentError`, and it yields nothing. */
export const refusedRead = (invalid: InvalidArgument): AsyncIterable<never> => ({
  [Symbol.asyncIterator]: () => ({
    next: () => Promise.reject(new InvalidArgumentError(invalid)),
    return: () => Promise.resolve({ done: true, value: undefined }),
  }),
})

/**
 * A store whose methods first check their arguments against the port's types, as every Pembina store does: an append
 * outside them is `InvalidAppend`, a count `InvalidArgument`, a read or subscription rejects with
 * `InvalidArgumentError`; nothing reaches the store. Everything else of `store` is kept as it is.
 */
export const checkingArguments = <Store extends EventStore>(store: Store): Store => {
  const { countAfter } = store
  return {
    ...store,
    append: (streamName, events, expected) => {
      const problem = appendArgumentsProblem(streamName, events, expected)
      return problem === undefined ? store.append(streamName, events, expected) : TE.left(problem)
    },
    readStream: (streamName, options) => {
      const problem = readStreamArgumentsProblem(streamName, options)
      return problem === undefined ? store.readStream(streamName, options) : refusedRead(problem)
    },
    readAll: options => {
      const problem = readAllArgumentsProblem(options)
      return problem === undefined ? store.readAll(options) : refusedRead(problem)
    },
    subscribe: options => {
      const problem = readAllArgumentsProblem(options)
      return problem === undefined
        ? store.subscribe(options)
        : { ...refusedRead(problem), close: () => Promise.resolve() }
    },
    ...(countAfter === undefined
      ? {}
      : {
          countAfter: (options?: CountOptions) => {
            const problem = readAllArgumentsProblem(options)
            return problem === undefined ? countAfter(options) : TE.left(problem)
          },
        }),
  }
}
