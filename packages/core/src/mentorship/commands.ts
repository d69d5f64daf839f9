import * as t from 'io-ts'
import { knownKeysOnly, oneOf, refine, streamId, taggedUnion, text, textLine, wholeNumber } from '../kernel/index.js'
import { command, LocalDate, Nip, Rank } from '../shared/index.js'

/** Codec for a mentorship id: the `<id>` of the stream `mentorship-<id>`. */
export const MentorshipId = streamId('MentorshipId')
/** Codec for a goal id, unique within a mentorship. */
export const GoalId = streamId('GoalId')
/** Codec for a session id, unique within a mentorship. */
export const SessionId = streamId('SessionId')

/** Codec for the two forms of mentorship: long-term mentoring, or short and structured coaching. */
export const MentorshipForm = oneOf(['mentoring', 'coaching'], 'MentorshipForm')
/** `mentoring` (long-term, senior to junior) or `coaching` (short, structured). */
export type MentorshipForm = t.TypeOf<typeof MentorshipForm>

/** Codec for a mentor or mentee: the NIP and, for PNS, the rank (golongan) when known. */
export const MentorshipParty = t.exact(
  t.intersection([t.type({ nip: Nip }), t.partial({ rank: Rank })]),
  'MentorshipParty',
)
/** A mentor or mentee. */
export type MentorshipParty = t.TypeOf<typeof MentorshipParty>

/** Codec for one goal of a mentorship (e.g. writing activity reports on one's own). */
export const MentorshipGoal = t.strict({ goalId: GoalId, description: text(500) }, 'MentorshipGoal')
/** One goal of a mentorship. */
export type MentorshipGoal = t.TypeOf<typeof MentorshipGoal>

/** Whether a list of goals has 1 to 10 entries with distinct goal ids. */
export const isValidGoalList = (goals: readonly MentorshipGoal[]): boolean =>
  goals.length >= 1 && goals.length <= 10 && new Set(goals.map(goal => goal.goalId)).size === goals.length

/** Codec for a mentorship's goals: 1 to 10, with distinct goal ids. */
export const MentorshipGoals = refine(
  t.readonlyArray(MentorshipGoal),
  (goals): goals is readonly MentorshipGoal[] => isValidGoalList(goals),
  'MentorshipGoals',
  'must list 1 to 10 goals with distinct goalIds',
)

/** Codec for a session's length in whole minutes; the agency's allowed range is checked by the decider. */
export const SessionMinutes = wholeNumber(1, 1440, 'SessionMinutes')

/** Codec for the number of sessions a mentorship plans, 1 to 100. */
export const PlannedSessions = wholeNumber(1, 100, 'PlannedSessions')

/**
 * Codec for the number of a mentor's acceptance request within a mentorship: 1 for the first; a mentor refused for
 * capacity may accept again, under the next number.
 */
export const AcceptanceRequest = wholeNumber(1, 1000, 'AcceptanceRequest')

/** Codec for how many places a mentor held when a request was refused. */
export const ActiveMentorships = wholeNumber(0, 10_000, 'ActiveMentorships')

/** Codec for the most active mentorships a mentor may hold (`mentorship.maxActiveMentees`, 1 to 100). */
export const MaxActiveMentees = wholeNumber(1, 100, 'MaxActiveMentees')

/** Codec for a proposal: who guides whom, in which unit, toward which goals, over how many sessions. */
export const MentorshipProposal = t.strict({
  mentorshipId: MentorshipId,
  form: MentorshipForm,
  mentor: MentorshipParty,
  mentee: MentorshipParty,
  unit: textLine(200),
  goals: MentorshipGoals,
  plannedSessions: PlannedSessions,
})
/** The data of a proposal. */
export type MentorshipProposal = t.TypeOf<typeof MentorshipProposal>

/** Proposes a mentorship (by the mentee or an atasan): who guides whom, in which unit, toward which goals. */
export const ProposeMentorship = command('ProposeMentorship', MentorshipProposal)
/** Proposes a mentorship. */
export type ProposeMentorship = t.TypeOf<typeof ProposeMentorship>

