import fc from 'fast-check'
import {
  type Actor,
  type CompetencyCommand,
  type Competency,
  type ComplaintCommand,
  type ContractPeriod,
  type EnrollmentCommand,
  type Instant,
  type LearningSource,
  type LocalDate,
  type MentorRosterCommand,
  type MentorshipCommand,
  type Nip,
  type OrganisationCommand,
  type PembinaAggregate,
  type PembinaCommand,
  type PersonalData,
  type PersonnelCommand,
  type PositionType,
  addDays,
  complaintChannels,
  instant,
  klasikalForms,
  nip,
  nonklasikalForms,
} from '@pembina/core'
import { arbCompetency, arbLocalDate, arbRank } from '../shared.js'
import { arbNiPppk } from '../personnel.js'
import { arbActor } from './actors.js'
import { arbValidNip } from './nip.js'

const pad = (n: number, width: number): string => String(n).padStart(width, '0')

// ---- Values the commands are made of: valid in shape, arbitrary in content ------------------------------------------

// Some NIPs recur, so that commands drawn one after another now and then name the same person (and stream).
const recurringNips: readonly Nip[] = [
  nip('196608011988031001'),
  nip('198507142010012003'),
  nip('197912302005011004'),
  nip('199103072022211001'),
]

const arbCommandNip: fc.Arbitrary<Nip> = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom(...recurringNips) },
  { weight: 2, arbitrary: arbValidNip() },
  { weight: 1, arbitrary: arbNiPppk },
)

// A stream id: mostly one of a few (so commands meet on a stream), sometimes any id the codec accepts.
const arbId = (prefix: string): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(`${prefix}-1`, `${prefix}-2`, `${prefix}-3`) },
    { weight: 1, arbitrary: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/) },
  )

const sampleTexts = [
  'Puskesmas Belawan',
  'Pelatihan Dasar Kepemimpinan',
  'Antrean layanan terlalu lama.',
  'Menyusun laporan kegiatan secara mandiri',
  'Bimbingan teknis pengelolaan data kesehatan',
  'Tidak hadir karena tugas dinas.',
  'Ombudsman RI Perwakilan Sumatera Utara',
]

/** Text the `text(max)` codecs accept: not blank, at most `max` UTF-16 units; Indonesian phrases, any graphemes, the longest. */
const arbText = (max: number): fc.Arbitrary<string> =>
  fc
    .oneof(
      { weight: 3, arbitrary: fc.constantFrom(...sampleTexts) },
      { weight: 2, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: Math.min(max, 40) }) },
      { weight: 1, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: max - 2, maxLength: max }) },
    )
    .filter(text => text.trim() !== '' && text.length <= max)

const arbCommandDate: fc.Arbitrary<LocalDate> = arbLocalDate('2020-01-01', '2030-12-31')

// Instants with any offset the codec reads, with or without seconds and fractions.
const arbCommandInstant: fc.Arbitrary<Instant> = fc
  .record({
    date: arbLocalDate('2024-01-01', '2028-12-31'),
    hour: fc.integer({ min: 0, max: 23 }),
    minute: fc.integer({ min: 0, max: 59 }),
    second: fc.option(fc.integer({ min: 0, max: 59 }), { nil: undefined }),
    millis: fc.option(fc.integer({ min: 0, max: 999 }), { nil: undefined }),
    offset: fc.constantFrom('+07:00', '+07:00', '+08:00', '+09:00', 'Z', '-03:00'),
  })
  .map(({ date, hour, minute, second, millis, offset }) => {
    const seconds = second === undefined ? '' : `:${pad(second, 2)}${millis === undefined ? '' : `.${pad(millis, 3)}`}`
    return instant(`${date}T${pad(hour, 2)}:${pad(minute, 2)}${seconds}${offset}`)
  })

