// Every consumer of the policy built from one configuration agrees with every other: the decider's timer, core's
// deadline and eligibility rules, and the read models' queries, on a month full of holidays (March 2026: Nyepi and
// Idul Fitri with the joint leave around them).
import {
  type Actor,
  commandHandler,
  competency,
  type CompetencyCommand,
  complaint,
  type ComplaintCommand,
  type DomainEvent,
  fold,
  incentiveEligibility as coreEligibility,
  inMemoryEventStore,
  type Instant,
  instant,
  jpToMinutes,
  localDate,
  nextDeadlines,
  nip,
  policyConfig,
} from '@pembina/core'
import {
  complaintBoard,
  complaintBoardProjection,
  complaintOnBoard,
  incentiveEligibility,
  inMemoryReadModelStore,
  learningHours,
  learningHoursProjection,
  startProjector,
} from '@pembina/projections'
import { competencyOfficials } from '@pembina/testkit'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'

// The agency's calendar for March 2026: the joint leave (18, 20, 23, 24) around Nyepi (19) and Idul Fitri (21, a
// Saturday). Its minimum is 24 JP for everyone, from three distinct activities.
const config = policyConfig({
  holidays: ['2026-03-18', '2026-03-19', '2026-03-20', '2026-03-23', '2026-03-24'].map(localDate),
  annualMinimumJp: { PNS: 24, PPPK: 24 },
  minActivities: 3,
})

const unit = 'Puskesmas Belawan'
const complaintId = 'c-2026-00310'
const desk: Actor = { kind: 'asn', nip: nip('196608011988031001'), roles: ['asn', 'admin-pengaduan'] }
const officerNip = nip('197505122001121002')
const citizen: Actor = { kind: 'citizen', subjectId: 'warga-0310' }
const timer: Actor = { kind: 'system', process: 'complaint-deadlines' }
const wib = (text: string): Instant => instant(`${text}+07:00`)
const sealed = { subjectId: 'warga-0310', keyId: 'k-1', algorithm: 'AES-256-GCM', ciphertext: 'A'.repeat(40) } as const

const complaintCommands = (): Record<'file' | 'verify' | 'dispose', ComplaintCommand> => ({
  file: {
    type: 'FileComplaint',
    at: wib('2026-03-09T10:00:00'),
    actor: citizen,
    data: {
      complaintId,
      trackingId: 'BLW-2026-000310',
      unit,
      category: 'pengaduan',
      description: sealed,
      serviceDate: localDate('2026-03-06'),
      channel: 'web',
      anonymous: false,
      confidential: false,
      complainant: sealed,
    },
  },
  verify: { type: 'VerifyComplaint', at: wib('2026-03-10T09:00:00'), actor: desk, data: { complaintId } },
  dispose: {
    type: 'DisposeComplaint',
    at: wib('2026-03-11T09:00:00'),
    actor: desk,
    data: { complaintId, unit, officerNip },
  },
})
const checkDeadlines = (at: Instant): ComplaintCommand => ({
  type: 'CheckDeadlines',
  at,
  actor: timer,
  data: { complaintId },
})

/** Runs commands through the command handler built from the configuration, failing on any refusal. */
const handled = async <Command extends { readonly type: string }, Event extends DomainEvent>(
  handle: (
    command: Command,
    context: { readonly commandId: string },
  ) => () => Promise<E.Either<unknown, { readonly events: readonly { readonly event: Event }[] }>>,
  commands: readonly Command[],
): Promise<readonly Event[]> => {
  const events: Event[] = []
  for (const [index, command] of commands.entries()) {
    const outcome = await handle(command, { commandId: `${command.type}-${index}-${String(events.length)}` })()
    if (E.isLeft(outcome)) throw new Error(`${command.type} failed: ${JSON.stringify(outcome.left)}`)
    events.push(...outcome.right.events.map(written => written.event))
  }
  return events
}

