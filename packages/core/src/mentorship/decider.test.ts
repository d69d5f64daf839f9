import {
  type Actor,
  instant,
  type Instant,
  localDate,
  nip,
  policyConfig,
  defaultPolicy,
  systemActor,
} from '@pembina/core'
import { deciderSpec } from '@pembina/testkit'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import type { MentorshipCommand, MentorshipProposal } from './commands.js'
import { mentorshipDecider } from './decider.js'
import { mentorshipRejections } from './rejections.js'
import type { MentorshipEvent } from './events.js'

// A senior ASN at Dinas Kesehatan guides a new ASN in writing activity reports (the seed's example).
const mentorNip = nip('197505122001121002') // appointed 2001-12
const menteeNip = nip('199203152019032004') // appointed 2019-03
const peerNip = nip('199001012018061003') // appointed 2018-06: only 9 months before the mentee
const atasanNip = nip('196608011988031001')
const strangerNip = nip('198807072012012005')

const asn = (value: typeof mentorNip, ...roles: readonly ('atasan' | 'mentor')[]): Actor => ({
  kind: 'asn',
  nip: value,
  roles: ['asn', ...roles],
})
const mentor = asn(mentorNip, 'mentor')
const mentee = asn(menteeNip)
const atasan = asn(atasanNip, 'atasan')
const stranger = asn(strangerNip)

const id = 'dinkes-belawan-2026-001'
const t0 = instant('2026-03-02T09:00:00+07:00')
const t1 = instant('2026-03-03T10:00:00+07:00')
const t2 = instant('2026-03-10T15:00:00+07:00')
const t3 = instant('2026-03-20T15:00:00+07:00')

const proposal: MentorshipProposal = {
  mentorshipId: id,
  form: 'mentoring',
  mentor: { nip: mentorNip },
  mentee: { nip: menteeNip },
  unit: 'Dinas Kesehatan Kota Medan',
  goals: [
    { goalId: 'laporan-kegiatan', description: 'Menyusun laporan kegiatan secara mandiri' },
    { goalId: 'notulen', description: 'Menyusun notulen rapat' },
  ],
  plannedSessions: 2,
}

const propose = (actor: Actor = mentee, data: MentorshipProposal = proposal, at: Instant = t0): MentorshipCommand => ({
  type: 'ProposeMentorship',
  at,
  actor,
  data,
})
const acceptCmd = (actor: Actor = mentor, mentorshipId = id): MentorshipCommand => ({
  type: 'AcceptMentorship',
  at: t1,
  actor,
  data: { mentorshipId },
})
const policy = systemActor('policy:mentor-capacity')
const confirmCmd = (request = 1, actor: Actor = policy): MentorshipCommand => ({
  type: 'ConfirmMentorship',
  at: t1,
  actor,
  data: { mentorshipId: id, request },
})
const refuseCmd = (request = 1, actor: Actor = policy): MentorshipCommand => ({
  type: 'RefuseMentorship',
  at: t1,
  actor,
  data: { mentorshipId: id, request, activeMentorships: 5, maxActiveMentees: 5 },
})
const logCmd = (
  sessionId: string,
  overrides: Partial<{ actor: Actor; at: Instant; date: string; minutes: number; topic: string }> = {},
): MentorshipCommand => ({
  type: 'LogSession',
  at: overrides.at ?? t2,
  actor: overrides.actor ?? mentor,
  data: {
    mentorshipId: id,
    sessionId,
    date: localDate(overrides.date ?? '2026-03-10'),
    minutes: overrides.minutes ?? 90,
    topic: overrides.topic ?? 'Struktur laporan kegiatan',
  },
})
const markCmd = (goalId: string, actor: Actor = mentor): MentorshipCommand => ({
  type: 'MarkGoalAchieved',
  at: t2,
  actor,
  data: { mentorshipId: id, goalId, assessment: 'Mampu menyusun secara mandiri' },
})
const completeCmd = (actor: Actor = mentor): MentorshipCommand => ({
  type: 'CompleteMentorship',
  at: t3,
  actor,
  data: { mentorshipId: id, evaluation: 'Tujuan tercapai' },
})
const endCmd = (actor: Actor = mentee): MentorshipCommand => ({
  type: 'EndMentorship',
  at: t3,
  actor,
  data: { mentorshipId: id, reason: 'Mutasi ke Puskesmas Bahari' },
})
const declineCmd = (actor: Actor = mentor): MentorshipCommand => ({
  type: 'DeclineMentorship',
  at: t1,
  actor,
  data: { mentorshipId: id, reason: 'Sedang membimbing lima ASN' },
})

