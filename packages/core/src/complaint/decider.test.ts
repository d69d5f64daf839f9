import * as E from 'fp-ts/lib/Either.js'
import {
  type Actor,
  type Instant,
  instant,
  localDate,
  nip,
  type PersonalData,
  policyConfig,
  defaultPolicy,
} from '@pembina/core'
import { deciderSpec } from '@pembina/testkit'
import { describe, expect, it } from 'vitest'
import type { ComplaintCommand } from './commands.js'
import { complaintDecider } from './decider.js'
import type { ComplaintEvent } from './events.js'
import { evolveComplaint } from './evolve.js'
import { initialComplaintState } from './state.js'

// A citizen complains about the queue at Puskesmas Belawan, served on Monday 10 August 2026, filed that Thursday.
const complaintId = 'c-2026-00042'
const trackingId = 'BLW-2026-000123'
const deskNip = nip('196608011988031001')
const officerNip = nip('197505122001121002')
const pybNip = nip('199203152019032004')
const strangerNip = nip('198807072012012005')
const desk: Actor = { kind: 'asn', nip: deskNip, roles: ['asn', 'admin-pengaduan'] }
const officer: Actor = { kind: 'asn', nip: officerNip, roles: ['asn'] }
const pyb: Actor = { kind: 'asn', nip: pybNip, roles: ['asn', 'pyb'] }
const stranger: Actor = { kind: 'asn', nip: strangerNip, roles: ['asn', 'atasan'] }
const citizen: Actor = { kind: 'citizen', subjectId: 'warga-0042' }
const otherCitizen: Actor = { kind: 'citizen', subjectId: 'warga-0099' }
const sealed = (subjectId: string): PersonalData => ({
  subjectId,
  keyId: `key-${subjectId}`,
  algorithm: 'AES-256-GCM',
  ciphertext: 'q83vEjRWeJA=',
})

/** A free text sealed for the complainant (a stand-in envelope: the decider never opens one). */
const said = (clear: string, subjectId = 'warga-0042'): PersonalData => ({
  ...sealed(subjectId),
  ciphertext: Buffer.from(clear).toString('base64'),
})

const t0 = instant('2026-08-13T10:00:00+07:00')
const t1 = instant('2026-08-14T09:00:00+07:00')
const t2 = instant('2026-08-17T09:00:00+07:00')
const t3 = instant('2026-08-18T09:00:00+07:00')
const t4 = instant('2026-08-20T09:00:00+07:00')
const t5 = instant('2026-08-24T09:00:00+07:00')
const t6 = instant('2026-08-25T09:00:00+07:00')

const spec = deciderSpec(complaintDecider(defaultPolicy))

type FilingData = Extract<ComplaintCommand, { readonly type: 'FileComplaint' }>['data']
const filingData: FilingData = {
  complaintId,
  trackingId,
  unit: 'Puskesmas Belawan',
  category: 'pengaduan',
  description: said('Antrean di loket pendaftaran lebih dari tiga jam.'),
  serviceDate: localDate('2026-08-10'),
  channel: 'web',
  anonymous: false,
  confidential: false,
  complainant: sealed('warga-0042'),
}
const file = (overrides: Partial<FilingData> = {}, actor: Actor = citizen, at: Instant = t0): ComplaintCommand => ({
  type: 'FileComplaint',
  at,
  actor,
  data: { ...filingData, ...overrides },
})
const filed: ComplaintEvent = { type: 'ComplaintFiled', data: { ...filingData, at: t0, receivedAt: t0 } }
const verified: ComplaintEvent = {
  type: 'ComplaintVerified',
  data: { at: t1, complaintId, officerNip: deskNip, anonymous: false, confidential: false },
}
const disposed: ComplaintEvent = {
  type: 'ComplaintDisposed',
  data: { at: t2, complaintId, unit: 'Puskesmas Belawan', officerNip },
}
const followedUp: ComplaintEvent = {
  type: 'FollowUpRecorded',
  data: { at: t3, complaintId, followUpId: 'fu-1', officerNip, text: said('Loket tambahan dibuka pada jam sibuk.') },
}
const decided: ComplaintEvent = {
  type: 'ComplaintDecided',
  data: { at: t4, complaintId, officerNip, decision: said('Pengaduan diterima.'), upheld: true },
}
const notified: ComplaintEvent = { type: 'ComplainantNotified', data: { at: t5, complaintId, channel: 'whatsapp' } }
const handled = [filed, verified, disposed, followedUp] as const

