import * as E from 'fp-ts/lib/Either.js'
import {
  type Actor,
  enrollment,
  type Instant,
  instant,
  type LocalDate,
  localDate,
  Minutes,
  type Nip,
  nip,
  policyConfig,
  systemActor,
  defaultPolicy,
} from '@pembina/core'
import { asnActor, deciderSpec } from '@pembina/testkit'
import { describe, expect, it } from 'vitest'
import type { EnrollmentCommand, OpenOffering } from './commands.js'
import { enrollmentDecider } from './decider.js'
import type { EnrollmentEvent, OfferingOpened } from './events.js'

// Belawan cast: Puskesmas Belawan's head (atasan) and three of her staff; BKPSDM's training admin.
const kepala = nip('196608011988031001')
const sari = nip('199203152019032004')
const rudi = nip('198507122010011002')
const dewi = nip('199001012015032003')
const adminNip = nip('197505052000031004')
const admin = asnActor(adminNip, 'admin-pelatihan')
const atasan = asnActor(kepala, 'asn', 'atasan')
const self = (who: Nip): Actor => asnActor(who, 'asn')
const offeringId = 'pmwp-2026-ii'
const on = (text: string): Instant => instant(`${text}+07:00`)

const minutesOf = (n: number): Minutes => {
  if (!Minutes.is(n)) throw new RangeError(`${n} is not a number of minutes`)
  return n
}
const terms: OpenOffering['data'] = {
  offeringId,
  title: 'Pelatihan Manajemen Waktu dan Produktivitas, Angkatan II 2026',
  provider: 'BKPSDM Kota Medan',
  venue: 'Aula BKPSDM Kota Medan',
  form: 'pelatihan-manajerial',
  competency: { type: 'manajerial', code: 'M.04' },
  jp: 24,
  capacity: 2,
  schedule: { start: localDate('2026-03-02'), end: localDate('2026-03-06') },
}
// Monday 2 to Friday 6 March 2026: five working days, the session days of an offering opened without a list.
const weekdays = ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06'].map(localDate)
const opened = (
  extra: { readonly capacity?: number; readonly passMark?: number; readonly minimumAttendance?: number } = {},
): OfferingOpened => ({
  type: 'OfferingOpened',
  data: {
    at: on('2026-02-02T09:00:00'),
    ...terms,
    schedule: { ...terms.schedule, days: weekdays },
    minutes: minutesOf(1080),
    minimumAttendance: 0.8,
    ...extra,
  },
})
const requested = (who: Nip, at = '2026-02-10T10:00:00'): EnrollmentEvent => ({
  type: 'PlaceRequested',
  data: { at: on(at), offeringId, nip: who, atasanNip: kepala, nominated: false },
})
const approved = (who: Nip): EnrollmentEvent => ({
  type: 'PlaceApproved',
  data: { at: on('2026-02-11T10:00:00'), offeringId, nip: who, atasanNip: kepala },
})
const started: EnrollmentEvent = { type: 'OfferingStarted', data: { at: on('2026-03-02T07:00:00'), offeringId } }
const attended = (who: Nip, day: string, present = true, at = `${day}T16:00:00`): EnrollmentEvent => ({
  type: 'AttendanceRecorded',
  data: { at: on(at), offeringId, nip: who, date: localDate(day), present },
})
const week = ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06']
const attendedDays = (who: Nip, days: number): readonly EnrollmentEvent[] =>
  week.slice(0, days).map(day => attended(who, day))

/** A command as the tests write it: without the instant and the actor, which `cmd` adds. */
type Issued = EnrollmentCommand extends infer C
  ? C extends EnrollmentCommand
    ? Omit<C, 'at' | 'actor'>
    : never
  : never
const cmd = (at: string, actor: Actor, command: Issued): EnrollmentCommand => ({ ...command, at: on(at), actor })

// Commands as the Belawan actors issue them (instants in WIB).
const request = (who: Nip, at: string, actor = self(who)) =>
  cmd(at, actor, { type: 'RequestPlace', data: { offeringId, nip: who, atasanNip: kepala } })
const approve = (who: Nip, at: string, actor = atasan) =>
  cmd(at, actor, { type: 'ApprovePlace', data: { offeringId, nip: who } })
