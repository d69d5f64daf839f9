import {
  type Actor,
  defaultPolicy,
  type Instant,
  instant,
  localDate,
  mentorship as mentorships,
  type MentorshipCommand,
  mentorshipDecider,
  type Nip,
  nip,
  policyConfig,
} from '@pembina/core'
import { arbMentorshipHistory } from '@pembina/testkit'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type MentorLoadDocument, mentorLoadProjection } from './mentor-load.js'
import { mentorLoad, mentorLoadList } from './mentor-load-queries.js'
import { decided, foldProjection, inGlobalOrder, interleave, recorded, storeOf } from './test-support.js'

// A senior ASN at Dinas Kesehatan Kota Medan guides newer colleagues (the seed's example).
const mentorNip = nip('197505122001121002') // appointed 2001-12
const otherMentorNip = nip('197801012003121001') // appointed 2003-12
const mentees = [
  nip('199203152019032004'),
  nip('199001012018061003'),
  nip('199505202020121001'),
  nip('199607072021032002'),
  nip('199411112019021005'),
  nip('199702022022031006'),
] as const
const [sari, budi] = mentees
const atasan: Actor = { kind: 'asn', nip: nip('196608011988031001'), roles: ['asn', 'atasan'] }
const asMentor = (who: Nip): Actor => ({ kind: 'asn', nip: who, roles: ['asn', 'mentor'] })
const on = (text: string): Instant => instant(`${text}+07:00`)

interface Plan {
  readonly id: string
  readonly mentee: Nip
  readonly mentor?: Nip
  readonly ending?: 'accepted' | 'proposed' | 'declined' | 'completed' | 'ended'
  readonly sessions?: number
}

/** The events of one mentorship, decided from the commands of its plan; `load` is what the mentor held at acceptance. */
const mentorship = ({ id, mentee, mentor = mentorNip, ending = 'accepted', sessions = 0 }: Plan, load = 0) => {
  const commands: MentorshipCommand[] = [
    {
      type: 'ProposeMentorship',
      at: on('2026-03-02T09:00:00'),
      actor: atasan,
      data: {
        mentorshipId: id,
        form: 'mentoring',
        mentor: { nip: mentor },
        mentee: { nip: mentee },
        unit: 'Dinas Kesehatan Kota Medan',
        goals: [{ goalId: 'laporan-kegiatan', description: 'Menyusun laporan kegiatan secara mandiri' }],
        plannedSessions: 2,
      },
    },
  ]
  const by = asMentor(mentor)
  if (ending === 'declined')
    commands.push({
      type: 'DeclineMentorship',
      at: on('2026-03-03T10:00:00'),
      actor: by,
      data: { mentorshipId: id, reason: 'jadwal penuh' },
    })
  if (ending !== 'proposed' && ending !== 'declined')
    commands.push({
      type: 'AcceptMentorship',
      at: on('2026-03-03T10:00:00'),
      actor: by,
      data: { mentorshipId: id, mentorActiveMentorships: load },
    })
  for (let i = 1; i <= sessions; i++)
    commands.push({
      type: 'LogSession',
      at: on(`2026-03-1${i}T15:00:00`),
      actor: by,
      data: { mentorshipId: id, sessionId: `s${i}`, date: localDate(`2026-03-1${i}`), minutes: 90, topic: 'Laporan' },
    })
  if (ending === 'completed')
    commands.push({
      type: 'CompleteMentorship',
      at: on('2026-03-25T15:00:00'),
      actor: by,
      data: { mentorshipId: id, evaluation: 'Mampu menyusun laporan kegiatan secara mandiri' },
    })
  if (ending === 'ended')
    commands.push({
      type: 'EndMentorship',
      at: on('2026-03-25T15:00:00'),
      actor: by,
      data: { mentorshipId: id, reason: 'mutasi tugas' },
    })
  return recorded(mentorships.streamName(id), decided(mentorshipDecider(defaultPolicy), commands))
}

/** Mentorships decided one after another, each accepted with the mentor's load as the read model shows it then. */
const loadsAfter = (plans: readonly Plan[]): ReadonlyMap<string, MentorLoadDocument> =>
  plans.reduce<ReadonlyMap<string, MentorLoadDocument>>(
    (docs, plan) =>
      foldProjection(
        mentorLoadProjection,
        mentorship(plan, docs.get(plan.mentor ?? mentorNip)?.activeMentorships ?? 0),
        docs,
      ),
    new Map(),
  )