const verify = (
  actor: Actor = desk,
  flags: { anonymous?: boolean; confidential?: boolean } = {},
): ComplaintCommand => ({
  type: 'VerifyComplaint',
  at: t1,
  actor,
  data: { complaintId, ...flags },
})
const dispose = (at: Instant = t2): ComplaintCommand => ({
  type: 'DisposeComplaint',
  at,
  actor: desk,
  data: { complaintId, unit: 'Puskesmas Belawan', officerNip },
})
const followUp = (actor: Actor, followUpId = 'fu-1', at: Instant = t3): ComplaintCommand => ({
  type: 'RecordFollowUp',
  at,
  actor,
  data: { complaintId, followUpId, text: said('Loket tambahan dibuka pada jam sibuk.') },
})
const decide = (actor: Actor = officer, compensation?: string): ComplaintCommand => ({
  type: 'DecideComplaint',
  at: t4,
  actor,
  data: {
    complaintId,
    decision: said('Pengaduan diterima.'),
    upheld: true,
    ...(compensation === undefined ? {} : { compensation }),
  },
})
const rate = (actor: Actor, rating = 4): ComplaintCommand => ({
  type: 'RateSatisfaction',
  at: t6,
  actor,
  data: { complaintId, rating },
})
const escalate = (actor: Actor, at: Instant = t6): ComplaintCommand => ({
  type: 'EscalateToOmbudsman',
  at,
  actor,
  data: { complaintId },
})
const close = (at: Instant = t6): ComplaintCommand => ({
  type: 'CloseComplaint',
  at,
  actor: desk,
  data: { complaintId },
})
const archive: ComplaintCommand = {
  type: 'ArchiveComplaint',
  at: t2,
  actor: desk,
  data: { complaintId, reason: 'Pengaduan ganda.' },
}

describe('filing a complaint (UU 25/2009 Pasal 42, 44)', () => {
  it('a citizen’s complaint is received with a receipt: its tracking id and the time of receipt', () => {
    spec.given().when(file()).thenEvents([filed])
  })

  it('identity, contact and health details (UU 27/2022 Pasal 4(2)) travel only as the encrypted envelopes given', () => {
    const sensitive = { contact: sealed('warga-0042'), sensitiveDetails: sealed('warga-0042') }
    spec
      .given()
      .when(file(sensitive))
      .thenEvents([{ type: 'ComplaintFiled', data: { ...filingData, ...sensitive, at: t0, receivedAt: t0 } }])
  })

  it('the complaint desk files on a citizen’s behalf only through an offline channel', () => {
    spec.given().when(file({}, desk)).thenRejects('offline-channel-required')
    const result = spec.given().when(file({ channel: 'loket' }, desk)).result
    expect(result._tag).toBe('Right')
  })

  it('only a citizen or the complaint desk files a complaint', () => {
    spec.given().when(file({}, officer)).thenRejects('citizen-or-desk-only')
  })

  it('a complaint is due within 30 days of the service: day 30 is accepted, day 31 refused', () => {
    expect(spec.given().when(file({ serviceDate: localDate('2026-07-14') })).result._tag).toBe('Right')
    spec
      .given()
      .when(file({ serviceDate: localDate('2026-07-13') }))
      .thenRejects('filing-window-passed')
  })

  it('the filing window is configurable', () => {
    const strict = deciderSpec(complaintDecider(policyConfig({ complaint: { filingWindowDays: 2 } })))
    strict.given().when(file()).thenRejects('filing-window-passed')
  })

  it('the date of the service cannot be after the day of filing (in WIB)', () => {
    spec
      .given()
      .when(file({ serviceDate: localDate('2026-08-14') }))
      .thenRejects('service-date-in-future')
  })

  it('the same filing again changes nothing; another filing under the same id is refused', () => {
    spec.given(filed).when(file()).thenNothing()
    spec
      .given(filed)
      .when(file({ trackingId: 'BLW-2026-000124' }))
      .thenRejects('already-filed')
  })
})

