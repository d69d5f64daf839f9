import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { commandHandler } from '../application/handling/command-handler.js'
import { inMemoryEventStore } from '../application/in-memory/in-memory-event-store.js'
import { inMemoryKeyStore } from '../application/personal-data/in-memory-key-store.js'
import { sealingHandler } from '../application/personal-data/sealing-handler.js'
import { eraseSubject, openField } from '../application/personal-data/sealing.js'
import { issueTrackingToken } from '../application/personal-data/tracking-token.js'
import { complaint } from '../complaint/index.js'
import { decodeWith } from '../kernel/index.js'
import { defaultPolicy, instant, localDate, nip, type Actor } from '../shared/index.js'
import { ComplaintInput, complaintSealer, complaintSubjectFromStore, complaintSubjectId } from './complaint.js'

const complaintId = 'c-2026-00042'
const desk: Actor = { kind: 'asn', nip: nip('196608011988031001'), roles: ['asn', 'admin-pengaduan'] }
const officerNip = nip('197505122001121002')
const officer: Actor = { kind: 'asn', nip: officerNip, roles: ['asn'] }
const at = (day: string): ReturnType<typeof instant> => instant(`2026-08-${day}T09:00:00+07:00`)
const access = { who: officerNip, purpose: 'menindaklanjuti pengaduan', at: at('20') }

const filing = (actor: Actor, extra: Partial<Extract<ComplaintInput, { type: 'FileComplaint' }>['data']> = {}) =>
  ({
    type: 'FileComplaint',
    at: at('13'),
    actor,
    data: {
      complaintId,
      trackingId: 'BLW-2026-000042',
      unit: 'Puskesmas Belawan',
      category: 'pengaduan',
      description: 'Obat insulin tidak tersedia dua minggu.',
      serviceDate: localDate('2026-08-10'),
      channel: 'web',
      anonymous: false,
      confidential: false,
      complainant: 'Siti Aminah',
      contact: '081260001234',
      ...extra,
    },
  }) satisfies ComplaintInput

const setUp = () => {
  const store = inMemoryEventStore()
  const keys = inMemoryKeyStore()
  const handler = sealingHandler(
    commandHandler({ store, aggregate: complaint, config: defaultPolicy }),
    complaintSealer(keys, complaintSubjectFromStore(store)),
    (input: ComplaintInput) => complaint.streamName(input.data.complaintId),
  )
  return { store, keys, handler }
}

describe('complaintSealer: clear input sealed for the complaint’s data subject before the decider', () => {
  it('seals the name, the contact and the description for the citizen, and the later texts for the same subject', async () => {
    const { store, keys, handler } = setUp()
    const steps: readonly ComplaintInput[] = [
      filing({ kind: 'citizen', subjectId: 'warga-0042' }),
      { type: 'VerifyComplaint', at: at('14'), actor: desk, data: { complaintId } },
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
        data: { complaintId, followUpId: 'tl-1', text: 'Stok diisi.' },
      },
    ]
    for (const [i, step] of steps.entries())
      expect(E.isRight(await handler.handle(step, { commandId: `c-${i}` })())).toBe(true)
    const written = []
    for await (const record of store.readStream(complaint.streamName(complaintId))) written.push(record)
    const json = JSON.stringify(
      written.map(record => (record.kind === 'event' ? [record.data, record.metadata] : null)),
    )
    for (const clear of ['Siti Aminah', '081260001234', 'Obat insulin', 'Stok diisi']) expect(json).not.toContain(clear)
    const filed = written[0]
    const followUp = written[3]
    if (filed?.kind !== 'event' || followUp?.kind !== 'event') throw new Error('not written')
    const data = filed.data as Readonly<Record<string, { readonly subjectId: string }>>
    expect([data.complainant?.subjectId, data.contact?.subjectId, data.description?.subjectId]).toEqual([
      'warga-0042',
      'warga-0042',
      'warga-0042',
    ])
    const text = (followUp.data as Readonly<Record<string, unknown>>).text
    expect(await openField(keys, 'follow-up', text, access)()).toEqual(E.right({ kind: 'clear', text: 'Stok diisi.' }))
  })

  it('an anonymous filing without a pseudonym is sealed for the complaint itself; one naming a subject, for it', async () => {
    const anonymous = setUp()
    // Even a citizen with an account files anonymously under the complaint's own subject, never the account's.
    const { digest } = issueTrackingToken()
    const filed = await anonymous.handler.handle(
      filing({ kind: 'citizen', subjectId: 'warga-0042' }, { anonymous: true, trackingTokenDigest: digest }),
      { commandId: 'f' },
    )()
    expect(E.isRight(filed)).toBe(true)
    expect(await complaintSubjectFromStore(anonymous.store)(complaintId)()).toEqual(
      E.right(complaintSubjectId(complaintId)),
    )
    const named = setUp()
    await named.handler.handle(filing(desk, { channel: 'loket', subjectId: 'warga-loket-7' }), { commandId: 'f' })()
    expect(await complaintSubjectFromStore(named.store)(complaintId)()).toEqual(E.right('warga-loket-7'))
  })

  it('a later text for a complaint never filed is not sealed, and no key is made for it', async () => {
    const { keys, handler } = setUp()
    const result = await handler.handle(
      { type: 'RecordFollowUp', at: at('17'), actor: officer, data: { complaintId, followUpId: 'tl-1', text: 'x' } },
      { commandId: 'c' },
    )()
    expect(E.isLeft(result) && result.left).toMatchObject({ kind: 'not-sealed', reason: 'subject-not-found' })
    // Erasing the subject the complaint would have had destroys nothing: no key was ever made for it.
    expect(await eraseSubject(keys, complaintSubjectId(complaintId), at('18'))()).toEqual(E.right({ keys: 0 }))
  })

  it('after the subject is erased, nothing new is sealed for them: the command fails typed, nothing written', async () => {
    const { store, keys, handler } = setUp()
    await handler.handle(filing({ kind: 'citizen', subjectId: 'warga-0042' }), { commandId: 'f' })()
    await eraseSubject(keys, 'warga-0042', at('15'))()
    const result = await handler.handle(
      {
        type: 'SupplyCompletion',
        at: at('16'),
        actor: { kind: 'citizen', subjectId: 'warga-0042' },
        data: { complaintId, supplement: 'Jam 8 pagi.' },
      },
      { commandId: 's' },
    )()
    expect(E.isLeft(result) && result.left).toMatchObject({ kind: 'not-sealed', reason: 'subject-erased' })
    let count = 0
    for await (const record of store.readStream(complaint.streamName(complaintId))) if (record.kind === 'event') count++
    expect(count).toBe(1)
  })

  it('clear input is checked before sealing: a blank or oversize description names the field', () => {
    const decode = decodeWith(ComplaintInput)
    const blank = decode(filing({ kind: 'citizen' }, { description: '' }))
    const oversize = decode(filing({ kind: 'citizen' }, { description: 'x'.repeat(4001) }))
    for (const result of [blank, oversize])
      expect(
        E.isLeft(result) && result.left.issues.map(issue => issue.path.replace(/^data\.\d+(?=\.)/, 'data')),
      ).toEqual(['data.description'])
  })
})
