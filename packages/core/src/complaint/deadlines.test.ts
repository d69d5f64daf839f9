import {
  type Actor,
  instant,
  type Instant,
  localDate,
  nip,
  type PersonalData,
  policyConfig,
  defaultPolicy,
} from '@pembina/core'
import { deciderSpec } from '@pembina/testkit'
import { describe, expect, it } from 'vitest'
import type { ComplaintCommand } from './commands.js'
import { nextDeadlines } from './deadlines.js'
import { complaintDecider } from './decider.js'
import type { ComplaintEvent } from './events.js'
import { evolveComplaint } from './evolve.js'
import { initialComplaintState } from './state.js'

/** A free text sealed for the complainant (a stand-in envelope: deadlines never open one). */
const said = (clear: string): PersonalData => ({
  subjectId: 'warga-0042',
  keyId: 'key-warga-0042',
  algorithm: 'AES-256-GCM',
  ciphertext: Buffer.from(clear).toString('base64'),
})

// Filed on Thursday 13 August 2026 at Puskesmas Belawan; working days are Monday to Friday unless a calendar says more.
const complaintId = 'c-2026-00042'
const unit = 'Puskesmas Belawan'
const deskNip = nip('196608011988031001')
const officerNip = nip('197505122001121002')
const desk: Actor = { kind: 'asn', nip: deskNip, roles: ['asn', 'admin-pengaduan'] }
const timer: Actor = { kind: 'system', process: 'complaint-deadlines' }
const endOf = (date: string): Instant => instant(`${date}T23:59:59.999+07:00`)
const wib = (text: string): Instant => instant(`${text}+07:00`)

const filed: ComplaintEvent = {
  type: 'ComplaintFiled',
  data: {
    at: wib('2026-08-13T10:00:00'),
    complaintId,
    trackingId: 'BLW-2026-000123',
    receivedAt: wib('2026-08-13T10:00:00'),
    unit,
    category: 'pengaduan',
    description: said('Antrean di loket pendaftaran lebih dari tiga jam.'),
    serviceDate: localDate('2026-08-10'),
    channel: 'web',
    anonymous: false,
    confidential: false,
  },
}
const verified: ComplaintEvent = {
  type: 'ComplaintVerified',
  data: { at: wib('2026-08-14T09:00:00'), complaintId, officerNip: deskNip, anonymous: false, confidential: false },
}
const requested: ComplaintEvent = {
  type: 'CompletionRequested',
  data: { at: wib('2026-08-14T09:00:00'), complaintId, officerNip: deskNip, missing: 'Jam kejadian.' },
}
const supplied: ComplaintEvent = {
  type: 'CompletionSupplied',
  data: { at: wib('2026-08-20T09:00:00'), complaintId, supplement: said('Kejadian pukul 08.00 WIB.') },
}
const disposed: ComplaintEvent = {
  type: 'ComplaintDisposed',
  data: { at: wib('2026-08-17T09:00:00'), complaintId, unit, officerNip },
}
const followedUp = (id: string, date: string): ComplaintEvent => ({
  type: 'FollowUpRecorded',
  data: { at: wib(`${date}T09:00:00`), complaintId, followUpId: id, officerNip, text: said('Loket tambahan dibuka.') },
})
const decided: ComplaintEvent = {
  type: 'ComplaintDecided',
  data: {
    at: wib('2026-08-20T09:00:00'),
    complaintId,
    officerNip,
    decision: said('Pengaduan diterima.'),
    upheld: true,
  },
}
const notified: ComplaintEvent = {
  type: 'ComplainantNotified',
  data: { at: wib('2026-08-21T09:00:00'), complaintId, channel: 'whatsapp' },
}
const complainant: Actor = { kind: 'citizen' }
const rate = (at: string, rating = 4): ComplaintCommand => ({
  type: 'RateSatisfaction',
  at: wib(at),
  actor: complainant,
  data: { complaintId, rating },
})
const rated = (at: string, rating = 4): ComplaintEvent => ({
  type: 'SatisfactionRated',
  data: { at: wib(at), complaintId, officerNip, rating },
})
const check = (at: string, actor: Actor = timer): ComplaintCommand => ({
  type: 'CheckDeadlines',
  at: wib(at),
  actor,
  data: { complaintId },
})
const missed = (
  stage: 'verification' | 'follow-up' | 'decision' | 'notification',
  at: string,
  due: string,
  responsibleNip?: string,
): ComplaintEvent => ({
  type: 'DeadlineMissed',
  data: {
    at: wib(at),
    complaintId,
    stage,
    dueAt: endOf(due),
    unit,
    ...(responsibleNip === undefined ? {} : { responsibleNip: nip(responsibleNip) }),
  },
})

const spec = deciderSpec(complaintDecider(defaultPolicy))