// An envelope sealed for a data subject, with random ciphertext (at least the 28 bytes of an AES-256-GCM IV and tag).
const arbSealed: fc.Arbitrary<PersonalData> = fc.record({
  subjectId: fc.oneof(fc.constantFrom('pengadu-complaint-1', 'asn-196608011988031001'), arbText(128)),
  keyId: fc.oneof(fc.constant('key-1'), arbText(128)),
  algorithm: fc.constant('AES-256-GCM' as const),
  ciphertext: fc.uint8Array({ minLength: 28, maxLength: 90 }).map(bytes => Buffer.from(bytes).toString('base64')),
})

const arbAnyCompetency: fc.Arbitrary<Competency> = fc.oneof(
  arbCompetency,
  fc.stringMatching(/^T\.[A-Z]{2,4}\.\d{2}$/).map((code): Competency => ({ type: 'teknis', code })),
)

const arbLearningForm = fc.constantFrom(...klasikalForms, ...nonklasikalForms)

const arbPositionType: fc.Arbitrary<PositionType> = fc.oneof(
  fc.constantFrom('jpt', 'administrator', 'pengawas').map((level): PositionType => ({ kind: 'manajerial', level })),
  fc
    .constantFrom('pertama', 'muda', 'madya', 'utama')
    .map((level): PositionType => ({ kind: 'fungsional-ahli', level })),
  fc
    .constantFrom('pemula', 'terampil', 'mahir', 'penyelia')
    .map((level): PositionType => ({ kind: 'fungsional-keterampilan', level })),
  fc.constant<PositionType>({ kind: 'pelaksana' }),
)

const arbContract: fc.Arbitrary<ContractPeriod> = fc
  .record({ start: arbCommandDate, days: fc.integer({ min: 0, max: 5 * 366 }) })
  .map(({ start, days }) => ({ start, end: addDays(start, days) }))

const arbEmployeeType = fc.constantFrom('PNS' as const, 'PPPK' as const)

const arbReason = arbText(500)

/** A command of one type, from any actor at any instant, with the data given. */
const command = <const Type extends string, Data>(
  type: Type,
  data: fc.Arbitrary<Data>,
): fc.Arbitrary<{ type: Type; at: Instant; actor: Actor; data: Data }> =>
  fc.record({ type: fc.constant(type), at: arbCommandInstant, actor: arbActor, data })

/** An arbitrary for every command type of a command union: a type missing here does not compile. */
type CommandArbitraries<C extends { readonly type: string }> = {
  readonly [Type in C['type']]: fc.Arbitrary<Extract<C, { readonly type: Type }>>
}

// ---- Enrollment ------------------------------------------------------------------------------------------------------

type Schedule = Extract<EnrollmentCommand, { type: 'OpenOffering' }>['data']['schedule']

// A run of at most 366 days, with or without session days (distinct, in order, within the run).
const arbSchedule: fc.Arbitrary<Schedule> = fc
  .record({ start: arbCommandDate, span: fc.integer({ min: 0, max: 365 }) })
  .chain(({ start, span }) =>
    fc
      .option(fc.uniqueArray(fc.integer({ min: 0, max: span }), { minLength: 1, maxLength: 12 }), { nil: undefined })
      .map((offsets): Schedule => {
        const end = addDays(start, span)
        if (offsets === undefined) return { start, end }
        return { start, end, days: [...offsets].sort((a, b) => a - b).map(offset => addDays(start, offset)) }
      }),
  )

const offeringId = arbId('offering')

