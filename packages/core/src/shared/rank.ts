import type * as t from 'io-ts'
import { oneOf } from '../kernel/decode.js'

/** The 17 PNS ranks (golongan/ruang), lowest first. */
export const ranks = [
  'I/a',
  'I/b',
  'I/c',
  'I/d',
  'II/a',
  'II/b',
  'II/c',
  'II/d',
  'III/a',
  'III/b',
  'III/c',
  'III/d',
  'IV/a',
  'IV/b',
  'IV/c',
  'IV/d',
  'IV/e',
] as const

/** Codec for a PNS rank (golongan/pangkat), I/a to IV/e. */
export const Rank = oneOf(ranks, 'Rank')
/** A PNS rank (golongan/pangkat). */
export type Rank = t.TypeOf<typeof Rank>

/** Orders ranks: negative when `a` is lower than `b`. */
export const compareRanks = (a: Rank, b: Rank): number => ranks.indexOf(a) - ranks.indexOf(b)
