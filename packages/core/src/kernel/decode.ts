import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'

/**
 * One reason a value could not be decoded: where (a dotted path), which rule it broke, and the value refused, except
 * inside a field marked `personal` (a complainant's name or phone, a complaint's text, a NIK), whose value is never
 * kept (`undefined`): a failure may be logged.
 */
export interface DecodeIssue {
  readonly path: string
  readonly rule: string
  readonly value: unknown
}

/**
 * A value that did not decode: what was being decoded and the issues found, at most `maxDecodeIssues` of them (the
 * first), with the count of the others in `omittedIssues`. Never thrown.
 */
export interface DecodeFailure {
  readonly _tag: 'DecodeFailure'
  readonly what: string
  readonly issues: readonly DecodeIssue[]
  /** How many more issues were found than are listed (absent when none were left out). */
  readonly omittedIssues?: number
}

/** The most issues a decode failure lists: a wrong array of a million elements is one mistake made a million times. */
export const maxDecodeIssues = 20

// Codecs whose values are personal data: an issue inside one never carries the value refused.
const personalCodecs = new WeakSet<t.Decoder<unknown, unknown>>()

/**
 * Marks a codec's values as personal data: a decode failure inside it names the path and the rule, never the value
 * (the codec itself is returned, unchanged).
 */
export const personal = <A, O>(codec: t.Type<A, O>): t.Type<A, O> => {
  personalCodecs.add(codec)
  return codec
}

// The codec each `refine` narrows: a refinement validates with its codec under its own context entry, so an
// intersection inside it adds its member indexes under the refinement's entry.
const refinedCodecs = new WeakMap<t.Decoder<unknown, unknown>, t.Decoder<unknown, unknown>>()

const isComposite = (type: t.Decoder<unknown, unknown>): boolean => {
  const refined = refinedCodecs.get(type)
  return (
    type instanceof t.UnionType ||
    type instanceof t.IntersectionType ||
    // t.exact adds no context entry of its own: look through it to the intersection it wraps.
    (type instanceof t.ExactType && isComposite(type.type as t.Decoder<unknown, unknown>)) ||
    // Nor does a refinement: look through it to the codec it narrows.
    (refined !== undefined && isComposite(refined))
  )
}

const issueOf = (error: t.ValidationError): DecodeIssue => {
  const keys: string[] = []
  let rule: string | undefined
  let value: unknown = error.value
  for (let i = 1; i < error.context.length; i++) {
    const entry = error.context[i]
    const parent = error.context[i - 1]
    if (entry === undefined || parent === undefined) break
    // A union of alternatives is reported once, at its own path, by its name.
    if (parent.type instanceof t.UnionType) {
      rule = `must be ${parent.type.name}`
      value = parent.actual
      break
    }
    if (!isComposite(parent.type) && entry.key !== '') keys.push(entry.key)
  }
  const last = error.context[error.context.length - 1]
  const withheld = error.context.some(entry => personalCodecs.has(entry.type))
  return {
    path: keys.join('.'),
    rule: rule ?? error.message ?? `must be ${last?.type.name ?? 'valid'}`,
    value: withheld ? undefined : value,
  }
}

/** Turns io-ts errors into a decode failure with deduplicated path/rule issues, the first `maxDecodeIssues` of them. */
export const decodeFailure = (what: string, errors: t.Errors): DecodeFailure => {
  const seen = new Set<string>()
  const issues: DecodeIssue[] = []
  let omitted = 0
  for (const error of errors) {
    const issue = issueOf(error)
    const key = `${issue.path}\u0000${issue.rule}`
    if (seen.has(key)) continue
    seen.add(key)
    if (issues.length < maxDecodeIssues) issues.push(issue)
    else omitted += 1
  }
  return omitted === 0
    ? { _tag: 'DecodeFailure', what, issues }
    : { _tag: 'DecodeFailure', what, issues, omittedIssues: omitted }
}

/**
 * The most any input to `decodeWith` may hold, checked before it is decoded: far above what any Pembina codec
 * accepts, so only input no codec could take is refused unread (decoding a wrong array of a million elements takes
 * io-ts seconds and a million errors).
 */
export const decodeInputLimits = {
  /** Elements of one array, keys of one object. */
  entries: 100_000,
  /** Characters of one string (UTF-16 code units): 1 MiB, EventStoreDB's largest append. */
  stringLength: 1_048_576,
  /** Values in all, nested included. */
  values: 1_000_000,
  /** Levels of nesting. */
  depth: 64,
} as const