const enrollmentCommands: CommandArbitraries<EnrollmentCommand> = {
  OpenOffering: command(
    'OpenOffering',
    fc.record(
      {
        offeringId,
        title: arbText(200),
        provider: arbText(200),
        venue: arbText(200),
        form: arbLearningForm,
        competency: arbAnyCompetency,
        jp: fc.integer({ min: 1, max: 200 }),
        capacity: fc.integer({ min: 1, max: 1000 }),
        schedule: arbSchedule,
        minimumAttendance: fc.double({ min: 0, max: 1, minExcluded: true, noNaN: true }),
        passMark: fc.integer({ min: 0, max: 100 }),
      },
      {
        requiredKeys: ['offeringId', 'title', 'provider', 'venue', 'form', 'competency', 'jp', 'capacity', 'schedule'],
      },
    ),
  ),
  RequestPlace: command('RequestPlace', fc.record({ offeringId, nip: arbCommandNip, atasanNip: arbCommandNip })),
  ApprovePlace: command('ApprovePlace', fc.record({ offeringId, nip: arbCommandNip })),
  DeclinePlace: command('DeclinePlace', fc.record({ offeringId, nip: arbCommandNip, reason: arbReason })),
  WithdrawPlace: command(
    'WithdrawPlace',
    fc.record({ offeringId, nip: arbCommandNip, reason: arbReason }, { requiredKeys: ['offeringId', 'nip'] }),
  ),
  StartOffering: command('StartOffering', fc.record({ offeringId })),
  RecordAttendance: command(
    'RecordAttendance',
    fc.record({ offeringId, nip: arbCommandNip, date: arbCommandDate, present: fc.boolean() }),
  ),
  RecordAssessment: command(
    'RecordAssessment',
    fc.record({ offeringId, nip: arbCommandNip, score: fc.integer({ min: 0, max: 100 }) }),
  ),
  ConcludePlace: command(
    'ConcludePlace',
    fc.record({ offeringId, nip: arbCommandNip }, { requiredKeys: ['offeringId'] }),
  ),
  CancelOffering: command('CancelOffering', fc.record({ offeringId, reason: arbReason })),
  CloseOffering: command('CloseOffering', fc.record({ offeringId })),
}

// ---- Mentorship and the mentor's roster ----------------------------------------------------------------------------

const mentorshipId = arbId('mentorship')
const goalId = fc.oneof(fc.constantFrom('goal-1', 'goal-2', 'goal-3'), arbId('goal'))
const arbParty = fc.record({ nip: arbCommandNip, rank: arbRank }, { requiredKeys: ['nip'] })

const mentorshipCommands: CommandArbitraries<MentorshipCommand> = {
  ProposeMentorship: command(
    'ProposeMentorship',
    fc.record({
      mentorshipId,
      form: fc.constantFrom('mentoring' as const, 'coaching' as const),
      mentor: arbParty,
      mentee: arbParty,
      unit: arbText(200),
      goals: fc.uniqueArray(fc.record({ goalId, description: arbText(500) }), {
        minLength: 1,
        maxLength: 10,
        selector: goal => goal.goalId,
      }),
      plannedSessions: fc.integer({ min: 1, max: 100 }),
    }),
  ),
  AcceptMentorship: command('AcceptMentorship', fc.record({ mentorshipId })),
  ConfirmMentorship: command(
    'ConfirmMentorship',
    fc.record({ mentorshipId, request: fc.integer({ min: 1, max: 1000 }) }),
  ),
  RefuseMentorship: command(
    'RefuseMentorship',
    fc.record({
      mentorshipId,
      request: fc.integer({ min: 1, max: 1000 }),
      activeMentorships: fc.integer({ min: 0, max: 10_000 }),
      maxActiveMentees: fc.integer({ min: 1, max: 100 }),
    }),
  ),
  DeclineMentorship: command('DeclineMentorship', fc.record({ mentorshipId, reason: arbText(1000) })),
  LogSession: command(
    'LogSession',
    fc.record(
      {
        mentorshipId,
        sessionId: arbId('session'),
        date: arbCommandDate,
        minutes: fc.integer({ min: 1, max: 1440 }),
        topic: arbText(200),
        notes: arbText(2000),
      },
      { requiredKeys: ['mentorshipId', 'sessionId', 'date', 'minutes', 'topic'] },
    ),
  ),
  MarkGoalAchieved: command('MarkGoalAchieved', fc.record({ mentorshipId, goalId, assessment: arbText(2000) })),
  CompleteMentorship: command('CompleteMentorship', fc.record({ mentorshipId, evaluation: arbText(2000) })),
  EndMentorship: command('EndMentorship', fc.record({ mentorshipId, reason: arbText(1000) })),
}