const parties = { mentorNip, menteeNip }
const proposed: MentorshipEvent = { type: 'MentorshipProposed', data: { at: t0, ...proposal } }
const requested = (request = 1): MentorshipEvent => ({
  type: 'MentorshipAcceptanceRequested',
  data: { at: t1, mentorshipId: id, form: 'mentoring', ...parties, request },
})
const accepted: MentorshipEvent = {
  type: 'MentorshipAccepted',
  data: { at: t1, mentorshipId: id, form: 'mentoring', ...parties },
}
const refusedForCapacity = (request = 1): MentorshipEvent => ({
  type: 'MentorshipAcceptanceRefused',
  data: {
    at: t1,
    mentorshipId: id,
    ...parties,
    request,
    reason: 'mentor-at-capacity',
    activeMentorships: 5,
    maxActiveMentees: 5,
  },
})
const sessionLogged = (sessionId: string, minutes = 90): MentorshipEvent => ({
  type: 'SessionLogged',
  data: {
    at: t2,
    mentorshipId: id,
    sessionId,
    form: 'mentoring',
    ...parties,
    date: localDate('2026-03-10'),
    minutes,
    topic: 'Struktur laporan kegiatan',
  },
})
const goalAchieved = (goalId: string): MentorshipEvent => ({
  type: 'GoalAchieved',
  data: { at: t2, mentorshipId: id, goalId, assessment: 'Mampu menyusun secara mandiri' },
})
const declined: MentorshipEvent = {
  type: 'MentorshipDeclined',
  data: { at: t1, mentorshipId: id, ...parties, reason: 'Sedang membimbing lima ASN' },
}
const ended: MentorshipEvent = {
  type: 'MentorshipEnded',
  data: { at: t3, mentorshipId: id, ...parties, endedFrom: 'active', reason: 'Mutasi ke Puskesmas Bahari' },
}
const completed: MentorshipEvent = {
  type: 'MentorshipCompleted',
  data: {
    at: t3,
    mentorshipId: id,
    form: 'mentoring',
    ...parties,
    sessions: 1,
    totalMinutes: 90,
    goalsAchieved: 2,
    basis: 'all-goals-achieved',
    evaluation: 'Tujuan tercapai',
  },
}

const spec = deciderSpec(mentorshipDecider(defaultPolicy))

