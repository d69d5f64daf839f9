import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  type Actor,
  type AcceptMentorship,
  commandHandler,
  type EventStore,
  formatHandleFailure,
  inMemoryEventStore,
  instant,
  type MentorshipCommand,
  mentorCapacityPolicies,
  mentorRoster,
  mentorship,
  nip,
  type PolicyConfig,
  policyConfig,
  reactionCommandIdOf,
} from '../index.js'
import { acceptMentorship, type MentorshipAcceptance } from './accept-mentorship.js'
import { driveReactions } from './drive-reactions.js'

// A senior ASN at Dinas Kesehatan whose agency lets a mentor hold one mentorship at a time (in these tests).
const config = policyConfig({ maxActiveMentees: 1 })
const mentorNip = nip('197505122001121002')
const mentees = [nip('199203152019032004'), nip('199001012018061003')] as const
const mentor: Actor = { kind: 'asn', nip: mentorNip, roles: ['asn', 'mentor'] }
const at = instant('2026-03-03T10:00:00+07:00')

const setUp = async (ids: readonly string[], settings: PolicyConfig = config) => {
  const store = inMemoryEventStore()
  const handlers = {
    mentorship: commandHandler({ store, aggregate: mentorship, config: settings }),
    mentor: commandHandler({ store, aggregate: mentorRoster, config: settings }),
  }
  let sent = 0
  const send = async (command: MentorshipCommand): Promise<void> => {
    const result = await handlers.mentorship.handle(command, { commandId: `setup-${++sent}` })()
    if (E.isLeft(result)) throw new Error(formatHandleFailure(result.left))
    await driveReactions(result.right, { handlers, policies: mentorCapacityPolicies, config: settings })
  }
  for (const [i, mentorshipId] of ids.entries())
    await send({
      type: 'ProposeMentorship',
      at: instant('2026-03-02T09:00:00+07:00'),
      actor: { kind: 'asn', nip: mentees[i % 2] ?? mentees[0], roles: ['asn'] },
      data: {
        mentorshipId,
        form: 'mentoring',
        mentor: { nip: mentorNip },
        mentee: { nip: mentees[i % 2] ?? mentees[0] },
        unit: 'Dinas Kesehatan Kota Medan',
        goals: [{ goalId: 'laporan-kegiatan', description: 'Menyusun laporan kegiatan' }],
        plannedSessions: 2,
      },
    })
  return { store, handlers, send }
}

const accept = (mentorshipId: string, actor: Actor = mentor): AcceptMentorship => ({
  type: 'AcceptMentorship',
  at,
  actor,
  data: { mentorshipId },
})

const typesIn = async (store: EventStore, stream: string): Promise<readonly string[]> => {
  const types: string[] = []
  for await (const record of store.readStream(stream)) if (record.kind === 'event') types.push(record.type)
  return types
}

const recordsIn = async (store: EventStore): Promise<number> => {
  let count = 0
  for await (const record of store.readAll()) if (record.kind === 'event') count++
  return count
}

const outcome = (result: E.Either<unknown, MentorshipAcceptance>): MentorshipAcceptance => {
  if (E.isLeft(result)) throw new Error(`the acceptance failed: ${JSON.stringify(result.left)}`)
  return result.right
}

