import * as t from 'io-ts'
import { event, eventRegistry, eventSchemas, oneOf, taggedUnion, text, textLine, wholeNumber } from '../kernel/index.js'
import { Instant, LocalDate, Nip } from '../shared/index.js'
import {
  AcceptanceRequest,
  ActiveMentorships,
  GoalId,
  MentorshipForm,
  MentorshipGoals,
  MentorshipId,
  MentorshipParty,
  MaxActiveMentees,
  PlannedSessions,
  SessionId,
  SessionMinutes,
} from './commands.js'

/** A mentorship was proposed: mentor, mentee, unit, goals and planned sessions. */
export const MentorshipProposed = event(
  'MentorshipProposed',
  t.strict(
    {
      at: Instant,
      mentorshipId: MentorshipId,
      form: MentorshipForm,
      mentor: MentorshipParty,
      mentee: MentorshipParty,
      unit: textLine(200),
      goals: MentorshipGoals,
      plannedSessions: PlannedSessions,
    },
    'MentorshipProposedData',
  ),
)

/**
 * The mentor accepted (request `request` of this mentorship): a place of the mentor's is to be reserved before the
 * mentorship becomes active.
 */
export const MentorshipAcceptanceRequested = event(
  'MentorshipAcceptanceRequested',
  t.strict(
    {
      at: Instant,
      mentorshipId: MentorshipId,
      form: MentorshipForm,
      mentorNip: Nip,
      menteeNip: Nip,
      request: AcceptanceRequest,
    },
    'MentorshipAcceptanceRequestedData',
  ),
)

/**
 * A place of the mentor's was reserved for the acceptance: the mentorship is active from the local date of `at` (the
 * instant the mentor accepted). Version 2; version 1 carried the count of the mentor's mentorships the client sent.
 */
export const MentorshipAccepted = event(
  'MentorshipAccepted',
  t.strict(
    { at: Instant, mentorshipId: MentorshipId, form: MentorshipForm, mentorNip: Nip, menteeNip: Nip },
    'MentorshipAcceptedData',
  ),
)

/** Codec for why an acceptance was refused: the mentor's places were all held (kuota mentor penuh). */
export const AcceptanceRefusal = oneOf(['mentor-at-capacity'], 'AcceptanceRefusal')

/**
 * The mentor's places were all held (`activeMentorships` of `maxActiveMentees`) when the acceptance asked for one:
 * the mentorship is proposed again, and the mentor may accept it again once a place is free.
 */
export const MentorshipAcceptanceRefused = event(
  'MentorshipAcceptanceRefused',
  t.strict(
    {
      at: Instant,
      mentorshipId: MentorshipId,
      mentorNip: Nip,
      menteeNip: Nip,
      request: AcceptanceRequest,
      reason: AcceptanceRefusal,
      activeMentorships: ActiveMentorships,
      maxActiveMentees: MaxActiveMentees,
    },
    'MentorshipAcceptanceRefusedData',
  ),
)

/** The mentor declined the proposal. */
export const MentorshipDeclined = event(
  'MentorshipDeclined',
  t.strict(
    { at: Instant, mentorshipId: MentorshipId, mentorNip: Nip, menteeNip: Nip, reason: text(1000) },
    'MentorshipDeclinedData',
  ),
)

/** A session was held: everything a policy needs to credit the mentee's competency profile. */
export const SessionLogged = event(
  'SessionLogged',
  t.exact(
    t.intersection([
      t.type({
        at: Instant,
        mentorshipId: MentorshipId,
        sessionId: SessionId,
        form: MentorshipForm,
        mentorNip: Nip,
        menteeNip: Nip,
        date: LocalDate,
        minutes: SessionMinutes,
        topic: textLine(200),
      }),
      t.partial({ notes: text(2000) }),
    ]),
    'SessionLoggedData',
  ),
)

/** The mentor assessed a goal as achieved. */
export const GoalAchieved = event(
  'GoalAchieved',
  t.strict({ at: Instant, mentorshipId: MentorshipId, goalId: GoalId, assessment: text(2000) }, 'GoalAchievedData'),
)

/** Codec for why a mentorship could complete: all goals achieved, or the planned sessions done. */
export const CompletionBasis = oneOf(['all-goals-achieved', 'planned-sessions-done'], 'CompletionBasis')

