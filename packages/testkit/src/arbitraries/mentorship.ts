import fc from 'fast-check'
import {
  type Actor,
  addDays,
  daysBetween,
  type Instant,
  instant,
  jakartaDate,
  type LocalDate,
  type MentorshipCommand,
  type MentorshipEvent,
  type MentorshipGoal,
  type MentorshipParty,
  type MentorshipProposal,
  type MentorshipRejection,
  type MentorshipState,
  mentorshipDecider,
  type Nip,
  nip,
  type PolicyConfig,
  type Rank,
  systemActor,
} from '@pembina/core'
import { runScenario, type ScenarioRun } from '../scenario.js'
import { arbTimeline, asnActor } from './shared.js'

const pad = (n: number, width: number): string => String(n).padStart(width, '0')

/** A NIP for someone appointed in the given year and month (born 25 years earlier). */
const nipAppointed = (year: number, month: number, sequence: number): Nip =>
  nip(
    `${pad(year - 25, 4)}0${(sequence % 9) + 1}1${sequence % 10}${pad(year, 4)}${pad(month, 2)}${(sequence % 2) + 1}${pad(sequence, 3)}`,
  )

/** A mentor and a mentee where the mentor is senior: appointed early enough, or (about one pair in five) of higher rank only. */
export const arbMentorPair = (
  config: PolicyConfig,
): fc.Arbitrary<{ readonly mentor: MentorshipParty; readonly mentee: MentorshipParty }> => {
  const gapYears = config.mentorship.minSeniorityYears + 1
  return fc
    .record({
      menteeYear: fc.integer({ min: 2012, max: 2025 }),
      menteeMonth: fc.integer({ min: 1, max: 12 }),
      mentorMonth: fc.integer({ min: 1, max: 12 }),
      extraYears: fc.integer({ min: 0, max: 15 }),
      sequences: fc.uniqueArray(fc.integer({ min: 1, max: 999 }), { minLength: 2, maxLength: 2 }),
      byRank: fc.integer({ min: 0, max: 4 }).map(n => n === 0),
      ranks: fc.constantFrom<readonly [Rank, Rank]>(['III/a', 'II/c'], ['IV/a', 'III/b'], ['III/d', 'III/c']),
    })
    .map(({ menteeYear, menteeMonth, mentorMonth, extraYears, sequences, byRank, ranks }) => {
      const [mentorSeq = 1, menteeSeq = 2] = sequences
      const mentee = nipAppointed(menteeYear, menteeMonth, menteeSeq)
      if (byRank || menteeYear - gapYears - extraYears < 1980)
        return {
          mentor: { nip: nipAppointed(menteeYear, mentorMonth, mentorSeq), rank: ranks[0] },
          mentee: { nip: mentee, rank: ranks[1] },
        }
      return {
        mentor: { nip: nipAppointed(menteeYear - gapYears - extraYears, mentorMonth, mentorSeq) },
        mentee: { nip: mentee },
      }
    })
}

/** Goals with distinct ids, some of them ids that plain objects already carry (`constructor`, `toString`). */
export const arbMentorshipGoals: fc.Arbitrary<readonly MentorshipGoal[]> = fc
  .uniqueArray(fc.constantFrom('laporan-kegiatan', 'notulen', 'constructor', 'toString', 'g.1', 'g:2', 'SOP-3'), {
    minLength: 1,
    maxLength: 4,
  })
  .map(ids => ids.map(goalId => ({ goalId, description: `Menyusun ${goalId} secara mandiri` })))

/** Valid proposals for one mentorship id: a senior mentor, 1–4 goals, 1–8 planned sessions. */
export const arbMentorshipProposal = (
  mentorshipId = 'dinkes-belawan-2026-001',
  config: PolicyConfig,
): fc.Arbitrary<MentorshipProposal> =>
  fc
    .record({
      pair: arbMentorPair(config),
      form: fc.constantFrom('mentoring' as const, 'coaching' as const),
      unit: fc.constantFrom('Dinas Kesehatan Kota Medan', 'Puskesmas Belawan', 'Kantor Camat Medan Belawan'),
      goals: arbMentorshipGoals,
      plannedSessions: fc.integer({ min: 1, max: 8 }),
    })
    .map(({ pair, form, unit, goals, plannedSessions }) => ({
      mentorshipId,
      form,
      mentor: pair.mentor,
      mentee: pair.mentee,
      unit,
      goals,
      plannedSessions,
    }))