const decline = (who: Nip, at: string, reason: string) =>
  cmd(at, atasan, { type: 'DeclinePlace', data: { offeringId, nip: who, reason } })
const withdraw = (who: Nip, at: string, actor = self(who)) =>
  cmd(at, actor, { type: 'WithdrawPlace', data: { offeringId, nip: who } })
const start = (at: string, actor: Actor = admin) => cmd(at, actor, { type: 'StartOffering', data: { offeringId } })
const attend = (who: Nip, date: string, at: string, present = true, actor = admin) =>
  cmd(at, actor, { type: 'RecordAttendance', data: { offeringId, nip: who, date: localDate(date), present } })
const assess = (who: Nip, score: number, actor: Actor) =>
  cmd('2026-03-06T17:00:00', actor, { type: 'RecordAssessment', data: { offeringId, nip: who, score } })
const conclude = (at: string, who?: Nip) =>
  cmd(at, admin, { type: 'ConcludePlace', data: who === undefined ? { offeringId } : { offeringId, nip: who } })
const cancel = (at: string) =>
  cmd(at, admin, { type: 'CancelOffering', data: { offeringId, reason: 'Narasumber berhalangan' } })
const close = (at: string) => cmd(at, admin, { type: 'CloseOffering', data: { offeringId } })
const open = (actor: Actor, data: OpenOffering['data'] = terms) =>
  cmd('2026-02-02T09:00:00', actor, { type: 'OpenOffering', data })

const noShow: EnrollmentEvent = {
  type: 'PlaceNotCompleted',
  data: { at: on('2026-03-06T18:00:00'), offeringId, nip: sari, reason: 'no-show', attendedDays: 0, sessionDays: 5 },
}
const closed: EnrollmentEvent = { type: 'OfferingClosed', data: { at: on('2026-03-09T09:00:00'), offeringId } }
const spec = deciderSpec(enrollmentDecider(defaultPolicy))
/** Given these past events, when this command: what the decider decided, with the spec's assertions. */
const given = (events: readonly EnrollmentEvent[], command: EnrollmentCommand) => spec.given(...events).when(command)
const enrolled: readonly EnrollmentEvent[] = [opened(), requested(sari), approved(sari)]
const running: readonly EnrollmentEvent[] = [...enrolled, started]
const firstEventOf = (result: E.Either<unknown, readonly EnrollmentEvent[]>) =>
  E.isRight(result) ? result.right[0] : undefined

