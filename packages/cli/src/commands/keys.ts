import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto'
import { chmodSync, existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import * as E from 'fp-ts/lib/Either.js'
import {
  anchorKeyFingerprint,
  type ChainKeyring,
  chainKeyFileOf,
  chainKeyring,
  chainKeyringOf,
  ChainKeyId,
  newAnchorKeyPair,
  newChainKey,
  PositionText,
  rotateChainKey,
} from '@pembina/core'
import { CliError, exitCodes } from '../cli-error.js'

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error))

const errnoCode = (error: unknown): unknown =>
  typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined

/** Only the owner may read or write a file of secrets. */
const secretMode = 0o600

/**
 * Writes a new file, refusing one that exists (`wx`: no race between the check and the write). A secret is written
 * with mode 0600 from the start, and set to it again in case the umask took more away.
 */
const writeNewFile = (file: string, text: string, what: string, secret: boolean): void => {
  try {
    writeFileSync(file, text, { flag: 'wx', mode: secret ? secretMode : 0o644 })
  } catch (error) {
    if (errnoCode(error) === 'EEXIST') throw new CliError(`${file} already exists: a ${what} is never overwritten`)
    throw new CliError(`${file} cannot be written: ${message(error)}`)
  }
  if (secret) chmodSync(file, secretMode)
}

/** Replaces a file of secrets: a new file beside it (0600), renamed over it, so a crash leaves the old one whole. */
const replaceSecretFile = (file: string, text: string): void => {
  const next = `${file}.${process.pid}.new`
  try {
    writeFileSync(next, text, { flag: 'wx', mode: secretMode })
    chmodSync(next, secretMode)
    renameSync(next, file)
  } catch (error) {
    rmSync(next, { force: true })
    throw new CliError(`${file} cannot be rewritten: ${message(error)}`)
  }
}

const readText = (file: string, what: string): string => {
  try {
    return readFileSync(file, 'utf8')
  } catch (error) {
    throw new CliError(`the ${what} ${file} cannot be read: ${message(error)}`)
  }
}

/**
 * A warning when a file of secrets (a chain key file, an anchor's private key) may be read by others than its owner,
 * as ssh warns of a private key: undefined when its mode allows its owner alone, or it cannot be examined.
 */
export const secretFileWarning = (file: string, what: string): string | undefined => {
  let mode: number
  try {
    mode = statSync(file).mode
  } catch {
    return undefined
  }
  if (process.platform === 'win32' || (mode & 0o077) === 0) return undefined
  return `warning: the ${what} ${file} may be read by others (mode ${(mode & 0o777).toString(8).padStart(4, '0')}): whoever reads it ${what === 'chain key file' ? 'can write a chain the audit accepts' : 'can sign a false anchor'}; chmod 600 ${file}`
}

/** The keyring a chain key file holds; a file that is not one is refused, naming the file and what is wrong. */
export const readChainKeyring = (file: string): ChainKeyring => {
  let json: unknown
  try {
    json = JSON.parse(readText(file, 'chain key file'))
  } catch (error) {
    if (error instanceof CliError) throw error
    throw new CliError(`the chain key file ${file} cannot be read as JSON: ${message(error)}`)
  }
  const keyring = chainKeyringOf(json)
  if (E.isLeft(keyring)) throw new CliError(`the chain key file ${file} is refused: ${keyring.left}`)
  return keyring.right
}

const anchorKey = (file: string, kind: 'private' | 'public'): KeyObject => {
  const pem = readText(file, `anchor ${kind} key`)
  if (kind === 'public' && pem.includes('PRIVATE KEY'))
    throw new CliError(
      `the anchor public key ${file} holds a private key: checking a head file needs only the public key (FILE.pub of pembina keys anchor)`,
    )
  let key: KeyObject
  try {
    key = kind === 'private' ? createPrivateKey(pem) : createPublicKey(pem)
  } catch (error) {
    throw new CliError(`the anchor ${kind} key ${file} is not a ${kind} key in PEM: ${message(error)}`)
  }
  if (key.asymmetricKeyType !== 'ed25519')
    throw new CliError(
      `the anchor ${kind} key ${file} is ${key.asymmetricKeyType ?? 'not an asymmetric key'}: head files are signed with Ed25519 (pembina keys anchor)`,
    )
  return key
}

/** The Ed25519 private key a head file is signed with (`--sign-key`), from its PEM file. */
export const readAnchorPrivateKey = (file: string): KeyObject => anchorKey(file, 'private')

/** The Ed25519 public key a head file must verify with (`--anchor-key`), from its PEM file. */
export const readAnchorPublicKey = (file: string): KeyObject => anchorKey(file, 'public')

