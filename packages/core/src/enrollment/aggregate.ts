import { aggregate } from '../kernel/index.js'
import { factsAbout, type FactsRequest, noFactsNeeded } from '../shared/index.js'
import { EnrollmentCommand, OfferingId } from './commands.js'
import { enrollmentDecider } from './decider.js'
import { enrollmentEvents } from './events.js'

/** What an enrollment command's rules need to know: the participant's record, for the direct atasan. */
export const enrollmentFactsNeeded = (command: EnrollmentCommand): FactsRequest => {
  switch (command.type) {
    case 'RequestPlace':
    case 'ApprovePlace':
    case 'DeclinePlace':
    case 'WithdrawPlace':
      return factsAbout(command.data.nip)
    default:
      return noFactsNeeded
  }
}

/** Training enrollment, one stream per offering (`enrollment-<offeringId>`). */
export const enrollment = {
  ...aggregate({
    category: 'enrollment',
    commands: EnrollmentCommand,
    events: enrollmentEvents,
    decider: enrollmentDecider,
    id: OfferingId,
    idOf: (command: EnrollmentCommand) => command.data.offeringId,
  }),
  factsNeeded: enrollmentFactsNeeded,
}