describe('proposing a mentorship', () => {
  it('the mentee proposes a mentorship with mentor, unit, goals and planned sessions', () => {
    spec.given().when(propose()).thenEvents([proposed])
  })

  it('an atasan may propose a mentorship for a subordinate', () => {
    spec.given().when(propose(atasan)).thenEvents([proposed])
  })

  it('only the mentee or an atasan may propose a mentorship', () => {
    spec.given().when(propose(stranger)).thenRejects('actor-not-allowed')
    spec.given().when(propose(mentor)).thenRejects('actor-not-allowed')
  })

  it('the mentor and the mentee must be different ASN', () => {
    spec
      .given()
      .when(propose(atasan, { ...proposal, mentor: { nip: menteeNip } }))
      .thenRejects('mentor-is-mentee')
  })

  it('the mentor must be appointed at least two years before the mentee', () => {
    spec
      .given()
      .when(propose(mentee, { ...proposal, mentor: { nip: peerNip } }))
      .thenRejects('mentor-not-senior')
  })

  it('a refusal carries its English message, written from what the decision knows, and the Indonesian term', () => {
    const junior = spec.given().when(propose(mentee, { ...proposal, mentor: { nip: peerNip } }))
    expect(junior.result).toEqual(
      E.left({
        code: 'mentor-not-senior',
        message: 'The mentor must be appointed at least 2 year(s) before the mentee (NIP) or hold a higher rank',
        term: 'senioritas',
      }),
    )
    expect(junior.result).toEqual(E.left(mentorshipRejections.rejection('mentor-not-senior', 2)))
    const elsewhere = spec.given(proposed).when(acceptCmd(mentor, 'dinkes-belawan-2026-002'))
    expect(elsewhere.result).toEqual(
      E.left({
        code: 'mentorship-id-mismatch',
        message: 'This stream holds mentorship "dinkes-belawan-2026-001", the command names "dinkes-belawan-2026-002"',
        term: 'mentoring tidak sesuai',
      }),
    )
  })

  it('a mentor of higher rank may guide a mentee appointed less than two years later', () => {
    const byRank = {
      ...proposal,
      mentor: { nip: peerNip, rank: 'III/b' as const },
      mentee: { nip: menteeNip, rank: 'III/a' as const },
    }
    spec
      .given()
      .when(propose(mentee, byRank))
      .thenEvents([{ type: 'MentorshipProposed', data: { at: t0, ...byRank } }])
    const sameRank = { ...byRank, mentor: { nip: peerNip, rank: 'III/a' as const } }
    spec.given().when(propose(mentee, sameRank)).thenRejects('mentor-not-senior')
  })

  it('the seniority a mentor needs is set by the agency', () => {
    const peer = { ...proposal, mentor: { nip: peerNip } }
    deciderSpec(mentorshipDecider(policyConfig({ minSeniorityYears: 0 })))
      .given()
      .when(propose(mentee, peer))
      .thenEvents([{ type: 'MentorshipProposed', data: { at: t0, ...peer } }])
    deciderSpec(mentorshipDecider(policyConfig({ minSeniorityYears: 20 })))
      .given()
      .when(propose())
      .thenRejects('mentor-not-senior')
  })

  it('a mentorship has one to ten goals with distinct goal ids', () => {
    const goal = { goalId: 'laporan-kegiatan', description: 'Menyusun laporan' }
    spec
      .given()
      .when(propose(mentee, { ...proposal, goals: [goal, goal] }))
      .thenRejects('goals-invalid')
    spec
      .given()
      .when(propose(mentee, { ...proposal, goals: [] }))
      .thenRejects('goals-invalid')
  })

  it('proposing the same mentorship again changes nothing; a different one under the same id is refused', () => {
    spec.given(proposed).when(propose(atasan)).thenNothing()
    spec
      .given(proposed)
      .when(propose(mentee, { ...proposal, plannedSessions: 3 }))
      .thenRejects('mentorship-exists')
  })

  it('a repeated proposal must match in every field: a rank added or the goals reordered is a different proposal', () => {
    const ranked = { ...proposal, mentor: { nip: mentorNip, rank: 'IV/a' as const } }
    spec.given(proposed).when(propose(mentee, ranked)).thenRejects('mentorship-exists')
    const reordered = { ...proposal, goals: [...proposal.goals].reverse() }
    spec.given(proposed).when(propose(mentee, reordered)).thenRejects('mentorship-exists')
  })
})

