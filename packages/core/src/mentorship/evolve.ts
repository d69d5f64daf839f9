import { jakartaDate } from '../shared/index.js'
import type { MentorshipEvent } from './events.js'
import { isFinal, loggedSession, type Mentorship, type MentorshipState } from './state.js'

const whenProposed = (state: MentorshipState, change: (mentorship: Mentorship) => Mentorship): MentorshipState =>
  state.status === 'none' ? state : change(state)

/** Proves every event type is handled, and leaves the state as it is should an unknown one arrive at run time. */
const unknownEvent = (_event: never, state: MentorshipState): MentorshipState => state

/** Applies one mentorship event to the state; total: an event that does not fit the state leaves it unchanged. */
export const evolveMentorship = (state: MentorshipState, event: MentorshipEvent): MentorshipState => {
  switch (event.type) {
    case 'MentorshipProposed': {
      if (state.status !== 'none') return state
      const { mentorshipId, form, mentor, mentee, unit, goals, plannedSessions } = event.data
      return {
        status: 'proposed',
        proposal: { mentorshipId, form, mentor, mentee, unit, goals, plannedSessions },
        proposedAt: event.data.at,
        acceptedOn: null,
        acceptanceRequests: 0,
        sessions: {},
        sessionCount: 0,
        totalMinutes: 0,
        achievedGoals: {},
        closedAt: null,
      }
    }
    case 'MentorshipAcceptanceRequested':
      return whenProposed(state, m =>
        m.status === 'proposed' && event.data.request > m.acceptanceRequests
          ? { ...m, status: 'accepting', acceptanceRequests: event.data.request }
          : m,
      )
    case 'MentorshipAccepted':
      // A v1 history has no request before it: the mentorship was active from its acceptance all the same.
      return whenProposed(state, m =>
        m.acceptedOn !== null || isFinal(m.status)
          ? m
          : { ...m, status: 'active', acceptedOn: jakartaDate(event.data.at) },
      )
    case 'MentorshipAcceptanceRefused':
      return whenProposed(state, m =>
        m.status === 'accepting' && event.data.request === m.acceptanceRequests ? { ...m, status: 'proposed' } : m,
      )
    case 'MentorshipDeclined':
      return whenProposed(state, m => ({ ...m, status: 'declined', closedAt: event.data.at }))
    case 'SessionLogged':
      return whenProposed(state, m => {
        const { sessionId, minutes } = event.data
        if (Object.hasOwn(m.sessions, sessionId)) return m
        return {
          ...m,
          sessions: { ...m.sessions, [sessionId]: loggedSession(event.data) },
          sessionCount: m.sessionCount + 1,
          totalMinutes: m.totalMinutes + minutes,
        }
      })
    case 'GoalAchieved':
      return whenProposed(state, m => {
        const { goalId, at, assessment } = event.data
        // The first assessment stands; a goal the proposal does not name is never recorded.
        if (Object.hasOwn(m.achievedGoals, goalId) || !m.proposal.goals.some(goal => goal.goalId === goalId)) return m
        return { ...m, achievedGoals: { ...m.achievedGoals, [goalId]: { at, assessment } } }
      })
    case 'MentorshipCompleted':
      return whenProposed(state, m => ({ ...m, status: 'completed', closedAt: event.data.at }))
    case 'MentorshipEnded':
      return whenProposed(state, m => ({ ...m, status: 'ended', closedAt: event.data.at }))
    default:
      return unknownEvent(event, state)
  }
}