/** The mentorship completed with an evaluation; counts and minutes are those of the whole mentorship. */
export const MentorshipCompleted = event(
  'MentorshipCompleted',
  t.strict(
    {
      at: Instant,
      mentorshipId: MentorshipId,
      form: MentorshipForm,
      mentorNip: Nip,
      menteeNip: Nip,
      sessions: wholeNumber(0, 1_000_000, 'SessionCount'),
      totalMinutes: wholeNumber(0, 1_000_000_000, 'TotalMinutes'),
      goalsAchieved: wholeNumber(0, 10, 'GoalCount'),
      basis: CompletionBasis,
      evaluation: text(2000),
    },
    'MentorshipCompletedData',
  ),
)

/**
 * The mentorship ended early, with a reason: while proposed, while the mentor's acceptance waited for a place
 * (`accepting`, from version 2), or while active.
 */
export const MentorshipEnded = event(
  'MentorshipEnded',
  t.strict(
    {
      at: Instant,
      mentorshipId: MentorshipId,
      mentorNip: Nip,
      menteeNip: Nip,
      endedFrom: oneOf(['proposed', 'accepting', 'active'], 'EndedFrom'),
      reason: text(1000),
    },
    'MentorshipEndedData',
  ),
)

/** Codec for every mentorship event, told apart by `type`. */
export const MentorshipEvent = taggedUnion(
  'type',
  {
    MentorshipProposed,
    MentorshipAcceptanceRequested,
    MentorshipAccepted,
    MentorshipAcceptanceRefused,
    MentorshipDeclined,
    SessionLogged,
    GoalAchieved,
    MentorshipCompleted,
    MentorshipEnded,
  },
  'MentorshipEvent',
)
/** A mentorship event. */
export type MentorshipEvent = t.TypeOf<typeof MentorshipEvent>

/** The mentorship event of one type (or of several). */
export type MentorshipEventOf<Type extends MentorshipEvent['type']> = Extract<MentorshipEvent, { readonly type: Type }>

const schema = eventSchemas(MentorshipEvent)

/** MentorshipAccepted v1 to v2: the count of the mentor's mentorships a v1 client sent is dropped (never a limit again). */
const withoutClientCount = (data: unknown): unknown =>
  typeof data === 'object' && data !== null
    ? Object.fromEntries(Object.entries(data).filter(([key]) => key !== 'mentorActiveMentorships'))
    : data

/** MentorshipEnded v1 to v2: v2 adds `accepting` to where a mentorship may end from; a v1 event reads as it is. */
const endedAsBefore = (data: unknown): unknown => data

/** The mentorship event registry: codecs, schema versions and catalog descriptions. */
export const mentorshipEvents = eventRegistry<MentorshipEvent>([
  schema(
    'MentorshipProposed',
    MentorshipProposed,
    'A mentorship or coaching was proposed with its mentor, mentee, unit, goals and planned sessions.',
  ),
  schema(
    'MentorshipAcceptanceRequested',
    MentorshipAcceptanceRequested,
    "The mentor accepted the mentorship; a place among the mentor's at most maxActiveMentees is to be reserved for it.",
  ),
  schema(
    'MentorshipAccepted',
    MentorshipAccepted,
    "A place of the mentor's was reserved for the accepted mentorship, which is active from the day the mentor accepted.",
    { version: 2, upcasters: { 1: withoutClientCount } },
  ),
  schema(
    'MentorshipAcceptanceRefused',
    MentorshipAcceptanceRefused,
    "The mentor's places were all held (kuota mentor penuh): the mentorship is proposed again.",
  ),
  schema('MentorshipDeclined', MentorshipDeclined, 'The mentor declined the proposed mentorship, with a reason.'),
  schema(
    'SessionLogged',
    SessionLogged,
    "A mentoring or coaching session was held, with its date, minutes and topic, to be credited to the mentee's profile.",
  ),
  schema('GoalAchieved', GoalAchieved, "The mentor assessed one of the mentorship's goals as achieved."),
  schema(
    'MentorshipCompleted',
    MentorshipCompleted,
    'The mentorship was completed with an evaluation, its number of sessions and their total minutes.',
  ),
  schema(
    'MentorshipEnded',
    MentorshipEnded,
    'The mentorship was ended early, before or after acceptance, with a reason.',
    { version: 2, upcasters: { 1: endedAsBefore } },
  ),
])