describe('accepting or declining', () => {
  it("the mentor accepts: the acceptance waits for a place of the mentor's, and the mentorship is active once one is reserved", () => {
    spec
      .given(proposed)
      .when(acceptCmd())
      .thenEvents([requested(1)])
    spec.given(proposed, requested(1)).when(confirmCmd(1)).thenEvents([accepted])
  })

  it('only the mentor accepts or declines a mentorship', () => {
    spec.given(proposed).when(acceptCmd(mentee)).thenRejects('actor-not-allowed')
    spec.given(proposed).when(acceptCmd(atasan)).thenRejects('actor-not-allowed')
    spec.given(proposed).when(declineCmd(mentee)).thenRejects('actor-not-allowed')
  })

  it('only the system (the mentor-capacity policy) confirms or refuses an acceptance', () => {
    spec.given(proposed, requested(1)).when(confirmCmd(1, mentor)).thenRejects('actor-not-allowed')
    spec.given(proposed, requested(1)).when(refuseCmd(1, atasan)).thenRejects('actor-not-allowed')
  })

  it('a mentor whose places are all held is refused: the mentorship is proposed again, with kuota mentor penuh', () => {
    const refusal = spec.given(proposed, requested(1)).when(refuseCmd(1))
    refusal.thenEvents([refusedForCapacity(1)])
    expect(mentorshipRejections.term('mentor-at-capacity')).toBe('kuota mentor penuh')
    spec
      .given(proposed, requested(1), refusedForCapacity(1))
      .when(logCmd('sesi-1'))
      .thenRejects('mentorship-not-accepted')
  })

  it('a mentor refused for capacity may accept again later, under the next request', () => {
    const refused = [proposed, requested(1), refusedForCapacity(1)] as const
    spec
      .given(...refused)
      .when(acceptCmd())
      .thenEvents([requested(2)])
    spec
      .given(...refused, requested(2))
      .when(confirmCmd(2))
      .thenEvents([accepted])
    spec
      .given(...refused, requested(2))
      .when(confirmCmd(1))
      .thenRejects('acceptance-not-requested')
  })

  it('accepting again changes nothing, while the place is reserved or once accepted', () => {
    spec.given(proposed, requested(1)).when(acceptCmd()).thenNothing()
    spec.given(proposed, requested(1), accepted).when(acceptCmd()).thenNothing()
    // A history written before acceptances waited for a place: accepted at once.
    spec.given(proposed, accepted).when(acceptCmd()).thenNothing()
  })

  it('confirming or refusing a request already answered changes nothing', () => {
    spec.given(proposed, requested(1), accepted).when(confirmCmd(1)).thenNothing()
    spec.given(proposed, requested(1), refusedForCapacity(1)).when(refuseCmd(1)).thenNothing()
    spec.given(proposed, requested(1), refusedForCapacity(1), requested(2)).when(refuseCmd(1)).thenNothing()
  })

  it('an acceptance never asked for is neither confirmed nor refused, nor the one that made the mentorship active', () => {
    spec.given(proposed).when(confirmCmd(1)).thenRejects('acceptance-not-requested')
    spec.given(proposed).when(refuseCmd(1)).thenRejects('acceptance-not-requested')
    spec.given(proposed, requested(1)).when(refuseCmd(2)).thenRejects('acceptance-not-requested')
    spec.given(proposed, requested(1), accepted).when(refuseCmd(1)).thenRejects('mentorship-already-accepted')
    spec
      .given(proposed, requested(1), refusedForCapacity(1))
      .when(confirmCmd(1))
      .thenRejects('acceptance-not-requested')
  })

  it('a mentorship ended while its acceptance waited is not made active by the place reserved meanwhile', () => {
    const endedWaiting: MentorshipEvent = {
      type: 'MentorshipEnded',
      data: { ...ended.data, endedFrom: 'accepting' },
    }
    spec.given(proposed, requested(1)).when(endCmd()).thenEvents([endedWaiting])
    spec.given(proposed, requested(1), endedWaiting).when(confirmCmd(1)).thenNothing()
    spec.given(proposed, requested(1), endedWaiting).when(refuseCmd(1)).thenNothing()
    spec.given(proposed, requested(1), endedWaiting).when(logCmd('sesi-1')).thenRejects('mentorship-closed')
  })

  it('while the acceptance waits for a place, the mentorship is neither declined nor worked on', () => {
    spec.given(proposed, requested(1)).when(declineCmd()).thenRejects('acceptance-pending')
    spec.given(proposed, requested(1)).when(logCmd('sesi-1')).thenRejects('acceptance-pending')
    spec.given(proposed, requested(1)).when(markCmd('notulen')).thenRejects('acceptance-pending')
    spec.given(proposed, requested(1)).when(completeCmd()).thenRejects('acceptance-pending')
  })

  it('the mentor declines a proposed mentorship with a reason, but not one already accepted', () => {
    spec.given(proposed).when(declineCmd()).thenEvents([declined])
    spec.given(proposed, declined).when(declineCmd()).thenNothing()
    spec.given(proposed, accepted).when(declineCmd()).thenRejects('mentorship-already-accepted')
    spec.given(proposed, requested(1), refusedForCapacity(1)).when(declineCmd()).thenEvents([declined])
  })

  it('only a proposed mentorship can be accepted, declined or worked on', () => {
    spec.given().when(acceptCmd()).thenRejects('mentorship-not-found')
    spec.given().when(confirmCmd()).thenRejects('mentorship-not-found')
    spec.given(proposed).when(acceptCmd(mentor, 'lain-002')).thenRejects('mentorship-id-mismatch')
  })
})

