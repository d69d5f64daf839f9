import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import { decodeWith, formatDecodeFailure, refine } from '../../kernel/decode.js'
import { PositionText } from '../../kernel/store-arguments.js'

/**
 * A secret key the hash chain is keyed with: an id (written beside every MAC it makes, so a verifier knows which key
 * to use) and at least 32 random bytes. Kept outside the event store (a file only the writing service and the auditor
 * can read, a secrets manager): a writer of the database who does not hold it cannot make an event the keyring
 * accepts.
 */
export interface ChainKey {
  readonly id: string
  readonly secret: Uint8Array
}

/**
 * A key no longer used to write, kept to verify what it wrote. `lastPosition`, when set, is the last global position
 * it may have written at (the position of an anchor taken after the new key took over): an event past it that claims
 * this key is refused, so a retired key that leaked cannot be used to add history.
 */
export interface RetiredChainKey extends ChainKey {
  readonly lastPosition?: bigint
}

/** The keys of a keyed chain: the one new events are written with, and the retired ones still verified. */
export interface ChainKeyring {
  readonly current: ChainKey
  readonly retired?: readonly RetiredChainKey[]
}

/** The fewest bytes a chain key's secret may have: as many as HMAC-SHA-256's output. */
export const minChainSecretBytes = 32

const keyIdPattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/

/** Codec for a chain key's id: 1 to 64 letters, digits, dots, dashes and underscores, starting with a letter or digit. */
export const ChainKeyId = refine(
  t.string,
  (s): s is string => keyIdPattern.test(s),
  'ChainKeyId',
  'must be 1 to 64 letters, digits, ".", "-" or "_", starting with a letter or digit',
)

/** What is wrong with a keyring, or undefined when nothing is: ids unique and well formed, secrets long enough. */
export const chainKeyringProblem = (keyring: ChainKeyring): string | undefined => {
  const keys: readonly (ChainKey & { readonly lastPosition?: bigint })[] = [keyring.current, ...(keyring.retired ?? [])]
  const seen = new Set<string>()
  for (const [index, key] of keys.entries()) {
    const where = index === 0 ? 'current' : `retired.${index - 1}`
    if (!ChainKeyId.is(key.id)) return `${where}.id must be 1 to 64 letters, digits, ".", "-" or "_"`
    if (seen.has(key.id)) return `${where}.id ${key.id} names two keys: every key id must be unique`
    seen.add(key.id)
    if (!(key.secret instanceof Uint8Array) || key.secret.byteLength < minChainSecretBytes)
      return `${where}.secret must be at least ${minChainSecretBytes} random bytes`
    if (key.lastPosition !== undefined && (typeof key.lastPosition !== 'bigint' || key.lastPosition < 0n))
      return `${where}.lastPosition must be a global position (a whole number from 0)`
  }
  return undefined
}

/** Checks a keyring built in code: throws a `TypeError` naming the key and the rule it breaks. */
export const chainKeyring = (keyring: ChainKeyring): ChainKeyring => {
  const problem = chainKeyringProblem(keyring)
  if (problem !== undefined) throw new TypeError(`chain keyring: ${problem}`)
  return keyring
}

/** A new chain key: `minChainSecretBytes` random bytes under the id given. */
export const newChainKey = (id: string): ChainKey => chainKeyring({ current: { id, secret: randomBytes(32) } }).current

/** The MAC an event carries in a keyed chain: the id of the key and HMAC-SHA-256 (hex) of the event's hash. */
export interface ChainMac {
  readonly keyId: string
  readonly value: string
}

const macText = (keyId: string, hash: string): string => `pembina-chain-mac/1\n${keyId}\n${hash}`

/** The MAC of an event's hash under a key: it vouches for the event and, through the chain, every event before it. */
export const chainMac = (key: ChainKey, hash: string): ChainMac => ({
  keyId: key.id,
  value: createHmac('sha256', key.secret).update(macText(key.id, hash)).digest('hex'),
})

