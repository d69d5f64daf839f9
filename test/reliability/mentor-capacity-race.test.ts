// Two processes race for a mentor's last place on one SQLite file: in each round the mentor holds one place fewer than
// allowed, and each process accepts a different proposed mentorship at the same moment through `acceptMentorship`.
// Every round, exactly one acceptance wins and the other is refused for capacity (kuota mentor penuh), and the mentor's
// roster holds exactly the maximum; the two acceptances overlapped in time, and every chain verifies.
import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  acceptMentorship,
  commandHandler,
  type EventStore,
  fold,
  formatHandleFailure,
  instant,
  mentorRoster,
  mentorship,
  type MentorshipCommand,
  type Nip,
  nip,
  placesHeld,
  policyConfig,
} from '@pembina/core'
import { sqliteEventStore } from '@pembina/sqlite'
import { startScript } from './script-process.js'
import { auditStore } from './store-audit.js'
import { makeTempDir, type TempDir } from './temp-dir.js'

const rounds = 12
const max = 2
const config = policyConfig({ maxActiveMentees: max })
const mentees = [nip('199203152019032004'), nip('199001012018061003'), nip('199505202020121001')] as const
/** The mentor of round r: appointed December 2001, so senior to every mentee here. */
const mentorOf = (round: number): Nip => nip(`197505122001121${String(round + 1).padStart(3, '0')}`)
const idOf = (round: number, i: number): string => `race-${round}-${i}`

let dir: TempDir
beforeEach(() => {
  dir = makeTempDir('pembina-mentor-capacity-race-')
})
afterEach(() => {
  dir.remove()
})

/** What a worker reports of one acceptance. */
const Report = t.intersection([
  t.type({ mentorshipId: t.string, kind: t.string, startedAt: t.number, endedAt: t.number }),
  t.partial({ reason: t.string }),
])
type Report = t.TypeOf<typeof Report>

/** A worker process: ready once it has opened the file; `accept` resolves with its next report. */
const startWorker = (file: string) => {
  const waiting: ((report: Report) => void)[] = []
  const problems: string[] = []
  let markReady = (): void => undefined
  const ready = new Promise<void>(resolve => {
    markReady = resolve
  })
  const script = startScript('mentor-capacity-worker.ts', [file, String(max)], line => {
    if (line === 'ready') {
      markReady()
      return
    }
    const report = Report.decode(JSON.parse(line))
    if (E.isLeft(report)) problems.push(line)
    else waiting.shift()?.(report.right)
  })
  return {
    ready,
    accept: (mentorNip: Nip, mentorshipId: string): Promise<Report> =>
      new Promise(resolve => {
        waiting.push(resolve)
        script.send(`accept ${mentorNip} ${mentorshipId}`)
      }),
    end: async (): Promise<void> => {
      script.send('end')
      const exit = await script.exited
      if (exit.code !== 0) throw new Error(`a worker ended with ${exit.code ?? exit.signal}: ${exit.stderr}`)
      expect(problems).toEqual([])
    },
  }
}

/** Proposes three mentorships of each round's mentor and accepts the first: the mentor is one place short of full. */
const setUp = async (store: EventStore): Promise<void> => {
  const handlers = {
    mentorship: commandHandler({ store, aggregate: mentorship, config }),
    mentor: commandHandler({ store, aggregate: mentorRoster, config }),
  }
  for (let round = 0; round < rounds; round++) {
    for (const [i, menteeNip] of mentees.entries()) {
      const propose: MentorshipCommand = {
        type: 'ProposeMentorship',
        at: instant('2026-03-02T09:00:00+07:00'),
        actor: { kind: 'asn', nip: menteeNip, roles: ['asn'] },
        data: {
          mentorshipId: idOf(round, i),
          form: 'mentoring',
          mentor: { nip: mentorOf(round) },
          mentee: { nip: menteeNip },
          unit: 'Dinas Kesehatan Kota Medan',
          goals: [{ goalId: 'laporan-kegiatan', description: 'Menyusun laporan kegiatan' }],
          plannedSessions: 2,
        },
      }
      const proposed = await handlers.mentorship.handle(propose, { commandId: `propose-${idOf(round, i)}` })()
      if (E.isLeft(proposed)) throw new Error(formatHandleFailure(proposed.left))
    }
    const first = await acceptMentorship(
      handlers,
      {
        type: 'AcceptMentorship',
        at: instant('2026-03-03T09:00:00+07:00'),
        actor: { kind: 'asn', nip: mentorOf(round), roles: ['asn', 'mentor'] },
        data: { mentorshipId: idOf(round, 0) },
      },
      { commandId: `accept-${idOf(round, 0)}` },
      config,
    )()
    if (E.isLeft(first) || first.right.kind !== 'accepted')
      throw new Error(`round ${round}: the first place was not taken`)
  }
}

