/**
 * Remembers the outcome of an expensive check on strings (a NIP, an instant) for recent distinct inputs, so decoding
 * a long history that repeats the same values checks each once. Bounded: it starts afresh once it holds `capacity`
 * entries. The check must be pure: the cache changes speed, never an answer.
 */
export const cachedCheck = <Text extends string, A>(
  check: (text: Text) => A,
  capacity = 10_000,
): ((text: Text) => A) => {
  let seen = new Map<Text, { readonly value: A }>()
  return text => {
    const known = seen.get(text)
    if (known !== undefined) return known.value
    const value = check(text)
    if (seen.size >= capacity) seen = new Map()
    seen.set(text, { value })
    return value
  }
}