/** Whether two MACs or digests written as text are the same, compared in constant time. */
export const sameMacText = (a: string, b: string): boolean =>
  a.length === b.length && timingSafeEqual(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'))

/** The key of a keyring with this id, current or retired; undefined when it holds none. */
export const chainKeyById = (keyring: ChainKeyring, id: string): RetiredChainKey | undefined =>
  id === keyring.current.id ? keyring.current : keyring.retired?.find(retired => retired.id === id)

/**
 * Why the keyring does not vouch for an event with this hash, MAC and global position, or undefined when it does:
 * the event has no MAC, its key is unknown, retired before the position, or the MAC is not the key's.
 */
export const chainMacProblem = (
  keyring: ChainKeyring,
  hash: string,
  mac: ChainMac | undefined,
  position: bigint | null,
): string | undefined => {
  if (mac === undefined) return 'it carries no MAC: it was not written with the chain key'
  const key = chainKeyById(keyring, mac.keyId)
  if (key === undefined) return `its MAC is under key ${mac.keyId}, which the keyring does not hold`
  if (key.lastPosition !== undefined && position !== null && position > key.lastPosition)
    return `its MAC is under key ${mac.keyId}, retired after position ${key.lastPosition}, but the event is at position ${position}`
  if (!sameMacText(chainMac(key, hash).value, mac.value))
    return `its MAC does not match under key ${mac.keyId}: written or rewritten without the chain key`
  return undefined
}

const Base64Secret = refine(
  t.string,
  (s): s is string => /^[A-Za-z0-9+/]+={0,2}$/.test(s) && Buffer.from(s, 'base64').byteLength >= minChainSecretBytes,
  'Base64Secret',
  `must be at least ${minChainSecretBytes} bytes, written in base64`,
)

const ChainKeyEntry = t.intersection(
  [t.strict({ id: ChainKeyId, secret: Base64Secret }), t.exact(t.partial({ lastPosition: PositionText }))],
  'ChainKeyEntry',
)

/**
 * A keyring as a file keeps it (JSON): `{ "format": "pembina-chain-keys/1", "current": "k2", "keys": [{ "id": "k1",
 * "secret": "<base64>", "lastPosition": "1234" }, { "id": "k2", "secret": "<base64>" }] }`. The current key is named
 * by id among `keys`; every other key is retired. Keep it out of the store's reach: whoever reads it can write a
 * chain the audit accepts.
 */
export const ChainKeyFile = t.strict(
  {
    format: t.literal('pembina-chain-keys/1'),
    current: ChainKeyId,
    keys: t.array(ChainKeyEntry),
  },
  'ChainKeyFile',
)
export type ChainKeyFile = t.TypeOf<typeof ChainKeyFile>

/** The keyring a key file describes, or why it cannot be one (the file's field and rule). */
export const chainKeyringOf = (json: unknown): E.Either<string, ChainKeyring> => {
  const file = decodeWith(ChainKeyFile, 'chain key file')(json)
  if (E.isLeft(file)) return E.left(formatDecodeFailure(file.left))
  const keys = file.right.keys.map(entry => ({
    id: entry.id,
    secret: Buffer.from(entry.secret, 'base64'),
    ...(entry.lastPosition === undefined ? {} : { lastPosition: BigInt(entry.lastPosition) }),
  }))
  const current = keys.find(key => key.id === file.right.current)
  if (current === undefined)
    return E.left(`chain key file: current names ${file.right.current}, which is not among its keys`)
  if (current.lastPosition !== undefined)
    return E.left(`chain key file: the current key ${current.id} has a lastPosition: only a retired key may`)
  const keyring = { current, retired: keys.filter(key => key !== current) }
  const problem = chainKeyringProblem(keyring)
  return problem === undefined ? E.right(keyring) : E.left(`chain key file: ${problem}`)
}

/** The key file of a keyring, to write to a file kept apart from the store. */
export const chainKeyFileOf = (keyring: ChainKeyring): ChainKeyFile => ({
  format: 'pembina-chain-keys/1',
  current: keyring.current.id,
  keys: [keyring.current, ...(keyring.retired ?? [])].map((key: RetiredChainKey) => ({
    id: key.id,
    secret: Buffer.from(key.secret).toString('base64'),
    ...(key.lastPosition === undefined ? {} : { lastPosition: key.lastPosition.toString() }),
  })),
})

/**
 * The keyring after a rotation: `next` becomes the current key, and the current one is retired, verified up to
 * `lastPosition` when given (the position of an anchor taken once every writer uses `next`), else wherever it is met.
 */
export const rotateChainKey = (keyring: ChainKeyring, next: ChainKey, lastPosition?: bigint): ChainKeyring =>
  chainKeyring({
    current: next,
    retired: [
      { ...keyring.current, ...(lastPosition === undefined ? {} : { lastPosition }) },
      ...(keyring.retired ?? []),
    ],
  })
