import type * as E from 'fp-ts/lib/Either.js'
import { absurd, accept, type Decider, entryOf, nothing, refuse } from '../kernel/index.js'
import {
  type Actor,
  checkedPolicy,
  defaultPolicy,
  hasRole,
  isAsn,
  jakartaDate,
  type PolicyConfig,
} from '../shared/index.js'
import { isValidGoalList, type MentorshipCommand } from './commands.js'
import { evolveMentorship } from './evolve.js'
import type { MentorshipEvent } from './events.js'
import { isSenior, sameProposal } from './proposal.js'
import {
  actorNotAllowed,
  completionNotDue,
  goalsInvalid,
  mentorAtCapacity,
  mentorIsMentee,
  mentorNotSenior,
  mentorshipAlreadyAccepted,
  mentorshipClosed,
  mentorshipExists,
  mentorshipIdMismatch,
  mentorshipNotAccepted,
  mentorshipNotFound,
  type MentorshipRejection,
  sessionBeforeAcceptance,
  sessionIdConflict,
  sessionInFuture,
  sessionMinutesOutOfRange,
  unknownGoal,
} from './rejections.js'
import { initialMentorshipState, isFinal, type Mentorship, type MentorshipState } from './state.js'

type Decision = E.Either<MentorshipRejection, readonly MentorshipEvent[]>
type CommandOf<Type extends MentorshipCommand['type']> = Extract<MentorshipCommand, { readonly type: Type }>

const isMentor = (actor: Actor, m: Mentorship): boolean => isAsn(actor, m.proposal.mentor.nip)
const isMentee = (actor: Actor, m: Mentorship): boolean => isAsn(actor, m.proposal.mentee.nip)
const isAtasan = (actor: Actor): boolean => hasRole(actor, 'atasan')

/** The rejection for a mentorship that is not in the status a command needs. */
const notIn = (m: Mentorship, wanted: 'proposed' | 'active'): MentorshipRejection =>
  isFinal(m.status)
    ? mentorshipClosed(m.status)
    : wanted === 'active'
      ? mentorshipNotAccepted
      : mentorshipAlreadyAccepted

const parties = (m: Mentorship) => ({ mentorNip: m.proposal.mentor.nip, menteeNip: m.proposal.mentee.nip })

const proposeMentorship = (
  config: PolicyConfig,
  command: CommandOf<'ProposeMentorship'>,
  state: MentorshipState,
): Decision => {
  const { at, actor, data } = command
  if (!isAsn(actor, data.mentee.nip) && !isAtasan(actor)) return refuse(actorNotAllowed('the mentee or an atasan'))
  if (state.status !== 'none') return sameProposal(state.proposal, data) ? nothing : refuse(mentorshipExists)
  if (data.mentor.nip === data.mentee.nip) return refuse(mentorIsMentee)
  if (!isValidGoalList(data.goals)) return refuse(goalsInvalid)
  if (!isSenior(data.mentor, data.mentee, config)) return refuse(mentorNotSenior(config.mentorship.minSeniorityYears))
  const { mentorshipId, form, mentor, mentee, unit, goals, plannedSessions } = data
  return accept<MentorshipEvent>({
    type: 'MentorshipProposed',
    data: { at, mentorshipId, form, mentor, mentee, unit, goals, plannedSessions },
  })
}

const acceptMentorship = (config: PolicyConfig, command: CommandOf<'AcceptMentorship'>, m: Mentorship): Decision => {
  if (!isMentor(command.actor, m)) return refuse(actorNotAllowed('the mentor'))
  if (m.acceptedOn !== null) return nothing
  if (m.status !== 'proposed') return refuse(notIn(m, 'proposed'))
  const { mentorActiveMentorships } = command.data
  if (mentorActiveMentorships >= config.mentorship.maxActiveMentees)
    return refuse(mentorAtCapacity(config.mentorship.maxActiveMentees))
  return accept<MentorshipEvent>({
    type: 'MentorshipAccepted',
    data: {
      at: command.at,
      mentorshipId: m.proposal.mentorshipId,
      form: m.proposal.form,
      ...parties(m),
      mentorActiveMentorships,
    },
  })
}

const declineMentorship = (command: CommandOf<'DeclineMentorship'>, m: Mentorship): Decision => {
  if (!isMentor(command.actor, m)) return refuse(actorNotAllowed('the mentor'))
  if (m.status === 'declined') return nothing
  if (m.status !== 'proposed') return refuse(notIn(m, 'proposed'))
  return accept<MentorshipEvent>({
    type: 'MentorshipDeclined',
    data: { at: command.at, mentorshipId: m.proposal.mentorshipId, ...parties(m), reason: command.data.reason },
  })
}

