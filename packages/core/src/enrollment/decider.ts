import { absurd, type Decider } from '../kernel/index.js'
import { checkedPolicy, defaultPolicy, type PolicyConfig } from '../shared/index.js'
import type { EnrollmentCommand } from './commands.js'
import type { EnrollmentEvent } from './events.js'
import { evolveEnrollment } from './evolve.js'
import { cancelOffering, closeOffering, openOffering, startOffering } from './offering.js'
import { concludePlace } from './outcomes.js'
import { approvePlace, declinePlace, requestPlace, withdrawPlace } from './places.js'
import { recordAssessment, recordAttendance } from './records.js'
import type { EnrollmentRejection } from './rejections.js'
import { type EnrollmentDecision, refuseWith } from './rules.js'
import { type EnrollmentState, initialEnrollmentState, type OpenedOffering } from './state.js'

type OfferingCommand = Exclude<EnrollmentCommand, { readonly type: 'OpenOffering' }>

const decideForOffering = (command: OfferingCommand, offering: OpenedOffering): EnrollmentDecision => {
  switch (command.type) {
    case 'RequestPlace':
      return requestPlace(command, offering)
    case 'ApprovePlace':
      return approvePlace(command, offering)
    case 'DeclinePlace':
      return declinePlace(command, offering)
    case 'WithdrawPlace':
      return withdrawPlace(command, offering)
    case 'StartOffering':
      return startOffering(command, offering)
    case 'RecordAttendance':
      return recordAttendance(command, offering)
    case 'RecordAssessment':
      return recordAssessment(command, offering)
    case 'ConcludePlace':
      return concludePlace(command, offering)
    case 'CancelOffering':
      return cancelOffering(command, offering)
    case 'CloseOffering':
      return closeOffering(command, offering)
    default:
      return absurd(command)
  }
}

/**
 * The enrollment decider (one stream per offering): opening an offering, places requested by ASN and approved by their
 * atasan within capacity, attendance and scores, one outcome per approved place, cancellation and closing.
 */
export const enrollmentDecider = (
  config: PolicyConfig = defaultPolicy,
): Decider<EnrollmentCommand, EnrollmentEvent, EnrollmentState, EnrollmentRejection> => {
  checkedPolicy(config)
  return {
    initialState: initialEnrollmentState,
    decide: (command, state) => {
      if (command.type === 'OpenOffering') return openOffering(command, state, config)
      if (state.status === 'unopened') return refuseWith('offering-not-open')
      if (command.data.offeringId !== state.terms.offeringId) return refuseWith('wrong-offering')
      return decideForOffering(command, state)
    },
    evolve: evolveEnrollment,
  }
}
