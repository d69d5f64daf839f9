// The personnel registry as the command handlers use it: units and ASN records written as events, and the rules that
// depend on who someone is (the direct atasan at the command's instant) decided against that history, never against
// what a command or the actor's claimed roles say.
import * as E from 'fp-ts/lib/Either.js'
import {
  type Actor,
  commandHandler,
  competency,
  type CompetencyCommand,
  defaultPolicy,
  enrollment,
  type EnrollmentCommand,
  type HandleFailure,
  mentorship,
  type MentorshipCommand,
  inMemoryEventStore,
  instant,
  localDate,
  nip,
  organisation,
  type OrganisationCommand,
  personnel,
  type PersonnelCommand,
  type Rejection,
  storeDirectory,
} from '@pembina/core'
import { asnActor } from '@pembina/testkit'
import { describe, expect, it } from 'vitest'

const kepala = nip('196608011988031001')
const plt = nip('198203042006041002')
const sari = nip('199203152019032004')
const pybNip = nip('197001011995031001')
const pyb = asnActor(pybNip, 'asn', 'pyb')
const on = (text: string) => instant(`${text}+07:00`)

const setup = () => {
  const store = inMemoryEventStore()
  const directory = storeDirectory(store)
  const config = defaultPolicy
  const handlers = {
    unit: commandHandler({ store, aggregate: organisation, config, directory }),
    asn: commandHandler({ store, aggregate: personnel, config, directory }),
    enrollment: commandHandler({ store, aggregate: enrollment, config, directory }),
    competency: commandHandler({ store, aggregate: competency, config, directory }),
    mentorship: commandHandler({ store, aggregate: mentorship, config, directory }),
  }
  let id = 0
  const context = () => ({ commandId: `cmd-${++id}` })
  return {
    store,
    unit: (command: OrganisationCommand) => handlers.unit.handle(command, context())(),
    asn: (command: PersonnelCommand) => handlers.asn.handle(command, context())(),
    enrollment: (command: EnrollmentCommand) => handlers.enrollment.handle(command, context())(),
    competency: (command: CompetencyCommand) => handlers.competency.handle(command, context())(),
    mentorship: (command: MentorshipCommand) => handlers.mentorship.handle(command, context())(),
  }
}

const rejectionOf = <R, A>(outcome: E.Either<HandleFailure<R>, A>): R | undefined =>
  E.isLeft(outcome) && outcome.left.kind === 'rejected' ? outcome.left.rejection : undefined

const expectAccepted = <R, A>(outcome: E.Either<HandleFailure<R>, A>): void => {
  expect(E.isRight(outcome) ? 'accepted' : outcome.left).toBe('accepted')
}

/** Dinas Kesehatan and Puskesmas Belawan under it; the head, an acting head (Plt.) and a nurse. */
const seed = async (app: ReturnType<typeof setup>) => {
  expectAccepted(
    await app.unit({
      type: 'EstablishUnit',
      at: on('2026-01-02T08:00:00'),
      actor: pyb,
      data: { unitId: 'dinas-kesehatan', name: 'Dinas Kesehatan Kota Medan', effectiveOn: localDate('2000-01-01') },
    }),
  )
  expectAccepted(
    await app.unit({
      type: 'EstablishUnit',
      at: on('2026-01-02T08:05:00'),
      actor: pyb,
      data: {
        unitId: 'puskesmas-belawan',
        name: 'Puskesmas Belawan',
        parentUnitId: 'dinas-kesehatan',
        effectiveOn: localDate('2000-01-01'),
      },
    }),
  )
  for (const [positionId, title] of [
    ['kepala', 'Kepala Puskesmas'],
    ['perawat', 'Perawat Terampil'],
  ] as const)
    expectAccepted(
      await app.unit({
        type: 'AddPosition',
        at: on('2026-01-02T08:10:00'),
        actor: pyb,
        data: {
          unitId: 'puskesmas-belawan',
          positionId,
          title,
          positionType:
            positionId === 'kepala'
              ? { kind: 'manajerial', level: 'pengawas' }
              : { kind: 'fungsional-keterampilan', level: 'terampil' },
        },
      }),
    )
  const appoint = (who: typeof kepala, positionId: string, atasanNip?: typeof kepala) =>
    app.asn({
      type: 'AppointAsn',
      at: on('2026-01-05T09:00:00'),
      actor: pyb,
      data: {
        nip: who,
        employeeType: 'PNS',
        rank: 'III/c',
        unitId: 'puskesmas-belawan',
        positionId,
        effectiveOn: localDate('2020-01-01'),
        ...(atasanNip === undefined ? {} : { atasanNip }),
      },
    })
  expectAccepted(await appoint(kepala, 'kepala'))
  expectAccepted(await appoint(plt, 'perawat', kepala))
  expectAccepted(await appoint(sari, 'perawat', kepala))
  expectAccepted(
    await app.enrollment({
      type: 'OpenOffering',
      at: on('2026-02-02T09:00:00'),
      actor: asnActor(nip('197505052000031004'), 'admin-pelatihan'),
      data: {
        offeringId: 'pmwp-2026-ii',
        title: 'Pelatihan Manajemen Waktu dan Produktivitas, Angkatan II 2026',
        provider: 'BKPSDM Kota Medan',
        venue: 'Aula BKPSDM Kota Medan',
        form: 'pelatihan-manajerial',
        competency: { type: 'manajerial', code: 'M.04' },
        jp: 24,
        capacity: 10,
        schedule: { start: localDate('2026-03-02'), end: localDate('2026-03-06') },
      },
    }),
  )
}