interface PendingValue {
  readonly value: unknown
  readonly key: string
  readonly parent: PendingValue | undefined
  readonly depth: number
}

// The dotted path of a value, worked out only for the one reported.
const pathOf = (entry: PendingValue): string => {
  const keys: string[] = []
  for (let at = entry; at.parent !== undefined; at = at.parent) keys.push(at.key)
  return keys.reverse().join('.')
}

/** Where input breaks `decodeInputLimits`, and how, or undefined; looks at each value once, and stops at the first. */
const oversizedInput = (input: unknown): DecodeIssue | undefined => {
  const pending: PendingValue[] = [{ value: input, key: '', parent: undefined, depth: 0 }]
  let values = 0
  const issue = (entry: PendingValue, rule: string): DecodeIssue => ({
    path: pathOf(entry),
    rule: `is too large to decode: ${rule}`,
    value: undefined,
  })
  for (let entry = pending.pop(); entry !== undefined; entry = pending.pop()) {
    const { value, depth } = entry
    values += 1
    if (values > decodeInputLimits.values) return issue(entry, `more than ${decodeInputLimits.values} values in all`)
    if (typeof value === 'string') {
      if (value.length > decodeInputLimits.stringLength)
        return issue(entry, `${value.length} characters (at most ${decodeInputLimits.stringLength})`)
    } else if (typeof value === 'object' && value !== null) {
      if (depth >= decodeInputLimits.depth) return issue(entry, `nested more than ${decodeInputLimits.depth} levels`)
      if (Array.isArray(value)) {
        const elements = value as readonly unknown[]
        if (elements.length > decodeInputLimits.entries)
          return issue(entry, `an array of ${elements.length} elements (at most ${decodeInputLimits.entries})`)
        for (let i = elements.length - 1; i >= 0; i--)
          pending.push({ value: elements[i], key: String(i), parent: entry, depth: depth + 1 })
      } else {
        const record = value as Readonly<Record<string, unknown>>
        const keys = Object.keys(record)
        if (keys.length > decodeInputLimits.entries)
          return issue(entry, `an object of ${keys.length} keys (at most ${decodeInputLimits.entries})`)
        for (let i = keys.length - 1; i >= 0; i--) {
          const key = keys[i] ?? ''
          pending.push({ value: record[key], key, parent: entry, depth: depth + 1 })
        }
      }
    }
  }
  return undefined
}

/**
 * Decodes unknown input with a codec, returning a `DecodeFailure` value (never throwing) on bad input. Input beyond
 * `decodeInputLimits` is refused before it is decoded.
 */
export const decodeWith =
  <A, O>(codec: t.Type<A, O>, what: string = codec.name) =>
  (input: unknown): E.Either<DecodeFailure, A> => {
    try {
      const oversized = oversizedInput(input)
      if (oversized !== undefined) return E.left({ _tag: 'DecodeFailure', what, issues: [oversized] })
      return E.mapLeft((errors: t.Errors) => decodeFailure(what, errors))(codec.decode(input))
    } catch (cause) {
      // Codecs are pure, but hostile input (throwing getters, proxies) must still come back as a value.
      return E.left({
        _tag: 'DecodeFailure',
        what,
        issues: [{ path: '', rule: `could not be read: ${String(cause)}`, value: undefined }],
      })
    }
  }

/**
 * Decodes like `decodeWith`, but a value the codec's guard accepts is returned as it is, without the decoder's copy:
 * for codecs whose decoded type is their input (branded strings, plain records), on paths that see every event.
 * Only a value the guard refuses is decoded, for the failure it reports.
 */
export const decodeGuarded =
  <A, O>(codec: t.Type<A, O>, what: string = codec.name) =>
  (input: unknown): E.Either<DecodeFailure, A> =>
    codec.is(input) ? E.right(input) : decodeWith(codec, what)(input)

/** One line a person can read: `what: path rule; path rule`. */
export const formatDecodeFailure = (failure: DecodeFailure): string =>
  `${failure.what}: ${failure.issues.map(issue => (issue.path === '' ? issue.rule : `${issue.path} ${issue.rule}`)).join('; ')}`

const isRecord = (u: unknown): u is Readonly<Record<string, unknown>> =>
  typeof u === 'object' && u !== null && !Array.isArray(u)

/**
 * A union of object codecs told apart by a string field (`type`, `kind`): the field is checked first,
 * then only the matching member decodes, so errors name the member's own bad fields.
 */
