/** A seeded source of numbers in [0, 1) (mulberry32): the same seed gives the same demo year on every machine. */
export interface Random {
  readonly next: () => number
  /** A whole number from `min` to `max`, inclusive. */
  readonly int: (min: number, max: number) => number
  /** True with probability `p`. */
  readonly chance: (p: number) => boolean
  readonly pick: <A>(items: readonly A[]) => A
}

export const seededRandom = (seed: number): Random => {
  let state = seed >>> 0
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1))
  return {
    next,
    int,
    chance: p => next() < p,
    pick: items => {
      const item = items[int(0, items.length - 1)]
      if (item === undefined) throw new RangeError('pick from an empty list')
      return item
    },
  }
}
