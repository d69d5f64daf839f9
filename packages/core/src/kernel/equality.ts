import type * as t from 'io-ts'

const isObject = (value: unknown): value is Readonly<Record<string, unknown>> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** Whether two JSON-like values are structurally equal (key order ignored, absent equals undefined). */
export const sameJson = (a: unknown, b: unknown): boolean => {
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false
    return a.every((item: unknown, i) => sameJson(item, b[i]))
  }
  if (isObject(a) && isObject(b)) {
    const keys = (o: Readonly<Record<string, unknown>>): string[] => Object.keys(o).filter(key => o[key] !== undefined)
    const aKeys = keys(a)
    return aKeys.length === keys(b).length && aKeys.every(key => Object.hasOwn(b, key) && sameJson(a[key], b[key]))
  }
  // As JSON sees them: 0 and -0 are one number (both are written 0).
  return a === b
}

/**
 * Equality of two values of a codec's type, as its encoding sees them: every field the codec writes is compared, so
 * a field added to the codec is compared too, and nothing outside it is.
 */
export const sameBy =
  <A, O>(codec: t.Type<A, O>) =>
  (a: A, b: A): boolean =>
    sameJson(codec.encode(a), codec.encode(b))
