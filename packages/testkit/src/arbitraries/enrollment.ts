import fc from 'fast-check'
import {
  type Actor,
  addDays,
  datesFrom,
  type EnrollmentCommand,
  type EnrollmentEvent,
  type EnrollmentRejection,
  type EnrollmentState,
  enrollmentDecider,
  instant,
  type Instant,
  type LearningForm,
  type LocalDate,
  type Nip,
  type OpenOffering,
  type PolicyConfig,
  systemActor,
} from '@pembina/core'
import { runScenario, type ScenarioRun } from '../scenario.js'
import { arbCompetency, arbLocalDate, arbNip, asnActor } from './shared.js'

const pad = (n: number): string => String(n).padStart(2, '0')
const at = (date: LocalDate, hour: number, minute: number): Instant =>
  instant(`${date}T${pad(hour)}:${pad(minute)}:00+07:00`)

const forms: readonly LearningForm[] = ['pelatihan-manajerial', 'pelatihan-teknis', 'bimtek', 'workshop', 'e-learning']

/**
 * A valid OpenOffering command (a run of 1–5 dates in 2026 whose first date and some of the others are listed as its
 * session days, weekends included; capacity 1–6, sometimes assessed), issued two weeks before start.
 */
export const arbOpenOffering = (offeringId?: string): fc.Arbitrary<OpenOffering> =>
  fc
    .record({
      offeringId: offeringId === undefined ? fc.stringMatching(/^[a-z][a-z0-9-]{2,20}$/) : fc.constant(offeringId),
      organiser: arbNip,
      organiserRole: fc.constantFrom<'pyb' | 'admin-pelatihan'>('pyb', 'admin-pelatihan'),
      start: arbLocalDate('2026-01-15', '2026-12-15'),
      days: fc.integer({ min: 1, max: 5 }),
      // Which dates after the first are session days too (the first always is).
      later: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
      jp: fc.integer({ min: 1, max: 40 }),
      capacity: fc.integer({ min: 1, max: 6 }),
      form: fc.constantFrom(...forms),
      competency: arbCompetency,
      minimumAttendance: fc.option(fc.constantFrom(0.5, 0.75, 1), { nil: undefined }),
      passMark: fc.option(fc.integer({ min: 40, max: 80 }), { nil: undefined }),
    })
    .map((o): OpenOffering => ({
      type: 'OpenOffering',
      at: at(addDays(o.start, -14), 8, 0),
      actor: asnActor(o.organiser, o.organiserRole),
      data: {
        offeringId: o.offeringId,
        title: `Pelatihan ${o.competency.code} Angkatan ${o.days}`,
        provider: 'BKPSDM Kota Medan',
        venue: 'Aula Kantor Camat Medan Belawan',
        form: o.form,
        competency: o.competency,
        jp: o.jp,
        capacity: o.capacity,
        // Listed, weekends too, since the calendar would leave weekends out.
        schedule: {
          start: o.start,
          end: addDays(o.start, o.days - 1),
          days: Array.from({ length: o.days }, (_, i) => addDays(o.start, i)).filter(
            (_, i) => i === 0 || o.later[i - 1] === true,
          ),
        },
        ...(o.minimumAttendance === undefined ? {} : { minimumAttendance: o.minimumAttendance }),
        ...(o.passMark === undefined ? {} : { passMark: o.passMark }),
      },
    }))

/** What becomes of one ASN's place before the start; twists add an invalid command beside the valid ones. */
const arbPlan = fc.record({
  nominated: fc.boolean(),
  fate: fc.oneof(
    { arbitrary: fc.constant('approved'), weight: 4 },
    fc.constantFrom('declined', 'pending', 'withdrawn', 'withdrawn-after-approval'),
  ),
  repeatRequest: fc.nat(5).map(n => n === 0),
  attendedDays: fc.integer({ min: 0, max: 5 }),
  recordAbsences: fc.boolean(),
  score: fc.option(fc.integer({ min: 30, max: 100 }), { nil: undefined }),
  twist: fc.oneof(
    { arbitrary: fc.constant('none'), weight: 6 },
    fc.constantFrom('wrong-actor', 'stranger', 'future-day'),
  ),
})
type Plan = typeof arbPlan extends fc.Arbitrary<infer P> ? P : never