const mentorRosterCommands: CommandArbitraries<MentorRosterCommand> = {
  ReserveMentorPlace: command(
    'ReserveMentorPlace',
    fc.record({
      mentorNip: arbCommandNip,
      mentorshipId,
      menteeNip: arbCommandNip,
      request: fc.integer({ min: 1, max: 1000 }),
    }),
  ),
  ReleaseMentorPlace: command(
    'ReleaseMentorPlace',
    fc.record({
      mentorNip: arbCommandNip,
      mentorshipId,
      reason: fc.constantFrom('completed' as const, 'ended' as const, 'declined' as const),
    }),
  ),
}

// ---- Competency ------------------------------------------------------------------------------------------------------

const arbLearningSource: fc.Arbitrary<LearningSource> = fc.oneof(
  offeringId.map((id): LearningSource => ({ kind: 'training', offeringId: id })),
  fc
    .record({ mentorshipId, sessionId: arbId('session') })
    .map((ids): LearningSource => ({ kind: 'mentoring-session', ...ids })),
  fc
    .record({ mentorshipId, sessionId: arbId('session') })
    .map((ids): LearningSource => ({ kind: 'mentoring-given', ...ids })),
  arbId('report').map((reportId): LearningSource => ({ kind: 'self-reported', reportId })),
)

const competencyCommands: CommandArbitraries<CompetencyCommand> = {
  RegisterProfile: command(
    'RegisterProfile',
    fc.record(
      {
        nip: arbCommandNip,
        employeeType: arbEmployeeType,
        unit: arbText(200),
        position: arbPositionType,
        positionTitle: arbText(200),
        rank: arbRank,
      },
      { requiredKeys: ['nip', 'employeeType', 'unit', 'position', 'positionTitle'] },
    ),
  ),
  ChangePosition: command(
    'ChangePosition',
    fc.record(
      { nip: arbCommandNip, position: arbPositionType, positionTitle: arbText(200), unit: arbText(200), rank: arbRank },
      { requiredKeys: ['nip', 'position', 'positionTitle'] },
    ),
  ),
  SetCompetencyStandard: command(
    'SetCompetencyStandard',
    fc.record({
      nip: arbCommandNip,
      standard: fc.uniqueArray(
        fc.record({ competency: arbAnyCompetency, requiredLevel: fc.integer({ min: 1, max: 5 }) }),
        { minLength: 1, maxLength: 12, selector: line => line.competency.code },
      ),
    }),
  ),
  AssessCompetency: command(
    'AssessCompetency',
    fc.record({
      nip: arbCommandNip,
      assessmentId: arbId('assessment'),
      competency: arbAnyCompetency,
      level: fc.integer({ min: 1, max: 5 }),
    }),
  ),
  CreditLearning: command(
    'CreditLearning',
    fc.record(
      {
        nip: arbCommandNip,
        source: arbLearningSource,
        minutes: fc.integer({ min: 0, max: 100_000 }),
        form: arbLearningForm,
        completedOn: arbCommandDate,
        title: arbText(200),
        competency: arbAnyCompetency,
      },
      { requiredKeys: ['nip', 'source', 'minutes', 'form', 'completedOn', 'title'] },
    ),
  ),
  PlanDevelopment: command(
    'PlanDevelopment',
    fc.record({
      nip: arbCommandNip,
      year: fc.integer({ min: 2000, max: 2100 }),
      items: fc.array(
        fc.record(
          {
            competency: arbAnyCompetency,
            form: arbLearningForm,
            plannedMinutes: fc.integer({ min: 1, max: 100_000 }),
            basis: fc.constantFrom('competency-gap' as const, 'performance-gap' as const),
            note: arbText(1000),
          },
          { requiredKeys: ['competency', 'form', 'plannedMinutes', 'basis'] },
        ),
        { minLength: 1, maxLength: 20 },
      ),
    }),
  ),
  RecommendDevelopment: command(
    'RecommendDevelopment',
    fc.record({
      nip: arbCommandNip,
      recommendationId: fc.oneof(
        fc.constantFrom('complaint-1.deadline.notification', 'complaint-2.low-satisfaction'),
        fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$/),
      ),
      competency: arbAnyCompetency,
      reason: fc.record({
        kind: fc.constantFrom('deadline-missed' as const, 'low-satisfaction' as const),
        complaintId: arbId('complaint'),
        detail: arbText(1000),
      }),
    }),
  ),
  RecordPolicyParticipation: command(
    'RecordPolicyParticipation',
    fc.record({
      nip: arbCommandNip,
      consultationId: arbId('consultation'),
      title: arbText(200),
      participatedOn: arbCommandDate,
    }),
  ),
  RecordContract: command('RecordContract', fc.record({ nip: arbCommandNip, contract: arbContract })),
}