describe('verification by the complaint desk', () => {
  it('the desk verifies a received complaint and may raise the anonymous and confidential flags', () => {
    spec
      .given(filed)
      .when(verify(desk, { anonymous: true, confidential: true }))
      .thenEvents([
        {
          type: 'ComplaintVerified',
          data: { at: t1, complaintId, officerNip: deskNip, anonymous: true, confidential: true },
        },
      ])
  })

  it('confidentiality (anonim/rahasia) can be raised but never lowered', () => {
    const secret: ComplaintEvent = { type: 'ComplaintFiled', data: { ...filed.data, confidential: true } }
    spec
      .given(secret)
      .when(verify(desk, { confidential: false }))
      .thenRejects('confidentiality-cannot-be-lowered')
    spec
      .given(secret, verified)
      .when(verify(desk, { confidential: false }))
      .thenRejects('confidentiality-cannot-be-lowered')
  })

  it('only a complaint desk officer verifies', () => {
    spec.given(filed).when(verify(officer)).thenRejects('desk-officer-only')
  })

  it('verifying again changes nothing; raising a flag after verification is refused', () => {
    spec.given(filed, verified).when(verify()).thenNothing()
    spec
      .given(filed, verified)
      .when(verify(desk, { anonymous: true }))
      .thenRejects('already-verified')
  })

  it('an incomplete complaint waits for the complainant before it can be verified', () => {
    const requested: ComplaintEvent = {
      type: 'CompletionRequested',
      data: { at: t1, complaintId, officerNip: deskNip, missing: 'Jam kejadian.' },
    }
    spec
      .given(filed)
      .when({ type: 'RequestCompletion', at: t1, actor: desk, data: { complaintId, missing: 'Jam kejadian.' } })
      .thenEvents([requested])
    spec
      .given(filed, requested)
      .when({ ...verify(), at: t2 })
      .thenRejects('completion-pending')
    const supply: ComplaintCommand = {
      type: 'SupplyCompletion',
      at: t2,
      actor: citizen,
      data: { complaintId, supplement: said('Kejadian pukul 08.00 WIB.') },
    }
    spec
      .given(filed, requested)
      .when(supply)
      .thenEvents([
        { type: 'CompletionSupplied', data: { at: t2, complaintId, supplement: said('Kejadian pukul 08.00 WIB.') } },
      ])
    spec
      .given(filed, requested)
      .when({ ...supply, actor: otherCitizen })
      .thenRejects('not-the-complainant')
    spec.given(filed).when(supply).thenRejects('completion-not-requested')
  })

  it('a complaint outside the agency’s authority ends, naming the competent agency', () => {
    const command: ComplaintCommand = {
      type: 'DeclareNotInAuthority',
      at: t1,
      actor: desk,
      data: { complaintId, competentAgency: 'Dinas Kesehatan Provinsi Sumatera Utara' },
    }
    const ended: ComplaintEvent = {
      type: 'ComplaintNotInAuthority',
      data: { at: t1, complaintId, officerNip: deskNip, competentAgency: 'Dinas Kesehatan Provinsi Sumatera Utara' },
    }
    spec.given(filed).when(command).thenEvents([ended])
    spec.given(filed, ended).when(command).thenNothing()
    spec.given(filed, ended).when(dispose()).thenRejects('complaint-ended')
  })

  it('the desk archives a complaint with a reason before it is routed, and that ends it', () => {
    const archived: ComplaintEvent = {
      type: 'ComplaintArchived',
      data: { at: t2, complaintId, officerNip: deskNip, reason: 'Pengaduan ganda.' },
    }
    spec.given(filed, verified).when(archive).thenEvents([archived])
    spec.given(filed, verified, archived).when(archive).thenNothing()
    spec
      .given(filed, verified, disposed)
      .when({ ...archive, at: t3 })
      .thenRejects('already-disposed')
  })
})

