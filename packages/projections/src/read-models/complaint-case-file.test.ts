import * as E from 'fp-ts/lib/Either.js'
import {
  type Actor,
  commandHandler,
  complaint,
  type ComplaintInput,
  complaintSealer,
  complaintSubjectFromStore,
  defaultPolicy,
  eraseSubject,
  inMemoryEventStore,
  inMemoryKeyStore,
  instant,
  localDate,
  nip,
  sealingHandler,
} from '@pembina/core'
import { describe, expect, it } from 'vitest'
import { inMemoryReadModelStore } from '../in-memory-read-model-store.js'
import { startProjector } from '../projector.js'
import { type CaseFileReader, complaintCaseFileProjection, openCaseFile } from './complaint-case-file.js'
import { readDocument } from './stored-document.js'

const desk: Actor = { kind: 'asn', nip: nip('196608011988031001'), roles: ['asn', 'admin-pengaduan'] }
const officerNip = nip('197505122001121002')
const officer: Actor = { kind: 'asn', nip: officerNip, roles: ['asn'] }
const at = (day: string): ReturnType<typeof instant> => instant(`2026-08-${day}T09:00:00+07:00`)
const reader = (grants: CaseFileReader['grants']): CaseFileReader => ({
  access: { who: officerNip, purpose: 'menindaklanjuti pengaduan', at: at('20') },
  grants,
})

/** Files one complaint through the sealing handler, verified with the flags given, followed up and decided. */
const caseFile = async (flags: { readonly anonymous: boolean; readonly confidential: boolean }) => {
  const store = inMemoryEventStore()
  const keys = inMemoryKeyStore()
  const handler = sealingHandler(
    commandHandler({ store, aggregate: complaint, config: defaultPolicy }),
    complaintSealer(keys, complaintSubjectFromStore(store)),
    (input: ComplaintInput) => complaint.streamName(input.data.complaintId),
  )
  const complaintId = 'c-2026-00042'
  const inputs: readonly ComplaintInput[] = [
    {
      type: 'FileComplaint',
      at: at('13'),
      actor: { kind: 'citizen', subjectId: 'warga-0042' },
      data: {
        complaintId,
        trackingId: 'BLW-2026-000042',
        unit: 'Puskesmas Belawan',
        category: 'pengaduan',
        description: 'Hasil lab saya diberikan kepada orang lain.',
        serviceDate: localDate('2026-08-10'),
        channel: 'web',
        anonymous: flags.anonymous,
        confidential: false,
        ...(flags.anonymous ? { trackingTokenDigest: 'a'.repeat(64) } : {}),
        complainant: 'Siti Aminah',
        contact: '081260001234',
      },
    },
    // The desk raises the secrecy at verification: from then on, the texts are withheld from readers without it.
    { type: 'VerifyComplaint', at: at('14'), actor: desk, data: { complaintId, confidential: flags.confidential } },
    {
      type: 'DisposeComplaint',
      at: at('14'),
      actor: desk,
      data: { complaintId, unit: 'Puskesmas Belawan', officerNip },
    },
    {
      type: 'RecordFollowUp',
      at: at('17'),
      actor: officer,
      data: { complaintId, followUpId: 'tl-1', text: 'Petugas lab ditegur.' },
    },
    {
      type: 'DecideComplaint',
      at: at('18'),
      actor: officer,
      data: { complaintId, decision: 'Diterima; prosedur diperbaiki.', upheld: true },
    },
  ]
  for (const [i, input] of inputs.entries())
    expect(E.isRight(await handler.handle(input, { commandId: `c-${i}` })())).toBe(true)
  const readModels = inMemoryReadModelStore()
  await startProjector({ events: store, readModels, projection: complaintCaseFileProjection, live: false }).done
  const doc = await readDocument(readModels, complaintCaseFileProjection, complaintId)
  if (doc === undefined) throw new Error('no case file')
  return { doc, keys }
}

describe('the complaint case file: envelopes only, opened for a reader as the flags allow', () => {
  it('holds the identity and every text as envelopes, none in clear', async () => {
    const { doc } = await caseFile({ anonymous: false, confidential: false })
    const json = JSON.stringify(doc)
    for (const clear of ['Siti Aminah', '081260001234', 'Hasil lab', 'ditegur', 'prosedur'])
      expect(json).not.toContain(clear)
    expect(doc.texts.map(each => each.kind)).toEqual(['description', 'follow-up', 'decision'])
  })

  it('an ordinary complaint opens for its reader, each opening logged with who and why', async () => {
    const { doc, keys } = await caseFile({ anonymous: false, confidential: false })
    const view = await openCaseFile(keys, doc, reader([]))()
    expect(E.isRight(view) && view.right.complainant).toEqual({ kind: 'clear', text: 'Siti Aminah' })
    expect(E.isRight(view) && view.right.texts.map(each => each.text)).toEqual([
      { kind: 'clear', text: 'Hasil lab saya diberikan kepada orang lain.' },
      { kind: 'clear', text: 'Petugas lab ditegur.' },
      { kind: 'clear', text: 'Diterima; prosedur diperbaiki.' },
    ])
    const log = await keys.openings({ subjectId: 'warga-0042' })()
    expect(E.isRight(log) && log.right.map(opening => [opening.field, opening.who, opening.outcome])).toEqual([
      ['complainant', officerNip, 'opened'],
      ['contact', officerNip, 'opened'],
      ['description', officerNip, 'opened'],
      ['follow-up', officerNip, 'opened'],
      ['decision', officerNip, 'opened'],
    ])
  })

  it('anonim withholds the identity, and rahasia the texts, from a reader not granted them: never opened, never logged', async () => {
    const { doc, keys } = await caseFile({ anonymous: true, confidential: true })
    expect([doc.anonymous, doc.confidential]).toEqual([true, true])
    const view = await openCaseFile(keys, doc, reader([]))()
    if (E.isLeft(view)) throw new Error('the key store failed')
    expect([view.right.complainant, view.right.contact]).toEqual([
      { kind: 'withheld', because: 'anonim' },
      { kind: 'withheld', because: 'anonim' },
    ])
    expect(view.right.texts.map(each => each.text)).toEqual(
      Array.from({ length: 3 }, () => ({ kind: 'withheld', because: 'rahasia' })),
    )
    expect(JSON.stringify(view.right)).not.toMatch(/ciphertext|Siti|Hasil lab/)
    const log = await keys.openings()()
    expect(E.isRight(log) && log.right).toEqual([])
    // Granted both, the same reader sees them, and the log says so.
    const granted = await openCaseFile(keys, doc, reader(['identity', 'content']))()
    expect(E.isRight(granted) && granted.right.complainant).toEqual({ kind: 'clear', text: 'Siti Aminah' })
    expect(E.isRight(granted) && granted.right.texts[0]?.text).toEqual({
      kind: 'clear',
      text: 'Hasil lab saya diberikan kepada orang lain.',
    })
  })

  it('after the subject is erased, the case file still reads, every field erased', async () => {
    const { doc, keys } = await caseFile({ anonymous: false, confidential: false })
    await eraseSubject(keys, 'warga-0042', at('19'))()
    const view = await openCaseFile(keys, doc, reader(['identity', 'content']))()
    if (E.isLeft(view)) throw new Error('the key store failed')
    expect(view.right.complainant.kind).toBe('erased')
    expect(view.right.texts.map(each => each.text.kind)).toEqual(['erased', 'erased', 'erased'])
  })
})
