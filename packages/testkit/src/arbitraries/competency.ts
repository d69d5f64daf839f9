import fc from 'fast-check'
import {
  type Actor,
  addDays,
  type CompetencyCommand,
  competencyDecider,
  type CompetencyEvent,
  type CompetencyRejection,
  type CompetencyRequirement,
  type CompetencyState,
  type DevelopmentPlanItem,
  type EmployeeType,
  type Instant,
  instant,
  jakartaDate,
  jakartaYear,
  type LearningForm,
  type LearningSource,
  type LocalDate,
  localDate,
  type Nip,
  nip,
  type PolicyConfig,
  type PositionType,
  systemActor,
} from '@pembina/core'
import { runScenario, type ScenarioRun } from '../scenario.js'
import { arbCompetency, arbNip, arbRank, arbTimeline, asnActor } from './shared.js'

/** The officials a generated competency scenario uses: a pyb, an atasan, an assessor and a training admin. */
export const competencyOfficials = {
  pyb: asnActor(nip('196608011988031001'), 'asn', 'pyb'),
  atasan: asnActor(nip('197502152000122002'), 'asn', 'atasan'),
  assessor: asnActor(nip('198001012005011003'), 'asn', 'assessor'),
  trainingAdmin: asnActor(nip('198203102006042004'), 'asn', 'admin-pelatihan'),
  system: { kind: 'system', process: 'competency-policy' } satisfies Actor,
} as const

const officialNips: readonly string[] = ['196608011988031001', '197502152000122002', '198001012005011003']

/** NIPs of ASN a scenario could be about: valid, and none of the officials. */
export const arbProfileNip: fc.Arbitrary<Nip> = arbNip.filter(value => !officialNips.includes(value))

const arbPosition: fc.Arbitrary<PositionType> = fc.oneof(
  fc.constantFrom('jpt', 'administrator', 'pengawas').map((level): PositionType => ({ kind: 'manajerial', level })),
  fc.constantFrom('pertama', 'muda').map((level): PositionType => ({ kind: 'fungsional-ahli', level })),
  fc.constantFrom('terampil', 'mahir').map((level): PositionType => ({ kind: 'fungsional-keterampilan', level })),
  fc.constant<PositionType>({ kind: 'pelaksana' }),
)
const arbUnit = fc.constantFrom(
  'Puskesmas Belawan',
  'Pustu Sicanang',
  'Kantor Camat Medan Belawan',
  'BKPSDM Kota Medan',
)
const arbTitle = fc.constantFrom('Pengelola Data Kesehatan', 'Perawat Terampil', 'Analis Kebijakan', 'Sekretaris Camat')
const arbForm: fc.Arbitrary<LearningForm> = fc.constantFrom('pelatihan-teknis', 'seminar', 'e-learning', 'mentoring')
// Small id pools, including ids plain objects already carry, so repeats and own-key handling are exercised.
const arbId = (prefix: string): fc.Arbitrary<string> =>
  fc.oneof(
    fc.integer({ min: 1, max: 5 }).map(n => `${prefix}-${n}`),
    fc.constantFrom('constructor', 'toString'),
  )

const arbSource: fc.Arbitrary<LearningSource> = fc.oneof(
  arbId('OFF').map((offeringId): LearningSource => ({ kind: 'training', offeringId })),
  fc
    .tuple(arbId('MS'), arbId('S'))
    .map(([mentorshipId, sessionId]): LearningSource => ({ kind: 'mentoring-session', mentorshipId, sessionId })),
  fc
    .tuple(arbId('MS'), arbId('S'))
    .map(([mentorshipId, sessionId]): LearningSource => ({ kind: 'mentoring-given', mentorshipId, sessionId })),
  arbId('R').map((reportId): LearningSource => ({ kind: 'self-reported', reportId })),
)

const creditorOf = (source: LearningSource): Actor => {
  switch (source.kind) {
    case 'training':
      return competencyOfficials.trainingAdmin
    case 'mentoring-session':
    case 'mentoring-given':
      return competencyOfficials.system
    case 'self-reported':
      return competencyOfficials.atasan
  }
}

/** A job's competency standard: 1–4 distinct competencies at levels 1–5. */
export const arbCompetencyStandard: fc.Arbitrary<readonly CompetencyRequirement[]> = fc.uniqueArray(
  fc.record({ competency: arbCompetency, requiredLevel: fc.integer({ min: 1, max: 5 }) }, { noNullPrototype: true }),
  { minLength: 1, maxLength: 4, selector: line => line.competency.code },
)

