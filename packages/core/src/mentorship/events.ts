import * as t from 'io-ts'
import { event, eventRegistry, eventSchemas, oneOf, taggedUnion, text, wholeNumber } from '../kernel/index.js'
import { Instant, LocalDate, Nip } from '../shared/index.js'
import {
  ActiveMentorships,
  GoalId,
  MentorshipForm,
  MentorshipGoals,
  MentorshipId,
  MentorshipParty,
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
      unit: text(200),
      goals: MentorshipGoals,
      plannedSessions: PlannedSessions,
    },
    'MentorshipProposedData',
  ),
)

/** The mentor accepted; the mentorship is active from the local date of `at`. */
export const MentorshipAccepted = event(
  'MentorshipAccepted',
  t.strict(
    {
      at: Instant,
      mentorshipId: MentorshipId,
      form: MentorshipForm,
      mentorNip: Nip,
      menteeNip: Nip,
      mentorActiveMentorships: ActiveMentorships,
    },
    'MentorshipAcceptedData',
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
        topic: text(200),
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

/** The mentorship ended early, from the proposed or the active status, with a reason. */
export const MentorshipEnded = event(
  'MentorshipEnded',
  t.strict(
    {
      at: Instant,
      mentorshipId: MentorshipId,
      mentorNip: Nip,
      menteeNip: Nip,
      endedFrom: oneOf(['proposed', 'active'], 'EndedFrom'),
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
    MentorshipAccepted,
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

const schema = eventSchemas(MentorshipEvent)

/** The mentorship event registry: codecs, schema versions and catalog descriptions. */
export const mentorshipEvents = eventRegistry<MentorshipEvent>([
  schema(
    'MentorshipProposed',
    MentorshipProposed,
    'A mentorship or coaching was proposed with its mentor, mentee, unit, goals and planned sessions.',
  ),
  schema(
    'MentorshipAccepted',
    MentorshipAccepted,
    'The mentor accepted the mentorship, which is active from that day.',
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
  ),
])