const typesIn = async (store: EventStore, stream: string): Promise<readonly string[]> => {
  const types: string[] = []
  for await (const record of store.readStream(stream)) if (record.kind === 'event') types.push(record.type)
  return types
}

describe('two processes accepting mentorships of one mentor at once, on one SQLite file', () => {
  it('race for the last place: exactly one wins, the other is refused, and the mentor holds exactly the maximum', async () => {
    const file = dir.file('pembina.db')
    const setup = sqliteEventStore({ path: file, busyTimeoutMs: 60_000 })
    await setUp(setup)
    await setup.close()

    // One process per contender, each acting for every round's mentor in turn.
    const [a, b] = [startWorker(file), startWorker(file)]
    await Promise.all([a.ready, b.ready])
    const outcomes: { readonly round: number; readonly reports: readonly Report[] }[] = []
    for (let round = 0; round < rounds; round++) {
      // Both lines go out in the same tick: the two acceptances start together.
      const reports = await Promise.all([
        a.accept(mentorOf(round), idOf(round, 1)),
        b.accept(mentorOf(round), idOf(round, 2)),
      ])
      outcomes.push({ round, reports })
    }
    await Promise.all([a.end(), b.end()])

    const store = sqliteEventStore({ path: file, busyTimeoutMs: 60_000 })
    try {
      const roster = mentorRoster.decider(config)
      for (const { round, reports } of outcomes) {
        expect(reports.map(report => report.reason ?? report.kind).sort(), `round ${round}`).toEqual([
          'accepted',
          'refused',
        ])
        const types = [
          ...(await typesIn(store, mentorship.streamName(idOf(round, 1)))),
          ...(await typesIn(store, mentorship.streamName(idOf(round, 2)))),
        ]
        expect(
          types.filter(type => type === 'MentorshipAccepted'),
          `round ${round}`,
        ).toHaveLength(1)
        expect(
          types.filter(type => type === 'MentorshipAcceptanceRefused'),
          `round ${round}`,
        ).toHaveLength(1)
        const places: Parameters<typeof roster.evolve>[1][] = []
        for await (const record of store.readStream(mentorRoster.streamName(mentorOf(round))))
          if (record.kind === 'event') {
            const event = mentorRoster.events.decode({ type: record.type, data: record.data, schemaVersion: 1 })
            if (E.isRight(event)) places.push(event.right)
          }
        expect(
          places.map(event => event.type),
          `round ${round}`,
        ).toEqual(['MentorPlaceReserved', 'MentorPlaceReserved', 'MentorPlaceRefused'])
        expect(placesHeld(fold(roster, places)), `round ${round}`).toBe(max)
      }
      // The two acceptances of a round ran at the same time, not one after the other (most rounds on a quiet machine;
      // at least one however loaded it is).
      const overlapping = outcomes.filter(({ reports: [x, y] }) =>
        x !== undefined && y !== undefined ? x.startedAt < y.endedAt && y.startedAt < x.endedAt : false,
      )
      expect(overlapping.length).toBeGreaterThan(0)
      const audit = await auditStore(store)
      expect(audit.unreadable).toEqual([])
      expect(audit.brokenChains).toEqual([])
      expect(audit.duplicateEventIds).toEqual([])
    } finally {
      await store.close()
    }
  }, 120_000)
})
