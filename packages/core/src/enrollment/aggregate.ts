import { aggregate } from '../kernel/index.js'
import { EnrollmentCommand, OfferingId } from './commands.js'
import { enrollmentDecider } from './decider.js'
import { enrollmentEvents } from './events.js'

/** Training enrollment, one stream per offering (`enrollment-<offeringId>`). */
export const enrollment = aggregate({
  category: 'enrollment',
  commands: EnrollmentCommand,
  events: enrollmentEvents,
  decider: enrollmentDecider,
  id: OfferingId,
  idOf: (command: EnrollmentCommand) => command.data.offeringId,
})
