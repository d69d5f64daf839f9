/** A seeded source of numbers in [0, 1): the same seed gives the same sequence on every run. */
export type SeededRandom = () => number

/** Mulberry32: a tiny 32-bit generator, good enough to spread kill moments, never for anything secret. */
export const mulberry32 = (seed: number): SeededRandom => {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** A whole number from `min` to `max` inclusive, drawn from `random`. */
export const between = (random: SeededRandom, min: number, max: number): number =>
  min + Math.floor(random() * (max - min + 1))
