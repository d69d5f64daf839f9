import { createHash } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'

/** A value that has no JSON form (undefined, a function, NaN, a bigint, a cycle, a Date…): where it is and why. */
export interface NotJson {
  readonly _tag: 'NotJson'
  /** Dotted path of the offending value (`data.places.0`); empty for the value itself. */
  readonly path: string
  readonly reason: string
}

const notJson = (path: string, reason: string): NotJson => ({ _tag: 'NotJson', path, reason })

// The path of the value being written, as keys from the root: joined into text only when a value is not JSON.
type Path = (string | number)[]

const notJsonAt = (path: Path, reason: string): NotJson => notJson(path.join('.'), reason)

const byCodeUnits = (a: readonly [string, unknown], b: readonly [string, unknown]): number =>
  a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0

// Writes `value` to `out`; returns the first non-JSON value met, or undefined when all of it is JSON.
const write = (value: unknown, path: Path, ancestors: Set<object>, out: string[]): NotJson | undefined => {
  switch (typeof value) {
    case 'string':
      out.push(JSON.stringify(value))
      return undefined
    case 'boolean':
      out.push(value ? 'true' : 'false')
      return undefined
    case 'number':
      if (!Number.isFinite(value)) return notJsonAt(path, `${String(value)} is not a JSON number`)
      out.push(JSON.stringify(value))
      return undefined
    case 'object':
      if (value === null) {
        out.push('null')
        return undefined
      }
      if (ancestors.has(value)) return notJsonAt(path, 'is a circular reference')
      ancestors.add(value)
      try {
        return Array.isArray(value) ? writeArray(value, path, ancestors, out) : writeObject(value, path, ancestors, out)
      } finally {
        ancestors.delete(value)
      }
    case 'undefined':
    case 'function':
    case 'bigint':
    case 'symbol':
      return notJsonAt(path, `${typeof value} is not a JSON value`)
    default:
      return notJsonAt(path, 'is not a JSON value')
  }
}

const writeArray = (items: readonly unknown[], path: Path, ancestors: Set<object>, out: string[]) => {
  out.push('[')
  for (let i = 0; i < items.length; i++) {
    if (i > 0) out.push(',')
    path.push(i)
    const problem = write(items[i], path, ancestors, out)
    path.pop()
    if (problem !== undefined) return problem
  }
  out.push(']')
  return undefined
}

const writeObject = (value: object, path: Path, ancestors: Set<object>, out: string[]) => {
  const prototype: unknown = Object.getPrototypeOf(value)
  if (prototype !== Object.prototype && prototype !== null)
    return notJsonAt(path, `is ${Object.prototype.toString.call(value)}, not a plain object`)
  const entries: [string, unknown][] = Object.entries(value)
  entries.sort(byCodeUnits)
  out.push('{')
  let first = true
  for (const [key, item] of entries) {
    if (!first) out.push(',')
    first = false
    out.push(JSON.stringify(key), ':')
    path.push(key)
    const problem = write(item, path, ancestors, out)
    path.pop()
    if (problem !== undefined) return problem
  }
  out.push('}')
  return undefined
}

/**
 * The one text of a JSON value: object keys sorted by UTF-16 code units, no whitespace, numbers and strings as
 * `JSON.stringify` writes them (RFC 8785 for these values); anything that is not JSON is a `NotJson`, never dropped.
 */
export const canonicalJson = (value: unknown): E.Either<NotJson, string> => {
  const out: string[] = []
  try {
    const problem = write(value, [], new Set(), out)
    return problem === undefined ? E.right(out.join('')) : E.left(problem)
  } catch (cause) {
    // A throwing getter or proxy is reported as a value, like any other input that is not JSON.
    return E.left(notJson('', `could not be read: ${String(cause)}`))
  }
}

/** The SHA-256 of text (UTF-8), as 64 lower-case hex digits. */
export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex')

/** One line a person can read for a `NotJson`. */
export const formatNotJson = (problem: NotJson): string =>
  problem.path === '' ? problem.reason : `${problem.path}: ${problem.reason}`