/** One ASN in a generated offering, with the atasan who approves their place and what becomes of it. */
interface Member {
  readonly nip: Nip
  readonly atasanNip: Nip
  readonly plan: Plan
}
/** The facts of one generated offering that every command needs. */
interface Run {
  readonly offeringId: string
  readonly organiser: Actor
  readonly strangerNip: Nip
}
/** A command waiting for its instant. */
type Draft = (at: Instant) => EnrollmentCommand

/** Drafts issued in one phase, each given the next instant of that phase. */
const phase = (instantOf: (i: number) => Instant, drafts: readonly Draft[]): EnrollmentCommand[] =>
  drafts.map((draft, i) => draft(instantOf(i)))

const self = (nip: Nip): Actor => asnActor(nip, 'asn')
const atasanOf = (member: { readonly atasanNip: Nip }): Actor => asnActor(member.atasanNip, 'asn', 'atasan')
const placeOf = (run: Run, nip: Nip) => ({ offeringId: run.offeringId, nip })

/** Before the start: every request first, then the atasan's decisions (and twisted ones), then withdrawals. */
const placeDrafts = (run: Run, cast: readonly Member[]): readonly Draft[] => {
  const requests = cast.flatMap(({ nip, atasanNip, plan }): Draft[] => {
    const actor = plan.nominated ? atasanOf({ atasanNip }) : self(nip)
    const request: Draft = at => ({ type: 'RequestPlace', at, actor, data: { ...placeOf(run, nip), atasanNip } })
    return plan.repeatRequest ? [request, request] : [request]
  })
  const decisions = cast.flatMap((member): Draft[] => {
    const { nip, plan } = member
    const approve =
      (actor: Actor, who: Nip): Draft =>
      at => ({ type: 'ApprovePlace', at, actor, data: placeOf(run, who) })
    const twists = [
      ...(plan.twist === 'wrong-actor' ? [approve(self(nip), nip)] : []),
      ...(plan.twist === 'stranger' ? [approve(atasanOf(member), run.strangerNip)] : []),
    ]
    if (plan.fate === 'approved' || plan.fate === 'withdrawn-after-approval')
      return [...twists, approve(atasanOf(member), nip)]
    if (plan.fate !== 'declined') return twists
    const reason = 'beban kerja unit'
    return [
      ...twists,
      at => ({ type: 'DeclinePlace', at, actor: atasanOf(member), data: { ...placeOf(run, nip), reason } }),
    ]
  })
  const withdrawals = cast.flatMap((member): Draft[] =>
    member.plan.fate === 'withdrawn' || member.plan.fate === 'withdrawn-after-approval'
      ? [
          at => ({
            type: 'WithdrawPlace',
            at,
            actor: member.plan.nominated ? atasanOf(member) : self(member.nip),
            data: placeOf(run, member.nip),
          }),
        ]
      : [],
  )
  return [...requests, ...decisions, ...withdrawals]
}

/** One session day's attendance: present for the days a member attends, absent (if recorded) after; twists record tomorrow. */
const attendanceDrafts = (run: Run, takingPart: readonly Member[], date: LocalDate, day: number, days: number) =>
  takingPart.flatMap(({ nip, plan }): Draft[] => {
    const record =
      (present: boolean, recorded: LocalDate = date): Draft =>
      at => ({
        type: 'RecordAttendance',
        at,
        actor: run.organiser,
        data: { ...placeOf(run, nip), date: recorded, present },
      })
    const twists = plan.twist === 'future-day' && day + 1 < days ? [record(true, addDays(date, 1))] : []
    if (day < plan.attendedDays) return [...twists, record(true)]
    return plan.recordAbsences ? [...twists, record(false)] : twists
  })

/** Scores on the last day, by an assessor, for the members who have one. */
const scoreDrafts = (run: Run, takingPart: readonly Member[]): readonly Draft[] =>
  takingPart.flatMap(({ nip, plan }): Draft[] => {
    const { score } = plan
    const actor = asnActor(run.strangerNip, 'assessor')
    return score === undefined
      ? []
      : [at => ({ type: 'RecordAssessment', at, actor, data: { ...placeOf(run, nip), score } })]
  })

