import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  sign,
  verify,
} from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import { canonicalJson } from '../application/integrity/canonical-json.js'
import { decodeWith, formatDecodeFailure } from '../kernel/decode.js'
import { PositionText } from '../kernel/store-arguments.js'
import { Sha256Hex } from '../shared/index.js'

/**
 * The last event of one stream, as an audit saw it: its revision, its chain hash and (in head files from format 2 on)
 * its global position.
 */
export const StreamHead = t.intersection(
  [t.strict({ revision: t.number, hash: Sha256Hex }), t.exact(t.partial({ position: PositionText }))],
  'StreamHead',
)
export type StreamHead = t.TypeOf<typeof StreamHead>

/** An Ed25519 signature of a head file: which key made it (its fingerprint) and the signature, in base64. */
export const HeadFileSignature = t.strict(
  {
    algorithm: t.literal('ed25519'),
    /** `anchorKeyFingerprint` of the public key that verifies it: the first 16 hex digits of its SHA-256. */
    keyId: t.string,
    value: t.string,
  },
  'HeadFileSignature',
)
export type HeadFileSignature = t.TypeOf<typeof HeadFileSignature>

/**
 * A head file, the audit's anchor: the last hash of every stream at the end of an audit and the global position it
 * read to, kept apart from the store (printed, signed, given to the inspector). A later audit given it proves that no
 * event up to those heads was changed, removed or rewritten (even by someone who recomputed every hash after the
 * change), that no stream it saw was deleted or renamed, and that no event was moved across its position. Signed
 * (`signHeadFile`), it can be kept anywhere: a changed head file no longer verifies with the public key.
 */
export const HeadFile = t.intersection(
  [
    t.strict({
      format: t.union([t.literal('pembina-heads/1'), t.literal('pembina-heads/2')]),
      /** When the audit that wrote it ran. */
      writtenAt: t.string,
      /** The global position of the last event the audit read; null for an empty store. */
      position: t.union([PositionText, t.null]),
      heads: t.record(t.string, StreamHead),
    }),
    t.exact(t.partial({ signature: HeadFileSignature })),
  ],
  'HeadFile',
)
export type HeadFile = t.TypeOf<typeof HeadFile>

/** A key pair for signing head files, as PEM text: the private key for the auditor, the public key for checkers. */
export interface AnchorKeyPair {
  readonly privateKeyPem: string
  readonly publicKeyPem: string
}

/** A new Ed25519 key pair for signing head files (`signHeadFile`) and checking them (`headFileSignatureProblem`). */
export const newAnchorKeyPair = (): AnchorKeyPair => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519')
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  }
}

const keyObject = (key: KeyObject | string, kind: 'private' | 'public'): KeyObject => {
  const object = typeof key === 'string' ? (kind === 'private' ? createPrivateKey(key) : createPublicKey(key)) : key
  if (object.asymmetricKeyType !== 'ed25519')
    throw new TypeError(`a head file is signed with an Ed25519 key, not ${object.asymmetricKeyType ?? 'a secret key'}`)
  return object
}

/** The fingerprint of an anchor key (private or public): the first 16 hex digits of the SHA-256 of its public key. */
export const anchorKeyFingerprint = (key: KeyObject | string): string => {
  const object = typeof key === 'string' ? createPublicKey(key) : key
  const publicKey = object.type === 'private' ? createPublicKey(object) : object
  const der = publicKey.export({ type: 'spki', format: 'der' })
  return createHash('sha256').update(der).digest('hex').slice(0, 16)
}

// What a signature covers: the file without its signature, as canonical JSON, after a line naming what it is.
const signedBytes = (file: HeadFile): Buffer => {
  const text = canonicalJson({
    format: file.format,
    writtenAt: file.writtenAt,
    position: file.position,
    heads: file.heads,
  })
  if (E.isLeft(text)) throw new TypeError(`a head file must be JSON: ${text.left.reason}`)
  return Buffer.from(`pembina-heads-signature/1\n${text.right}`, 'utf8')
}

/** The head file signed with an Ed25519 private key (a `KeyObject` or PEM text); any earlier signature is replaced. */
export const signHeadFile = (file: HeadFile, privateKey: KeyObject | string): HeadFile => {
  const key = keyObject(privateKey, 'private')
  const value = sign(null, signedBytes(file), key).toString('base64')
  return { ...file, signature: { algorithm: 'ed25519', keyId: anchorKeyFingerprint(key), value } }
}

/**
 * Why a head file's signature does not prove it was written by the holder of the private key of `publicKey`, or
 * undefined when it does: the file is unsigned, signed by another key, or changed since it was signed.
 */
export const headFileSignatureProblem = (file: HeadFile, publicKey: KeyObject | string): string | undefined => {
  const key = keyObject(publicKey, 'public')
  const { signature } = file
  if (signature === undefined) return 'the head file is not signed'
  const keyId = anchorKeyFingerprint(key)
  if (signature.keyId !== keyId)
    return `the head file is signed by key ${signature.keyId}, not by the key given (${keyId})`
  const valid = verify(null, signedBytes(file), key, Buffer.from(signature.value, 'base64'))
  return valid ? undefined : 'the head file was changed after it was signed: its signature does not match its content'
}

/**
 * A head file read from its JSON: decoded (the field and rule named when it is not one), and, given the public key
 * of the auditor who signs them, refused unless its signature verifies with it.
 */
export const headFileFrom = (json: unknown, publicKey?: KeyObject | string): E.Either<string, HeadFile> => {
  const decoded = decodeWith(HeadFile, 'head file')(json)
  if (E.isLeft(decoded)) return E.left(formatDecodeFailure(decoded.left))
  if (publicKey === undefined) return decoded
  const problem = headFileSignatureProblem(decoded.right, publicKey)
  return problem === undefined ? decoded : E.left(problem)
}
