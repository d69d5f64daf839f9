import { accept, entryOf, nothing, sameBy } from '../kernel/index.js'
import { jakartaDate, type PolicyConfig } from '../shared/index.js'
import type { LogSession } from './commands.js'
import { isMentor, type MentorshipDecision, refuseNotIn, partiesOf } from './decision.js'
import type { MentorshipEvent } from './events.js'
import { mentorshipRejections } from './rejections.js'
import { LoggedSession, loggedSession, type Mentorship } from './state.js'

const { refuse } = mentorshipRejections

/**
 * The assigned mentor logs a session of an active mentorship, within the agency's allowed length, dated from
 * acceptance to the day it is logged; the same session again changes nothing, other details under its id are refused.
 */
export const logSession = (command: LogSession, m: Mentorship, config: PolicyConfig): MentorshipDecision => {
  const { at, actor, data } = command
  if (!isMentor(actor, m)) return refuse('not-assigned-mentor', m.proposal.mentor.nip)
  const logged = entryOf(m.sessions, data.sessionId)
  if (logged !== undefined)
    return sameBy(LoggedSession)(logged, loggedSession(data)) ? nothing : refuse('session-id-conflict')
  if (m.status !== 'active') return refuseNotIn(m, 'active')
  const { min, max } = config.mentorship.sessionMinutes
  if (data.minutes < min || data.minutes > max) return refuse('session-minutes-out-of-range', min, max)
  if (data.date > jakartaDate(at)) return refuse('session-in-future')
  if (m.acceptedOn !== null && data.date < m.acceptedOn) return refuse('session-before-acceptance')
  const { sessionId, date, minutes, topic, notes } = data
  return accept<MentorshipEvent>({
    type: 'SessionLogged',
    data: {
      at,
      mentorshipId: m.proposal.mentorshipId,
      sessionId,
      form: m.proposal.form,
      ...partiesOf(m),
      date,
      minutes,
      topic,
      ...(notes === undefined ? {} : { notes }),
    },
  })
}
