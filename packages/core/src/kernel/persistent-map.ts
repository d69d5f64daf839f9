import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'

// A persistent (immutable, structurally shared) map from strings to values, for records that grow with a stream:
// a profile credited ten thousand times over the years must not copy ten thousand entries per event, which is what
// `{ ...record, [key]: value }` does. This is a hash trie: 32-way branches on 5 bits of a key's hash, leaves of at
// most 16 entries (sorted by key) until the hash runs out. Setting a key copies one path, not the map.
//
// The trie's shape depends only on the set of keys (no deletion; a leaf splits exactly when it holds more than 16
// keys), so two maps with the same entries are deeply equal however they were built, and the whole value is plain
// JSON (empty slots are null): states holding it compare with `toEqual` and survive JSON.stringify/parse.

const bitsPerLevel = 5
const width = 1 << bitsPerLevel
const mask = width - 1
const leafCapacity = 16
/** Levels of 5 bits a 32-bit hash provides; deeper, keys with equal hashes share an unbounded leaf. */
const maxDepth = 6

/** A leaf: keys in ascending order and their values at the same indexes. */
export interface MapLeaf<V> {
  readonly keys: readonly string[]
  readonly values: readonly V[]
}

/** A branch: 32 children, selected by 5 bits of the key's hash; null where no key falls. */
export interface MapBranch<V> {
  readonly children: readonly (MapNode<V> | null)[]
}

/** A node of the trie. */
export type MapNode<V> = MapLeaf<V> | MapBranch<V>

/** A persistent map from strings to values: plain JSON, structurally shared between versions. */
export interface PersistentMap<V> {
  readonly size: number
  readonly root: MapNode<V>
}

const isLeaf = <V>(node: MapNode<V>): node is MapLeaf<V> => 'keys' in node

/** FNV-1a over UTF-16 code units: fast, deterministic, well spread for short ids. */
const hashOf = (key: string): number => {
  let hash = 0x811c9dc5
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193)
  return hash >>> 0
}

const slotOf = (hash: number, depth: number): number => (hash >>> (depth * bitsPerLevel)) & mask

/** Binary search: the index of `key` in sorted `keys`, or `-(insertion point) - 1`. */
const indexOf = (keys: readonly string[], key: string): number => {
  let low = 0
  let high = keys.length - 1
  while (low <= high) {
    const middle = (low + high) >>> 1
    const probe = keys[middle] ?? ''
    if (probe < key) low = middle + 1
    else if (probe > key) high = middle - 1
    else return middle
  }
  return -low - 1
}

/** Builds the node holding sorted entries at a depth: a leaf while they fit, else a branch over their hashes. */
const nodeOf = <V>(keys: readonly string[], values: readonly V[], depth: number): MapNode<V> => {
  if (keys.length <= leafCapacity || depth >= maxDepth) return { keys, values }
  const slotKeys: string[][] = Array.from({ length: width }, () => [])
  const slotValues: V[][] = Array.from({ length: width }, () => [])
  keys.forEach((key, i) => {
    const slot = slotOf(hashOf(key), depth)
    slotKeys[slot]?.push(key)
    slotValues[slot]?.push(values[i] as V)
  })
  return {
    children: slotKeys.map((group, slot) =>
      group.length === 0 ? null : nodeOf(group, slotValues[slot] ?? [], depth + 1),
    ),
  }
}

const setIn = <V>(node: MapNode<V>, key: string, value: V, hash: number, depth: number): [MapNode<V>, boolean] => {
  if (isLeaf(node)) {
    const index = indexOf(node.keys, key)
    if (index >= 0) {
      const values = node.values.slice()
      values[index] = value
      return [{ keys: node.keys, values }, false]
    }
    const at = -index - 1
    const keys = [...node.keys.slice(0, at), key, ...node.keys.slice(at)]
    const values = [...node.values.slice(0, at), value, ...node.values.slice(at)]
    return [nodeOf(keys, values, depth), true]
  }
  const slot = slotOf(hash, depth)
  const child = node.children[slot] ?? null
  const [next, added] =
    child === null
      ? [{ keys: [key], values: [value] } satisfies MapLeaf<V>, true]
      : setIn(child, key, value, hash, depth + 1)
  const children = node.children.slice()
  children[slot] = next
  return [{ children }, added]
}

/** The map with no entries. */
export const emptyMap = <V>(): PersistentMap<V> => ({ size: 0, root: { keys: [], values: [] } })

/** The value under `key`, if any. */
export const mapGet = <V>(map: PersistentMap<V>, key: string): V | undefined => {
  const hash = hashOf(key)
  let node = map.root
  for (let depth = 0; ; depth++) {
    if (isLeaf(node)) {
      const index = indexOf(node.keys, key)
      return index >= 0 ? node.values[index] : undefined
    }
    const child = node.children[slotOf(hash, depth)] ?? null
    if (child === null) return undefined
    node = child
  }
}

/** A map with `key` set to `value`; the given map is unchanged and shares all but one path with the result. */
export const mapSet = <V>(map: PersistentMap<V>, key: string, value: V): PersistentMap<V> => {
  const [root, added] = setIn(map.root, key, value, hashOf(key), 0)
  return { size: added ? map.size + 1 : map.size, root }
}

const collect = <V>(node: MapNode<V>, into: [string, V][]): void => {
  if (isLeaf(node)) node.keys.forEach((key, i) => into.push([key, node.values[i] as V]))
  else for (const child of node.children) if (child !== null) collect(child, into)
}

/** Every entry, in the trie's order (stable for a given set of keys, not sorted). */
export const mapEntries = <V>(map: PersistentMap<V>): readonly (readonly [string, V])[] => {
  const entries: [string, V][] = []
  collect(map.root, entries)
  return entries
}

/** Every value, in the trie's order. */
export const mapValues = <V>(map: PersistentMap<V>): readonly V[] => mapEntries(map).map(([, value]) => value)

/** A map of a record's own entries. */
export const mapFromRecord = <V>(record: Readonly<Record<string, V>>): PersistentMap<V> =>
  Object.entries(record).reduce<PersistentMap<V>>((map, [key, value]) => mapSet(map, key, value), emptyMap())

/** The map as a record, keys inserted in ascending order (JavaScript still lists integer-like keys first). */
export const mapToRecord = <V>(map: PersistentMap<V>): Readonly<Record<string, V>> =>
  Object.fromEntries(mapEntries(map).toSorted(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))

/**
 * Codec of a persistent map as JSON: a record of its entries (in key order), so a stored state does not depend on
 * the trie's layout or on the order of insertion; decoding rebuilds the trie.
 */
export const persistentMap = <C extends t.Mixed>(
  value: C,
  name = `PersistentMap<${value.name}>`,
): t.Type<PersistentMap<t.TypeOf<C>>, Readonly<Record<string, t.OutputOf<C>>>> => {
  const record = t.record(t.string, value)
  return new t.Type<PersistentMap<t.TypeOf<C>>, Readonly<Record<string, t.OutputOf<C>>>>(
    name,
    (input): input is PersistentMap<t.TypeOf<C>> =>
      typeof input === 'object' && input !== null && 'size' in input && 'root' in input,
    (input, context) => E.map(mapFromRecord<t.TypeOf<C>>)(record.validate(input, context)),
    map => record.encode(mapToRecord(map)),
  )
}
