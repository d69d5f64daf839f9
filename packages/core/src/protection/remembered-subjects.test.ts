// A complaint's subject remembered by the sealer (rememberedSubjects over complaintSubjectFromStore) weakens no
// guarantee: after the subject is erased, nothing new is sealed for them, since the key store is asked at every seal.
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { commandHandler } from '../application/handling/command-handler.js'
import { inMemoryEventStore } from '../application/in-memory/in-memory-event-store.js'
import { inMemoryKeyStore } from '../application/personal-data/in-memory-key-store.js'
import { rememberedSubjects, sealingHandler } from '../application/personal-data/sealing-handler.js'
import { eraseSubject } from '../application/personal-data/sealing.js'
import { complaint } from '../complaint/index.js'
import { defaultPolicy, instant, localDate, nip, type Actor } from '../shared/index.js'
import { type ComplaintInput, complaintSealer, complaintSubjectFromStore } from './complaint.js'

describe('a complaint sealer with remembered subjects', () => {
  it('reads the filing once, and still refuses to seal for an erased subject: the key store is asked at every seal', async () => {
    const store = inMemoryEventStore()
    const keys = inMemoryKeyStore()
    const fromStore = complaintSubjectFromStore(store)
    let reads = 0
    const readsCounted = (id: string) => {
      reads++
      return fromStore(id)
    }
    const handler = sealingHandler(
      commandHandler({ store, aggregate: complaint, config: defaultPolicy }),
      complaintSealer(keys, rememberedSubjects(readsCounted)),
      (input: ComplaintInput) => complaint.streamName(input.data.complaintId),
    )
    const desk: Actor = { kind: 'asn', nip: nip('196608011988031001'), roles: ['asn', 'admin-pengaduan'] }
    const officerNip = nip('197505122001121002')
    const officer: Actor = { kind: 'asn', nip: officerNip, roles: ['asn'] }
    const at = (day: string): ReturnType<typeof instant> => instant(`2026-08-${day}T09:00:00+07:00`)
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
          description: 'Obat insulin tidak tersedia dua minggu.',
          serviceDate: localDate('2026-08-10'),
          channel: 'web',
          anonymous: false,
          confidential: false,
        },
      },
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
        data: { complaintId, followUpId: 'tl-1', text: 'Dicek.' },
      },
    ]
    for (const [i, input] of inputs.entries())
      expect(E.isRight(await handler.handle(input, { commandId: `c-${i}` })())).toBe(true)
    expect(E.isRight(await eraseSubject(keys, 'warga-0042', at('18'))())).toBe(true)
    const refused = await handler.handle(
      {
        type: 'RecordFollowUp',
        at: at('18'),
        actor: officer,
        data: { complaintId, followUpId: 'tl-2', text: 'Lagi.' },
      },
      { commandId: 'c-late' },
    )()
    // The follow-up read the filing; the later one was sealed for the subject remembered, and refused as erased.
    expect(reads).toBe(1)
    expect(refused).toEqual(E.left(expect.objectContaining({ kind: 'not-sealed', reason: 'subject-erased' })))
  })
})