describe('mentor load', () => {
  it('a proposal waits for the mentor’s answer and does not count against the limit', () => {
    const load = loadsAfter([{ id: 'dinkes-001', mentee: sari, ending: 'proposed' }]).get(mentorNip)
    expect(load).toMatchObject({ activeMentorships: 0, proposedMentorships: 1 })
    expect(load?.held).toMatchObject([{ mentorshipId: 'dinkes-001', menteeNip: sari, status: 'proposed' }])
  })

  it('an accepted mentorship counts against the mentor’s limit until it is completed or ended', () => {
    const running = loadsAfter([
      { id: 'dinkes-001', mentee: sari },
      { id: 'dinkes-002', mentee: budi, ending: 'completed', sessions: 2 },
      { id: 'dinkes-003', mentee: mentees[2], ending: 'ended' },
    ]).get(mentorNip)
    expect(running).toMatchObject({ activeMentorships: 1, activeMentees: 1, completed: 1, ended: 1 })
    expect(running?.held.map(m => m.mentorshipId)).toEqual(['dinkes-001'])
  })

  it('a declined proposal frees the mentor and is counted as declined', () => {
    const load = loadsAfter([{ id: 'dinkes-001', mentee: sari, ending: 'declined' }]).get(mentorNip)
    expect(load).toMatchObject({ activeMentorships: 0, proposedMentorships: 0, declined: 1, held: [] })
  })

  it('two mentorships with the same mentee count twice against the limit, and once as a mentee', () => {
    const load = loadsAfter([
      { id: 'dinkes-001', mentee: sari },
      { id: 'dinkes-002', mentee: sari },
    ]).get(mentorNip)
    expect(load).toMatchObject({ activeMentorships: 2, activeMentees: 1 })
  })

  it('each mentorship shows the sessions logged and their minutes', () => {
    const load = loadsAfter([{ id: 'dinkes-001', mentee: sari, sessions: 3 }]).get(mentorNip)
    expect(load?.held[0]).toMatchObject({ sessions: 3, minutes: 270, acceptedAt: on('2026-03-03T10:00:00') })
  })

  it('a goal achieved changes no mentor’s load', () => {
    const [goal] = recorded('mentorship-dinkes-001', [
      {
        type: 'GoalAchieved',
        data: {
          at: on('2026-03-20T10:00:00'),
          mentorshipId: 'dinkes-001',
          goalId: 'laporan-kegiatan',
          assessment: 'Tercapai',
        },
      },
    ])
    expect(goal === undefined ? ['missing'] : mentorLoadProjection.keysOf(goal)).toEqual([])
  })
})

describe('mentor load queries', () => {
  const five = mentees.slice(0, 5).map((mentee, i) => ({ id: `dinkes-00${i + 1}`, mentee }))
  const store = storeOf({
    [mentorLoadProjection.name]: loadsAfter([
      ...five,
      { id: 'kecamatan-001', mentee: mentees[5], mentor: otherMentorNip },
    ]),
  })

  it('a mentor with five active mentorships is at the default limit and may accept no more', async () => {
    const load = await mentorLoad(store, mentorNip, defaultPolicy)
    expect(load).toMatchObject({ activeMentorships: 5, limit: 5, atLimit: true, placesLeft: 0 })
    expect(load.active).toHaveLength(5)
  })

  it('the limit is the agency’s: with seven allowed, the same mentor has two places left', async () => {
    const load = await mentorLoad(store, mentorNip, policyConfig({ maxActiveMentees: 7 }))
    expect(load).toMatchObject({ limit: 7, atLimit: false, placesLeft: 2 })
  })

  it('the mentor decider accepts with the load read here, and refuses a sixth mentorship at the limit', async () => {
    const load = await mentorLoad(store, mentorNip, defaultPolicy)
    const decider = mentorshipDecider(defaultPolicy)
    const [proposal] = mentorship({ id: 'dinkes-006', mentee: mentees[5], ending: 'proposed' })
    if (proposal === undefined || proposal.event.type !== 'MentorshipProposed') throw new Error('no proposal')
    const state = decider.evolve(decider.initialState, proposal.event)
    const accept: MentorshipCommand = {
      type: 'AcceptMentorship',
      at: on('2026-03-04T10:00:00'),
      actor: asMentor(mentorNip),
      data: { mentorshipId: 'dinkes-006', mentorActiveMentorships: load.activeMentorships },
    }
    expect(decider.decide(accept, state)).toMatchObject({ _tag: 'Left', left: { code: 'mentor-at-capacity' } })
  })

  it('a mentor never proposed holds nothing', async () => {
    const load = await mentorLoad(store, nip('198807072012012005'), defaultPolicy)
    expect(load).toMatchObject({ activeMentorships: 0, atLimit: false, placesLeft: 5, active: [], proposed: [] })
  })

  it('mentors are listed busiest first', async () => {
    expect((await mentorLoadList(store, defaultPolicy)).map(load => [load.mentorNip, load.activeMentorships])).toEqual([
      [mentorNip, 5],
      [otherMentorNip, 1],
    ])
  })
})

describe('mentor load properties', () => {
  const history = (id: string) => arbMentorshipHistory(defaultPolicy, { mentorshipId: id, noise: true })
  it('in any interleaving of mentorships, a mentor’s active count is the number of mentorships core leaves active for them', () => {
    fc.assert(
      fc.property(
        fc.tuple(history('m-1'), history('m-2'), history('m-3')),
        fc.array(fc.nat(), { maxLength: 120 }),
        (runs, picks) => {
          const streams = runs.map((run, i) => recorded(mentorships.streamName(`m-${i + 1}`), run.events))
          const loads = foldProjection(mentorLoadProjection, inGlobalOrder(interleave(streams, picks)))
          const expected = new Map<string, number>()
          for (const { state } of runs)
            if (state.status !== 'none') {
              const mentor = state.proposal.mentor.nip
              expected.set(mentor, (expected.get(mentor) ?? 0) + (state.status === 'active' ? 1 : 0))
            }
          expect(new Map([...loads].map(([mentor, load]) => [mentor, load.activeMentorships]))).toEqual(expected)
        },
      ),
      { numRuns: 100 },
    )
  })
})