// ---- Complaint -------------------------------------------------------------------------------------------------------

const complaintId = arbId('complaint')
const arbChannel = fc.constantFrom(...complaintChannels)

const complaintCommands: CommandArbitraries<ComplaintCommand> = {
  FileComplaint: command(
    'FileComplaint',
    fc.record(
      {
        complaintId,
        trackingId: fc.stringMatching(/^[A-Z]{2,5}-\d{4}-\d{6}$/),
        unit: arbText(200),
        category: fc.constantFrom('pengaduan' as const, 'aspirasi' as const, 'permintaan-informasi' as const),
        description: arbSealed,
        serviceDate: arbCommandDate,
        channel: arbChannel,
        anonymous: fc.boolean(),
        confidential: fc.boolean(),
        complainant: arbSealed,
        contact: arbSealed,
        sensitiveDetails: arbSealed,
        trackingTokenDigest: fc.stringMatching(/^[0-9a-f]{64}$/),
      },
      {
        requiredKeys: [
          'complaintId',
          'trackingId',
          'unit',
          'category',
          'description',
          'serviceDate',
          'channel',
          'anonymous',
          'confidential',
        ],
      },
    ),
  ),
  VerifyComplaint: command(
    'VerifyComplaint',
    fc.record({ complaintId, anonymous: fc.boolean(), confidential: fc.boolean() }, { requiredKeys: ['complaintId'] }),
  ),
  RequestCompletion: command('RequestCompletion', fc.record({ complaintId, missing: arbText(2000) })),
  SupplyCompletion: command(
    'SupplyCompletion',
    fc.record(
      { complaintId, supplement: arbSealed, contact: arbSealed, sensitiveDetails: arbSealed },
      { requiredKeys: ['complaintId', 'supplement'] },
    ),
  ),
  DeclareNotInAuthority: command('DeclareNotInAuthority', fc.record({ complaintId, competentAgency: arbText(300) })),
  ArchiveComplaint: command('ArchiveComplaint', fc.record({ complaintId, reason: arbText(1000) })),
  DisposeComplaint: command(
    'DisposeComplaint',
    fc.record({ complaintId, unit: arbText(200), officerNip: arbCommandNip }),
  ),
  RecordFollowUp: command(
    'RecordFollowUp',
    fc.record({ complaintId, followUpId: arbId('follow-up'), text: arbSealed }),
  ),
  DecideComplaint: command(
    'DecideComplaint',
    fc.record(
      { complaintId, decision: arbSealed, upheld: fc.boolean(), compensation: arbText(1000) },
      { requiredKeys: ['complaintId', 'decision', 'upheld'] },
    ),
  ),
  NotifyComplainant: command('NotifyComplainant', fc.record({ complaintId, channel: arbChannel })),
  RateSatisfaction: command(
    'RateSatisfaction',
    fc.record(
      { complaintId, rating: fc.integer({ min: 1, max: 5 }), comment: arbSealed },
      { requiredKeys: ['complaintId', 'rating'] },
    ),
  ),
  CheckDeadlines: command('CheckDeadlines', fc.record({ complaintId })),
  EscalateToOmbudsman: command(
    'EscalateToOmbudsman',
    fc.record({ complaintId, reason: arbText(1000) }, { requiredKeys: ['complaintId'] }),
  ),
  CloseComplaint: command('CloseComplaint', fc.record({ complaintId })),
}