describe('training enrollment (DOMAIN.md §2)', () => {
  it('a pyb or training admin opens an offering; it records minutes = JP × 45 and the minimum attendance in force', () => {
    given([], open(asnActor(adminNip, 'pyb'))).thenEvents([opened()])
    given([], open(self(sari))).thenRejects('not-authorised')
  })

  it('an offering of a teknis competency outside the agency’s catalogue is refused, when the agency keeps one', () => {
    const kesehatan = {
      ...terms,
      form: 'pelatihan-teknis',
      competency: { type: 'teknis', code: 'kes-imunisasi' },
    } as const
    const catalogue = deciderSpec(
      enrollmentDecider(policyConfig({ teknisCompetencies: { 'kes-imunisasi': 'Pelayanan Imunisasi' } })),
    )
    expect(E.isRight(catalogue.given().when(open(admin, kesehatan)).result)).toBe(true)
    const other = { ...kesehatan, competency: { type: 'teknis', code: 'T.KES.99' } } as const
    catalogue.given().when(open(admin, other)).thenRejects('unknown-competency')
    const refused = catalogue.given().when(open(admin, other)).result
    expect(E.isLeft(refused) && refused.left.message).toMatch(/T\.KES\.99 is not in the agency's catalogue/)
    expect(E.isLeft(refused) && refused.left.term).toBe('kompetensi teknis tidak terdaftar')
    // Without a catalogue (the default) any teknis code is taken; manajerial codes never depend on it.
    expect(E.isRight(spec.given().when(open(admin, other)).result)).toBe(true)
    expect(E.isRight(catalogue.given().when(open(admin)).result)).toBe(true)
  })

  it('opening the same offering again changes nothing; opening it with other terms is refused', () => {
    given([opened()], open(admin)).thenNothing()
    given([opened()], open(admin, { ...terms, capacity: 30 })).thenRejects('offering-already-opened')
  })

  it('a repeated opening is compared on the terms in force, the optional ones too', () => {
    given([opened()], open(admin, { ...terms, minimumAttendance: 0.8 })).thenNothing()
    given([opened()], open(admin, { ...terms, minimumAttendance: 0.9 })).thenRejects('offering-already-opened')
    given([opened()], open(admin, { ...terms, passMark: 70 })).thenRejects('offering-already-opened')
    given([opened({ passMark: 70 })], open(admin, { ...terms, passMark: 70 })).thenNothing()
  })

  it('every command but OpenOffering is refused until the offering is opened, and one naming another offering too', () => {
    given([], start('2026-03-02T07:00:00')).thenRejects('offering-not-open')
    const other = cmd('2026-03-02T07:00:00', admin, { type: 'StartOffering', data: { offeringId: 'other-1' } })
    given([opened()], other).thenRejects('wrong-offering')
  })

  it('an ASN requests a place, or is nominated by their atasan; anyone else is refused', () => {
    given([opened()], request(sari, '2026-02-10T10:00:00')).thenEvents([requested(sari)])
    const nominated = given([opened()], request(sari, '2026-02-10T10:00:00', atasan)).result
    expect(firstEventOf(nominated)?.data).toMatchObject({ nominated: true })
    given([opened()], request(sari, '2026-02-10T10:00:00', self(rudi))).thenRejects('not-authorised')
  })

  it('the atasan who approves a place cannot be the participant', () => {
    given([opened()], request(kepala, '2026-02-10T10:00:00', atasan)).thenRejects('atasan-is-participant')
  })

  it('one place per ASN per offering: a repeat request changes nothing, a request after a decline is refused', () => {
    given([opened(), requested(sari)], request(sari, '2026-02-12T10:00:00')).thenNothing()
    given(enrolled, request(sari, '2026-02-12T10:00:00')).thenNothing()
    const declined: EnrollmentEvent = {
      type: 'PlaceDeclined',
      data: { at: on('2026-02-11T10:00:00'), offeringId, nip: sari, reason: 'Jadwal imunisasi' },
    }
    given([opened(), requested(sari), declined], request(sari, '2026-02-12T10:00:00')).thenRejects('place-ended')
  })

  it('places are requested, approved and withdrawn only before the offering starts', () => {
    given([opened()], request(sari, '2026-03-02T06:00:00')).thenRejects('offering-started')
    given([opened(), requested(sari)], approve(sari, '2026-03-02T06:00:00')).thenRejects('offering-started')
    given(running, withdraw(sari, '2026-03-03T06:00:00')).thenRejects('offering-started')
  })

  it("only the participant's own atasan approves or declines a place; approving again changes nothing", () => {
    given([opened(), requested(sari)], approve(sari, '2026-02-11T10:00:00')).thenEvents([approved(sari)])
    const other = asnActor(rudi, 'atasan')
    given([opened(), requested(sari)], approve(sari, '2026-02-11T10:00:00', other)).thenRejects('not-authorised')
    given([opened(), requested(sari)], approve(sari, '2026-02-11T10:00:00', admin)).thenRejects('not-authorised')
    given(enrolled, approve(sari, '2026-02-12T10:00:00')).thenNothing()
  })

  it("a declined place carries the atasan's reason", () => {
    const reason = 'Jadwal pelayanan imunisasi di Puskesmas Belawan'
    given([opened(), requested(sari)], decline(sari, '2026-02-11T10:00:00', reason)).thenEvents([
      { type: 'PlaceDeclined', data: { at: on('2026-02-11T10:00:00'), offeringId, nip: sari, reason } },
    ])
  })

  it('an approved place cannot exceed capacity (kuota penuh)', () => {
    const full = [opened(), requested(sari), requested(rudi), requested(dewi), approved(sari), approved(rudi)]
    const then = given(full, approve(dewi, '2026-02-12T10:00:00'))
    then.thenRejects('capacity-reached')
    expect(E.isLeft(then.result) && then.result.left.term).toBe('kuota penuh')
  })

  it('the participant or their atasan withdraws a place before the start, which frees its capacity', () => {
    const withdrawn: EnrollmentEvent = {
      type: 'PlaceWithdrawn',
      data: { at: on('2026-02-13T10:00:00'), offeringId, nip: sari },
    }
    given(enrolled, withdraw(sari, '2026-02-13T10:00:00')).thenEvents([withdrawn])
    given(enrolled, withdraw(sari, '2026-02-13T10:00:00', atasan)).thenEvents([withdrawn])
    given(enrolled, withdraw(sari, '2026-02-13T10:00:00', self(rudi))).thenRejects('not-authorised')
    const full = [opened({ capacity: 1 }), requested(sari), requested(rudi), approved(sari), withdrawn]
    const approvedRudi: EnrollmentEvent = {
      type: 'PlaceApproved',
      data: { at: on('2026-02-14T10:00:00'), offeringId, nip: rudi, atasanNip: kepala },
    }
    given(full, approve(rudi, '2026-02-14T10:00:00')).thenEvents([approvedRudi])
  })

  it('the offering starts on its start date, not before, declining the places still pending', () => {
    given(enrolled, start('2026-03-01T23:00:00')).thenRejects('start-date-not-reached')
    const reason = 'not approved before the offering started'
    given([...enrolled, requested(rudi)], start('2026-03-02T07:00:00', systemActor('enrollment-timer'))).thenEvents([
      started,
      { type: 'PlaceDeclined', data: { at: on('2026-03-02T07:00:00'), offeringId, nip: rudi, reason } },
    ])
    given(running, start('2026-03-03T07:00:00')).thenNothing()
    given(enrolled, start('2026-03-02T07:00:00', self(sari))).thenRejects('not-authorised')
  })

  it('attendance is recorded per session day, for approved places, up to the local date of the command', () => {
    given(running, attend(sari, '2026-03-02', '2026-03-02T16:00:00')).thenEvents([attended(sari, '2026-03-02')])
    given(enrolled, attend(sari, '2026-03-02', '2026-03-02T16:00:00')).thenRejects('offering-not-started')
    given(running, attend(sari, '2026-03-07', '2026-03-07T16:00:00')).thenRejects('not-a-session-day')
    given(running, attend(sari, '2026-03-03', '2026-03-02T16:00:00')).thenRejects('date-in-future')
    const pending = [...enrolled, requested(rudi), started]
    given(pending, attend(rudi, '2026-03-02', '2026-03-02T16:00:00')).thenRejects('place-not-approved')
    const bySelf = attend(sari, '2026-03-02', '2026-03-02T16:00:00', true, self(sari))
    given(running, bySelf).thenRejects('not-authorised')
  })

  it('the same attendance record again changes nothing; a correction before the outcome is a new record', () => {
    const recorded = [...running, attended(sari, '2026-03-02')]
    given(recorded, attend(sari, '2026-03-02', '2026-03-02T17:00:00')).thenNothing()
    given(recorded, attend(sari, '2026-03-02', '2026-03-02T17:00:00', false)).thenEvents([
      attended(sari, '2026-03-02', false, '2026-03-02T17:00:00'),
    ])
  })

  it('a score is recorded only in an assessed offering, by an assessor or training admin', () => {
    const assessor = asnActor(rudi, 'assessor')
    given(running, assess(sari, 75, assessor)).thenRejects('not-assessed')
    const assessed = [opened({ passMark: 70 }), requested(sari), approved(sari), started]
    given(assessed, assess(sari, 75, assessor)).thenEvents([
      { type: 'AssessmentRecorded', data: { at: on('2026-03-06T17:00:00'), offeringId, nip: sari, score: 75 } },
    ])
    given(assessed, assess(sari, 75, atasan)).thenRejects('not-authorised')
  })

  it('a participant who attended at least the minimum completes, with everything crediting the JP needs', () => {
    const completed: EnrollmentEvent = {
      type: 'PlaceCompleted',
      data: {
        at: on('2026-03-06T18:00:00'),
        offeringId,
        nip: sari,
        title: terms.title,
        form: 'pelatihan-manajerial',
        competency: { type: 'manajerial', code: 'M.04' },
        minutes: minutesOf(1080),
        completedOn: localDate('2026-03-06'),
        attendedDays: 4,
        sessionDays: 5,
      },
    }
    given([...running, ...attendedDays(sari, 4)], conclude('2026-03-06T18:00:00')).thenEvents([completed])
  })

  it('after the end each approved participant gets exactly one outcome: not completed for attendance, no-show or score', () => {
    const outcomes = (...history: readonly EnrollmentEvent[]) => {
      const result = given(history, conclude('2026-03-06T18:00:00')).result
      return E.isRight(result) ? result.right.map(e => (e.type === 'PlaceNotCompleted' ? e.data.reason : e.type)) : []
    }
    const three = [
      opened({ capacity: 3 }),
      ...[sari, rudi, dewi].flatMap(who => [requested(who), approved(who)]),
      started,
    ]
    // Outcomes come in NIP order: rudi (born 1985), dewi (1990), sari (1992).
    expect(outcomes(...three, ...attendedDays(sari, 3), ...attendedDays(rudi, 5))).toEqual([
      'PlaceCompleted',
      'no-show',
      'attendance',
    ])
    const assessed = [
      opened({ passMark: 70 }),
      ...[sari, rudi].flatMap(who => [requested(who), approved(who)]),
      started,
    ]
    const scored: EnrollmentEvent = {
      type: 'AssessmentRecorded',
      data: { at: on('2026-03-06T17:00:00'), offeringId, nip: sari, score: 69 },
    }
    expect(outcomes(...assessed, ...attendedDays(sari, 5), ...attendedDays(rudi, 5), scored)).toEqual([
      'score',
      'score',
    ])
  })

  it('places are concluded only from the end date on, and concluding again changes nothing', () => {
    given(running, conclude('2026-03-05T18:00:00')).thenRejects('offering-not-ended')
    given(running, conclude('2026-03-06T18:00:00', sari)).thenEvents([noShow])
    given([...running, noShow], conclude('2026-03-07T18:00:00')).thenNothing()
    given([...running, noShow], conclude('2026-03-07T18:00:00', sari)).thenNothing()
    given([...running, noShow], attend(sari, '2026-03-06', '2026-03-07T18:00:00')).thenRejects('place-concluded')
  })

  it('the minimum attendance is configurable by policy and overridden per offering', () => {
    const lenient = deciderSpec(enrollmentDecider(policyConfig({ minimumAttendance: 0.6 })))
    const threeDays = [requested(sari), approved(sari), started, ...attendedDays(sari, 3)]
    const at = '2026-03-06T18:00:00'
    expect(firstEventOf(given([opened(), ...threeDays], conclude(at)).result)?.type).toBe('PlaceNotCompleted')
    const overridden = opened({ minimumAttendance: 0.6 })
    expect(firstEventOf(given([overridden, ...threeDays], conclude(at)).result)?.type).toBe('PlaceCompleted')
    expect(firstEventOf(lenient.given().when(open(admin)).result)?.data).toMatchObject({ minimumAttendance: 0.6 })
  })

  it('cancelling ends every place without an outcome; cancelling again changes nothing; the rest is refused', () => {
    const cancelled: EnrollmentEvent = {
      type: 'OfferingCancelled',
      data: { at: on('2026-02-20T10:00:00'), offeringId, reason: 'Narasumber berhalangan', endedPlaces: [rudi, sari] },
    }
    given([...enrolled, requested(rudi)], cancel('2026-02-20T10:00:00')).thenEvents([cancelled])
    given([...enrolled, cancelled], cancel('2026-02-21T10:00:00')).thenNothing()
    given([...enrolled, cancelled], start('2026-03-02T07:00:00')).thenRejects('offering-cancelled')
    given([...enrolled, cancelled], request(dewi, '2026-02-21T07:00:00')).thenRejects('offering-cancelled')
  })

  it('closing needs every approved place to have an outcome; a closed offering refuses everything else', () => {
    given(running, close('2026-03-09T09:00:00')).thenRejects('places-without-outcome')
    given([...running, noShow], close('2026-03-09T09:00:00')).thenEvents([closed])
    given([...running, noShow, closed], close('2026-03-10T09:00:00')).thenNothing()
    given([...running, noShow, closed], cancel('2026-03-10T09:00:00')).thenRejects('offering-closed')
    given([...running, noShow, closed], request(dewi, '2026-03-10T09:00:00')).thenRejects('offering-closed')
  })
})

describe('training schedule: session days, not calendar days', () => {
  // Friday 6 to Monday 9 March 2026: two working days, Friday and Monday.
  const fridayToMonday = { ...terms, schedule: { start: localDate('2026-03-06'), end: localDate('2026-03-09') } }
  const friMon = ['2026-03-06', '2026-03-09'].map(localDate)
  const openedFriMon = (days: readonly LocalDate[] = friMon, extra: Partial<OfferingOpened['data']> = {}) => ({
    ...opened(),
    data: { ...opened().data, schedule: { ...fridayToMonday.schedule, days }, ...extra },
  })
  const attendedOn = (who: Nip, day: string): EnrollmentEvent => ({
    type: 'AttendanceRecorded',
    data: { at: on(`${day}T16:00:00`), offeringId, nip: who, date: localDate(day), present: true },
  })
  const startedFri: EnrollmentEvent = { type: 'OfferingStarted', data: { at: on('2026-03-06T07:00:00'), offeringId } }

  it('an offering opened without its session days takes the working days of the calendar from start to end', () => {
    given([], open(admin, fridayToMonday)).thenEvents([openedFriMon()])
    const withHoliday = deciderSpec(enrollmentDecider(policyConfig({ holidays: [localDate('2026-03-09')] })))
    expect(withHoliday.given().when(open(admin, fridayToMonday)).result).toEqual(
      E.right([openedFriMon([localDate('2026-03-06')])]),
    )
    // A weekend-only run has no working day: refused, not opened with no session day.
    const weekend = { ...terms, schedule: { start: localDate('2026-03-07'), end: localDate('2026-03-08') } }
    given([], open(admin, weekend)).thenRejects('no-session-day')
  })

  it('an offering may list its own session days, a Saturday among them; the list is checked against the run', () => {
    const listed = {
      ...fridayToMonday,
      schedule: { ...fridayToMonday.schedule, days: [...friMon.slice(0, 1), localDate('2026-03-07')] },
    }
    given([], open(admin, listed)).thenEvents([openedFriMon(listed.schedule.days)])
    const outside = { ...fridayToMonday, schedule: { ...fridayToMonday.schedule, days: [localDate('2026-03-10')] } }
    expect(enrollment.commands.is(cmd('2026-02-02T09:00:00', admin, { type: 'OpenOffering', data: outside }))).toBe(
      false,
    )
  })

  it('attendance counts the scheduled session days: two of two from Friday to Monday completes', () => {
    const history = [openedFriMon(), requested(sari), approved(sari), startedFri, attendedOn(sari, '2026-03-06')]
    given(history, attend(sari, '2026-03-07', '2026-03-07T16:00:00')).thenRejects('not-a-session-day')
    const both = [...history, attendedOn(sari, '2026-03-09')]
    const outcome = firstEventOf(spec.given(...both).when(conclude('2026-03-09T18:00:00', sari)).result)
    expect(outcome).toMatchObject({ type: 'PlaceCompleted', data: { attendedDays: 2, sessionDays: 2 } })
    // One of the two is 50 %: below the 80 % minimum.
    const half = firstEventOf(spec.given(...history).when(conclude('2026-03-09T18:00:00', sari)).result)
    expect(half).toMatchObject({
      type: 'PlaceNotCompleted',
      data: { reason: 'attendance', attendedDays: 1, sessionDays: 2 },
    })
  })

  it('an offering written before session days were listed (v1) keeps every calendar date of its run', () => {
    const v1 = { ...openedFriMon().data, schedule: fridayToMonday.schedule }
    const read = enrollment.events.decode({ type: 'OfferingOpened', data: v1, schemaVersion: 1 })
    expect(
      E.map((event: EnrollmentEvent) => event.type === 'OfferingOpened' && event.data.schedule.days)(read),
    ).toEqual(E.right(['2026-03-06', '2026-03-07', '2026-03-08', '2026-03-09']))
  })
})
