import { aggregate } from '../kernel/index.js'
import { type FactsRequest, factsAbout, noFactsNeeded } from '../shared/index.js'
import { MentorshipCommand, MentorshipId } from './commands.js'
import { mentorshipDecider } from './decider.js'
import { mentorshipEvents } from './events.js'

/** What a mentorship command's rules need to know: for a proposal, the records of the mentor and the mentee. */
export const mentorshipFactsNeeded = (command: MentorshipCommand): FactsRequest =>
  command.type === 'ProposeMentorship' ? factsAbout(command.data.mentor.nip, command.data.mentee.nip) : noFactsNeeded

/** Mentorship, one stream per mentor–mentee pair and goal (`mentorship-<mentorshipId>`). */
export const mentorship = {
  ...aggregate({
    category: 'mentorship',
    commands: MentorshipCommand,
    events: mentorshipEvents,
    decider: mentorshipDecider,
    id: MentorshipId,
    idOf: (command: MentorshipCommand) => command.data.mentorshipId,
  }),
  factsNeeded: mentorshipFactsNeeded,
}