describe('disposition, follow-up and decision (Pasal 50)', () => {
  it('a complaint is routed (disposisi) only after verification, naming the handling officer', () => {
    spec.given(filed).when(dispose()).thenRejects('not-verified')
    spec.given(filed, verified).when(dispose()).thenEvents([disposed])
    spec.given(filed, verified, disposed).when(dispose()).thenNothing()
  })

  it('only the handling officer or a PyB records a follow-up, and a follow-up is recorded once', () => {
    spec.given(filed, verified, disposed).when(followUp(officer)).thenEvents([followedUp])
    spec.given(filed, verified, disposed).when(followUp(pyb)).thenEvents([followedUp])
    spec.given(filed, verified, disposed).when(followUp(stranger)).thenRejects('officer-or-pyb-only')
    spec
      .given(...handled)
      .when(followUp(officer))
      .thenNothing()
    spec.given(filed, verified).when(followUp(pyb)).thenRejects('not-disposed')
  })

  it('a complaint is decided only after a follow-up, and the decision may grant compensation', () => {
    spec.given(filed, verified, disposed).when(decide()).thenRejects('no-follow-up')
    spec
      .given(...handled)
      .when(decide(pyb, 'Penggantian biaya parkir.'))
      .thenEvents([{ type: 'ComplaintDecided', data: { ...decided.data, compensation: 'Penggantian biaya parkir.' } }])
    spec
      .given(...handled)
      .when(decide(stranger))
      .thenRejects('officer-or-pyb-only')
    spec
      .given(...handled, decided)
      .when(decide())
      .thenNothing()
  })

  it('the complainant is notified after the decision', () => {
    const notify: ComplaintCommand = {
      type: 'NotifyComplainant',
      at: t5,
      actor: desk,
      data: { complaintId, channel: 'whatsapp' },
    }
    spec
      .given(...handled)
      .when(notify)
      .thenRejects('not-decided')
    spec
      .given(...handled, decided)
      .when(notify)
      .thenEvents([notified])
    spec
      .given(...handled, decided, notified)
      .when(notify)
      .thenNothing()
  })

  it('the complainant rates satisfaction once, after the decision, naming the handling officer', () => {
    const rated: ComplaintEvent = { type: 'SatisfactionRated', data: { at: t6, complaintId, officerNip, rating: 4 } }
    spec
      .given(...handled)
      .when(rate(citizen))
      .thenRejects('not-decided')
    spec
      .given(...handled, decided)
      .when(rate(citizen))
      .thenEvents([rated])
    spec
      .given(...handled, decided, rated)
      .when(rate(citizen))
      .thenNothing()
    spec
      .given(...handled, decided, rated)
      .when(rate(citizen, 2))
      .thenRejects('already-rated')
  })

  it('only the complainant rates satisfaction', () => {
    spec
      .given(...handled, decided)
      .when(rate(desk))
      .thenRejects('citizen-only')
    spec
      .given(...handled, decided)
      .when(rate(otherCitizen))
      .thenRejects('not-the-complainant')
  })

  it('the desk closes a complaint once it is decided and the complainant notified', () => {
    const closed: ComplaintEvent = { type: 'ComplaintClosed', data: { at: t6, complaintId, reason: 'resolved' } }
    spec
      .given(...handled)
      .when(close())
      .thenRejects('not-decided')
    spec
      .given(...handled, decided)
      .when(close())
      .thenRejects('not-notified')
    spec
      .given(...handled, decided, notified)
      .when(close())
      .thenEvents([closed])
    spec
      .given(...handled, decided, notified, closed)
      .when(close())
      .thenNothing()
  })
})