export const taggedUnion = <Members extends Readonly<Record<string, t.Mixed>>>(
  tag: string,
  members: Members,
  name: string,
): t.Type<t.TypeOf<Members[keyof Members]>, t.OutputOf<Members[keyof Members]>> => {
  const tags = Object.keys(members)
  const byTag = new Map<unknown, Members[keyof Members]>(
    Object.entries(members).map(([key, codec]) => [key, codec as Members[keyof Members]]),
  )
  const memberOf = (value: unknown): Members[keyof Members] | undefined => byTag.get(value)
  return new t.Type<t.TypeOf<Members[keyof Members]>, t.OutputOf<Members[keyof Members]>>(
    name,
    (u): u is t.TypeOf<Members[keyof Members]> => isRecord(u) && memberOf(u[tag])?.is(u) === true,
    (u, c) => {
      if (!isRecord(u)) return t.failure(u, c, `must be an object (${name})`)
      const member = memberOf(u[tag])
      if (member === undefined)
        return t.failure(u[tag], t.appendContext(c, tag, t.string, u[tag]), `must be one of ${tags.join(', ')}`)
      // Under an entry of its own (with no key, so no path), so an intersection inside the member drops its indexes.
      return member.validate(u, t.appendContext(c, '', member, u))
    },
    a => {
      const member = isRecord(a) ? memberOf(a[tag]) : undefined
      if (member === undefined) throw new Error(`${name}: cannot encode a value without a known "${tag}"`)
      return member.encode(a) as t.OutputOf<Members[keyof Members]>
    },
  )
}

/** A codec for a closed set of string literals, reported as one rule naming every allowed value. */
export const oneOf = <const Values extends readonly [string, ...string[]]>(
  values: Values,
  name: string = values.map(v => JSON.stringify(v)).join(' | '),
): t.Type<Values[number], Values[number]> => {
  const allowed = new Set<string>(values)
  const is = (u: unknown): u is Values[number] => typeof u === 'string' && allowed.has(u)
  return new t.Type<Values[number], Values[number]>(
    name,
    is,
    (u, c) => (is(u) ? t.success(u) : t.failure(u, c, `must be one of ${values.join(', ')}`)),
    t.identity,
  )
}

/** Narrows a codec with a predicate; a value that fails it is reported with `rule`. */
export const refine = <A, O, B extends A>(
  codec: t.Type<A, O>,
  predicate: (a: A) => a is B,
  name: string,
  rule: string,
): t.Type<B, O> => {
  const refined = new t.Type<B, O>(
    name,
    (u): u is B => codec.is(u) && predicate(u),
    (u, c) => {
      const decoded = codec.validate(u, c)
      if (E.isLeft(decoded)) return decoded
      return predicate(decoded.right) ? t.success(decoded.right) : t.failure(u, c, rule)
    },
    b => codec.encode(b),
  )
  refinedCodecs.set(refined, codec)
  return refined
}

/** A codec for whole numbers from `min` to `max`. */
export const wholeNumber = (min: number, max: number, name = `Integer(${min}..${max})`): t.Type<number, number> =>
  new t.Type<number, number>(
    name,
    (u): u is number => typeof u === 'number' && Number.isInteger(u) && u >= min && u <= max,
    (u, c) =>
      typeof u === 'number' && Number.isInteger(u) && u >= min && u <= max
        ? t.success(u)
        : t.failure(u, c, `must be a whole number from ${min} to ${max}`),
    t.identity,
  )

/**
 * The shape of a text field. `free` text (a description, a reason, notes) may span lines. A `line` (a name, a title,
 * a unit, an identifier a person chose) is one line without bidirectional controls, which could make it read
 * differently from what it is.
 */
export type TextShape = 'free' | 'line'

// A surrogate a u-mode pattern sees alone is half of a character: text that is not well-formed UTF-16, which a store
// that writes UTF-8 cannot keep (SQLite writes U+FFFD instead).
const loneSurrogate = /\p{Cs}/u
// C0 and C1 controls but tab and newline; a carriage return only as the first half of CRLF (what a browser's form
// sends for a line break).
const controlCharacter = /\r(?!\n)|[^\P{Cc}\t\n\r]/u
const lineBreakOrTab = /[\t\n\r\u2028\u2029]/
// Embeddings, overrides and isolates, the left-to-right and right-to-left marks and the Arabic letter mark.
const bidiControl = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/
// A character a reader sees: not white space, not a control, format, private-use, unassigned or surrogate code point,
// not a combining mark (alone it marks nothing), not one the Unicode standard says to ignore when rendering (zero-width
// spaces and joiners, Hangul fillers, variation selectors), not the blank Braille pattern.
const visibleCharacter = /[^\s\p{C}\p{M}\p{Default_Ignorable_Code_Point}\u2800]/u