/** What a command template knows while a scenario is laid out: the instant and local date of the mentor's acceptance. */
interface Layout {
  acceptedAt: Instant | undefined
  acceptedOn: LocalDate | undefined
}

/** A command still waiting for its instant. */
type Template = (at: Instant, layout: Layout) => MentorshipCommand

/** Options of the mentorship scenario generator. */
export interface MentorshipScenarioOptions {
  readonly mentorshipId?: string
  /** The instant before the first command (default 2026-01-05T08:00+07:00). */
  readonly start?: Instant
  /** Mix in invalid, unauthorised and repeated commands (default false: mostly-valid commands only). */
  readonly noise?: boolean
}

const atasanNip = nip('196608011988031001')
const strangerNip = nip('198807072012012005')

const asn = (value: Nip, ...roles: readonly ('atasan' | 'mentor')[]): Actor => asnActor(value, 'asn', ...roles)

/** The mentor-capacity policy, which confirms or refuses an acceptance once the mentor's roster has answered. */
const capacityPolicy = systemActor('policy:mentor-capacity')

/**
 * How a generated mentorship ends: completed, ended early (before acceptance, while the acceptance waits for a place,
 * or after), declined, or still open.
 */
const arbOutcome = fc.constantFrom(
  'complete',
  'complete',
  'complete',
  'complete',
  'end-active',
  'end-accepting',
  'end-proposed',
  'decline',
  'open',
)

/**
 * What the mentor's roster answers to the acceptance, as the policy passes it on: a place (mostly), no place (the
 * mentor is full, so the mentorship stays proposed), or no place at first and one when the mentor accepts again.
 */
const arbPlace = fc.constantFrom(
  'reserved',
  'reserved',
  'reserved',
  'reserved',
  'reserved',
  'reserved',
  'refused',
  'refused-then-reserved',
)

/** The valid templates of one scenario, in order. */
const arbValidTemplates = (
  mentorshipId: string,
  config: PolicyConfig,
): fc.Arbitrary<{ readonly proposal: MentorshipProposal; readonly templates: readonly Template[] }> =>
  arbMentorshipProposal(mentorshipId, config).chain(proposal => {
    const { min, max } = config.mentorship.sessionMinutes
    const clamp = (minutes: number): number => Math.min(max, Math.max(min, minutes))
    const mentor = asn(proposal.mentor.nip, 'mentor')
    const mentee = asn(proposal.mentee.nip)
    return fc
      .record({
        outcome: arbOutcome,
        byAtasan: fc.boolean(),
        place: arbPlace,
        sessions: fc.array(
          fc.record({
            minutes: fc.oneof(fc.integer({ min, max }), fc.constantFrom(clamp(60), clamp(90))),
            back: fc.nat(1000),
            notes: fc.option(fc.constant('Membahas draf laporan kegiatan'), { nil: undefined }),
          }),
          { maxLength: proposal.plannedSessions + 2 },
        ),
        achieved: fc.subarray(proposal.goals.map(goal => goal.goalId)),
        allGoals: fc.boolean(),
        order: fc.array(fc.boolean(), { minLength: 1, maxLength: 30 }),
      })
      .map(({ outcome, byAtasan, place, sessions, achieved, allGoals, order }) => {
        const propose: Template = at => ({
          type: 'ProposeMentorship',
          at,
          actor: byAtasan ? asn(atasanNip, 'atasan') : mentee,
          data: proposal,
        })
        if (outcome === 'decline' || outcome === 'end-proposed') {
          const close: Template =
            outcome === 'decline'
              ? at => ({
                  type: 'DeclineMentorship',
                  at,
                  actor: mentor,
                  data: { mentorshipId, reason: 'Beban kerja penuh' },
                })
              : at => ({
                  type: 'EndMentorship',
                  at,
                  actor: mentee,
                  data: { mentorshipId, reason: 'Mutasi ke unit lain' },
                })
          return { proposal, templates: [propose, close] }
        }
        const accept: Template = (at, layout) => {
          layout.acceptedAt = at
          layout.acceptedOn = jakartaDate(at)
          return { type: 'AcceptMentorship', at, actor: mentor, data: { mentorshipId } }
        }
        // The policy's commands carry the instant of the acceptance they answer.
        const confirm =
          (request: number): Template =>
          (at, layout) => ({
            type: 'ConfirmMentorship',
            at: layout.acceptedAt ?? at,
            actor: capacityPolicy,
            data: { mentorshipId, request },
          })
        const refuse =
          (request: number): Template =>
          (at, layout) => ({
            type: 'RefuseMentorship',
            at: layout.acceptedAt ?? at,
            actor: capacityPolicy,
            data: {
              mentorshipId,
              request,
              activeMentorships: config.mentorship.maxActiveMentees,
              maxActiveMentees: config.mentorship.maxActiveMentees,
            },
          })
        if (outcome === 'end-accepting')
          return {
            proposal,
            templates: [
              propose,
              accept,
              at => ({
                type: 'EndMentorship',
                at,
                actor: mentee,
                data: { mentorshipId, reason: 'Mutasi ke unit lain' },
              }),
              confirm(1),
            ],
          }
        const acceptance: readonly Template[] =
          place === 'reserved'
            ? [accept, confirm(1)]
            : place === 'refused'
              ? [accept, refuse(1)]
              : [accept, refuse(1), accept, confirm(2)]
        const completing = outcome === 'complete'
        const goals = completing && allGoals ? proposal.goals.map(goal => goal.goalId) : achieved
        const sessionCount =
          completing && !allGoals ? Math.max(sessions.length, proposal.plannedSessions) : sessions.length
        const sessionTemplates = Array.from({ length: sessionCount }, (_, i): Template => {
          const session = sessions[i] ?? { minutes: clamp(60), back: 0, notes: undefined }
          return (at, layout) => {
            const today = jakartaDate(at)
            const span = layout.acceptedOn === undefined ? 0 : Math.max(0, daysBetween(layout.acceptedOn, today))
            return {
              type: 'LogSession',
              at,
              actor: mentor,
              data: {
                mentorshipId,
                sessionId: i === 1 ? 'constructor' : `sesi-${i + 1}`,
                date: addDays(today, -(session.back % (span + 1))),
                minutes: session.minutes,
                topic: 'Penulisan laporan kegiatan',
                ...(session.notes === undefined ? {} : { notes: session.notes }),
              },
            }
          }
        })
        const goalTemplates = goals.map((goalId): Template => at => ({
          type: 'MarkGoalAchieved',
          at,
          actor: mentor,
          data: { mentorshipId, goalId, assessment: 'Mampu menyusun secara mandiri' },
        }))
        const middle = interleave(sessionTemplates, goalTemplates, order)
        const last: readonly Template[] =
          outcome === 'complete'
            ? [at => ({ type: 'CompleteMentorship', at, actor: mentor, data: { mentorshipId, evaluation: 'Baik' } })]
            : outcome === 'end-active'
              ? [at => ({ type: 'EndMentorship', at, actor: mentor, data: { mentorshipId, reason: 'Mentor pensiun' } })]
              : []
        return { proposal, templates: [propose, ...acceptance, ...middle, ...last] }
      })
  })

