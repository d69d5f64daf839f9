import { aggregate } from '../kernel/index.js'
import { ComplaintCommand, ComplaintId } from './commands.js'
import { complaintDecider } from './decider.js'
import { complaintEvents } from './events.js'

/** A public complaint, one stream per complaint (`complaint-<complaintId>`). */
export const complaint = aggregate({
  category: 'complaint',
  commands: ComplaintCommand,
  events: complaintEvents,
  decider: complaintDecider,
  id: ComplaintId,
  idOf: (command: ComplaintCommand) => command.data.complaintId,
})