const request = (actor: Actor, atasanNip = kepala): EnrollmentCommand => ({
  type: 'RequestPlace',
  at: on('2026-02-10T10:00:00'),
  actor,
  data: { offeringId: 'pmwp-2026-ii', nip: sari, atasanNip },
})
const approve = (actor: Actor, at = '2026-02-20T10:00:00'): EnrollmentCommand => ({
  type: 'ApprovePlace',
  at: on(at),
  actor,
  data: { offeringId: 'pmwp-2026-ii', nip: sari },
})

/** Sari requests a place; the head goes on leave and from 15 February the Plt. is her direct atasan (written on the 16th). */
const requestThenChangeAtasan = async (app: ReturnType<typeof setup>): Promise<void> => {
  expectAccepted(await app.enrollment(request(asnActor(sari, 'asn'))))
  expectAccepted(
    await app.asn({
      type: 'AssignAtasan',
      at: on('2026-02-16T08:00:00'),
      actor: pyb,
      data: { nip: sari, atasanNip: plt, effectiveOn: localDate('2026-02-15') },
    }),
  )
}

describe('the direct atasan, from the registry', () => {
  it('a place names the atasan the record names; another one is refused as "bukan atasan langsung"', async () => {
    const app = setup()
    await seed(app)
    const wrong = rejectionOf(await app.enrollment(request(asnActor(sari, 'asn'), plt)))
    expect(wrong).toMatchObject({ code: 'not-direct-atasan', term: 'bukan atasan langsung' })
    expectAccepted(await app.enrollment(request(asnActor(sari, 'asn'))))
  })

  it('only the direct atasan at the instant of approval approves: after a change of atasan, the new one', async () => {
    const app = setup()
    await seed(app)
    await requestThenChangeAtasan(app)
    const byFormer: Rejection | undefined = rejectionOf(
      await app.enrollment(approve(asnActor(kepala, 'asn', 'atasan'))),
    )
    expect(byFormer).toMatchObject({ code: 'not-direct-atasan', term: 'bukan atasan langsung' })
    expect(byFormer?.message).toContain(plt)
    // A claimed role does not make anyone an atasan.
    const claimed = rejectionOf(await app.enrollment(approve(asnActor(pybNip, 'asn', 'atasan'))))
    expect(claimed).toMatchObject({ code: 'not-direct-atasan' })
    const approved = await app.enrollment(approve(asnActor(plt, 'asn')))
    expectAccepted(approved)
    if (E.isRight(approved)) expect(approved.right.events[0]?.event.data).toMatchObject({ atasanNip: plt })
  })

  it('an approval dated before the change was written is checked against the record as it stood then', async () => {
    const app = setup()
    await seed(app)
    await requestThenChangeAtasan(app)
    // Issued on the 15th, before the change was known: the head was still the atasan of record.
    expectAccepted(await app.enrollment(approve(asnActor(kepala, 'asn'), '2026-02-15T10:00:00')))
  })

  it('an ASN not in the registry cannot request a place', async () => {
    const app = setup()
    await seed(app)
    const stranger = nip('199001012015032003')
    const refused = rejectionOf(
      await app.enrollment({
        type: 'RequestPlace',
        at: on('2026-02-10T10:00:00'),
        actor: asnActor(stranger, 'asn'),
        data: { offeringId: 'pmwp-2026-ii', nip: stranger, atasanNip: kepala },
      }),
    )
    expect(refused).toMatchObject({ code: 'asn-not-registered', term: 'ASN belum terdaftar' })
  })

  it('only the direct atasan verifies a self-report', async () => {
    const app = setup()
    await seed(app)
    expectAccepted(
      await app.competency({
        type: 'RegisterProfile',
        at: on('2026-01-06T09:00:00'),
        actor: pyb,
        data: {
          nip: sari,
          employeeType: 'PNS',
          unit: 'Puskesmas Belawan',
          position: { kind: 'fungsional-keterampilan', level: 'terampil' },
          positionTitle: 'Perawat Terampil',
          rank: 'III/c',
        },
      }),
    )
    const verify = (actor: Actor): CompetencyCommand => ({
      type: 'CreditLearning',
      at: on('2026-03-10T10:00:00'),
      actor,
      data: {
        nip: sari,
        source: { kind: 'self-reported', reportId: 'belajar-mandiri-07' },
        minutes: 135,
        form: 'belajar-mandiri',
        competency: { type: 'teknis', code: 'T.KES.01' },
        completedOn: localDate('2026-03-09'),
        title: 'Belajar mandiri: pencegahan infeksi',
      },
    })
    expect(rejectionOf(await app.competency(verify(asnActor(plt, 'asn', 'atasan'))))).toMatchObject({
      code: 'not-direct-atasan',
    })
    expectAccepted(await app.competency(verify(asnActor(kepala, 'asn'))))
  })
})

