import { absurd, type Decider } from '../kernel/index.js'
import type { PersonnelFacts } from '../shared/index.js'
import { checkedPolicy, type PolicyConfig } from '../shared/index.js'
import type { EnrollmentCommand } from './commands.js'
import { cancelOffering, closeOffering, openOffering, startOffering } from './decide-offering.js'
import { concludePlace } from './decide-outcomes.js'
import { recordAssessment, recordAttendance } from './decide-participation.js'
import { approvePlace, declinePlace, requestPlace, withdrawPlace } from './decide-places.js'
import { onOffering } from './decision.js'
import type { EnrollmentEvent } from './events.js'
import { evolveEnrollment } from './evolve.js'
import type { EnrollmentRejection } from './rejections.js'
import { type EnrollmentState, initialEnrollmentState } from './state.js'

/**
 * The enrollment decider (one stream per offering): opening an offering, places requested by ASN and approved by their
 * atasan within capacity, attendance and scores, one outcome per approved place, cancellation and closing. Given the
 * personnel registry's facts, the atasan who approves, declines or withdraws a place is the participant's direct
 * atasan at the command's instant.
 */
export const enrollmentDecider = (
  config: PolicyConfig,
): Decider<EnrollmentCommand, EnrollmentEvent, EnrollmentState, EnrollmentRejection, PersonnelFacts> => {
  checkedPolicy(config)
  return {
    initialState: initialEnrollmentState,
    decide: (command, state, facts) => {
      switch (command.type) {
        case 'OpenOffering':
          return openOffering(command, state, config)
        case 'RequestPlace':
          return onOffering(state, command.data.offeringId, offering => requestPlace(command, offering, facts))
        case 'ApprovePlace':
          return onOffering(state, command.data.offeringId, offering => approvePlace(command, offering, facts))
        case 'DeclinePlace':
          return onOffering(state, command.data.offeringId, offering => declinePlace(command, offering, facts))
        case 'WithdrawPlace':
          return onOffering(state, command.data.offeringId, offering => withdrawPlace(command, offering, facts))
        case 'StartOffering':
          return onOffering(state, command.data.offeringId, offering => startOffering(command, offering))
        case 'RecordAttendance':
          return onOffering(state, command.data.offeringId, offering => recordAttendance(command, offering))
        case 'RecordAssessment':
          return onOffering(state, command.data.offeringId, offering => recordAssessment(command, offering))
        case 'ConcludePlace':
          return onOffering(state, command.data.offeringId, offering => concludePlace(command, offering))
        case 'CancelOffering':
          return onOffering(state, command.data.offeringId, offering => cancelOffering(command, offering))
        case 'CloseOffering':
          return onOffering(state, command.data.offeringId, offering => closeOffering(command, offering))
        default:
          return absurd(command)
      }
    },
    evolve: evolveEnrollment,
  }
}
