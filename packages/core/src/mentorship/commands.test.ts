import { decodeWith, defaultPolicy } from '@pembina/core'
import { arbMentorshipScenario } from '@pembina/testkit'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { MentorshipCommand } from './commands.js'

const decode = decodeWith(MentorshipCommand)

const issuesOf = (input: unknown): readonly { readonly path: string; readonly rule: string }[] => {
  const result = decode(input)
  return E.isLeft(result) ? result.left.issues.map(({ path, rule }) => ({ path, rule })) : []
}

const actor = { kind: 'asn', nip: '199203152019032004', roles: ['asn'] }
const at = '2026-03-02T09:00:00+07:00'
const proposal = {
  mentorshipId: 'dinkes-belawan-2026-001',
  form: 'mentoring',
  mentor: { nip: '197505122001121002', rank: 'III/d' },
  mentee: { nip: '199203152019032004' },
  unit: 'Dinas Kesehatan Kota Medan',
  goals: [{ goalId: 'laporan-kegiatan', description: 'Menyusun laporan kegiatan' }],
  plannedSessions: 6,
}
const propose = (data: Record<string, unknown>): unknown => ({
  type: 'ProposeMentorship',
  at,
  actor,
  data: { ...proposal, ...data },
})
const session = (data: Record<string, unknown>): unknown => ({
  type: 'LogSession',
  at,
  actor,
  data: {
    mentorshipId: 'dinkes-belawan-2026-001',
    sessionId: 'sesi-1',
    date: '2026-03-02',
    minutes: 90,
    topic: 'Struktur laporan',
    ...data,
  },
})
const idRule = 'must be 1-128 letters, digits, ".", "_", ":" or "-", starting with a letter or digit'

describe('decoding mentorship commands', () => {
  it('a well-formed proposal and session decode', () => {
    expect(issuesOf(propose({}))).toEqual([])
    expect(issuesOf(session({ notes: 'Draf pertama' }))).toEqual([])
  })

  it('an unknown command type is reported at `type`', () => {
    expect(issuesOf({ type: 'ApproveMentorship', at, actor, data: {} })).toEqual([
      {
        path: 'type',
        rule: 'must be one of ProposeMentorship, AcceptMentorship, ConfirmMentorship, RefuseMentorship, DeclineMentorship, LogSession, MarkGoalAchieved, CompleteMentorship, EndMentorship',
      },
    ])
  })

  it('planned sessions must be a whole number from 1 to 100', () => {
    expect(issuesOf(propose({ plannedSessions: 0 }))).toEqual([
      { path: 'data.plannedSessions', rule: 'must be a whole number from 1 to 100' },
    ])
  })

  it('goals must be 1 to 10 with distinct goal ids', () => {
    const goal = { goalId: 'laporan', description: 'Menyusun laporan' }
    const rule = 'must list 1 to 10 goals with distinct goalIds'
    expect(issuesOf(propose({ goals: [goal, goal] }))).toEqual([{ path: 'data.goals', rule }])
    expect(issuesOf(propose({ goals: [] }))).toEqual([{ path: 'data.goals', rule }])
  })

  it('ids must be usable in a stream name', () => {
    expect(issuesOf(propose({ mentorshipId: 'dinkes belawan' }))).toEqual([{ path: 'data.mentorshipId', rule: idRule }])
    expect(issuesOf(propose({ goals: [{ goalId: '-x', description: 'x' }] }))).toEqual([
      { path: 'data.goals.0.goalId', rule: idRule },
    ])
  })

  it("a mentor's NIP and rank are checked where they are", () => {
    expect(issuesOf(propose({ mentor: { nip: '197505122001123002', rank: 'V/a' } }))).toEqual([
      { path: 'data.mentor.nip', rule: 'NIP gender digit must be 1 (male) or 2 (female), got 3' },
      {
        path: 'data.mentor.rank',
        rule: 'must be one of I/a, I/b, I/c, I/d, II/a, II/b, II/c, II/d, III/a, III/b, III/c, III/d, IV/a, IV/b, IV/c, IV/d, IV/e',
      },
    ])
  })

  it('the form is mentoring or coaching', () => {
    expect(issuesOf(propose({ form: 'tutoring' }))).toEqual([
      { path: 'data.form', rule: 'must be one of mentoring, coaching' },
    ])
  })

  it("a session's date, minutes and notes are checked", () => {
    expect(issuesOf(session({ date: '2026-02-30', minutes: 0, notes: ' ' }))).toEqual([
      { path: 'data.date', rule: 'must be a real calendar date written YYYY-MM-DD' },
      { path: 'data.minutes', rule: 'must be a whole number from 1 to 1440' },
      { path: 'data.notes', rule: 'must hold a visible character (it is blank to a reader)' },
    ])
  })

  it('a command needs an instant with an offset and an actor', () => {
    expect(
      issuesOf({ type: 'EndMentorship', at: '2026-03-02 09:00', data: { mentorshipId: 'm-1', reason: 'Mutasi' } }),
    ).toEqual([
      { path: 'at', rule: 'must be an ISO-8601 instant with an offset, e.g. 2026-03-02T09:00:00+07:00' },
      { path: 'actor', rule: 'must be an object (Actor)' },
    ])
  })

  it('an acceptance names the mentorship only: a client can no longer pass a count of the mentor’s mentorships', () => {
    expect(issuesOf({ type: 'AcceptMentorship', at, actor, data: { mentorshipId: 'm-1' } })).toEqual([])
    for (const count of [0, 4, -1])
      expect(
        issuesOf({
          type: 'AcceptMentorship',
          at,
          actor,
          data: { mentorshipId: 'm-1', mentorActiveMentorships: count },
        }),
      ).toEqual([{ path: 'data.mentorActiveMentorships', rule: 'is not a known field (known: mentorshipId)' }])
    expect(
      issuesOf({ type: 'AcceptMentorship', at, actor, data: { mentorshipId: 'm-1', activeMentorships: 0 } }),
    ).toEqual([{ path: 'data.activeMentorships', rule: 'is not a known field (known: mentorshipId)' }])
  })

  it('a confirmation or refusal names the acceptance request it answers, from 1', () => {
    const system = { kind: 'system', process: 'policy:mentor-capacity' }
    expect(
      issuesOf({ type: 'ConfirmMentorship', at, actor: system, data: { mentorshipId: 'm-1', request: 0 } }),
    ).toEqual([{ path: 'data.request', rule: 'must be a whole number from 1 to 1000' }])
    expect(
      issuesOf({
        type: 'RefuseMentorship',
        at,
        actor: system,
        data: { mentorshipId: 'm-1', request: 1, activeMentorships: 5, maxActiveMentees: 0 },
      }),
    ).toEqual([{ path: 'data.maxActiveMentees', rule: 'must be a whole number from 1 to 100' }])
  })

  it('decoding any value never throws and every failure names a rule (property)', () => {
    fc.assert(
      fc.property(fc.anything(), input => {
        const result = decode(input)
        if (E.isLeft(result)) for (const issue of result.left.issues) expect(issue.rule).not.toBe('')
      }),
      { seed: 3103, numRuns: 500 },
    )
  })

  it('every generated command, valid or not for the decider, decodes to itself (property)', () => {
    fc.assert(
      fc.property(arbMentorshipScenario(defaultPolicy, { noise: true }), commands => {
        for (const command of commands) expect(decode(JSON.parse(JSON.stringify(command)))).toEqual(E.right(command))
      }),
      { seed: 3104, numRuns: 200 },
    )
  })
})