/** Merges two lists keeping each one's order, choosing the next source by the booleans given. */
const interleave = <A>(left: readonly A[], right: readonly A[], choices: readonly boolean[]): readonly A[] => {
  const merged: A[] = []
  let i = 0
  let j = 0
  for (let k = 0; i < left.length || j < right.length; k++) {
    const takeLeft = j >= right.length || (i < left.length && (choices[k % Math.max(1, choices.length)] ?? true))
    const next = takeLeft ? left[i++] : right[j++]
    if (next !== undefined) merged.push(next)
  }
  return merged
}

/** One step of a noisy scenario: a template, or a verbatim repeat of the command before (a retry). */
type Step = Template | 'repeat'

/** Commands a scenario may slip in that should mostly be refused: wrong actor, bad session, unknown goal, early end. */
const arbNoise = (proposal: MentorshipProposal, config: PolicyConfig): fc.Arbitrary<Step> => {
  const { mentorshipId } = proposal
  const mentor = asn(proposal.mentor.nip, 'mentor')
  const stranger = asn(strangerNip)
  const { min, max } = config.mentorship.sessionMinutes
  const session =
    (sessionId: string, minutes: number, date: (today: LocalDate, layout: Layout) => LocalDate): Template =>
    (at, layout) => ({
      type: 'LogSession',
      at,
      actor: mentor,
      data: { mentorshipId, sessionId, date: date(jakartaDate(at), layout), minutes, topic: 'Sesi tambahan' },
    })
  const templates: readonly Step[] = [
    'repeat',
    'repeat',
    session('extra-short', Math.max(1, min - 1), today => today),
    session('extra-long', max + 1, today => today),
    session('extra-future', max, today => addDays(today, 2)),
    session('extra-early', min, (today, layout) => addDays(layout.acceptedOn ?? today, -3)),
    at => ({
      type: 'LogSession',
      at,
      actor: stranger,
      data: { mentorshipId, sessionId: 'x', date: jakartaDate(at), minutes: min, topic: 'x' },
    }),
    at => ({
      type: 'MarkGoalAchieved',
      at,
      actor: mentor,
      data: { mentorshipId, goalId: 'no-such-goal', assessment: 'x' },
    }),
    at => ({
      type: 'MarkGoalAchieved',
      at,
      actor: asn(proposal.mentee.nip),
      data: { mentorshipId, goalId: proposal.goals[0]?.goalId ?? 'g', assessment: 'x' },
    }),
    at => ({ type: 'CompleteMentorship', at, actor: mentor, data: { mentorshipId, evaluation: 'Terlalu cepat' } }),
    at => ({ type: 'EndMentorship', at, actor: stranger, data: { mentorshipId, reason: 'x' } }),
    at => ({ type: 'AcceptMentorship', at, actor: mentor, data: { mentorshipId } }),
    at => ({ type: 'ConfirmMentorship', at, actor: mentor, data: { mentorshipId, request: 1 } }),
    at => ({ type: 'ConfirmMentorship', at, actor: capacityPolicy, data: { mentorshipId, request: 3 } }),
    at => ({
      type: 'RefuseMentorship',
      at,
      actor: capacityPolicy,
      data: {
        mentorshipId,
        request: 1,
        activeMentorships: config.mentorship.maxActiveMentees,
        maxActiveMentees: config.mentorship.maxActiveMentees,
      },
    }),
    at => ({ type: 'DeclineMentorship', at, actor: mentor, data: { mentorshipId, reason: 'Berubah pikiran' } }),
    at => ({
      type: 'ProposeMentorship',
      at,
      actor: asn(atasanNip, 'atasan'),
      data: { ...proposal, mentor: proposal.mentee },
    }),
    at => ({
      type: 'ProposeMentorship',
      at,
      actor: asn(atasanNip, 'atasan'),
      data: { ...proposal, plannedSessions: proposal.plannedSessions + 1 },
    }),
    at => ({
      type: 'LogSession',
      at,
      actor: mentor,
      data: { mentorshipId: 'lain-001', sessionId: 'y', date: jakartaDate(at), minutes: min, topic: 'y' },
    }),
  ]
  return fc.constantFrom(...templates)
}