describe('escalation and ended complaints', () => {
  it('a complaint can be escalated to the Ombudsman from any open stage (UU 37/2008), and that ends it', () => {
    const escalated: ComplaintEvent = { type: 'ComplaintEscalated', data: { at: t6, complaintId } }
    for (const history of [[filed], [filed, verified], [...handled], [...handled, decided, notified]])
      spec
        .given(...history)
        .when(escalate(citizen))
        .thenEvents([escalated])
    spec.given(filed).when(escalate(desk)).thenEvents([escalated])
    spec.given(filed).when(escalate(officer)).thenRejects('citizen-or-desk-only')
    spec.given(filed, escalated).when(escalate(citizen)).thenNothing()
    spec.given(filed, escalated).when(verify()).thenRejects('complaint-ended')
  })

  it('an ended complaint refuses everything but its final command, which changes nothing', () => {
    const closed: ComplaintEvent = { type: 'ComplaintClosed', data: { at: t6, complaintId, reason: 'no-response' } }
    const history = [...handled, closed]
    spec
      .given(...history)
      .when(close())
      .thenNothing()
    spec
      .given(...history)
      .when(escalate(citizen))
      .thenRejects('complaint-ended')
    spec
      .given(...history)
      .when(decide())
      .thenRejects('complaint-ended')
  })

  it('a command dated before the last recorded fact is refused', () => {
    spec.given(filed, verified).when(dispose(t0)).thenRejects('out-of-order')
  })

  it('nothing happens to a complaint before it is filed, nor to another complaint in its stream', () => {
    spec.given().when(verify()).thenRejects('complaint-not-filed')
    spec
      .given(filed)
      .when({ type: 'CloseComplaint', at: t1, actor: desk, data: { complaintId: 'c-2026-00043' } })
      .thenRejects('wrong-complaint')
  })
})

describe('an anonymous complainant and their tracking token', () => {
  const digest = 'a'.repeat(64)
  // Filed without a sealed identity: the token is the only proof of who filed it.
  const anonymousFiling = {
    complaintId,
    trackingId,
    unit: filingData.unit,
    category: filingData.category,
    description: filingData.description,
    serviceDate: filingData.serviceDate,
    channel: filingData.channel,
    confidential: false,
  }
  const filedAnonymously: ComplaintEvent = {
    type: 'ComplaintFiled',
    data: { ...anonymousFiling, anonymous: true, trackingTokenDigest: digest, at: t0, receivedAt: t0 },
  }
  const holder: Actor = { kind: 'citizen', trackingTokenDigest: digest }
  const history = [filedAnonymously, verified, disposed, followedUp, decided, notified] as const

  it('only the holder of the token rates or escalates; anyone else is not the complainant', () => {
    for (const stranger of [
      { kind: 'citizen' } as const,
      { kind: 'citizen', trackingTokenDigest: 'b'.repeat(64) } as const,
    ]) {
      spec
        .given(...history)
        .when(rate(stranger))
        .thenRejects('not-the-complainant')
      spec
        .given(...history)
        .when(escalate(stranger))
        .thenRejects('not-the-complainant')
    }
    const rated = spec.given(...history).when(rate(holder)).result
    expect(E.isRight(rated) ? rated.right.map(event => event.type) : rated.left).toEqual(['SatisfactionRated'])
    const escalated = spec.given(...history).when(escalate(holder)).result
    expect(E.isRight(escalated) ? escalated.right.map(event => event.type) : escalated.left).toEqual([
      'ComplaintEscalated',
    ])
  })

  it('an anonymous complaint is filed with a token, or not at all: without one, nobody could act as its complainant', () => {
    spec
      .given()
      .when(file({ anonymous: true }))
      .thenRejects('tracking-token-required')
  })

  it('the holder of the token is the complainant of an anonymous complaint, whatever pseudonym they come with', () => {
    const named: ComplaintEvent = {
      type: 'ComplaintFiled',
      data: { ...filingData, anonymous: true, trackingTokenDigest: digest, at: t0, receivedAt: t0 },
    }
    const rated = spec
      .given(named, verified, disposed, followedUp, decided, notified)
      .when(rate({ kind: 'citizen', subjectId: 'akun-lain', trackingTokenDigest: digest })).result
    expect(E.isRight(rated) ? rated.right.map(event => event.type) : rated.left).toEqual(['SatisfactionRated'])
  })

  it('files the digest, never a token: a FileComplaint carries only a SHA-256 digest', () => {
    const filing = file({ anonymous: true, trackingTokenDigest: digest })
    spec
      .given()
      .when(filing)
      .thenEvents([
        {
          type: 'ComplaintFiled',
          data: { ...filingData, anonymous: true, trackingTokenDigest: digest, at: t0, receivedAt: t0 },
        },
      ])
  })
})

