// Personal data never enters an event in clear (UU 27/2022): the demo seals it with AES-256-GCM under a per-subject
// key, as the KeyStore will. Forgetting the key (crypto-shredding) leaves only ciphertext behind.
import { createCipheriv, randomBytes } from 'node:crypto'

/** A per-subject key ring in memory: the demo's stand-in for the KeyStore port. */
export const keyRing = () => {
  const keys = new Map<string, Buffer>()
  return {
    seal: (subjectId: string, clearText: string) => {
      const key = keys.get(subjectId) ?? randomBytes(32)
      keys.set(subjectId, key)
      const iv = randomBytes(12)
      const cipher = createCipheriv('aes-256-gcm', key, iv)
      const body = Buffer.concat([cipher.update(clearText, 'utf8'), cipher.final()])
      return {
        subjectId,
        keyId: `${subjectId}#1`,
        algorithm: 'AES-256-GCM',
        ciphertext: Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64'),
      }
    },
  }
}
