import * as E from 'fp-ts/lib/Either.js'
import {
  acceptMentorship,
  type Actor,
  commandHandler,
  defaultPolicy,
  driveReactions,
  formatHandleFailure,
  type Instant,
  inMemoryEventStore,
  instant,
  localDate,
  mentorCapacityPolicies,
  mentorRoster,
  mentorship as mentorships,
  type MentorshipCommand,
  type Nip,
  nip,
  type PolicyConfig,
  policyConfig,
} from '@pembina/core'
import { arbMentorshipHistory } from '@pembina/testkit'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { projectedEventOf } from '../projected-event.js'
import type { ProjectedEvent } from '../projection.js'
import { type MentorLoadDocument, mentorLoadProjection } from './mentor-load.js'
import { mentorLoad, mentorLoadList } from './mentor-load-queries.js'
import { foldProjection, inGlobalOrder, interleave, recorded, storeOf } from './test-support.js'

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

/** The commands of one mentorship's plan; the acceptance is sent apart, through `acceptMentorship`. */
const commandsOf = ({ id, mentee, mentor = mentorNip, ending = 'accepted', sessions = 0 }: Plan) => {
  const by = asMentor(mentor)
  const propose: MentorshipCommand = {
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
  }
  const accept =
    ending === 'proposed' || ending === 'declined'
      ? undefined
      : ({ type: 'AcceptMentorship', at: on('2026-03-03T10:00:00'), actor: by, data: { mentorshipId: id } } as const)
  const later: MentorshipCommand[] = []
  if (ending === 'declined')
    later.push({
      type: 'DeclineMentorship',
      at: on('2026-03-03T10:00:00'),
      actor: by,
      data: { mentorshipId: id, reason: 'jadwal penuh' },
    })
  for (let i = 1; i <= sessions; i++)
    later.push({
      type: 'LogSession',
      at: on(`2026-03-1${i}T15:00:00`),
      actor: by,
      data: { mentorshipId: id, sessionId: `s${i}`, date: localDate(`2026-03-1${i}`), minutes: 90, topic: 'Laporan' },
    })
  if (ending === 'completed')
    later.push({
      type: 'CompleteMentorship',
      at: on('2026-03-25T15:00:00'),
      actor: by,
      data: { mentorshipId: id, evaluation: 'Mampu menyusun laporan kegiatan secara mandiri' },
    })
  if (ending === 'ended')
    later.push({
      type: 'EndMentorship',
      at: on('2026-03-25T15:00:00'),
      actor: by,
      data: { mentorshipId: id, reason: 'mutasi tugas' },
    })
  return { propose, accept, later }
}

/**
 * Runs the plans one after another through the real handlers on an in-memory store, each acceptance through
 * `acceptMentorship` (so the mentor's roster reserves or refuses a place) and each closing with the policy that
 * releases its place; returns every event in the store's order, as a projector reads them.
 */
const written = async (
  plans: readonly Plan[],
  config: PolicyConfig = defaultPolicy,
): Promise<readonly ProjectedEvent[]> => {
  const store = inMemoryEventStore()
  const handlers = {
    mentorship: commandHandler({ store, aggregate: mentorships, config }),
    mentor: commandHandler({ store, aggregate: mentorRoster, config }),
  }
  let ids = 0
  const send = async (command: MentorshipCommand): Promise<void> => {
    const result = await handlers.mentorship.handle(command, { commandId: `c-${++ids}` })()
    if (E.isLeft(result)) throw new Error(formatHandleFailure(result.left))
    await driveReactions(result.right, { handlers, policies: mentorCapacityPolicies, config })
  }
  for (const plan of plans) {
    const { propose, accept, later } = commandsOf(plan)
    await send(propose)
    if (accept !== undefined) {
      const accepted = await acceptMentorship(handlers, accept, { commandId: `c-${++ids}` }, config)()
      if (E.isLeft(accepted)) throw new Error(formatHandleFailure(accepted.left))
    }
    for (const command of later) await send(command)
  }
  const events: ProjectedEvent[] = []
  for await (const record of store.readAll()) {
    const event = projectedEventOf(record)
    if (E.isLeft(event)) throw new Error(event.left)
    events.push(event.right)
  }
  return events
}

/** Every mentor's load after the plans. */
const loadsAfter = async (
  plans: readonly Plan[],
  config: PolicyConfig = defaultPolicy,
): Promise<ReadonlyMap<string, MentorLoadDocument>> =>
  foldProjection(mentorLoadProjection, await written(plans, config))