describe('sessions', () => {
  it('the mentor logs a session, carrying what a policy needs to credit the mentee', () => {
    spec
      .given(proposed, accepted)
      .when(logCmd('sesi-1'))
      .thenEvents([sessionLogged('sesi-1')])
  })

  it('only the assigned mentor logs a session: not the mentee, not an atasan', () => {
    for (const actor of [mentee, atasan])
      spec.given(proposed, accepted).when(logCmd('sesi-1', { actor })).thenRejects('not-assigned-mentor')
  })

  it('sessions are logged only while the mentorship is active', () => {
    spec.given(proposed).when(logCmd('sesi-1')).thenRejects('mentorship-not-accepted')
    spec.given(proposed, accepted, ended).when(logCmd('sesi-1')).thenRejects('mentorship-closed')
  })

  it('a session lasts from 15 to 480 minutes, or what the agency sets', () => {
    spec
      .given(proposed, accepted)
      .when(logCmd('sesi-1', { minutes: 14 }))
      .thenRejects('session-minutes-out-of-range')
    spec
      .given(proposed, accepted)
      .when(logCmd('sesi-1', { minutes: 481 }))
      .thenRejects('session-minutes-out-of-range')
    spec
      .given(proposed, accepted)
      .when(logCmd('sesi-1', { minutes: 15 }))
      .thenEvents([sessionLogged('sesi-1', 15)])
    deciderSpec(mentorshipDecider(policyConfig({ sessionMinutes: { min: 30, max: 120 } })))
      .given(proposed, accepted)
      .when(logCmd('sesi-1', { minutes: 20 }))
      .thenRejects('session-minutes-out-of-range')
  })

  it('a session is not dated after the local date (WIB) of the instant it is logged', () => {
    spec
      .given(proposed, accepted)
      .when(logCmd('sesi-1', { date: '2026-03-11' }))
      .thenRejects('session-in-future')
    // 20:00 UTC on 10 March is already 11 March in Belawan.
    const lateUtc = logCmd('sesi-1', { date: '2026-03-11', at: instant('2026-03-10T20:00:00Z') })
    expect(spec.given(proposed, accepted).when(lateUtc).result._tag).toBe('Right')
  })

  it('a session is not dated before the mentor accepted', () => {
    spec
      .given(proposed, accepted)
      .when(logCmd('sesi-1', { date: '2026-03-02' }))
      .thenRejects('session-before-acceptance')
  })

  it('logging the same session again changes nothing; the same id with other details is refused', () => {
    spec.given(proposed, accepted, sessionLogged('sesi-1')).when(logCmd('sesi-1')).thenNothing()
    spec
      .given(proposed, accepted, sessionLogged('sesi-1'))
      .when(logCmd('sesi-1', { minutes: 60 }))
      .thenRejects('session-id-conflict')
  })

  it('a session logged without notes and logged again with notes is another session under the same id', () => {
    const withNotes: MentorshipCommand = {
      type: 'LogSession',
      at: t2,
      actor: mentor,
      data: {
        mentorshipId: id,
        sessionId: 'sesi-1',
        date: localDate('2026-03-10'),
        minutes: 90,
        topic: 'Struktur laporan kegiatan',
        notes: 'Contoh laporan dibahas bersama',
      },
    }
    spec.given(proposed, accepted, sessionLogged('sesi-1')).when(withNotes).thenRejects('session-id-conflict')
  })
})

