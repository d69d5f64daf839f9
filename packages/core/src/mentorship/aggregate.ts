import { aggregate } from '../kernel/index.js'
import { MentorshipCommand, MentorshipId } from './commands.js'
import { mentorshipDecider } from './decider.js'
import { mentorshipEvents } from './events.js'

/** Mentorship, one stream per mentor–mentee pair and goal (`mentorship-<mentorshipId>`). */
export const mentorship = aggregate({
  category: 'mentorship',
  commands: MentorshipCommand,
  events: mentorshipEvents,
  decider: mentorshipDecider,
  id: MentorshipId,
  idOf: (command: MentorshipCommand) => command.data.mentorshipId,
})