describe('accepting a mentorship at once (acceptMentorship)', () => {
  it("the mentor's acceptance is answered at once: a place of the mentor's is reserved and the mentorship is active", async () => {
    const { store, handlers } = await setUp(['m-1'])
    const done = outcome(await acceptMentorship(handlers, accept('m-1'), { commandId: 'accept-1' }, config)())
    expect(done.kind).toBe('accepted')
    expect(await typesIn(store, mentorship.streamName('m-1'))).toEqual([
      'MentorshipProposed',
      'MentorshipAcceptanceRequested',
      'MentorshipAccepted',
    ])
    expect(await typesIn(store, mentorRoster.streamName(mentorNip))).toEqual(['MentorPlaceReserved'])
  })

  it('sends each follow-up under the id, correlation and causation a reactor derives for it', async () => {
    const { handlers } = await setUp(['m-1'])
    const done = outcome(await acceptMentorship(handlers, accept('m-1'), { commandId: 'accept-1' }, config)())
    const [requested] = done.acceptance.events
    const [reserve, confirm] = done.steps
    if (requested === undefined || reserve === undefined || confirm === undefined) throw new Error('missing steps')
    expect(reserve).toMatchObject({
      policy: 'reserve-mentor-place',
      commandId: reactionCommandIdOf(requested.metadata.eventId, 'reserve-mentor-place', 0),
      causationId: requested.metadata.eventId,
    })
    const reserved = E.isRight(reserve.outcome) ? reserve.outcome.right.events[0] : undefined
    expect(reserved?.metadata).toMatchObject({
      commandId: reserve.commandId,
      causationId: requested.metadata.eventId,
      correlationId: 'accept-1',
      actor: { kind: 'system', process: 'policy:mentor-capacity' },
    })
    expect(confirm.commandId).toBe(reactionCommandIdOf(reserved?.metadata.eventId ?? '', 'confirm-mentorship', 0))
    expect(done.steps).toHaveLength(2)
  })

  it("an acceptance while the mentor's places are all held is refused at once: kuota mentor penuh, proposed again", async () => {
    const { store, handlers } = await setUp(['m-1', 'm-2'])
    outcome(await acceptMentorship(handlers, accept('m-1'), { commandId: 'accept-1' }, config)())
    const refused = outcome(await acceptMentorship(handlers, accept('m-2'), { commandId: 'accept-2' }, config)())
    expect(refused).toMatchObject({
      kind: 'refused',
      rejection: {
        code: 'mentor-at-capacity',
        message: 'A mentor may hold at most 1 active mentorships',
        term: 'kuota mentor penuh',
      },
      activeMentorships: 1,
      maxActiveMentees: 1,
    })
    expect(await typesIn(store, mentorship.streamName('m-2'))).toEqual([
      'MentorshipProposed',
      'MentorshipAcceptanceRequested',
      'MentorshipAcceptanceRefused',
    ])
    expect(await typesIn(store, mentorRoster.streamName(mentorNip))).toEqual([
      'MentorPlaceReserved',
      'MentorPlaceRefused',
    ])
  })

  it('a place freed when a mentorship ends can be taken by the mentor accepting again', async () => {
    const { store, handlers, send } = await setUp(['m-1', 'm-2'])
    outcome(await acceptMentorship(handlers, accept('m-1'), { commandId: 'accept-1' }, config)())
    expect(outcome(await acceptMentorship(handlers, accept('m-2'), { commandId: 'accept-2' }, config)()).kind).toBe(
      'refused',
    )
    await send({ type: 'EndMentorship', at, actor: mentor, data: { mentorshipId: 'm-1', reason: 'Mutasi' } })
    const again = outcome(await acceptMentorship(handlers, accept('m-2'), { commandId: 'accept-3' }, config)())
    expect(again.kind).toBe('accepted')
    expect(await typesIn(store, mentorRoster.streamName(mentorNip))).toEqual([
      'MentorPlaceReserved',
      'MentorPlaceRefused',
      'MentorPlaceReleased',
      'MentorPlaceReserved',
    ])
  })

  it('the same command id again gives the same outcome and writes nothing', async () => {
    const { store, handlers } = await setUp(['m-1', 'm-2'])
    const first = outcome(await acceptMentorship(handlers, accept('m-1'), { commandId: 'accept-1' }, config)())
    const refusal = outcome(await acceptMentorship(handlers, accept('m-2'), { commandId: 'accept-2' }, config)())
    const before = await recordsIn(store)
    const again = outcome(await acceptMentorship(handlers, accept('m-1'), { commandId: 'accept-1' }, config)())
    const refusedAgain = outcome(await acceptMentorship(handlers, accept('m-2'), { commandId: 'accept-2' }, config)())
    expect([again.kind, refusedAgain.kind]).toEqual([first.kind, refusal.kind])
    expect(
      [again, refusedAgain].flatMap(each =>
        each.steps.map(step => E.isRight(step.outcome) && step.outcome.right.written),
      ),
    ).toEqual([false, false, false, false])
    expect(await recordsIn(store)).toBe(before)
  })

  it('an acceptance already asked for under another command id is pending for this call: nothing decided again', async () => {
    const { handlers } = await setUp(['m-1'])
    outcome(await acceptMentorship(handlers, accept('m-1'), { commandId: 'accept-1' }, config)())
    const later = outcome(await acceptMentorship(handlers, accept('m-1'), { commandId: 'accept-9' }, config)())
    expect(later).toMatchObject({ kind: 'pending', steps: [] })
  })

  it('an acceptance its decider refuses fails and writes nothing', async () => {
    const { store, handlers } = await setUp(['m-1'])
    const byMentee: Actor = { kind: 'asn', nip: mentees[0], roles: ['asn'] }
    const result = await acceptMentorship(handlers, accept('m-1', byMentee), { commandId: 'accept-1' }, config)()
    expect(result).toMatchObject({ _tag: 'Left', left: { kind: 'rejected', rejection: { code: 'actor-not-allowed' } } })
    expect(await typesIn(store, mentorship.streamName('m-1'))).toEqual(['MentorshipProposed'])
  })

  it('a step that fails leaves the acceptance pending with the failure, for a reactor to finish', async () => {
    const { handlers } = await setUp(['m-1'])
    const down = {
      ...handlers,
      mentor: {
        handle: () => () =>
          Promise.resolve(
            E.left({ kind: 'unavailable' as const, streamName: 'mentor-x', message: 'the disk is busy' }),
          ),
      },
    }
    const result = outcome(await acceptMentorship(down, accept('m-1'), { commandId: 'accept-1' }, config)())
    expect(result).toMatchObject({ kind: 'pending', failure: { kind: 'unavailable', message: 'the disk is busy' } })
  })
})
