import type { MentorshipEvent } from '../mentorship/index.js'
import { type PolicyConfig, systemActor } from '../shared/index.js'
import { type PolicyCommand, shortTitle, toProfile } from './policy-command.js'

type SessionLogged = Extract<MentorshipEvent, { readonly type: 'SessionLogged' }>

/**
 * A logged mentoring or coaching session credits the mentee with its minutes (nonklasikal), and the mentor with an
 * activity (and the minutes too when `mentorCredit` is `activity-and-minutes`); each once per session.
 */
export const creditMentoringSession = (event: SessionLogged, config: PolicyConfig): readonly PolicyCommand[] => {
  const { at, mentorshipId, sessionId, form, mentorNip, menteeNip, date, minutes, topic } = event.data
  const actor = systemActor('policy:credit-mentoring')
  return [
    toProfile(menteeNip, {
      type: 'CreditLearning',
      at,
      actor,
      data: {
        nip: menteeNip,
        source: { kind: 'mentoring-session', mentorshipId, sessionId },
        minutes,
        form,
        completedOn: date,
        title: shortTitle(`${form === 'coaching' ? 'Coaching' : 'Mentoring'}: ${topic}`),
      },
    }),
    toProfile(mentorNip, {
      type: 'CreditLearning',
      at,
      actor,
      data: {
        nip: mentorNip,
        source: { kind: 'mentoring-given', mentorshipId, sessionId },
        minutes: config.mentorship.mentorCredit === 'activity-and-minutes' ? minutes : 0,
        form,
        completedOn: date,
        title: shortTitle(`${form === 'coaching' ? 'Coaching' : 'Mentoring'} given: ${topic}`),
      },
    }),
  ]
}
