// The mentor capacity through the reactor: a mentor's acceptance answered by the reactor alone, the same acceptance
// answered at once by `acceptMentorship` and then met by a reactor that writes nothing again, a reactor given only the
// competency handler running only the credits and recommendations, and a policy without its handler refused at start.
import * as E from 'fp-ts/lib/Either.js'
import { afterEach, describe, expect, it } from 'vitest'
import {
  acceptMentorship,
  type Actor,
  type EventStore,
  formatHandleFailure,
  inMemoryEventStore,
  instant,
  mentorCapacityPolicies,
  mentorRoster,
  mentorship,
  type MentorshipCommand,
  nip,
  policyConfig,
  reactionCommandIdOf,
  standardPolicies,
} from '@pembina/core'
import {
  inMemoryReadModelStore,
  type Reactor,
  type ReactorHandlers,
  retryParked,
  startReactor,
} from '@pembina/projections'
import { reactorHandlers } from './fixtures.js'

const running: Reactor[] = []
afterEach(async () => {
  await Promise.all(running.splice(0).map(reactor => reactor.stop()))
})

const config = policyConfig({ maxActiveMentees: 1 })
const mentorNip = nip('197505122001121002')
const mentees = [nip('199203152019032004'), nip('199001012018061003')] as const
const mentor: Actor = { kind: 'asn', nip: mentorNip, roles: ['asn', 'mentor'] }
const at = instant('2026-03-03T10:00:00+07:00')

/** The handlers over one store, under a mentor limit of one. */
const handlersOf = (store: EventStore) => {
  const { competency, mentorship: mentorships, mentor: rosters } = reactorHandlers(store, config)
  return { competency, mentorship: mentorships, mentor: rosters }
}

const propose = (mentorshipId: string, i: number): MentorshipCommand => ({
  type: 'ProposeMentorship',
  at: instant('2026-03-02T09:00:00+07:00'),
  actor: { kind: 'asn', nip: mentees[i] ?? mentees[0], roles: ['asn'] },
  data: {
    mentorshipId,
    form: 'mentoring',
    mentor: { nip: mentorNip },
    mentee: { nip: mentees[i] ?? mentees[0] },
    unit: 'Dinas Kesehatan Kota Medan',
    goals: [{ goalId: 'laporan-kegiatan', description: 'Menyusun laporan kegiatan' }],
    plannedSessions: 2,
  },
})
const accept = (mentorshipId: string) =>
  ({ type: 'AcceptMentorship', at, actor: mentor, data: { mentorshipId } }) as const

const send = async (store: EventStore, command: MentorshipCommand, commandId: string): Promise<void> => {
  const result = await handlersOf(store).mentorship.handle(command, { commandId })()
  if (E.isLeft(result)) throw new Error(formatHandleFailure(result.left))
}

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

