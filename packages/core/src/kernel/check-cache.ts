/** Which outcomes of a check a cache keeps, and how much it may hold. */
export interface CheckCacheOptions<A> {
  /** Whether an outcome is an accepted value: only those are kept, so refused input never stays in memory. */
  readonly accepted: (outcome: A) => boolean
  /** The most distinct inputs it holds before it starts afresh (default 10,000). */
  readonly capacity?: number
  /** Inputs longer than this are checked every time, never kept (default 64 characters). */
  readonly maxTextLength?: number
}

/**
 * Remembers the outcome of an expensive check on strings (a NIP, an instant) for recent distinct inputs the check
 * accepted, so decoding a long history that repeats the same values checks each once. Bounded by entries and by
 * size: at most `capacity` inputs of at most `maxTextLength` characters each (so about 1.3 MB at the defaults); it
 * starts afresh once full. Refused inputs are never kept: a stream of distinct bad inputs (10 MB NIPs, say) costs
 * their checks, not memory. The check must be pure: the cache changes speed, never an answer.
 */
export const cachedCheck = <Text extends string, A>(
  check: (text: Text) => A,
  options: CheckCacheOptions<A>,
): ((text: Text) => A) => {
  const capacity = options.capacity ?? 10_000
  const maxTextLength = options.maxTextLength ?? 64
  let seen = new Map<Text, { readonly value: A }>()
  return text => {
    const known = seen.get(text)
    if (known !== undefined) return known.value
    const value = check(text)
    if (text.length > maxTextLength || !options.accepted(value)) return value
    if (seen.size >= capacity) seen = new Map()
    seen.set(text, { value })
    return value
  }
}