/**
 * The rule `value` breaks as text of at most `maxLength` UTF-16 code units and of its shape, or `undefined` when it
 * keeps them all: well-formed, no control character but a line break or a tab (none in a `line`), no bidirectional
 * control in a `line`, and at least one visible character.
 */
export const textRuleBroken = (value: string, maxLength: number, shape: TextShape = 'free'): string | undefined => {
  if (value.length > maxLength) return `must be at most ${maxLength} characters (it has ${value.length})`
  if (loneSurrogate.test(value)) return 'must be well-formed Unicode text (it holds a lone surrogate)'
  if (controlCharacter.test(value))
    return shape === 'free'
      ? 'must hold no control character other than a line break or a tab'
      : 'must hold no control character'
  if (shape === 'line' && lineBreakOrTab.test(value)) return 'must be one line, without a line break or a tab'
  if (shape === 'line' && bidiControl.test(value))
    return 'must hold no bidirectional control character (U+202A-U+202E, U+2066-U+2069, U+200E, U+200F, U+061C)'
  if (!visibleCharacter.test(value)) return 'must hold a visible character (it is blank to a reader)'
  return undefined
}

const textCodec = (maxLength: number, shape: TextShape, name: string): t.Type<string, string> =>
  new t.Type<string, string>(
    name,
    (u): u is string => typeof u === 'string' && textRuleBroken(u, maxLength, shape) === undefined,
    (u, c) => {
      if (typeof u !== 'string') return t.failure(u, c, `must be text of at most ${maxLength} characters`)
      const broken = textRuleBroken(u, maxLength, shape)
      return broken === undefined ? t.success(u) : t.failure(u, c, broken)
    },
    t.identity,
  )

/**
 * A codec for free text (it may span lines) of at most `maxLength` characters that a reader can see: see
 * `textRuleBroken` for the rules.
 */
export const text = (maxLength: number, name = `Text(${maxLength})`): t.Type<string, string> =>
  textCodec(maxLength, 'free', name)

/**
 * A codec for one line of at most `maxLength` characters: a name, a title, a unit, an identifier a person chose. Free
 * text's rules, and no line break, tab or bidirectional control.
 */
export const textLine = (maxLength: number, name = `Line(${maxLength})`): t.Type<string, string> =>
  textCodec(maxLength, 'line', name)

/** The distance between two words in single-character edits (insert, delete, replace). */
const editDistance = (a: string, b: string): number => {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++)
      current.push(
        Math.min(
          (previous[j] ?? 0) + 1,
          (current[j - 1] ?? 0) + 1,
          (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
        ),
      )
    previous = current
  }
  return previous[b.length] ?? 0
}

/** The rule an unknown key breaks, with the known key it was most likely meant to be. */
const unknownKeyRule = (key: string, known: readonly string[]): string => {
  const near = known
    .map(candidate => ({ candidate, distance: editDistance(key.toLowerCase(), candidate.toLowerCase()) }))
    .filter(({ distance }) => distance <= Math.max(2, Math.floor(key.length / 3)))
    .sort((x, y) => x.distance - y.distance)[0]
  return near === undefined
    ? `is not a known field (known: ${known.join(', ')})`
    : `is not a known field: did you mean ${near.candidate}?`
}

/**
 * Refuses, naming each, the keys of an object that `known` does not list, as well as whatever the codec refuses: for
 * settings, where a misspelt key silently dropped would leave a default in force.
 */
export const knownKeysOnly = <A, O>(codec: t.Type<A, O>, known: readonly string[]): t.Type<A, O> => {
  const unknownKeys = (u: Readonly<Record<string, unknown>>): readonly string[] =>
    Object.keys(u).filter(key => !known.includes(key))
  return new t.Type<A, O>(
    codec.name,
    (u): u is A => codec.is(u) && isRecord(u) && unknownKeys(u).length === 0,
    (u, c) => {
      const validated = codec.validate(u, c)
      if (!isRecord(u)) return validated
      const errors: t.ValidationError[] = unknownKeys(u).map(key => ({
        value: u[key],
        context: t.appendContext(c, key, t.unknown, u[key]),
        message: unknownKeyRule(key, known),
      }))
      if (errors.length === 0) return validated
      return t.failures([...errors, ...(E.isLeft(validated) ? validated.left : [])])
    },
    a => codec.encode(a),
  )
}