// Commands decoded by io-ts are plain objects; fast-check's records may otherwise have a null prototype.
// An item resting on a performance gap is valid whatever the profile holds; one resting on a competency gap needs a
// gap in the profile, so it is only generated with the standard and the assessment that make one (`gapPlanSteps`).
const arbPlanItem: fc.Arbitrary<DevelopmentPlanItem> = fc.record(
  {
    competency: arbCompetency,
    form: arbForm,
    plannedMinutes: fc.integer({ min: 45, max: 2_000 }),
    basis: fc.constant('performance-gap'),
  },
  { noNullPrototype: true },
)

/** A command to issue at an instant. */
type Step = (at: Instant) => CompetencyCommand

const daysBefore = (at: Instant, days: number): LocalDate => addDays(jakartaDate(at), -days)

const validSteps = (subject: Nip): fc.Arbitrary<Step> =>
  fc.oneof(
    fc
      .record({ position: arbPosition, positionTitle: arbTitle, unit: fc.option(arbUnit, { nil: undefined }) })
      .map(({ unit, ...data }): Step => at => ({
        type: 'ChangePosition',
        at,
        actor: competencyOfficials.pyb,
        data: unit === undefined ? { nip: subject, ...data } : { nip: subject, ...data, unit },
      })),
    arbCompetencyStandard.map((standard): Step => at => ({
      type: 'SetCompetencyStandard',
      at,
      actor: competencyOfficials.pyb,
      data: { nip: subject, standard },
    })),
    fc
      .record({ assessmentId: arbId('ASM'), competency: arbCompetency, level: fc.integer({ min: 1, max: 5 }) })
      .map((data): Step => at => ({
        type: 'AssessCompetency',
        at,
        actor: competencyOfficials.assessor,
        data: { nip: subject, ...data },
      })),
    // Learning is what most histories are made of: credits come three times as often as other commands.
    {
      weight: 3,
      arbitrary: fc
        .record({
          source: arbSource,
          minutes: fc.integer({ min: 0, max: 1_500 }),
          form: arbForm,
          competency: fc.option(arbCompetency, { nil: undefined }),
          daysAgo: fc.integer({ min: 0, max: 150 }),
        })
        .map(({ source, minutes, form, competency, daysAgo }): Step => at => {
          const data = { nip: subject, source, minutes, form, completedOn: daysBefore(at, daysAgo), title: 'Belajar' }
          const full = competency === undefined ? data : { ...data, competency }
          return { type: 'CreditLearning', at, actor: creditorOf(source), data: full }
        }),
    },
    fc
      .record({
        yearsAhead: fc.integer({ min: 0, max: 1 }),
        items: fc.array(arbPlanItem, { minLength: 1, maxLength: 3 }),
      })
      .map(({ yearsAhead, items }): Step => at => ({
        type: 'PlanDevelopment',
        at,
        actor: competencyOfficials.pyb,
        data: { nip: subject, year: jakartaYear(at) + yearsAhead, items },
      })),
    fc
      .record({
        recommendationId: arbId('REC'),
        competency: arbCompetency,
        kind: fc.constantFrom('deadline-missed', 'low-satisfaction'),
        complaintId: arbId('C'),
      })
      .map(({ recommendationId, competency, kind, complaintId }): Step => at => ({
        type: 'RecommendDevelopment',
        at,
        actor: competencyOfficials.system,
        data: { nip: subject, recommendationId, competency, reason: { kind, complaintId, detail: 'Tindak lanjut' } },
      })),
    fc
      .record({ consultationId: arbId('KONS'), daysAgo: fc.integer({ min: 0, max: 200 }) })
      .map(({ consultationId, daysAgo }): Step => at => ({
        type: 'RecordPolicyParticipation',
        at,
        actor: competencyOfficials.atasan,
        data: { nip: subject, consultationId, title: 'Konsultasi publik', participatedOn: daysBefore(at, daysAgo) },
      })),
  )

/**
 * A plan resting on a competency gap, with what makes the gap whatever the profile held before: a standard requiring
 * the competency, then an assessment below that level (its id unique to its instant), then the plan.
 */