describe('the mentor capacity through the reactor', () => {
  it('a reactor with mentorship and mentor handlers answers acceptances by itself: one place, one accepted, one refused', async () => {
    const store = inMemoryEventStore()
    await send(store, propose('m-1', 0), 'propose-1')
    await send(store, propose('m-2', 1), 'propose-2')
    await send(store, accept('m-1'), 'accept-1')
    await send(store, accept('m-2'), 'accept-2')
    const reactor = startReactor({
      store,
      checkpoints: inMemoryReadModelStore(),
      handlers: handlersOf(store),
      config,
      batchDelayMs: 1,
    })
    running.push(reactor)
    await expect
      .poll(() => typesIn(store, mentorship.streamName('m-2')), { timeout: 5_000 })
      .toContain('MentorshipAcceptanceRefused')
    await expect
      .poll(() => typesIn(store, mentorship.streamName('m-1')), { timeout: 5_000 })
      .toContain('MentorshipAccepted')
    expect(await typesIn(store, mentorRoster.streamName(mentorNip))).toEqual([
      'MentorPlaceReserved',
      'MentorPlaceRefused',
    ])
    expect(reactor.policies).toEqual(standardPolicies.map(policy => policy.name))
  })

  it('an acceptance answered at once by acceptMentorship leaves the reactor nothing to write: the same ids, the first outcomes', async () => {
    const store = inMemoryEventStore()
    await send(store, propose('m-1', 0), 'propose-1')
    await send(store, propose('m-2', 1), 'propose-2')
    const handlers = handlersOf(store)
    const first = await acceptMentorship(handlers, accept('m-1'), { commandId: 'accept-1' }, config)()
    const second = await acceptMentorship(handlers, accept('m-2'), { commandId: 'accept-2' }, config)()
    expect([E.isRight(first) && first.right.kind, E.isRight(second) && second.right.kind]).toEqual([
      'accepted',
      'refused',
    ])
    const before = await recordsIn(store)
    const outcomes: { readonly commandId: string; readonly written: boolean }[] = []
    const watched: ReactorHandlers = {
      ...handlers,
      mentorship: {
        handle: (command, context) => async () => {
          const result = await handlers.mentorship.handle(command, context)()
          if (E.isRight(result)) outcomes.push({ commandId: context.commandId, written: result.right.written })
          return result
        },
      },
      mentor: {
        handle: (command, context) => async () => {
          const result = await handlers.mentor.handle(command, context)()
          if (E.isRight(result)) outcomes.push({ commandId: context.commandId, written: result.right.written })
          return result
        },
      },
    }
    const status = await startReactor({
      store,
      checkpoints: inMemoryReadModelStore(),
      handlers: watched,
      config,
      live: false,
    }).done
    expect(status).toMatchObject({ sent: 4, parked: 0 })
    expect(await recordsIn(store)).toBe(before)
    expect(outcomes).toHaveLength(4)
    expect(outcomes.every(outcome => !outcome.written)).toBe(true)
    // The ids the reactor sent are those acceptMentorship sent.
    const sentBefore = [first, second].flatMap(result =>
      E.isRight(result) ? result.right.steps.map(step => step.commandId) : [],
    )
    expect(outcomes.map(outcome => outcome.commandId).sort()).toEqual([...sentBefore].sort())
    const [requested] = E.isRight(first) ? first.right.acceptance.events : []
    expect(sentBefore).toContain(reactionCommandIdOf(requested?.metadata.eventId ?? '', 'reserve-mentor-place', 0))
  })

  it('a reactor given only the competency handler runs the credits and recommendations, and leaves acceptances waiting', async () => {
    const store = inMemoryEventStore()
    await send(store, propose('m-1', 0), 'propose-1')
    await send(store, accept('m-1'), 'accept-1')
    const reactor = startReactor({
      store,
      checkpoints: inMemoryReadModelStore(),
      handlers: { competency: handlersOf(store).competency },
      config,
      live: false,
    })
    expect(reactor.policies).toEqual(
      standardPolicies
        .filter(policy => policy.targets.every(target => target === 'competency'))
        .map(policy => policy.name),
    )
    expect(reactor.policies).toContain('credit-mentoring')
    for (const policy of mentorCapacityPolicies) expect(reactor.policies).not.toContain(policy.name)
    expect(await reactor.done).toMatchObject({ sent: 0, parked: 0 })
    expect(await typesIn(store, mentorship.streamName('m-1'))).toEqual([
      'MentorshipProposed',
      'MentorshipAcceptanceRequested',
    ])
  })

  it('refuses to start, naming the policy and the handler, when a policy it is given has no handler for its aggregate', () => {
    const store = inMemoryEventStore()
    const start = () =>
      startReactor({
        store,
        checkpoints: inMemoryReadModelStore(),
        handlers: { competency: handlersOf(store).competency },
        config,
        policies: standardPolicies,
      })
    expect(start).toThrow(
      'reactor policies: policy reserve-mentor-place sends commands to the mentor aggregate, and no mentor handler was given (handlers.mentor)',
    )
    expect(() => startReactor({ store, checkpoints: inMemoryReadModelStore(), handlers: {}, config })).toThrow(
      /no handler was given/,
    )
  })

  it('a retry of parked commands for an aggregate without a handler is refused before anything is sent', async () => {
    const store = inMemoryEventStore()
    const checkpoints = inMemoryReadModelStore()
    await send(store, propose('m-1', 0), 'propose-1')
    await send(store, accept('m-1'), 'accept-1')
    // The roster refuses every reservation (a handler whose decider says no): the reservation is parked.
    const refusing: ReactorHandlers = {
      ...handlersOf(store),
      mentor: {
        handle: command => () =>
          Promise.resolve(
            E.left({
              kind: 'rejected' as const,
              streamName: mentorRoster.streamOf(command),
              rejection: { code: 'actor-not-allowed', message: 'no', term: 'tidak berwenang' },
            }),
          ),
      },
    }
    expect(await startReactor({ store, checkpoints, handlers: refusing, config, live: false }).done).toMatchObject({
      parked: 1,
    })
    await expect(
      retryParked({ store, checkpoints, handlers: { competency: handlersOf(store).competency }, config }),
    ).rejects.toThrow(
      'reactor policies: parked commands for the mentor aggregate need a mentor handler (handlers.mentor)',
    )
    const retried = await retryParked({ store, checkpoints, handlers: handlersOf(store), config })
    expect(retried).toEqual({ retried: 1, cleared: 1, stillParked: [] })
    await expect.poll(() => typesIn(store, mentorRoster.streamName(mentorNip))).toEqual(['MentorPlaceReserved'])
  })
})
