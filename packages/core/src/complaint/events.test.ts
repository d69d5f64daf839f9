import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { complaintEvents, ComplaintEvent } from './events.js'

const envelope = {
  subjectId: 'warga-0042',
  keyId: 'key-warga-0042',
  algorithm: 'AES-256-GCM',
  ciphertext: 'q83vEjRWeJA=',
}
const filedData = {
  at: '2026-08-13T10:00:00+07:00',
  complaintId: 'c-2026-00042',
  trackingId: 'BLW-2026-000123',
  receivedAt: '2026-08-13T10:00:00+07:00',
  unit: 'Puskesmas Belawan',
  category: 'pengaduan',
  description: 'Antrean di loket pendaftaran lebih dari tiga jam.',
  serviceDate: '2026-08-10',
  channel: 'web',
  anonymous: true,
  confidential: false,
  complainant: envelope,
  sensitiveDetails: envelope,
}

describe('complaint event schemas', () => {
  it('register every event of the vocabulary once, each with a one-sentence description', () => {
    expect(complaintEvents.schemas.map(schema => schema.type)).toEqual([
      'ComplaintFiled',
      'ComplaintVerified',
      'CompletionRequested',
      'CompletionSupplied',
      'ComplaintDeemedWithdrawn',
      'ComplaintNotInAuthority',
      'ComplaintArchived',
      'ComplaintDisposed',
      'FollowUpRecorded',
      'ComplaintDecided',
      'ComplainantNotified',
      'SatisfactionRated',
      'DeadlineMissed',
      'ComplaintEscalated',
      'ComplaintClosed',
    ])
    for (const schema of complaintEvents.schemas) expect(schema.description).toMatch(/^[A-Z][^\n]*\.$/)
  })

  it('a stored filing decodes with its receipt and its encrypted personal data, and encodes back unchanged', () => {
    const sealedFiling = { ...filedData, description: envelope }
    const decoded = complaintEvents.decode({ type: 'ComplaintFiled', data: sealedFiling, schemaVersion: 2 })
    expect(decoded).toEqual(E.right({ type: 'ComplaintFiled', data: sealedFiling }))
    if (E.isRight(decoded))
      expect(complaintEvents.encode(decoded.right)).toEqual({
        type: 'ComplaintFiled',
        data: sealedFiling,
        schemaVersion: 2,
      })
  })

  it('a filing written before texts were sealed (v1) reads with its description as written, in clear', () => {
    const decoded = complaintEvents.decode({ type: 'ComplaintFiled', data: filedData, schemaVersion: 1 })
    expect(decoded).toEqual(
      E.right({
        type: 'ComplaintFiled',
        data: { ...filedData, description: { writtenInClear: filedData.description } },
      }),
    )
  })

  it('from v2, the free texts of a complaint are envelopes: a clear text is refused, naming the field', () => {
    const decoded = complaintEvents.decode({ type: 'ComplaintFiled', data: filedData, schemaVersion: 2 })
    expect(
      E.isLeft(decoded) && decoded.left.issues.map(issue => issue.path.replace(/^data\.\d+(?=\.)/, 'data')),
    ).toEqual(['data.description'])
    const followUp = {
      at: filedData.at,
      complaintId: 'c-2026-00042',
      followUpId: 'fu-1',
      officerNip: '197001011995031001',
    }
    expect(
      complaintEvents.decode({
        type: 'FollowUpRecorded',
        data: { ...followUp, text: 'Loket dibuka.' },
        schemaVersion: 1,
      }),
    ).toEqual(E.right({ type: 'FollowUpRecorded', data: { ...followUp, text: { writtenInClear: 'Loket dibuka.' } } }))
    expect(
      E.isLeft(
        complaintEvents.decode({
          type: 'FollowUpRecorded',
          data: { ...followUp, text: 'Loket dibuka.' },
          schemaVersion: 2,
        }),
      ),
    ).toBe(true)
  })

  // The path replace reads `data.0.x` (kernel/decode.ts, fields of t.exact(t.intersection)) as `data.x`.
  it('a stored event with a clear-text identity or a missing tracking id is refused, naming the field', () => {
    const withoutReceipt = Object.fromEntries(Object.entries(filedData).filter(([key]) => key !== 'trackingId'))
    const paths = [
      complaintEvents.decode({ type: 'ComplaintFiled', data: { ...filedData, complainant: 'Budi' }, schemaVersion: 1 }),
      complaintEvents.decode({ type: 'ComplaintFiled', data: withoutReceipt, schemaVersion: 1 }),
    ].map(result =>
      E.isLeft(result) ? result.left.issues.map(issue => issue.path.replace(/^data\.\d+(?=\.)/, 'data')) : [],
    )
    expect(paths).toEqual([['data.complainant'], ['data.trackingId']])
  })

  it('a schema’s codec accepts only its own event type', () => {
    const missed = {
      type: 'DeadlineMissed',
      data: { at: filedData.at, complaintId: 'c-1', stage: 'decision', dueAt: filedData.at, unit: 'Pustu Sicanang' },
    }
    expect(ComplaintEvent.is(missed)).toBe(true)
    const filedSchema = complaintEvents.schemas[0]
    expect(filedSchema?.codec.is(missed)).toBe(false)
  })
})
