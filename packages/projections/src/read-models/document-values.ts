import { refine, wholeNumber } from '@pembina/core'
import * as t from 'io-ts'

/** Codec for a value or null: documents say "none" with null, never with a missing field. */
export const nullable = <A, O>(codec: t.Type<A, O>): t.Type<A | null, O | null> =>
  t.union([codec, t.null], `${codec.name} | null`)

/** Codec for a count in a document: a whole number from 0. */
export const Count = wholeNumber(0, Number.MAX_SAFE_INTEGER, 'Count')

/** Codec for a share from 0 to 1 (a fill rate). */
export const Share = refine(t.number, (n): n is number => n >= 0 && n <= 1, 'Share', 'must be a number from 0 to 1')

/** Orders two texts by plain code units (not locale), so lists sort the same on every machine. */
export const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)
