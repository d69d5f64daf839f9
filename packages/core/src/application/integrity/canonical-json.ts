import { hash } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'

/** A value that has no JSON form (undefined, a function, NaN, a bigint, a cycle, a Date…): where it is and why. */
export interface NotJson {
  readonly _tag: 'NotJson'
  /** Dotted path of the offending value (`data.places.0`); empty for the value itself. */
  readonly path: string
  readonly reason: string
}

const notJson = (path: string, reason: string): NotJson => ({ _tag: 'NotJson', path, reason })

// The path of the value being written, as keys from the root, joined into text only when a value is not JSON; null on
// the first pass, which tracks no path: only a value found not to be JSON is written again, with its path tracked.
type Path = (string | number)[] | null

/** Carries a `NotJson` out of the recursion; thrown only on failure, so the common case pays nothing for it. */
class NotJsonFound extends Error {
  constructor(readonly problem: NotJson) {
    super(problem.reason)
  }
}

/** Says that the first pass met a value that is not JSON: the second pass finds where. */
class NotJsonSomewhere extends Error {}

const fail = (path: Path, reason: string): never => {
  if (path === null) throw new NotJsonSomewhere(reason)
  throw new NotJsonFound(notJson(path.join('.'), reason))
}

// Object keys recur (every event has the same few): each one's quoted text, `"key":`, is written once and kept.
const keyTexts = new Map<string, string>()
const keyText = (key: string): string => {
  let text = keyTexts.get(key)
  if (text === undefined) {
    text = `${JSON.stringify(key)}:`
    // Bounded: keys are names, not data, but a hostile document could bring many.
    if (keyTexts.size < 10_000) keyTexts.set(key, text)
  }
  return text
}

// The canonical text of `value`, `depth` objects down. `ancestors[0..depth)` holds the objects being written above it
// (a cycle is an object met again among its own ancestors; the same object twice side by side is fine).
const textOf = (value: unknown, path: Path, ancestors: object[], depth: number): string => {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value)
    case 'boolean':
      return value ? 'true' : 'false'
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : fail(path, `${String(value)} is not a JSON number`)
    case 'object': {
      if (value === null) return 'null'
      for (let i = 0; i < depth; i++) if (ancestors[i] === value) return fail(path, 'is a circular reference')
      ancestors[depth] = value
      return Array.isArray(value)
        ? arrayText(value, path, ancestors, depth + 1)
        : objectText(value, path, ancestors, depth + 1)
    }
    case 'undefined':
    case 'function':
    case 'bigint':
    case 'symbol':
      return fail(path, `${typeof value} is not a JSON value`)
    default:
      return fail(path, 'is not a JSON value')
  }
}

const arrayText = (items: readonly unknown[], path: Path, ancestors: object[], depth: number): string => {
  let text = '['
  for (let i = 0; i < items.length; i++) {
    if (i > 0) text += ','
    path?.push(i)
    text += textOf(items[i], path, ancestors, depth)
    path?.pop()
  }
  return `${text}]`
}

const objectText = (value: object, path: Path, ancestors: object[], depth: number): string => {
  const prototype: unknown = Object.getPrototypeOf(value)
  if (prototype !== Object.prototype && prototype !== null)
    return fail(path, `is ${Object.prototype.toString.call(value)}, not a plain object`)
  // The default sort compares strings by UTF-16 code units, the order RFC 8785 asks for.
  return membersText(value, Object.keys(value).sort(), path, ancestors, depth)
}

// The members of an object under keys already in canonical order.
const membersText = (
  value: object,
  keys: readonly string[],
  path: Path,
  ancestors: object[],
  depth: number,
): string => {
  const record = value as Readonly<Record<string, unknown>>
  let text = '{'
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string
    if (i > 0) text += ','
    path?.push(key)
    text += keyText(key) + textOf(record[key], path, ancestors, depth)
    path?.pop()
  }
  return `${text}}`
}

/**
 * The one text of a JSON value: object keys sorted by UTF-16 code units, no whitespace, numbers and strings as
 * `JSON.stringify` writes them (RFC 8785 for these values); anything that is not JSON is a `NotJson`, never dropped.
 */
export const canonicalJson = (value: unknown): E.Either<NotJson, string> => {
  try {
    return E.right(textOf(value, null, [], 0))
  } catch (first) {
    if (!(first instanceof NotJsonSomewhere)) return E.left(unreadable(first))
    try {
      return E.right(textOf(value, [], [], 0))
    } catch (cause) {
      return E.left(cause instanceof NotJsonFound ? cause.problem : unreadable(cause))
    }
  }
}

// A throwing getter or proxy is reported as a value, like any other input that is not JSON.
const unreadable = (cause: unknown): NotJson => notJson('', `could not be read: ${String(cause)}`)

/**
 * The canonical JSON of the members of `value` under `keys`, which must be in canonical order (sorted by UTF-16 code
 * units): what `canonicalJson` writes for an object with exactly those keys, without sorting them. Other members of
 * `value` are left out. For records of a fixed shape written often (the hash chain's content).
 */
export const canonicalJsonOf = (value: object, keys: readonly string[]): E.Either<NotJson, string> => {
  try {
    return E.right(membersText(value, keys, null, [value], 1))
  } catch (first) {
    if (!(first instanceof NotJsonSomewhere)) return E.left(unreadable(first))
    try {
      return E.right(membersText(value, keys, [], [value], 1))
    } catch (cause) {
      return E.left(cause instanceof NotJsonFound ? cause.problem : unreadable(cause))
    }
  }
}

/** The SHA-256 of text (UTF-8), as 64 lower-case hex digits. */
export const sha256Hex = (text: string): string => hash('sha256', text, 'hex')

/** One line a person can read for a `NotJson`. */
export const formatNotJson = (problem: NotJson): string =>
  problem.path === '' ? problem.reason : `${problem.path}: ${problem.reason}`