describe('deadlines recorded by the timer (LAPOR!, UU 25/2009)', () => {
  it('verification is due 3 working days after receipt; its miss is recorded once, naming the unit', () => {
    spec.given(filed).when(check('2026-08-18T23:00:00')).thenNothing()
    const miss = missed('verification', '2026-08-19T00:00:00', '2026-08-18')
    spec.given(filed).when(check('2026-08-19T00:00:00')).thenEvents([miss])
    spec.given(filed, miss).when(check('2026-08-21T00:00:00')).thenNothing()
  })

  it('a timer whose clock lags behind the last fact records nothing, and is not refused', () => {
    // The complaint was verified on 14 August at 09:00; the timer's run is dated an hour earlier.
    spec.given(filed, verified).when(check('2026-08-14T08:00:00')).thenNothing()
    // A person's command dated before the last fact is still refused (decider.test.ts); the timer's is not.
    spec
      .given(filed, verified)
      .when(check('2026-08-19T00:00:00'))
      .thenEvents([missed('verification', '2026-08-19T00:00:00', '2026-08-18', deskNip)])
  })

  it('working days skip the holidays of the configured calendar', () => {
    const withHoliday = deciderSpec(complaintDecider(policyConfig({ holidays: [localDate('2026-08-17')] })))
    withHoliday.given(filed).when(check('2026-08-19T00:00:00')).thenNothing()
    withHoliday
      .given(filed)
      .when(check('2026-08-20T00:00:00'))
      .thenEvents([missed('verification', '2026-08-20T00:00:00', '2026-08-19')])
  })

  it('a verified complaint not yet routed misses verification in the name of the verifying officer', () => {
    spec
      .given(filed, verified)
      .when(check('2026-08-19T00:00:00'))
      .thenEvents([missed('verification', '2026-08-19T00:00:00', '2026-08-18', deskNip)])
  })

  it('verification waits while the complaint is incomplete, and restarts from the completion', () => {
    spec.given(filed, requested).when(check('2026-08-19T00:00:00')).thenNothing()
    spec.given(filed, requested, supplied).when(check('2026-08-25T23:00:00')).thenNothing()
    spec
      .given(filed, requested, supplied)
      .when(check('2026-08-26T00:00:00'))
      .thenEvents([missed('verification', '2026-08-26T00:00:00', '2026-08-25')])
  })

  it('a completion request unanswered for 30 days deems the complaint withdrawn (Pasal 44)', () => {
    spec.given(filed, requested).when(check('2026-09-13T20:00:00')).thenNothing()
    spec
      .given(filed, requested)
      .when(check('2026-09-14T00:00:00'))
      .thenEvents([
        {
          type: 'ComplaintDeemedWithdrawn',
          data: {
            at: wib('2026-09-14T00:00:00'),
            complaintId,
            requestedAt: requested.data.at,
            dueAt: endOf('2026-09-13'),
          },
        },
      ])
  })

  it('follow-up is due 5 working days after disposition, in the name of the handling officer', () => {
    spec.given(filed, verified, disposed).when(check('2026-08-24T23:00:00')).thenNothing()
    spec
      .given(filed, verified, disposed)
      .when(check('2026-08-25T08:00:00'))
      .thenEvents([missed('follow-up', '2026-08-25T08:00:00', '2026-08-24', officerNip)])
  })

  it('the decision is due 60 days after the file was verified complete (Pasal 50)', () => {
    const patient = deciderSpec(complaintDecider(policyConfig({ complaint: { autoCloseWorkingDays: 365 } })))
    const history = [filed, verified, disposed, followedUp('fu-1', '2026-08-18')]
    patient
      .given(...history)
      .when(check('2026-10-13T23:00:00'))
      .thenNothing()
    patient
      .given(...history)
      .when(check('2026-10-14T00:00:00'))
      .thenEvents([missed('decision', '2026-10-14T00:00:00', '2026-10-13', officerNip)])
  })

  it('the complainant must be notified within 14 days of the decision', () => {
    const history = [filed, verified, disposed, followedUp('fu-1', '2026-08-18'), decided]
    spec
      .given(...history)
      .when(check('2026-09-03T23:00:00'))
      .thenNothing()
    spec
      .given(...history)
      .when(check('2026-09-04T00:00:00'))
      .thenEvents([missed('notification', '2026-09-04T00:00:00', '2026-09-03', deskNip)])
  })

  it('a followed-up complaint left unanswered by both sides closes by itself after 10 working days', () => {
    const history = [filed, verified, disposed, followedUp('fu-1', '2026-08-18')]
    spec
      .given(...history)
      .when(check('2026-09-01T23:00:00'))
      .thenNothing()
    spec
      .given(...history)
      .when(check('2026-09-02T00:00:00'))
      .thenEvents([
        { type: 'ComplaintClosed', data: { at: wib('2026-09-02T00:00:00'), complaintId, reason: 'no-response' } },
      ])
    spec
      .given(...history, followedUp('fu-2', '2026-08-25'))
      .when(check('2026-09-02T00:00:00'))
      .thenNothing()
  })

  it('a notified complaint its complainant does not answer closes by itself 10 working days after the notice', () => {
    // Notified on Friday 21 August; the tenth working day after it is Friday 4 September.
    const history = [filed, verified, disposed, followedUp('fu-1', '2026-08-18'), decided, notified]
    spec
      .given(...history)
      .when(check('2026-09-04T23:00:00'))
      .thenNothing()
    const closed: ComplaintEvent = {
      type: 'ComplaintClosed',
      data: { at: wib('2026-09-05T00:00:00'), complaintId, reason: 'no-response' },
    }
    spec
      .given(...history)
      .when(check('2026-09-05T00:00:00'))
      .thenEvents([closed])
    // A complainant who rated the decision answered: the desk closes it, the timer does not.
    spec
      .given(...history, rated('2026-08-24T09:00:00'))
      .when(check('2026-12-01T00:00:00'))
      .thenNothing()
    // The complainant may still rate it for 30 days after the close, once; not later.
    spec
      .given(...history, closed)
      .when(rate('2026-10-05T09:00:00'))
      .thenEvents([rated('2026-10-05T09:00:00')])
    spec
      .given(...history, closed, rated('2026-09-07T09:00:00'))
      .when(rate('2026-09-08T09:00:00', 2))
      .thenRejects('already-rated')
    spec
      .given(...history, closed)
      .when(rate('2026-10-06T00:00:00'))
      .thenRejects('complaint-ended')
    const shorter = deciderSpec(complaintDecider(policyConfig({ complaint: { ratingWindowDays: 7 } })))
    shorter
      .given(...history, closed)
      .when(rate('2026-09-13T09:00:00'))
      .thenRejects('complaint-ended')
  })

  it('every overdue stage is recorded before the complaint closes by itself', () => {
    const history = [filed, verified, disposed, followedUp('fu-1', '2026-08-18')]
    spec
      .given(...history)
      .when(check('2026-10-14T00:00:00'))
      .thenEvents([
        missed('decision', '2026-10-14T00:00:00', '2026-10-13', officerNip),
        { type: 'ComplaintClosed', data: { at: wib('2026-10-14T00:00:00'), complaintId, reason: 'no-response' } },
      ])
  })

  it('deadlines are checked by the system timer only; an ended complaint has none', () => {
    spec.given(filed).when(check('2026-08-19T00:00:00', desk)).thenRejects('system-only')
    const escalated: ComplaintEvent = {
      type: 'ComplaintEscalated',
      data: { at: wib('2026-08-14T09:00:00'), complaintId },
    }
    spec.given(filed, escalated).when(check('2026-12-01T00:00:00')).thenNothing()
  })

  it('the open deadlines follow the stage, for the SLA board', () => {
    const fold = (...events: readonly ComplaintEvent[]) => events.reduce(evolveComplaint, initialComplaintState)
    expect(nextDeadlines(initialComplaintState, defaultPolicy)).toEqual([])
    expect(nextDeadlines(fold(filed), defaultPolicy)).toEqual([
      { stage: 'verification', dueAt: endOf('2026-08-18'), responsibleNip: null },
    ])
    expect(nextDeadlines(fold(filed, verified, disposed), defaultPolicy)).toEqual([
      { stage: 'follow-up', dueAt: endOf('2026-08-24'), responsibleNip: officerNip },
      { stage: 'decision', dueAt: endOf('2026-10-13'), responsibleNip: officerNip },
    ])
  })

  it('every complaint period is set by the agency', () => {
    const fold = (...events: readonly ComplaintEvent[]) => events.reduce(evolveComplaint, initialComplaintState)
    const config = policyConfig({
      complaint: {
        verificationWorkingDays: 2,
        followUpWorkingDays: 3,
        decisionDays: 30,
        notificationDays: 7,
        completionWindowDays: 10,
      },
    })
    expect(nextDeadlines(fold(filed), config)).toEqual([
      { stage: 'verification', dueAt: endOf('2026-08-17'), responsibleNip: null },
    ])
    expect(nextDeadlines(fold(filed, requested), config).map(d => [d.stage, d.dueAt])).toEqual([
      ['completion', endOf('2026-08-24')],
    ])
    expect(nextDeadlines(fold(filed, verified, disposed), config)).toEqual([
      { stage: 'follow-up', dueAt: endOf('2026-08-20'), responsibleNip: officerNip },
      { stage: 'decision', dueAt: endOf('2026-09-13'), responsibleNip: officerNip },
    ])
    expect(
      nextDeadlines(fold(filed, verified, disposed, followedUp('f1', '2026-08-18'), decided), config).map(d => [
        d.stage,
        d.dueAt,
      ]),
    ).toContainEqual(['notification', endOf('2026-08-27')])
  })
})
