import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  chainKeyFileOf,
  chainKeyring,
  chainKeyringOf,
  chainMac,
  chainMacProblem,
  newChainKey,
  rotateChainKey,
} from './chain-keys.js'
import { sha256Hex } from './canonical-json.js'

const k1 = { id: 'k1', secret: Buffer.alloc(32, 1) }
const k2 = { id: 'k2', secret: Buffer.alloc(32, 2) }
const hash = sha256Hex('an event')

describe('chain keys', () => {
  it('makes a MAC only the key reproduces, and says why a MAC is not vouched for', () => {
    const keyring = chainKeyring({ current: k1 })
    const mac = chainMac(k1, hash)
    expect(mac).toEqual({ keyId: 'k1', value: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown })
    expect(chainMacProblem(keyring, hash, mac, 5n)).toBeUndefined()
    expect(chainMacProblem(keyring, sha256Hex('another event'), mac, 5n)).toMatch(/does not match under key k1/)
    expect(chainMacProblem(keyring, hash, chainMac({ id: 'k1', secret: Buffer.alloc(32, 9) }, hash), 5n)).toMatch(
      /does not match/,
    )
    expect(chainMacProblem(keyring, hash, undefined, 5n)).toMatch(/carries no MAC/)
    expect(chainMacProblem(keyring, hash, chainMac(k2, hash), 5n)).toMatch(/key k2, which the keyring does not hold/)
    // The MAC binds its key id: a value moved under another id does not verify.
    expect(chainMacProblem(chainKeyring({ current: { ...k1, id: 'k3' } }), hash, { ...mac, keyId: 'k3' }, 5n)).toMatch(
      /does not match/,
    )
  })

  it('rotates: the retired key still verifies, up to its last position when one is set', () => {
    const rotated = rotateChainKey(chainKeyring({ current: k1 }), k2, 100n)
    expect(rotated.current.id).toBe('k2')
    const old = chainMac(k1, hash)
    expect(chainMacProblem(rotated, hash, old, 100n)).toBeUndefined()
    expect(chainMacProblem(rotated, hash, old, 101n)).toMatch(/key k1, retired after position 100/)
    expect(chainMacProblem(rotateChainKey(chainKeyring({ current: k1 }), k2), hash, old, 10_000n)).toBeUndefined()
    expect(() => rotateChainKey(rotated, { ...k1, secret: Buffer.alloc(32, 5) })).toThrow(/k1 names two keys/)
  })

  it('refuses keyrings that break a rule, naming the key and the rule', () => {
    expect(() => chainKeyring({ current: { id: 'k1', secret: Buffer.alloc(31) } })).toThrow(
      'chain keyring: current.secret must be at least 32 random bytes',
    )
    expect(() => chainKeyring({ current: { id: 'a key', secret: Buffer.alloc(32) } })).toThrow(/current.id must be/)
    expect(() => chainKeyring({ current: k1, retired: [{ ...k2, lastPosition: -1n }] })).toThrow(
      /retired.0.lastPosition must be a global position/,
    )
    expect(newChainKey('k-20261207').secret.byteLength).toBe(32)
  })

  it('reads and writes its key file, and refuses a bad one naming the field', () => {
    const keyring = rotateChainKey(chainKeyring({ current: k1 }), k2, 42n)
    const file = chainKeyFileOf(keyring)
    expect(file).toMatchObject({ format: 'pembina-chain-keys/1', current: 'k2' })
    expect(file.keys[1]).toMatchObject({ id: 'k1', lastPosition: '42' })
    const back = chainKeyringOf(JSON.parse(JSON.stringify(file)))
    expect(E.isRight(back) && chainMacProblem(back.right, hash, chainMac(k1, hash), 42n)).toBeUndefined()
    const short = { ...file, keys: [{ id: 'k2', secret: Buffer.alloc(16).toString('base64') }] }
    expect(chainKeyringOf(short)).toEqual(E.left(expect.stringMatching(/keys.0.secret.*at least 32 bytes/) as unknown))
    expect(chainKeyringOf({ ...file, current: 'k9' })).toEqual(
      E.left('chain key file: current names k9, which is not among its keys'),
    )
    expect(chainKeyringOf({ ...file, current: 'k1' })).toEqual(
      E.left('chain key file: the current key k1 has a lastPosition: only a retired key may'),
    )
  })
})