describe('one configuration, every consumer', () => {
  it('the board, core and the timer agree on a follow-up deadline that the holidays push from 18 to 25 March', async () => {
    const store = inMemoryEventStore()
    const readModels = inMemoryReadModelStore()
    const { handle } = commandHandler({ store, aggregate: complaint, config })
    const { file, verify, dispose } = complaintCommands()
    const history = await handled(handle, [file, verify, dispose])

    // Disposed on Wednesday 11 March: five working days are 12, 13, 16, 17 and (past the holidays) 25 March.
    const dueAt = wib('2026-03-25T23:59:59.999')
    const state = fold(complaint.decider(config), history)
    expect(nextDeadlines(state, config).find(deadline => deadline.stage === 'follow-up')?.dueAt).toBe(dueAt)

    await catchUp(store, readModels)
    const onHoliday = await complaintOnBoard(readModels, complaintId, wib('2026-03-19T12:00:00'), config)
    expect(onHoliday?.next).toMatchObject({ stage: 'follow-up', dueAt, workingDaysLeft: 1, overdue: false })

    // The timer records nothing at the last instant of the deadline, and the miss from the instant after it.
    expect(await handled(handle, [checkDeadlines(dueAt)])).toEqual([])
    const missed = await handled(handle, [checkDeadlines(wib('2026-03-26T00:00:00'))])
    expect(missed.map(event => event.type === 'DeadlineMissed' && [event.data.stage, event.data.dueAt])).toEqual([
      ['follow-up', dueAt],
    ])

    await catchUp(store, readModels)
    const board = await complaintBoard(readModels, unit, wib('2026-03-26T12:00:00'), config)
    expect(board.breaches).toMatchObject({ total: 1, byStage: { 'follow-up': 1 } })
    expect(board.open[0]?.breaches.map(breach => breach.dueAt)).toEqual([dueAt])
  })

  it('learning hours, the incentive read model and core give the same answer against the configured minimum', async () => {
    const store = inMemoryEventStore()
    const readModels = inMemoryReadModelStore()
    const { pyb, atasan, system } = competencyOfficials
    const rudi = nip('198507122010011002')
    const at = wib('2026-03-27T09:00:00')
    const credit = (reportId: string, jp: number, actor: Actor): CompetencyCommand => ({
      type: 'CreditLearning',
      at,
      actor,
      data: {
        nip: rudi,
        source: actor === system ? { kind: 'training', offeringId: reportId } : { kind: 'self-reported', reportId },
        minutes: jpToMinutes(jp),
        form: actor === system ? 'pelatihan-teknis' : 'e-learning',
        completedOn: localDate('2026-03-25'),
        title: `Belajar ${reportId}`,
        ...(actor === system ? { competency: { type: 'teknis', code: 'T.KES.07' } } : {}),
      },
    })
    const register: CompetencyCommand = {
      type: 'RegisterProfile',
      at: wib('2026-01-05T08:00:00'),
      actor: pyb,
      data: { nip: rudi, employeeType: 'PNS', unit, position: { kind: 'pelaksana' }, positionTitle: 'Pengelola Obat' },
    }
    const handler = commandHandler({ store, aggregate: competency, config })
    // 22 JP from three activities: enough for the default 20 JP, short of this agency's 24 JP.
    const history = await handled(handler.handle, [
      register,
      credit('OFF-0310', 12, system),
      credit('R-1', 6, atasan),
      credit('R-2', 4, atasan),
    ])

    await catchUp(store, readModels)
    const hours = await learningHours(readModels, rudi, 2026, config)
    expect(hours).toMatchObject({ minimumMinutes: jpToMinutes(24), meetsMinimum: false })
    const core = coreEligibility(fold(competency.decider(config), history), 2026, config)
    const projected = await incentiveEligibility(readModels, rudi, 2026, config)
    expect(core).toMatchObject({ eligible: false, minimumMinutes: jpToMinutes(24), minActivities: 3, activities: 3 })
    expect(projected).toMatchObject(core)
    expect(hours?.creditedMinutes).toBe(core.creditedMinutes)
  })
})

/** Brings the learning-hours and complaint-board read models up to every stored event. */
const catchUp = async (
  events: ReturnType<typeof inMemoryEventStore>,
  readModels: ReturnType<typeof inMemoryReadModelStore>,
): Promise<void> => {
  await startProjector({ events, readModels, projection: learningHoursProjection, live: false }).done
  await startProjector({ events, readModels, projection: complaintBoardProjection, live: false }).done
}