/**
 * The mentor accepts a proposed mentorship; it becomes active once one of the mentor's places is reserved for it (at
 * most `maxActiveMentees`, kept in the mentor's own stream, `mentor-<nip>`). The command names the mentorship only:
 * any other field (such as a count of the mentor's mentorships, which older clients sent) is refused, since the
 * limit is never taken from a client.
 */
export const AcceptMentorship = command(
  'AcceptMentorship',
  knownKeysOnly(t.strict({ mentorshipId: MentorshipId }, 'AcceptMentorshipData'), ['mentorshipId']),
)
/** Accepts a mentorship. */
export type AcceptMentorship = t.TypeOf<typeof AcceptMentorship>

/**
 * A place was reserved for the mentor's acceptance request `request`: the mentorship becomes active. Sent by the
 * mentor-capacity policy (the system).
 */
export const ConfirmMentorship = command(
  'ConfirmMentorship',
  t.strict({ mentorshipId: MentorshipId, request: AcceptanceRequest }),
)
/** Confirms a mentor's acceptance. */
export type ConfirmMentorship = t.TypeOf<typeof ConfirmMentorship>

/**
 * The mentor's places were all held (`activeMentorships` of `maxActiveMentees`) when request `request` asked for one:
 * the mentorship goes back to proposed. Sent by the mentor-capacity policy (the system).
 */
export const RefuseMentorship = command(
  'RefuseMentorship',
  t.strict({
    mentorshipId: MentorshipId,
    request: AcceptanceRequest,
    activeMentorships: ActiveMentorships,
    maxActiveMentees: MaxActiveMentees,
  }),
)
/** Refuses a mentor's acceptance for capacity. */
export type RefuseMentorship = t.TypeOf<typeof RefuseMentorship>

/** The mentor declines a proposed mentorship, with a reason. */
export const DeclineMentorship = command(
  'DeclineMentorship',
  t.strict({ mentorshipId: MentorshipId, reason: text(1000) }),
)
/** Declines a mentorship. */
export type DeclineMentorship = t.TypeOf<typeof DeclineMentorship>

/** The assigned mentor logs a session held on a date, with its length and topic. */
export const LogSession = command(
  'LogSession',
  t.exact(
    t.intersection([
      t.type({
        mentorshipId: MentorshipId,
        sessionId: SessionId,
        date: LocalDate,
        minutes: SessionMinutes,
        topic: textLine(200),
      }),
      t.partial({ notes: text(2000) }),
    ]),
    'LogSessionData',
  ),
)
/** Logs a session. */
export type LogSession = t.TypeOf<typeof LogSession>

/** The mentor marks a goal achieved, with an assessment. */
export const MarkGoalAchieved = command(
  'MarkGoalAchieved',
  t.strict({ mentorshipId: MentorshipId, goalId: GoalId, assessment: text(2000) }),
)
/** Marks a goal achieved. */
export type MarkGoalAchieved = t.TypeOf<typeof MarkGoalAchieved>

/** The mentor or an atasan completes the mentorship, with an evaluation. */
export const CompleteMentorship = command(
  'CompleteMentorship',
  t.strict({ mentorshipId: MentorshipId, evaluation: text(2000) }),
)
/** Completes a mentorship. */
export type CompleteMentorship = t.TypeOf<typeof CompleteMentorship>

/** The mentor, the mentee or an atasan ends the mentorship early, with a reason. */
export const EndMentorship = command('EndMentorship', t.strict({ mentorshipId: MentorshipId, reason: text(1000) }))
/** Ends a mentorship early. */
export type EndMentorship = t.TypeOf<typeof EndMentorship>

/** Codec for every mentorship command, told apart by `type`. */
export const MentorshipCommand = taggedUnion(
  'type',
  {
    ProposeMentorship,
    AcceptMentorship,
    ConfirmMentorship,
    RefuseMentorship,
    DeclineMentorship,
    LogSession,
    MarkGoalAchieved,
    CompleteMentorship,
    EndMentorship,
  },
  'MentorshipCommand',
)
/** A mentorship command. */
export type MentorshipCommand = t.TypeOf<typeof MentorshipCommand>