// ---- Personnel and organisation --------------------------------------------------------------------------------------

const unitId = fc.oneof(
  fc.constantFrom('puskesmas-belawan', 'dinas-kesehatan', 'pustu-sicanang', 'kantor-camat-medan-belawan'),
  arbId('unit'),
)
const positionId = fc.oneof(fc.constantFrom('kepala', 'perawat', 'bidan', 'pelaksana'), arbId('position'))

const personnelCommands: CommandArbitraries<PersonnelCommand> = {
  AppointAsn: command(
    'AppointAsn',
    fc.record(
      {
        nip: arbCommandNip,
        employeeType: arbEmployeeType,
        unitId,
        positionId,
        effectiveOn: arbCommandDate,
        rank: arbRank,
        atasanNip: arbCommandNip,
        contract: arbContract,
        nik: arbSealed,
        phone: arbSealed,
      },
      { requiredKeys: ['nip', 'employeeType', 'unitId', 'positionId', 'effectiveOn'] },
    ),
  ),
  MoveAsn: command(
    'MoveAsn',
    fc.record(
      { nip: arbCommandNip, unitId, positionId, effectiveOn: arbCommandDate, atasanNip: arbCommandNip },
      { requiredKeys: ['nip', 'unitId', 'positionId', 'effectiveOn'] },
    ),
  ),
  PromoteAsn: command('PromoteAsn', fc.record({ nip: arbCommandNip, rank: arbRank, effectiveOn: arbCommandDate })),
  AssignAtasan: command(
    'AssignAtasan',
    fc.record({ nip: arbCommandNip, atasanNip: arbCommandNip, effectiveOn: arbCommandDate }),
  ),
  RenewContract: command('RenewContract', fc.record({ nip: arbCommandNip, contract: arbContract })),
  RecordDeparture: command(
    'RecordDeparture',
    fc.record({
      nip: arbCommandNip,
      reason: fc.constantFrom(
        'pensiun' as const,
        'berhenti' as const,
        'meninggal' as const,
        'kontrak-berakhir' as const,
        'pindah-instansi' as const,
      ),
      effectiveOn: arbCommandDate,
    }),
  ),
  UpdatePersonalDetails: command(
    'UpdatePersonalDetails',
    fc.record({ nip: arbCommandNip, nik: arbSealed, phone: arbSealed }, { requiredKeys: ['nip'] }),
  ),
}

const organisationCommands: CommandArbitraries<OrganisationCommand> = {
  EstablishUnit: command(
    'EstablishUnit',
    fc.record(
      { unitId, name: arbText(200), effectiveOn: arbCommandDate, parentUnitId: unitId },
      { requiredKeys: ['unitId', 'name', 'effectiveOn'] },
    ),
  ),
  AddPosition: command(
    'AddPosition',
    fc.record({ unitId, positionId, title: arbText(200), positionType: arbPositionType }),
  ),
  DissolveUnit: command('DissolveUnit', fc.record({ unitId, effectiveOn: arbCommandDate, reason: arbText(1000) })),
}

// ---- By aggregate ----------------------------------------------------------------------------------------------------