describe('a number is registered once', () => {
  it('two registrations of one NIP at once: exactly one is written, the other refused', async () => {
    const app = setup()
    await seed(app)
    const newcomer = nip('199505052020122001')
    const appoint = (rank: 'II/a' | 'III/a') =>
      app.asn({
        type: 'AppointAsn',
        at: on('2026-02-01T09:00:00'),
        actor: pyb,
        data: {
          nip: newcomer,
          employeeType: 'PNS',
          rank,
          unitId: 'puskesmas-belawan',
          positionId: 'perawat',
          atasanNip: kepala,
          effectiveOn: localDate('2020-12-01'),
        },
      })
    const outcomes = await Promise.all([appoint('II/a'), appoint('III/a')])
    expect(outcomes.filter(E.isRight)).toHaveLength(1)
    expect(outcomes.map(rejectionOf).filter(r => r !== undefined)).toMatchObject([{ code: 'nip-registered' }])
  })
})

describe('a mentorship proposal, against the records', () => {
  const senior = nip('197001012000031001')
  const propose = (actor: Actor, mentorRank?: 'IV/e'): MentorshipCommand => ({
    type: 'ProposeMentorship',
    at: on('2026-02-02T09:00:00'),
    actor,
    data: {
      mentorshipId: 'laporan-2026-01',
      form: 'mentoring',
      mentor: mentorRank === undefined ? { nip: plt } : { nip: plt, rank: mentorRank },
      mentee: { nip: sari },
      unit: 'Puskesmas Belawan',
      goals: [{ goalId: 'laporan-kegiatan', description: 'Menulis laporan kegiatan sendiri' }],
      plannedSessions: 4,
    },
  })

  it("takes the mentor's rank and seniority from the record, not from the command", async () => {
    const app = setup()
    await seed(app)
    // The Plt. and Sari were appointed the same month with the same rank: a rank claimed in the command changes nothing.
    expect(rejectionOf(await app.mentorship(propose(asnActor(sari, 'asn'), 'IV/e')))).toMatchObject({
      code: 'mentor-not-senior',
    })
  })

  it('is made by the mentee or their direct atasan, with ranks as the records hold them', async () => {
    const app = setup()
    await seed(app)
    expectAccepted(
      await app.asn({
        type: 'AppointAsn',
        at: on('2026-01-05T10:00:00'),
        actor: pyb,
        data: {
          nip: senior,
          employeeType: 'PNS',
          rank: 'IV/a',
          unitId: 'puskesmas-belawan',
          positionId: 'perawat',
          atasanNip: kepala,
          effectiveOn: localDate('2000-03-01'),
        },
      }),
    )
    const withSenior = (command: MentorshipCommand): MentorshipCommand =>
      command.type === 'ProposeMentorship'
        ? { ...command, data: { ...command.data, mentor: { nip: senior, rank: 'I/a' } } }
        : command
    expect(rejectionOf(await app.mentorship(withSenior(propose(asnActor(plt, 'asn', 'atasan')))))).toMatchObject({
      code: 'not-direct-atasan',
      term: 'bukan atasan langsung',
    })
    const proposed = await app.mentorship(withSenior(propose(asnActor(kepala, 'asn'))))
    expectAccepted(proposed)
    if (E.isRight(proposed))
      expect(proposed.right.events[0]?.event.data).toMatchObject({
        mentor: { nip: senior, rank: 'IV/a' },
        mentee: { nip: sari, rank: 'III/c' },
      })
  })

  it('names a mentor who is in the registry', async () => {
    const app = setup()
    await seed(app)
    const stranger = nip('197505122001121002')
    const command = propose(asnActor(sari, 'asn'))
    const withStranger: MentorshipCommand =
      command.type === 'ProposeMentorship'
        ? { ...command, data: { ...command.data, mentor: { nip: stranger } } }
        : command
    expect(rejectionOf(await app.mentorship(withStranger))).toMatchObject({
      code: 'asn-not-registered',
      term: 'ASN belum terdaftar',
    })
  })
})