describe('mentor load', () => {
  it('a proposal waits for the mentor’s answer and does not count against the limit', async () => {
    const load = (await loadsAfter([{ id: 'dinkes-001', mentee: sari, ending: 'proposed' }])).get(mentorNip)
    expect(load).toMatchObject({ activeMentorships: 0, placesHeld: 0, proposedMentorships: 1 })
    expect(load?.held).toMatchObject([{ mentorshipId: 'dinkes-001', menteeNip: sari, status: 'proposed' }])
  })

  it('an accepted mentorship holds a place of the mentor’s until it is completed or ended', async () => {
    const running = (
      await loadsAfter([
        { id: 'dinkes-001', mentee: sari },
        { id: 'dinkes-002', mentee: budi, ending: 'completed', sessions: 2 },
        { id: 'dinkes-003', mentee: mentees[2], ending: 'ended' },
      ])
    ).get(mentorNip)
    expect(running).toMatchObject({ activeMentorships: 1, placesHeld: 1, activeMentees: 1, completed: 1, ended: 1 })
    expect(running?.held.map(m => m.mentorshipId)).toEqual(['dinkes-001'])
  })

  it('a declined proposal frees the mentor and is counted as declined', async () => {
    const load = (await loadsAfter([{ id: 'dinkes-001', mentee: sari, ending: 'declined' }])).get(mentorNip)
    expect(load).toMatchObject({ activeMentorships: 0, placesHeld: 0, proposedMentorships: 0, declined: 1, held: [] })
  })

  it('two mentorships with the same mentee count twice against the limit, and once as a mentee', async () => {
    const load = (
      await loadsAfter([
        { id: 'dinkes-001', mentee: sari },
        { id: 'dinkes-002', mentee: sari },
      ])
    ).get(mentorNip)
    expect(load).toMatchObject({ activeMentorships: 2, placesHeld: 2, activeMentees: 1 })
  })

  it('each mentorship shows the sessions logged and their minutes', async () => {
    const load = (await loadsAfter([{ id: 'dinkes-001', mentee: sari, sessions: 3 }])).get(mentorNip)
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

// Five mentorships accepted by one mentor (the default limit), a sixth refused for capacity, one with another mentor.
const five = mentees.slice(0, 5).map((mentee, i) => ({ id: `dinkes-00${i + 1}`, mentee }))
const queried = await loadsAfter([
  ...five,
  { id: 'kecamatan-001', mentee: mentees[5], mentor: otherMentorNip },
  { id: 'dinkes-006', mentee: mentees[5] },
])

describe('mentor load queries', () => {
  const store = storeOf({ [mentorLoadProjection.name]: queried })

  it('a mentor with five active mentorships is at the default limit and may accept no more', async () => {
    const load = await mentorLoad(store, mentorNip, defaultPolicy)
    expect(load).toMatchObject({ activeMentorships: 5, placesHeld: 5, limit: 5, atLimit: true, placesLeft: 0 })
    expect(load.active).toHaveLength(5)
  })

  it('the limit is the agency’s: with seven allowed, the same mentor has two places left', async () => {
    const load = await mentorLoad(store, mentorNip, policyConfig({ maxActiveMentees: 7 }))
    expect(load).toMatchObject({ limit: 7, atLimit: false, placesLeft: 2 })
  })

  it('a sixth acceptance at the limit is refused by the mentor’s roster and shows as proposed again', async () => {
    const load = await mentorLoad(store, mentorNip, defaultPolicy)
    expect(load).toMatchObject({ refusedForCapacity: 1, accepting: [] })
    expect(load.proposed.map(m => m.mentorshipId)).toEqual(['dinkes-006'])
  })

  it('a mentor never proposed holds nothing', async () => {
    const load = await mentorLoad(store, nip('198807072012012005'), defaultPolicy)
    expect(load).toMatchObject({ activeMentorships: 0, placesHeld: 0, atLimit: false, placesLeft: 5, active: [] })
  })

  it('mentors are listed busiest first', async () => {
    expect((await mentorLoadList(store, defaultPolicy)).map(load => [load.mentorNip, load.activeMentorships])).toEqual([
      [mentorNip, 5],
      [otherMentorNip, 1],
    ])
  })
})

describe('mentor load while an acceptance waits for its place', () => {
  it('an acceptance shows as accepting until the roster answers, and its place counts once reserved', async () => {
    const events = await written([{ id: 'dinkes-001', mentee: sari }])
    const types = events.map(({ event }) => event.type)
    expect(types).toEqual([
      'MentorshipProposed',
      'MentorshipAcceptanceRequested',
      'MentorPlaceReserved',
      'MentorshipAccepted',
    ])
    const after = (count: number) => foldProjection(mentorLoadProjection, events.slice(0, count)).get(mentorNip)
    expect(after(2)).toMatchObject({ placesHeld: 0, activeMentorships: 0, held: [{ status: 'accepting' }] })
    expect(after(3)).toMatchObject({ placesHeld: 1, activeMentorships: 0, held: [{ status: 'accepting' }] })
    expect(after(4)).toMatchObject({ placesHeld: 1, activeMentorships: 1, held: [{ status: 'active' }] })
  })

  it('a mentor’s roster alone (read before the proposal, as a projector of rosters only would) still counts places', () => {
    const [reserved] = recorded(mentorRoster.streamName(mentorNip), [
      {
        type: 'MentorPlaceReserved',
        data: {
          at: on('2026-03-03T10:00:00'),
          mentorNip,
          mentorshipId: 'dinkes-001',
          menteeNip: sari,
          request: 1,
          activeAfter: 1,
        },
      },
    ])
    const load = reserved === undefined ? undefined : foldProjection(mentorLoadProjection, [reserved]).get(mentorNip)
    expect(load).toMatchObject({ placesHeld: 1, activeMentorships: 0, held: [] })
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