/** The id a new chain key gets when none is given: `k-` and the day (UTC), then `-2`, `-3`… if the keyring has it. */
export const defaultChainKeyId = (now: Date, taken: ReadonlySet<string> = new Set()): string => {
  const day = now.toISOString().slice(0, 10).replaceAll('-', '')
  const base = `k-${day}`
  if (!taken.has(base)) return base
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`
}

const checkedId = (id: string): string => {
  if (E.isLeft(ChainKeyId.decode(id)))
    throw new CliError(
      `--id ${id}: a key id is 1 to 64 letters, digits, ".", "-" or "_", starting with a letter or digit`,
    )
  return id
}

const keyFileText = (keyring: ChainKeyring): string => `${JSON.stringify(chainKeyFileOf(keyring), null, 2)}\n`

const keyIds = (keyring: ChainKeyring): readonly string[] => [
  keyring.current.id,
  ...(keyring.retired ?? []).map(key => key.id),
]

const retiredLine = (keyring: ChainKeyring): string => {
  const retired = keyring.retired ?? []
  return retired.length === 0
    ? 'no retired keys'
    : `retired: ${retired.map(key => (key.lastPosition === undefined ? key.id : `${key.id} (up to position ${key.lastPosition})`)).join(', ')}`
}

/** `--last-position P`: a global position, a whole number from 0. */
export const parsePosition = (text: string, option: string): bigint => {
  const refused = `${option} ${text} is not a global position (a whole number from 0)`
  if (PositionText.is(text)) return BigInt(text)
  throw new CliError(refused)
}

/** `pembina keys chain --out FILE`: a new chain key file of one key, mode 0600; an existing file is refused. */
export const keysChainCommand = (
  options: { readonly out: string; readonly id?: string; readonly json: boolean },
  now: Date,
  out: (line: string) => void,
): number => {
  const id = options.id === undefined ? defaultChainKeyId(now) : checkedId(options.id)
  const keyring = chainKeyring({ current: newChainKey(id) })
  writeNewFile(options.out, keyFileText(keyring), 'chain key file', true)
  if (options.json) out(JSON.stringify({ file: options.out, current: id, retired: [] }, null, 2))
  else {
    out(`chain key ${id} written to ${options.out} (mode 0600)`)
    out('keep it apart from the store: whoever reads it can write a chain the audit accepts')
  }
  return exitCodes.ok
}

/**
 * `pembina keys rotate --file FILE`: a new current key; the current one is retired (up to `--last-position` when
 * given). The file is rewritten in place, mode 0600.
 */
export const keysRotateCommand = (
  options: { readonly file: string; readonly id?: string; readonly lastPosition?: string; readonly json: boolean },
  now: Date,
  out: (line: string) => void,
): number => {
  const lastPosition =
    options.lastPosition === undefined ? undefined : parsePosition(options.lastPosition, '--last-position')
  const keyring = readChainKeyring(options.file)
  const taken = new Set(keyIds(keyring))
  const id = options.id === undefined ? defaultChainKeyId(now, taken) : checkedId(options.id)
  if (taken.has(id)) throw new CliError(`--id ${id}: the chain key file ${options.file} already holds a key ${id}`)
  const rotated = rotateChainKey(keyring, newChainKey(id), lastPosition)
  replaceSecretFile(options.file, keyFileText(rotated))
  if (options.json)
    out(
      JSON.stringify(
        {
          file: options.file,
          current: id,
          retired: (rotated.retired ?? []).map(key => ({
            id: key.id,
            lastPosition: key.lastPosition === undefined ? null : key.lastPosition.toString(),
          })),
        },
        null,
        2,
      ),
    )
  else {
    out(`${options.file}: ${id} is the current chain key; ${keyring.current.id} is retired`)
    out(`  ${retiredLine(rotated)}`)
  }
  return exitCodes.ok
}

/**
 * `pembina keys retire --file FILE --id ID --last-position P`: the last global position a retired key may have
 * written at (an anchor's, taken once every writer used the new key). An event past it under that key is refused.
 */
export const keysRetireCommand = (
  options: { readonly file: string; readonly id: string; readonly lastPosition: string; readonly json: boolean },
  out: (line: string) => void,
): number => {
  const lastPosition = parsePosition(options.lastPosition, '--last-position')
  const keyring = readChainKeyring(options.file)
  if (keyring.current.id === options.id)
    throw new CliError(
      `--id ${options.id} is the current chain key of ${options.file}: rotate first (pembina keys rotate), then retire it`,
    )
  const retired = keyring.retired ?? []
  if (!retired.some(key => key.id === options.id))
    throw new CliError(`--id ${options.id}: the chain key file ${options.file} holds no retired key ${options.id}`)
  const next = chainKeyring({
    current: keyring.current,
    retired: retired.map(key => (key.id === options.id ? { ...key, lastPosition } : key)),
  })
  replaceSecretFile(options.file, keyFileText(next))
  if (options.json)
    out(JSON.stringify({ file: options.file, id: options.id, lastPosition: lastPosition.toString() }, null, 2))
  else {
    out(`${options.file}: ${options.id} verifies events up to position ${lastPosition}, none after`)
    out(`  current: ${next.current.id}; ${retiredLine(next)}`)
  }
  return exitCodes.ok
}

/**
 * `pembina keys anchor --out FILE`: an Ed25519 key pair for signing head files: FILE the private key (0600),
 * FILE.pub the public key. Neither may exist.
 */
export const keysAnchorCommand = (
  options: { readonly out: string; readonly json: boolean },
  out: (line: string) => void,
): number => {
  const publicFile = `${options.out}.pub`
  for (const file of [options.out, publicFile])
    if (existsSync(file)) throw new CliError(`${file} already exists: an anchor key is never overwritten`)
  const pair = newAnchorKeyPair()
  writeNewFile(options.out, pair.privateKeyPem, 'anchor key', true)
  try {
    writeNewFile(publicFile, pair.publicKeyPem, 'anchor key', false)
  } catch (error) {
    rmSync(options.out, { force: true })
    throw error
  }
  const fingerprint = anchorKeyFingerprint(pair.publicKeyPem)
  if (options.json) out(JSON.stringify({ privateKey: options.out, publicKey: publicFile, fingerprint }, null, 2))
  else {
    out(`anchor key ${fingerprint}: private key written to ${options.out} (mode 0600), public key to ${publicFile}`)
    out('sign head files with the private key (audit --sign-key); check them with the public key (audit --anchor-key)')
  }
  return exitCodes.ok
}
