import * as E from 'fp-ts/lib/Either.js'

/**
 * Why a decider refused a command: a stable kebab-case code, an English message, and the Indonesian term an officer
 * or a citizen knows the rule by (every rejection has one).
 */
export interface Rejection<Code extends string = string> {
  readonly code: Code
  readonly message: string
  readonly term: string
}

/** Builds a rejection value. */
export const rejection = <Code extends string>(code: Code, message: string, term: string): Rejection<Code> => ({
  code,
  message,
  term,
})

/**
 * One entry of an aggregate's rejection catalog: the English message (or how to write it from the details the
 * decision knows, such as a configured limit) and the Indonesian term.
 */
export interface RejectionEntry {
  readonly message: string | ((...details: never) => string)
  readonly term: string
}

/** The details a rejection's message is written from: none for a fixed message. */
export type RejectionDetails<Entry extends RejectionEntry> = Entry['message'] extends (...details: infer D) => string
  ? D
  : []

/** An aggregate's rejections, built from its catalog: every code, and the rejection (or refusal) for one. */
export interface RejectionCatalog<Entries extends Readonly<Record<string, RejectionEntry>>> {
  /** Every code, in the catalog's order: for documentation and exhaustive tests. */
  readonly codes: readonly (keyof Entries & string)[]
  /** The Indonesian term of a code, as every rejection with it carries. */
  readonly term: (code: keyof Entries & string) => string
  /** The rejection for a code, its message written from the details. */
  readonly rejection: <Code extends keyof Entries & string>(
    code: Code,
    ...details: RejectionDetails<Entries[Code]>
  ) => Rejection<keyof Entries & string>
  /** A decision that refuses with the rejection for a code. */
  readonly refuse: <Code extends keyof Entries & string>(
    code: Code,
    ...details: RejectionDetails<Entries[Code]>
  ) => E.Either<Rejection<keyof Entries & string>, never>
}

/** The codes of a rejection catalog. */
export type RejectionCode<Catalog> = Catalog extends RejectionCatalog<infer Entries> ? keyof Entries & string : never

/**
 * Builds an aggregate's rejections from one table of codes: the single place a rejection's code, message and term
 * are written.
 */
export const rejectionCatalog = <const Entries extends Readonly<Record<string, RejectionEntry>>>(
  entries: Entries,
): RejectionCatalog<Entries> => {
  type Code = keyof Entries & string
  const codes = Object.keys(entries).filter((code): code is Code => Object.hasOwn(entries, code))
  const entryOf = (code: Code): RejectionEntry => {
    const entry: RejectionEntry | undefined = entries[code]
    // Only a caller outside TypeScript can name a code the catalog lacks.
    if (entry === undefined) throw new RangeError(`no rejection has the code "${code}"`)
    return entry
  }
  const build = <C extends Code>(code: C, details: RejectionDetails<Entries[C]>): Rejection<Code> => {
    const { message, term } = entryOf(code)
    // The catalog's type ties each code to its message's details, so they are the ones its function takes.
    const text = typeof message === 'string' ? message : message(...(details as never))
    return rejection(code, text, term)
  }
  return {
    codes,
    term: code => entryOf(code).term,
    rejection: (code, ...details) => build(code, details),
    refuse: (code, ...details) => E.left(build(code, details)),
  }
}