const gapPlanSteps = (subject: Nip): fc.Arbitrary<readonly Step[]> =>
  fc
    .record({
      competency: arbCompetency,
      requiredLevel: fc.integer({ min: 2, max: 5 }),
      shortBy: fc.integer({ min: 1, max: 4 }),
      others: arbCompetencyStandard,
      form: arbForm,
      plannedMinutes: fc.integer({ min: 45, max: 2_000 }),
      more: fc.array(arbPlanItem, { maxLength: 2 }),
      yearsAhead: fc.integer({ min: 0, max: 1 }),
    })
    .map(({ competency, requiredLevel, shortBy, others, form, plannedMinutes, more, yearsAhead }): readonly Step[] => {
      const standard = [
        { competency, requiredLevel },
        ...others.filter(line => line.competency.code !== competency.code),
      ]
      const level = Math.max(1, requiredLevel - shortBy)
      const gapItem: DevelopmentPlanItem = { competency, form, plannedMinutes, basis: 'competency-gap' }
      return [
        at => ({ type: 'SetCompetencyStandard', at, actor: competencyOfficials.pyb, data: { nip: subject, standard } }),
        at => ({
          type: 'AssessCompetency',
          at,
          actor: competencyOfficials.assessor,
          data: { nip: subject, assessmentId: `ASM-gap-${Date.parse(at)}`, competency, level },
        }),
        at => ({
          type: 'PlanDevelopment',
          at,
          actor: competencyOfficials.pyb,
          data: { nip: subject, year: jakartaYear(at) + yearsAhead, items: [gapItem, ...more] },
        }),
      ]
    })

/**
 * Commands a decider must refuse: a wrong actor, another NIP, a level or minutes out of range, a date in the future,
 * a plan for a past year or resting on a gap the profile does not have.
 */
const invalidSteps = (subject: Nip): fc.Arbitrary<Step> =>
  fc.oneof(
    validSteps(subject).map((step): Step => at => ({ ...step(at), actor: asnActor(subject, 'asn') })),
    arbProfileNip.chain(other => validSteps(other)),
    fc.constant<Step>(at => ({
      type: 'RegisterProfile',
      at,
      actor: competencyOfficials.pyb,
      data: {
        nip: subject,
        employeeType: 'PPPK',
        unit: 'Dinkes',
        position: { kind: 'pelaksana' },
        positionTitle: 'Lain',
        rank: 'III/a',
      },
    })),
    fc.constantFrom(0, 6, 2.5, -1).map((level): Step => at => ({
      type: 'AssessCompetency',
      at,
      actor: competencyOfficials.assessor,
      data: { nip: subject, assessmentId: 'ASM-bad', competency: { type: 'teknis', code: 'T.KES.07' }, level },
    })),
    fc.constantFrom(-5, 1.5, 100_001, 60).map((minutes): Step => at => ({
      type: 'CreditLearning',
      at,
      actor: competencyOfficials.system,
      // 60 minutes are fine, but completed three days after they are credited.
      data: {
        nip: subject,
        source: { kind: 'training', offeringId: `OFF-bad-${minutes}` },
        minutes,
        form: 'seminar',
        completedOn: addDays(jakartaDate(at), minutes === 60 ? 3 : 0),
        title: 'Tidak sah',
      },
    })),
    arbCompetencyStandard.map((standard): Step => at => ({
      type: 'SetCompetencyStandard',
      at,
      actor: competencyOfficials.pyb,
      data: { nip: subject, standard: [...standard, ...standard] },
    })),
    fc.array(arbPlanItem, { minLength: 1, maxLength: 2 }).map((items): Step => at => ({
      type: 'PlanDevelopment',
      at,
      actor: competencyOfficials.pyb,
      data: { nip: subject, year: jakartaYear(at) - 1, items },
    })),
    // A competency no generated standard holds, so the gap the item rests on is never there.
    fc.array(arbPlanItem, { maxLength: 2 }).map((items): Step => at => ({
      type: 'PlanDevelopment',
      at,
      actor: competencyOfficials.pyb,
      data: {
        nip: subject,
        year: jakartaYear(at),
        items: [
          ...items,
          {
            competency: { type: 'teknis', code: 'T.LAIN.99' },
            form: 'seminar',
            plannedMinutes: 90,
            basis: 'competency-gap',
          },
        ],
      },
    })),
    fc.constant<Step>(at => ({
      type: 'RecordPolicyParticipation',
      at,
      actor: competencyOfficials.pyb,
      data: {
        nip: subject,
        consultationId: 'KONS-future',
        title: 'Belum terjadi',
        participatedOn: addDays(jakartaDate(at), 1),
      },
    })),
  )

