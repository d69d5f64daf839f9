import { absurd, type Decider } from '../kernel/index.js'
import { checkedPolicy, type PersonnelFacts, type PolicyConfig } from '../shared/index.js'
import type { MentorshipCommand } from './commands.js'
import { completeMentorship, endMentorship } from './decide-closing.js'
import { markGoalAchieved } from './decide-goals.js'
import { confirmMentorship, refuseMentorship } from './decide-acceptance.js'
import { acceptMentorship, declineMentorship, proposeMentorship } from './decide-proposal.js'
import { logSession } from './decide-sessions.js'
import { onMentorship } from './decision.js'
import type { MentorshipEvent } from './events.js'
import { evolveMentorship } from './evolve.js'
import type { MentorshipRejection } from './rejections.js'
import { initialMentorshipState, type MentorshipState } from './state.js'

/**
 * The mentorship decider (DOMAIN.md §3), with the agency's policy parameters. Given the personnel registry's facts,
 * a proposal is checked against the records of the mentor, the mentee and the mentee's direct atasan.
 */
export const mentorshipDecider = (
  config: PolicyConfig,
): Decider<MentorshipCommand, MentorshipEvent, MentorshipState, MentorshipRejection, PersonnelFacts> => {
  checkedPolicy(config)
  return {
    initialState: initialMentorshipState,
    decide: (command, state, facts) => {
      switch (command.type) {
        case 'ProposeMentorship':
          return proposeMentorship(command, state, config, facts)
        case 'AcceptMentorship':
          return onMentorship(state, command.data.mentorshipId, m => acceptMentorship(command, m))
        case 'ConfirmMentorship':
          return onMentorship(state, command.data.mentorshipId, m => confirmMentorship(command, m))
        case 'RefuseMentorship':
          return onMentorship(state, command.data.mentorshipId, m => refuseMentorship(command, m))
        case 'DeclineMentorship':
          return onMentorship(state, command.data.mentorshipId, m => declineMentorship(command, m))
        case 'LogSession':
          return onMentorship(state, command.data.mentorshipId, m => logSession(command, m, config))
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