/**
 * Command sequences for one offering, with strictly increasing `at`: the OpenOffering, then requests, approvals,
 * declines and withdrawals before the start date, the start, attendance on session days, scores, conclusion after the
 * end, then closing (or a cancellation somewhere). Every ASN follows a plan; most commands are valid, but some are
 * twisted (wrong actor, a stranger's place, a future day) and must be refused.
 */
export const arbEnrollmentScenario = (offeringId?: string): fc.Arbitrary<readonly EnrollmentCommand[]> =>
  fc
    .record({
      open: arbOpenOffering(offeringId),
      strangerNip: arbNip,
      atasans: fc.tuple(arbNip, arbNip),
      people: fc.uniqueArray(arbNip, { minLength: 1, maxLength: 8 }),
      plans: fc.array(arbPlan, { minLength: 8, maxLength: 8 }),
      ending: fc.oneof(
        { arbitrary: fc.constant('close'), weight: 3 },
        fc.constantFrom('conclude-each', 'cancel-before', 'cancel-during', 'open-ended'),
      ),
    })
    .filter(
      ({ strangerNip, atasans, people }) => new Set([strangerNip, ...atasans, ...people]).size === people.length + 3,
    )
    .map(({ open, strangerNip, atasans, people, plans, ending }) => {
      const run: Run = { offeringId: open.data.offeringId, organiser: open.actor, strangerNip }
      const { offeringId: id, organiser } = run
      const { start, end } = open.data.schedule
      const cast = people.flatMap((nip, i): Member[] => {
        const plan = plans[i]
        return plan === undefined ? [] : [{ nip, atasanNip: atasans[i % 2] ?? atasans[0], plan }]
      })
      const offering = { offeringId: id }
      const cancel: Draft = at => ({
        type: 'CancelOffering',
        at,
        actor: organiser,
        data: { ...offering, reason: 'narasumber berhalangan' },
      })

      const commands = phase(i => at(addDays(start, -13 + Math.floor(i / 6)), 8 + (i % 6), 0), placeDrafts(run, cast))
      if (ending === 'cancel-before') commands.push(cancel(at(addDays(start, -1), 20, 0)))
      commands.push({
        type: 'StartOffering',
        at: at(start, 7, 0),
        actor: systemActor('enrollment-timer'),
        data: offering,
      })
      if (ending === 'cancel-during') commands.push(cancel(at(start, 12, 0)))
      // Attendance on each session day the offering lists (every date of the run when it lists none).
      const sessionDays = open.data.schedule.days ?? datesFrom(start, end)
      const takingPart = cast.filter(({ plan }) => plan.fate === 'approved')
      sessionDays.forEach((date, day) => {
        commands.push(...phase(i => at(date, 16, i), attendanceDrafts(run, takingPart, date, day, sessionDays.length)))
      })
      if (open.data.passMark !== undefined) commands.push(...phase(i => at(end, 17, i), scoreDrafts(run, takingPart)))
      if (ending === 'conclude-each') {
        const conclusions = cast.map(({ nip }): Draft => when => ({
          type: 'ConcludePlace',
          at: when,
          actor: organiser,
          data: placeOf(run, nip),
        }))
        commands.push(...phase(i => at(end, 18, i), conclusions))
      } else if (ending !== 'open-ended')
        commands.push({ type: 'ConcludePlace', at: at(end, 18, 0), actor: organiser, data: offering })
      if (ending !== 'open-ended')
        commands.push({ type: 'CloseOffering', at: at(addDays(end, 1), 9, 0), actor: organiser, data: offering })
      return [open, ...commands]
    })

/** Reachable histories of one offering: a generated scenario (OpenOffering first) run through the decider. */
export const arbEnrollmentHistory = (
  config: PolicyConfig,
): fc.Arbitrary<ScenarioRun<EnrollmentCommand, EnrollmentEvent, EnrollmentState, EnrollmentRejection>> =>
  arbEnrollmentScenario().map(commands => runScenario(enrollmentDecider(config), commands))
