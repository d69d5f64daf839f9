import { absurd, type Decider } from '../kernel/index.js'
import { checkedPolicy, type PolicyConfig } from '../shared/index.js'
import type { ComplaintCommand } from './commands.js'
import { checkDeadlines } from './decide-deadlines.js'
import {
  closeComplaint,
  decideComplaint,
  disposeComplaint,
  escalateToOmbudsman,
  notifyComplainant,
  rateSatisfaction,
  recordFollowUp,
} from './decide-handling.js'
import {
  archiveComplaint,
  declareNotInAuthority,
  fileComplaint,
  requestCompletion,
  supplyCompletion,
  verifyComplaint,
} from './decide-intake.js'
import type { ComplaintEvent } from './events.js'
import { evolveComplaint } from './evolve.js'
import type { ComplaintRejection } from './rejections.js'
import { type ComplaintState, initialComplaintState } from './state.js'

/**
 * The public-complaint decider (DOMAIN.md §4, UU 25/2009 Pasal 40–53), one stream per complaint, with deadlines
 * from the policy configuration and its working calendar.
 */
export const complaintDecider = (
  config: PolicyConfig,
): Decider<ComplaintCommand, ComplaintEvent, ComplaintState, ComplaintRejection> => {
  checkedPolicy(config)
  return {
    initialState: initialComplaintState,
    decide: (command, state) => {
      switch (command.type) {
        case 'FileComplaint':
          return fileComplaint(command, state, config)
        case 'VerifyComplaint':
          return verifyComplaint(command, state)
        case 'RequestCompletion':
          return requestCompletion(command, state)
        case 'SupplyCompletion':
          return supplyCompletion(command, state)
        case 'DeclareNotInAuthority':
          return declareNotInAuthority(command, state)
        case 'ArchiveComplaint':
          return archiveComplaint(command, state)
        case 'DisposeComplaint':
          return disposeComplaint(command, state)
        case 'RecordFollowUp':
          return recordFollowUp(command, state)
        case 'DecideComplaint':
          return decideComplaint(command, state)
        case 'NotifyComplainant':
          return notifyComplainant(command, state)
        case 'RateSatisfaction':
          return rateSatisfaction(command, state, config)
        case 'CheckDeadlines':
          return checkDeadlines(command, state, config)
        case 'EscalateToOmbudsman':
          return escalateToOmbudsman(command, state)
        case 'CloseComplaint':
          return closeComplaint(command, state)
        default:
          return absurd(command)
      }
    },
    evolve: evolveComplaint,
  }
}
