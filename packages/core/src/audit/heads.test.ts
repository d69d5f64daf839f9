import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { sha256Hex } from '../application/integrity/canonical-json.js'
import {
  anchorKeyFingerprint,
  type HeadFile,
  headFileFrom,
  headFileSignatureProblem,
  newAnchorKeyPair,
  signHeadFile,
} from './heads.js'

const file: HeadFile = {
  format: 'pembina-heads/2',
  writtenAt: '2026-12-07T00:00:00.000Z',
  position: '120',
  heads: {
    'competency-199203152019032004': { revision: 4, hash: sha256Hex('a'), position: '118' },
    'enrollment-pkes-2026-01': { revision: 30, hash: sha256Hex('b'), position: '120' },
  },
}

describe('signed head files', () => {
  const auditor = newAnchorKeyPair()
  const other = newAnchorKeyPair()

  it('verifies with the public key of the key that signed it, through JSON', () => {
    const signed = signHeadFile(file, auditor.privateKeyPem)
    expect(signed.signature?.keyId).toBe(anchorKeyFingerprint(auditor.publicKeyPem))
    expect(anchorKeyFingerprint(auditor.privateKeyPem)).toBe(anchorKeyFingerprint(auditor.publicKeyPem))
    const read = headFileFrom(JSON.parse(JSON.stringify(signed)), auditor.publicKeyPem)
    expect(E.isRight(read)).toBe(true)
  })

  it('refuses one changed after signing, one signed by another key, and one not signed', () => {
    const signed = signHeadFile(file, auditor.privateKeyPem)
    // A head moved back one revision, as someone hiding a truncated stream would.
    const moved: HeadFile = {
      ...signed,
      heads: {
        ...signed.heads,
        'competency-199203152019032004': { revision: 3, hash: sha256Hex('a'), position: '118' },
      },
    }
    expect(headFileSignatureProblem(moved, auditor.publicKeyPem)).toMatch(/changed after it was signed/)
    expect(headFileSignatureProblem({ ...signed, position: '119' }, auditor.publicKeyPem)).toMatch(/changed after/)
    expect(headFileSignatureProblem(signed, other.publicKeyPem)).toMatch(
      /signed by key [0-9a-f]{16}, not by the key given/,
    )
    expect(headFileSignatureProblem(file, auditor.publicKeyPem)).toBe('the head file is not signed')
    // A signature made with another key, claiming the auditor's key id.
    const byOther = signHeadFile(moved, other.privateKeyPem).signature?.value ?? ''
    const forged: HeadFile = {
      ...moved,
      signature: { algorithm: 'ed25519', keyId: signed.signature?.keyId ?? '', value: byOther },
    }
    expect(headFileSignatureProblem(forged, auditor.publicKeyPem)).toMatch(/changed after it was signed/)
    expect(headFileFrom(JSON.parse(JSON.stringify(moved)), auditor.publicKeyPem)).toEqual(
      E.left(expect.stringMatching(/changed after it was signed/) as unknown),
    )
  })

  it('decodes format 1 without positions, refuses a position that is not one, and refuses a non-Ed25519 key', () => {
    const v1 = {
      format: 'pembina-heads/1',
      writtenAt: file.writtenAt,
      position: '5',
      heads: { 'x-1': { revision: 0, hash: sha256Hex('c') } },
    }
    expect(E.isRight(headFileFrom(v1))).toBe(true)
    expect(headFileFrom({ ...v1, position: '-5' })).toEqual(E.left(expect.stringMatching(/position/) as unknown))
    expect(() => signHeadFile(file, Buffer.alloc(32).toString('hex'))).toThrow()
  })
})