/** The commands an aggregate decides. */
export type CommandOf<A extends PembinaAggregate> = Parameters<A['idOf']>[0]

/** The arbitraries of each aggregate's commands by type, keyed by the aggregate's category. */
export const commandArbitraries: {
  readonly [Category in PembinaAggregate['category']]: Readonly<Record<string, fc.Arbitrary<PembinaCommand>>>
} = {
  unit: organisationCommands,
  asn: personnelCommands,
  enrollment: enrollmentCommands,
  mentorship: mentorshipCommands,
  mentor: mentorRosterCommands,
  competency: competencyCommands,
  complaint: complaintCommands,
}

const oneOfAll = <C extends { readonly type: string }>(arbitraries: CommandArbitraries<C>): fc.Arbitrary<C> =>
  fc.oneof(...Object.values<fc.Arbitrary<C>>(arbitraries))

/**
 * Single commands of one aggregate that its command codec decodes (`aggregate.commands`): every command type, each
 * well-formed with arbitrary content (any actor, any instant with any offset, any NIPs and ids, some recurring so that
 * commands drawn in turn meet on a stream and a person), so not necessarily lawful: for fuzzing a decider or a command
 * handler. Name command types to draw only those: `arbCommandOf(enrollment, 'ApprovePlace', 'DeclinePlace')`.
 */
export const arbCommandOf = <A extends PembinaAggregate, Type extends CommandOf<A>['type'] = CommandOf<A>['type']>(
  aggregate: A,
  ...types: readonly Type[]
): fc.Arbitrary<Extract<CommandOf<A>, { readonly type: Type }>> => {
  const arbitraries = commandArbitraries[aggregate.category]
  const wanted: readonly string[] = types.length === 0 ? Object.keys(arbitraries) : types
  const chosen = wanted.map(type => {
    const arbitrary = arbitraries[type]
    if (arbitrary === undefined)
      throw new RangeError(
        `arbCommandOf: ${aggregate.category} has no command ${type} (known: ${Object.keys(arbitraries).join(', ')})`,
      )
    return arbitrary
  })
  // Each arbitrary of the category draws commands of its own type: the aggregate's command of that type.
  return fc.oneof<fc.Arbitrary<PembinaCommand>[]>(...chosen) as fc.Arbitrary<
    Extract<CommandOf<A>, { readonly type: Type }>
  >
}

/** Enrollment commands that `EnrollmentCommand` decodes, of every type (see `arbCommandOf`). */
export const arbEnrollmentCommand: fc.Arbitrary<EnrollmentCommand> = oneOfAll(enrollmentCommands)
/** Mentorship commands that `MentorshipCommand` decodes, of every type (see `arbCommandOf`). */
export const arbMentorshipCommand: fc.Arbitrary<MentorshipCommand> = oneOfAll(mentorshipCommands)
/** Mentor roster commands that `MentorRosterCommand` decodes, of every type (see `arbCommandOf`). */
export const arbMentorRosterCommand: fc.Arbitrary<MentorRosterCommand> = oneOfAll(mentorRosterCommands)
/** Competency commands that `CompetencyCommand` decodes, of every type (see `arbCommandOf`). */
export const arbCompetencyCommand: fc.Arbitrary<CompetencyCommand> = oneOfAll(competencyCommands)
/** Complaint commands that `ComplaintCommand` decodes, of every type (see `arbCommandOf`). */
export const arbComplaintCommand: fc.Arbitrary<ComplaintCommand> = oneOfAll(complaintCommands)
/** Personnel commands that `PersonnelCommand` decodes, of every type (see `arbCommandOf`). */
export const arbPersonnelCommand: fc.Arbitrary<PersonnelCommand> = oneOfAll(personnelCommands)
/** Organisation commands that `OrganisationCommand` decodes, of every type (see `arbCommandOf`). */
export const arbOrganisationCommand: fc.Arbitrary<OrganisationCommand> = oneOfAll(organisationCommands)
