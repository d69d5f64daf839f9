import { type Actor, defaultPolicy, instant, nip, policyConfig, systemActor } from '@pembina/core'
import { deciderSpec } from '@pembina/testkit'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import type { MentorRosterCommand, PlaceReleaseReason } from './commands.js'
import { mentorRosterDecider } from './decider.js'
import type { MentorRosterEvent } from './events.js'
import { mentorRosterRejections } from './rejections.js'

// A senior ASN at Dinas Kesehatan who may guide at most two mentees at a time (the agency's setting in these tests).
const mentorNip = nip('197505122001121002')
const sari = nip('199203152019032004')
const budi = nip('199001012018061003')
const rina = nip('199505202020121001')
const system = systemActor('policy:mentor-capacity')
const mentor: Actor = { kind: 'asn', nip: mentorNip, roles: ['asn', 'mentor'] }
const t1 = instant('2026-03-03T10:00:00+07:00')
const t2 = instant('2026-04-03T10:00:00+07:00')

const reserve = (mentorshipId: string, menteeNip = sari, request = 1, actor: Actor = system): MentorRosterCommand => ({
  type: 'ReserveMentorPlace',
  at: t1,
  actor,
  data: { mentorNip, mentorshipId, menteeNip, request },
})
const release = (
  mentorshipId: string,
  reason: PlaceReleaseReason = 'completed',
  actor: Actor = system,
): MentorRosterCommand => ({ type: 'ReleaseMentorPlace', at: t2, actor, data: { mentorNip, mentorshipId, reason } })

const reserved = (mentorshipId: string, activeAfter: number, menteeNip = sari, request = 1): MentorRosterEvent => ({
  type: 'MentorPlaceReserved',
  data: { at: t1, mentorNip, mentorshipId, menteeNip, request, activeAfter },
})
const refused = (
  mentorshipId: string,
  active: number,
  max: number,
  menteeNip = sari,
  request = 1,
): MentorRosterEvent => ({
  type: 'MentorPlaceRefused',
  data: { at: t1, mentorNip, mentorshipId, menteeNip, request, active, max },
})
const released = (
  mentorshipId: string,
  held: boolean,
  reason: PlaceReleaseReason = 'completed',
): MentorRosterEvent => ({
  type: 'MentorPlaceReleased',
  data: { at: t2, mentorNip, mentorshipId, reason, held },
})

const spec = deciderSpec(mentorRosterDecider(policyConfig({ maxActiveMentees: 2 })))

describe("a mentor's places", () => {
  it('a mentorship accepted by a mentor with a free place reserves one, counting the places held after it', () => {
    spec
      .given()
      .when(reserve('m-1'))
      .thenEvents([reserved('m-1', 1)])
    spec
      .given(reserved('m-1', 1))
      .when(reserve('m-2', budi))
      .thenEvents([reserved('m-2', 2, budi)])
  })

  it('a mentor holding the maximum of places gets no other: the refusal is recorded with the count and the limit', () => {
    spec
      .given(reserved('m-1', 1), reserved('m-2', 2, budi))
      .when(reserve('m-3', rina))
      .thenEvents([refused('m-3', 2, 2, rina)])
    deciderSpec(mentorRosterDecider(defaultPolicy))
      .given(reserved('m-1', 1), reserved('m-2', 2, budi))
      .when(reserve('m-3', rina))
      .thenEvents([reserved('m-3', 3, rina)])
  })

  it('a mentorship holds at most one place: reserving again for it changes nothing, whatever the request', () => {
    spec.given(reserved('m-1', 1)).when(reserve('m-1')).thenNothing()
    spec
      .given(reserved('m-1', 1))
      .when(reserve('m-1', sari, 2))
      .thenNothing()
  })

  it('a refused request stays refused; a later request of the same mentorship is decided afresh', () => {
    const full = [reserved('m-1', 1), reserved('m-2', 2, budi), refused('m-3', 2, 2, rina)] as const
    spec
      .given(...full)
      .when(reserve('m-3', rina))
      .thenNothing()
    spec
      .given(...full)
      .when(reserve('m-3', rina, 2))
      .thenEvents([refused('m-3', 2, 2, rina, 2)])
    spec
      .given(...full, released('m-1', true))
      .when(reserve('m-3', rina))
      .thenNothing()
    spec
      .given(...full, released('m-1', true))
      .when(reserve('m-3', rina, 2))
      .thenEvents([reserved('m-3', 2, rina, 2)])
  })

  it('releasing a place frees it for another mentorship', () => {
    spec
      .given(reserved('m-1', 1), reserved('m-2', 2, budi))
      .when(release('m-1'))
      .thenEvents([released('m-1', true)])
    spec
      .given(reserved('m-1', 1), reserved('m-2', 2, budi), released('m-1', true))
      .when(reserve('m-3', rina))
      .thenEvents([reserved('m-3', 2, rina)])
  })

  it('releasing again changes nothing', () => {
    spec.given(reserved('m-1', 1), released('m-1', true)).when(release('m-1')).thenNothing()
    spec.given(released('m-1', false)).when(release('m-1', 'ended')).thenNothing()
  })

  it('a release of a mentorship that holds no place is recorded once, and a reservation after it is refused', () => {
    spec
      .given()
      .when(release('m-1', 'ended'))
      .thenEvents([released('m-1', false, 'ended')])
    spec
      .given(reserved('m-2', 1, budi), refused('m-1', 1, 1))
      .when(release('m-1', 'declined'))
      .thenEvents([released('m-1', false, 'declined')])
    spec
      .given(released('m-1', false, 'ended'))
      .when(reserve('m-1'))
      .thenRejects('mentorship-released')
    spec
      .given(reserved('m-1', 1), released('m-1', true))
      .when(reserve('m-1', sari, 2))
      .thenRejects('mentorship-released')
  })

  it('only the system (the mentor-capacity policies) reserves or releases a place', () => {
    spec
      .given()
      .when(reserve('m-1', sari, 1, mentor))
      .thenRejects('actor-not-allowed')
    spec
      .given(reserved('m-1', 1))
      .when(release('m-1', 'ended', mentor))
      .thenRejects('actor-not-allowed')
  })

  it('a refusal carries its English message and the Indonesian term', () => {
    expect(spec.given(released('m-1', false)).when(reserve('m-1')).result).toEqual(
      E.left({
        code: 'mentorship-released',
        message: 'Mentorship "m-1" has completed, ended or been declined: no place can be reserved for it',
        term: 'mentoring sudah berakhir',
      }),
    )
    expect(mentorRosterRejections.rejection('actor-not-allowed', 'the system')).toMatchObject({
      term: 'tidak berwenang',
    })
  })
})
