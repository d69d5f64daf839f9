import * as E from 'fp-ts/lib/Either.js'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { inMemoryKeyStore } from './in-memory-key-store.js'
import { openField, seal } from './sealing.js'

const access = { who: '196608011988031001', purpose: 'uji', at: '2026-03-02T09:00:00+07:00' }
const runs = { seed: 20260302, numRuns: 200 }

const sealed = async (keys: ReturnType<typeof inMemoryKeyStore>, subject: string, text: string) => {
  const result = await seal(keys, subject, text)()
  if (E.isLeft(result)) throw new Error('sealing failed')
  return result.right
}

describe('sealing (property)', () => {
  it('opens every text sealed, whatever its characters, and never shows it in the envelope', async () => {
    const keys = inMemoryKeyStore()
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme', minLength: 4, maxLength: 200 }), async text => {
        const envelope = await sealed(keys, 'warga-prop', text)
        expect(envelope.ciphertext.includes(text)).toBe(false)
        expect(await openField(keys, 'description', envelope, access)()).toEqual(E.right({ kind: 'clear', text }))
      }),
      runs,
    )
  })

  it('refuses as tampered a ciphertext with any one bit changed, and never throws', async () => {
    const keys = inMemoryKeyStore()
    const envelope = await sealed(keys, 'warga-bit', 'Keluhan: pelayanan lambat di loket')
    const length = Buffer.from(envelope.ciphertext, 'base64').length
    await fc.assert(
      fc.asyncProperty(fc.nat(length - 1), fc.integer({ min: 0, max: 7 }), async (index, bit) => {
        const bytes = Buffer.from(envelope.ciphertext, 'base64')
        bytes[index] = (bytes[index] ?? 0) ^ (1 << bit)
        const tampered = { ...envelope, ciphertext: bytes.toString('base64') }
        expect(await openField(keys, 'description', tampered, access)()).toEqual(
          E.right({ kind: 'unreadable', reason: 'tampered' }),
        )
      }),
      runs,
    )
  })

  it('gives a typed value for any input that is not an envelope', async () => {
    const keys = inMemoryKeyStore()
    await fc.assert(
      fc.asyncProperty(fc.anything(), async input => {
        const opened = await openField(keys, 'contact', input, access)()
        expect(E.isRight(opened) && opened.right.kind === 'unreadable').toBe(true)
      }),
      runs,
    )
  })
})