const logSession = (config: PolicyConfig, command: CommandOf<'LogSession'>, m: Mentorship): Decision => {
  const { at, actor, data } = command
  if (!isMentor(actor, m) && !isMentee(actor, m)) return refuse(actorNotAllowed('the mentor or the mentee'))
  const logged = entryOf(m.sessions, data.sessionId)
  if (logged !== undefined) {
    const same =
      logged.date === data.date &&
      logged.minutes === data.minutes &&
      logged.topic === data.topic &&
      logged.notes === (data.notes ?? null)
    return same ? nothing : refuse(sessionIdConflict)
  }
  if (m.status !== 'active') return refuse(notIn(m, 'active'))
  const { min, max } = config.mentorship.sessionMinutes
  if (data.minutes < min || data.minutes > max) return refuse(sessionMinutesOutOfRange(min, max))
  if (data.date > jakartaDate(at)) return refuse(sessionInFuture)
  if (m.acceptedOn !== null && data.date < m.acceptedOn) return refuse(sessionBeforeAcceptance)
  const { sessionId, date, minutes, topic, notes } = data
  return accept<MentorshipEvent>({
    type: 'SessionLogged',
    data: {
      at,
      mentorshipId: m.proposal.mentorshipId,
      sessionId,
      form: m.proposal.form,
      ...parties(m),
      date,
      minutes,
      topic,
      ...(notes === undefined ? {} : { notes }),
    },
  })
}

const markGoalAchieved = (command: CommandOf<'MarkGoalAchieved'>, m: Mentorship): Decision => {
  const { goalId, assessment } = command.data
  if (!isMentor(command.actor, m)) return refuse(actorNotAllowed('the mentor'))
  if (!m.proposal.goals.some(goal => goal.goalId === goalId)) return refuse(unknownGoal(goalId))
  if (entryOf(m.achievedGoals, goalId) !== undefined) return nothing
  if (m.status !== 'active') return refuse(notIn(m, 'active'))
  return accept<MentorshipEvent>({
    type: 'GoalAchieved',
    data: { at: command.at, mentorshipId: m.proposal.mentorshipId, goalId, assessment },
  })
}

const completeMentorship = (command: CommandOf<'CompleteMentorship'>, m: Mentorship): Decision => {
  if (!isMentor(command.actor, m) && !isAtasan(command.actor)) return refuse(actorNotAllowed('the mentor or an atasan'))
  if (m.status === 'completed') return nothing
  if (m.status !== 'active') return refuse(notIn(m, 'active'))
  const goalsAchieved = m.proposal.goals.filter(goal => entryOf(m.achievedGoals, goal.goalId) !== undefined).length
  const basis =
    goalsAchieved === m.proposal.goals.length
      ? 'all-goals-achieved'
      : m.sessionCount >= m.proposal.plannedSessions
        ? 'planned-sessions-done'
        : undefined
  if (basis === undefined) return refuse(completionNotDue)
  return accept<MentorshipEvent>({
    type: 'MentorshipCompleted',
    data: {
      at: command.at,
      mentorshipId: m.proposal.mentorshipId,
      form: m.proposal.form,
      ...parties(m),
      sessions: m.sessionCount,
      totalMinutes: m.totalMinutes,
      goalsAchieved,
      basis,
      evaluation: command.data.evaluation,
    },
  })
}

const endMentorship = (command: CommandOf<'EndMentorship'>, m: Mentorship): Decision => {
  const { actor } = command
  if (!isMentor(actor, m) && !isMentee(actor, m) && !isAtasan(actor))
    return refuse(actorNotAllowed('the mentor, the mentee or an atasan'))
  if (m.status === 'ended') return nothing
  if (m.status !== 'proposed' && m.status !== 'active') return refuse(mentorshipClosed(m.status))
  return accept<MentorshipEvent>({
    type: 'MentorshipEnded',
    data: {
      at: command.at,
      mentorshipId: m.proposal.mentorshipId,
      ...parties(m),
      endedFrom: m.status,
      reason: command.data.reason,
    },
  })
}

/** Runs a decision on the mentorship this stream holds, refusing when there is none or it has another id. */
const onMentorship = (state: MentorshipState, mentorshipId: string, decide: (m: Mentorship) => Decision): Decision => {
  if (state.status === 'none') return refuse(mentorshipNotFound)
  if (state.proposal.mentorshipId !== mentorshipId)
    return refuse(mentorshipIdMismatch(state.proposal.mentorshipId, mentorshipId))
  return decide(state)
}

/** The mentorship decider (DOMAIN.md §3), with the agency's policy parameters. */
export const mentorshipDecider = (
  config: PolicyConfig = defaultPolicy,
): Decider<MentorshipCommand, MentorshipEvent, MentorshipState, MentorshipRejection> => {
  checkedPolicy(config)
  return {
    initialState: initialMentorshipState,
    decide: (command, state) => {
      switch (command.type) {
        case 'ProposeMentorship':
          return proposeMentorship(config, command, state)
        case 'AcceptMentorship':
          return onMentorship(state, command.data.mentorshipId, m => acceptMentorship(config, command, m))
        case 'DeclineMentorship':
          return onMentorship(state, command.data.mentorshipId, m => declineMentorship(command, m))
        case 'LogSession':
          return onMentorship(state, command.data.mentorshipId, m => logSession(config, command, m))
        case 'MarkGoalAchieved':
          return onMentorship(state, command.data.mentorshipId, m => markGoalAchieved(command, m))
        case 'CompleteMentorship':
          return onMentorship(state, command.data.mentorshipId, m => completeMentorship(command, m))
        case 'EndMentorship':
          return onMentorship(state, command.data.mentorshipId, m => endMentorship(command, m))
        default:
          return absurd(command)
      }
    },
    evolve: evolveMentorship,
  }
}
