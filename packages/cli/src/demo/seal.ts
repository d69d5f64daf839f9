import { createCipheriv, createHash } from 'node:crypto'

/**
 * Seals a piece of personal data for the demo with AES-256-GCM, as the key store of issue 18 will: the complainant's
 * name and contact never enter an event in clear (UU 27/2022). The demo derives its key and nonce from the subject and
 * the field, so that the seeded year is the same on every run; that makes these keys public, which is fine for made-up
 * people and never for real ones.
 */
export const demoSeal = (subjectId: string, field: string, clearText: string) => {
  const key = createHash('sha256').update(`pembina-demo-key/${subjectId}`).digest()
  const iv = createHash('sha256').update(`pembina-demo-iv/${subjectId}/${field}`).digest().subarray(0, 12)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  const body = Buffer.concat([cipher.update(clearText, 'utf8'), cipher.final()])
  return {
    subjectId,
    keyId: `${subjectId}#1`,
    algorithm: 'AES-256-GCM',
    ciphertext: Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64'),
  }
}