describe("a complaint's personal data is sealed for one data subject, so erasing it shreds them all", () => {
  it('a filing whose description is sealed for another subject than the complainant is refused', () => {
    spec
      .given()
      .when(file({ description: said('Antrean panjang.', 'warga-0099') }))
      .thenRejects('wrong-data-subject')
  })

  it("a follow-up, an answer or a rating's comment sealed for another subject is refused; the complaint's own is taken", () => {
    const foreign = said('Loket tambahan dibuka.', 'warga-0099')
    spec
      .given(filed, verified, disposed)
      .when({
        type: 'RecordFollowUp',
        at: t3,
        actor: officer,
        data: { complaintId, followUpId: 'fu-1', text: foreign },
      })
      .thenRejects('wrong-data-subject')
    spec
      .given(filed, verified, disposed, followedUp)
      .when({ type: 'DecideComplaint', at: t4, actor: officer, data: { complaintId, decision: foreign, upheld: true } })
      .thenRejects('wrong-data-subject')
    spec
      .given(filed, verified, disposed, followedUp, decided, notified)
      .when({ type: 'RateSatisfaction', at: t6, actor: citizen, data: { complaintId, rating: 4, comment: foreign } })
      .thenRejects('wrong-data-subject')
    spec
      .given(filed, verified, disposed, followedUp, decided, notified)
      .when({
        type: 'RateSatisfaction',
        at: t6,
        actor: citizen,
        data: { complaintId, rating: 4, comment: said('Terima kasih.') },
      })
      .thenEvents([
        {
          type: 'SatisfactionRated',
          data: { at: t6, complaintId, officerNip, rating: 4, comment: said('Terima kasih.') },
        },
      ])
  })

  it('a complaint filed before texts were sealed takes the subject of its first sealed text', () => {
    const clearFiling: ComplaintEvent = {
      type: 'ComplaintFiled',
      data: {
        at: t0,
        complaintId,
        trackingId,
        receivedAt: t0,
        unit: 'Puskesmas Belawan',
        category: 'pengaduan',
        description: { writtenInClear: 'Antrean panjang.' },
        serviceDate: localDate('2026-08-10'),
        channel: 'web',
        anonymous: true,
        confidential: false,
      },
    }
    const state = [
      clearFiling,
      verified,
      disposed,
      { ...followedUp, data: { ...followedUp.data, text: said('Loket dibuka.', 'pengadu-lama') } },
    ].reduce(evolveComplaint, initialComplaintState)
    expect(state.status !== 'not-filed' && state.dataSubjectId).toBe('pengadu-lama')
  })
})
