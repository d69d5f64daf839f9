import type { StreamHead } from './heads.js'

const hashBytes = 32

/**
 * What an audit keeps of every stream's chain while it reads the store: the last revision read, its global position,
 * the hash that event carries (when it carries one that can be read) and whether the chain has held so far.
 *
 * An audit keeps this for every stream of the store at once, so it is kept compact: one slot per stream in typed
 * arrays that grow by doubling, the hash as its 32 bytes rather than as 64 characters of text. A stream costs its name
 * (the map's key), its map entry and 49 bytes; kept as an object with its hash as text, it cost about twice as much.
 */
export class StreamChains {
  readonly #slots = new Map<string, number>()
  #revisions = new Float64Array(1024)
  #positions = new BigInt64Array(1024)
  // Bit 0: the slot holds a hash; bit 1: the chain broke somewhere.
  #flags = new Uint8Array(1024)
  #hashes = Buffer.alloc(1024 * hashBytes)

  /** How many streams have been read. */
  get size(): number {
    return this.#slots.size
  }

  /** The slot of a stream, made (with no revision read) the first time the stream is met. */
  slotOf(streamName: string): number {
    const known = this.#slots.get(streamName)
    if (known !== undefined) return known
    const slot = this.#slots.size
    if (slot === this.#revisions.length) this.#grow()
    this.#revisions[slot] = -1
    this.#slots.set(streamName, slot)
    return slot
  }

  /** The last revision read of a stream; -1 before its first event. */
  revision(slot: number): number {
    return this.#revisions[slot] ?? -1
  }

  /** The hash the last event read of a stream carries, as hex; null when it carries none that can be read. */
  hash(slot: number): string | null {
    if (((this.#flags[slot] ?? 0) & 1) === 0) return null
    const at = slot * hashBytes
    return this.#hashes.toString('hex', at, at + hashBytes)
  }

  /** Whether the stream's chain has held from its first event to the last one read. */
  sound(slot: number): boolean {
    return ((this.#flags[slot] ?? 0) & 2) === 0
  }

  /** Records the event just read: its revision, global position and hash (64 lower-case hex digits, or null). */
  advance(slot: number, revision: number, position: bigint, hash: string | null): void {
    this.#revisions[slot] = revision
    this.#positions[slot] = position
    const flags = this.#flags[slot] ?? 0
    if (hash === null) this.#flags[slot] = flags & ~1
    else {
      this.#hashes.write(hash, slot * hashBytes, hashBytes, 'hex')
      this.#flags[slot] = flags | 1
    }
  }

  /** Records that the stream's chain broke. */
  break(slot: number): void {
    this.#flags[slot] = (this.#flags[slot] ?? 0) | 2
  }

  /** The last revision read of a stream by its name; -1 when it was never met. */
  revisionOf(streamName: string): number {
    const slot = this.#slots.get(streamName)
    return slot === undefined ? -1 : this.revision(slot)
  }

  /** The head of every stream whose chain held to its last event, and that event carries a hash. */
  soundHeads(): Record<string, StreamHead> {
    const heads: Record<string, StreamHead> = {}
    for (const [streamName, slot] of this.#slots) {
      const hash = this.hash(slot)
      if (this.sound(slot) && hash !== null)
        heads[streamName] = {
          revision: this.revision(slot),
          hash,
          position: (this.#positions[slot] ?? 0n).toString(),
        }
    }
    return heads
  }

  #grow(): void {
    const revisions = new Float64Array(this.#revisions.length * 2)
    revisions.set(this.#revisions)
    this.#revisions = revisions
    const positions = new BigInt64Array(this.#positions.length * 2)
    positions.set(this.#positions)
    this.#positions = positions
    const flags = new Uint8Array(this.#flags.length * 2)
    flags.set(this.#flags)
    this.#flags = flags
    const hashes = Buffer.alloc(this.#hashes.length * 2)
    this.#hashes.copy(hashes)
    this.#hashes = hashes
  }
}
