import * as E from 'fp-ts/lib/Either.js'
import fc from 'fast-check'
import { decodeWith } from '@pembina/core'
import { describe, expect, it } from 'vitest'
import { ComplaintCommand } from './commands.js'

const decode = decodeWith(ComplaintCommand)
// kernel/decode.ts names a field inside `t.exact(t.intersection(...))` with the member's index (`data.0.trackingId`)
// until its issueOf unwraps ExactType; both spellings are read as the field's path here.
const fieldPath = (path: string): string => path.replace(/^data\.\d+(?=\.)/, 'data')
const issuesOf = (input: unknown): readonly { path: string; rule: string }[] => {
  const result = decode(input)
  return E.isLeft(result) ? result.left.issues.map(({ path, rule }) => ({ path: fieldPath(path), rule })) : []
}

const at = '2026-08-13T10:00:00+07:00'
const citizen = { kind: 'citizen', subjectId: 'warga-0042' }
const envelope = {
  subjectId: 'warga-0042',
  keyId: 'key-warga-0042',
  algorithm: 'AES-256-GCM',
  // 12-byte IV, 16-byte tag and the sealed text, as an AES-256-GCM envelope carries them.
  ciphertext: 'EQOSX1wyujtfn6R8kfTrksF+CUzNZPcgZmmi8TKajUs2QxBsglwyOYdXPc3QSLw8xSNzKLcx',
}
const filing = {
  complaintId: 'c-2026-00042',
  trackingId: 'BLW-2026-000123',
  unit: 'Puskesmas Belawan',
  category: 'pengaduan',
  description: envelope,
  serviceDate: '2026-08-10',
  channel: 'web',
  anonymous: false,
  confidential: false,
  complainant: envelope,
}
const fileWith = (data: Record<string, unknown>): unknown => ({
  type: 'FileComplaint',
  at,
  actor: citizen,
  data: { ...filing, ...data },
})

describe('decoding complaint commands', () => {
  it('a well-formed filing decodes', () => {
    expect(issuesOf(fileWith({}))).toEqual([])
  })

  it('a receipt number not in the desk’s format is reported at data.trackingId', () => {
    expect(issuesOf(fileWith({ trackingId: 'BLW-26-123' }))).toEqual([
      {
        path: 'data.trackingId',
        rule: 'must be a receipt number like BLW-2026-000123 (2-5 capital letters, a year, 6 digits)',
      },
    ])
  })

  it('a complainant’s identity in clear text is refused: only the encrypted envelope is accepted', () => {
    const inClear = (input: unknown) =>
      issuesOf(input).map(({ path, rule }) => [
        path,
        rule.startsWith('must be an envelope sealed for its data subject'),
      ])
    expect(inClear(fileWith({ complainant: 'Budi Santoso, Jl. Veteran 12' }))).toEqual([['data.complainant', true]])
    expect(inClear(fileWith({ description: 'Antrean di loket pendaftaran lebih dari tiga jam.' }))).toEqual([
      ['data.description', true],
    ])
    expect(issuesOf(fileWith({ contact: { ...envelope, ciphertext: '0812 3456 7890' } }))).toEqual([
      { path: 'data.contact.ciphertext', rule: 'must be base64 ciphertext (personal data is never stored in clear)' },
    ])
  })

  it('a NIK or a phone number in bare digits is refused as ciphertext: it is shorter than an AES-256-GCM IV and tag', () => {
    const rule = 'must be AES-256-GCM ciphertext in base64 with its 12-byte IV and 16-byte tag (at least 28 bytes)'
    expect(issuesOf(fileWith({ complainant: { ...envelope, ciphertext: '1271012345670001' } }))).toEqual([
      { path: 'data.complainant.ciphertext', rule },
    ])
    expect(issuesOf(fileWith({ contact: { ...envelope, ciphertext: '081234567890' } }))).toEqual([
      { path: 'data.contact.ciphertext', rule },
    ])
    const supply = (contact: unknown): unknown => ({
      type: 'SupplyCompletion',
      at,
      actor: citizen,
      data: { complaintId: 'c-2026-00042', supplement: envelope, contact },
    })
    expect(issuesOf(supply({ ...envelope, ciphertext: '081234567890' }))).toEqual([
      { path: 'data.contact.ciphertext', rule },
    ])
    expect(issuesOf(supply(envelope))).toEqual([])
  })

  it('an unknown category, an impossible service date and a bad complaint id name their fields', () => {
    expect(issuesOf(fileWith({ category: 'keluhan', serviceDate: '2026-02-30', complaintId: 'no spaces' }))).toEqual([
      {
        path: 'data.complaintId',
        rule: 'must be 1-128 letters, digits, ".", "_", ":" or "-", starting with a letter or digit',
      },
      { path: 'data.category', rule: 'must be one of pengaduan, aspirasi, permintaan-informasi' },
      { path: 'data.serviceDate', rule: 'must be a real calendar date written YYYY-MM-DD' },
    ])
  })

  it('a satisfaction rating outside 1–5 is reported at data.rating', () => {
    expect(
      issuesOf({ type: 'RateSatisfaction', at, actor: citizen, data: { complaintId: 'c-2026-00042', rating: 6 } }),
    ).toEqual([{ path: 'data.rating', rule: 'must be a whole number from 1 to 5' }])
  })

  it('an instant without an offset and an unknown command type are reported at their fields', () => {
    expect(issuesOf({ ...(fileWith({}) as object), at: '2026-08-13T10:00:00' })).toEqual([
      { path: 'at', rule: 'must be an ISO-8601 instant with an offset, e.g. 2026-03-02T09:00:00+07:00' },
    ])
    expect(issuesOf({ type: 'ReopenComplaint', at, actor: citizen, data: {} })[0]?.path).toBe('type')
  })

  it('a disposition naming an invalid NIP is reported at data.officerNip', () => {
    const dispose = {
      type: 'DisposeComplaint',
      at,
      actor: { kind: 'asn', nip: '196608011988031001', roles: ['admin-pengaduan'] },
      data: { complaintId: 'c-2026-00042', unit: 'Puskesmas Belawan', officerNip: '196608011988033001' },
    }
    expect(issuesOf(dispose).map(issue => issue.path)).toEqual(['data.officerNip'])
  })

  it('decoding any value never throws, and every failure names a rule (property)', () => {
    fc.assert(
      fc.property(fc.anything(), input => {
        const result = decode(input)
        if (E.isLeft(result)) for (const issue of result.left.issues) expect(issue.rule).not.toBe('')
      }),
      { seed: 4242, numRuns: 500 },
    )
  })
})