/**
 * Command sequences for one mentorship stream with increasing `at` (the policy's answers carry the instant of the
 * acceptance they answer): a proposal, then the mentor's acceptance and the mentor-capacity policy's confirmation (or
 * refusal, the mentor being full), sessions and goals interleaved, and an ending (completed, ended, declined or still
 * open). With `noise`, invalid and repeated commands are mixed in.
 */
export const arbMentorshipScenario = (
  config: PolicyConfig,
  options: MentorshipScenarioOptions = {},
): fc.Arbitrary<readonly MentorshipCommand[]> => {
  const mentorshipId = options.mentorshipId ?? 'dinkes-belawan-2026-001'
  const start = options.start ?? instant('2026-01-05T08:00:00+07:00')
  return arbValidTemplates(mentorshipId, config).chain(({ proposal, templates }) =>
    (options.noise === true
      ? fc.array(fc.record({ after: fc.nat(templates.length - 1), step: arbNoise(proposal, config) }), { maxLength: 8 })
      : fc.constant([])
    ).chain(noise => {
      const steps: Step[] = []
      templates.forEach((template, i) => {
        steps.push(template)
        for (const extra of noise) if (extra.after === i) steps.push(extra.step)
      })
      return arbTimeline(steps.length, start, 4).map(ats => {
        const layout: Layout = { acceptedAt: undefined, acceptedOn: undefined }
        const commands: MentorshipCommand[] = []
        steps.forEach((step, i) => {
          const previous = commands[commands.length - 1]
          const at = ats[i]
          if (step === 'repeat') {
            if (previous !== undefined) commands.push(previous)
          } else if (at !== undefined) commands.push(step(at, layout))
        })
        return commands
      })
    }),
  )
}

/** Reachable histories of one mentorship stream: a scenario generated under `config` run through its decider. */
export const arbMentorshipHistory = (
  config: PolicyConfig,
  options: Omit<MentorshipScenarioOptions, 'config'> = {},
): fc.Arbitrary<ScenarioRun<MentorshipCommand, MentorshipEvent, MentorshipState, MentorshipRejection>> =>
  arbMentorshipScenario(config, options).map(commands => runScenario(mentorshipDecider(config), commands))
