import { aggregate } from '../kernel/index.js'
import { Nip } from '../shared/index.js'
import { MentorRosterCommand } from './commands.js'
import { mentorRosterDecider } from './decider.js'
import { mentorRosterEvents } from './events.js'

/**
 * A mentor's roster, one stream per mentor (`mentor-<nip>`): the places the mentor's mentorships hold, at most
 * `mentorship.maxActiveMentees`. Written only by the mentor-capacity policies.
 */
export const mentorRoster = aggregate({
  category: 'mentor',
  commands: MentorRosterCommand,
  events: mentorRosterEvents,
  decider: mentorRosterDecider,
  id: Nip,
  idOf: (command: MentorRosterCommand) => command.data.mentorNip,
})