/** Options for a generated competency scenario. */
export interface CompetencyScenarioOptions {
  /**
   * How many steps follow the registration (default 1–30): a step is one command, or three for a plan resting on a
   * competency gap (the standard, the assessment below it, the plan).
   */
  readonly minSteps?: number
  readonly maxSteps?: number
  /** Whether to mix in commands the decider must refuse, about one step in seven (default true). */
  readonly withInvalid?: boolean
  /** The instant the scenario starts (default 2026-01-05 08:00 WIB). */
  readonly start?: Instant
}

/**
 * Command sequences for one competency profile: a registration by the pyb, then mostly valid commands with
 * increasing `at` (among them plans resting on a competency gap, after the standard and assessment that make it),
 * some re-sent later (retries), and (optionally) some the decider must refuse. Without those, the decider refuses none.
 */
export const arbCompetencyScenario = (
  options: CompetencyScenarioOptions = {},
): fc.Arbitrary<readonly CompetencyCommand[]> => {
  const { minSteps = 1, maxSteps = 30, withInvalid = true, start = instant('2026-01-05T08:00:00+07:00') } = options
  return fc
    .record({
      subject: arbProfileNip,
      employeeType: fc.constantFrom<EmployeeType>('PNS', 'PNS', 'PPPK'),
      rank: arbRank,
      position: arbPosition,
      unit: arbUnit,
      positionTitle: arbTitle,
    })
    .chain(({ subject, employeeType, rank, ...employment }) => {
      const register: Step = at => ({
        type: 'RegisterProfile',
        at,
        actor: competencyOfficials.pyb,
        data:
          employeeType === 'PNS'
            ? { nip: subject, employeeType, ...employment, rank }
            : { nip: subject, employeeType, ...employment },
      })
      const single = (steps: fc.Arbitrary<Step>): fc.Arbitrary<readonly Step[]> => steps.map(one => [one])
      // A PPPK's contracts: five-year periods from March 2016, 2021, 2026 or 2031 (never overlapping one another).
      const contract = fc.integer({ min: 0, max: 3 }).map((k): Step => at => ({
        type: 'RecordContract',
        at,
        actor: systemActor('record-contract'),
        data: {
          nip: subject,
          contract: { start: localDate(`${2016 + 5 * k}-03-01`), end: localDate(`${2021 + 5 * k}-02-28`) },
        },
      }))
      const step = fc.oneof(
        { arbitrary: single(validSteps(subject)), weight: 8 },
        ...(employeeType === 'PPPK' ? [{ arbitrary: single(contract), weight: 1 }] : []),
        { arbitrary: gapPlanSteps(subject), weight: 1 },
        { arbitrary: fc.nat().map(n => ({ repeat: n })), weight: 2 },
        { arbitrary: single(withInvalid ? invalidSteps(subject) : validSteps(subject)), weight: 2 },
      )
      // With invalid commands, a scenario sometimes opens with a command before the profile is registered.
      const none = fc.constant(undefined)
      const early = withInvalid
        ? fc.oneof({ arbitrary: none, weight: 4 }, { arbitrary: validSteps(subject), weight: 1 })
        : none
      return fc
        .record({ early, steps: fc.array(step, { minLength: minSteps, maxLength: maxSteps }) })
        .chain(({ early, steps }) => {
          const count = steps.reduce((sum, next) => sum + ('repeat' in next ? 1 : next.length), 0)
          return arbTimeline(count + 2, start).map(timeline => {
            let slot = 0
            const nextInstant = (): Instant => timeline[slot++] ?? start
            const commands: CompetencyCommand[] = early === undefined ? [] : [early(nextInstant())]
            if (early === undefined) slot++
            commands.push(register(nextInstant()))
            // What a retry may re-send: not a plan resting on a gap, which a later standard or assessment may close.
            const retryable = [...commands]
            for (const next of steps) {
              if ('repeat' in next) {
                const at = nextInstant()
                const again = { ...(retryable[next.repeat % retryable.length] ?? register(at)), at }
                commands.push(again)
                retryable.push(again)
              } else
                for (const [i, make] of next.entries()) {
                  const command = make(nextInstant())
                  commands.push(command)
                  if (next.length === 1 || i < next.length - 1) retryable.push(command)
                }
            }
            return commands
          })
        })
    })
}

/** Reachable histories of one competency profile: a generated scenario run through the decider under `config`. */
export const arbCompetencyHistory = (
  config: PolicyConfig,
  options: CompetencyScenarioOptions = {},
): fc.Arbitrary<ScenarioRun<CompetencyCommand, CompetencyEvent, CompetencyState, CompetencyRejection>> =>
  arbCompetencyScenario(options).map(commands => runScenario(competencyDecider(config), commands))