describe('goals', () => {
  it('the mentor marks a goal achieved with an assessment', () => {
    spec
      .given(proposed, accepted)
      .when(markCmd('notulen'))
      .thenEvents([goalAchieved('notulen')])
  })

  it('only the mentor marks a goal achieved, and only while active', () => {
    spec.given(proposed, accepted).when(markCmd('notulen', mentee)).thenRejects('actor-not-allowed')
    spec.given(proposed).when(markCmd('notulen')).thenRejects('mentorship-not-accepted')
  })

  it("a goal marked achieved must be one of the mentorship's goals", () => {
    spec.given(proposed, accepted).when(markCmd('constructor')).thenRejects('unknown-goal')
  })

  it('marking a goal achieved again changes nothing', () => {
    spec.given(proposed, accepted, goalAchieved('notulen')).when(markCmd('notulen')).thenNothing()
  })
})

describe('completing or ending', () => {
  it('a mentorship completes when all goals are achieved, with an evaluation', () => {
    spec
      .given(proposed, accepted, sessionLogged('sesi-1'), goalAchieved('notulen'), goalAchieved('laporan-kegiatan'))
      .when(completeCmd())
      .thenEvents([completed])
  })

  it('a mentorship completes when the planned sessions are done', () => {
    spec
      .given(proposed, accepted, sessionLogged('sesi-1'), sessionLogged('sesi-2', 60))
      .when(completeCmd(atasan))
      .thenEvents([
        {
          type: 'MentorshipCompleted',
          data: { ...completed.data, sessions: 2, totalMinutes: 150, goalsAchieved: 0, basis: 'planned-sessions-done' },
        },
      ])
  })

  it('a mentorship does not complete before its goals are achieved or its sessions done', () => {
    spec
      .given(proposed, accepted, sessionLogged('sesi-1'), goalAchieved('notulen'))
      .when(completeCmd())
      .thenRejects('completion-not-due')
  })

  it('only the mentor or an atasan completes a mentorship', () => {
    spec
      .given(proposed, accepted, goalAchieved('notulen'), goalAchieved('laporan-kegiatan'))
      .when(completeCmd(mentee))
      .thenRejects('actor-not-allowed')
  })

  it('the mentor, the mentee or an atasan ends a mentorship early with a reason, while proposed or active', () => {
    spec.given(proposed, accepted).when(endCmd()).thenEvents([ended])
    spec.given(proposed, accepted).when(endCmd(atasan)).thenEvents([ended])
    spec
      .given(proposed)
      .when(endCmd(mentor))
      .thenEvents([{ type: 'MentorshipEnded', data: { ...ended.data, endedFrom: 'proposed' } }])
    spec.given(proposed, accepted).when(endCmd(stranger)).thenRejects('actor-not-allowed')
  })

  it('completed, declined and ended mentorships are final; repeating the final command changes nothing', () => {
    const done = [
      proposed,
      accepted,
      sessionLogged('sesi-1'),
      goalAchieved('notulen'),
      goalAchieved('laporan-kegiatan'),
      completed,
    ] as const
    spec
      .given(...done)
      .when(completeCmd())
      .thenNothing()
    spec
      .given(...done)
      .when(endCmd())
      .thenRejects('mentorship-closed')
    spec
      .given(...done)
      .when(logCmd('sesi-2'))
      .thenRejects('mentorship-closed')
    spec.given(proposed, declined).when(acceptCmd()).thenRejects('mentorship-closed')
    spec.given(proposed, declined).when(endCmd()).thenRejects('mentorship-closed')
    spec.given(proposed, accepted, ended).when(endCmd()).thenNothing()
    spec.given(proposed, accepted, ended).when(completeCmd()).thenRejects('mentorship-closed')
  })
})
