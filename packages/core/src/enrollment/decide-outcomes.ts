import { accept, nothing } from '../kernel/index.js'
import { jakartaDate } from '../shared/index.js'
import type { ConcludePlace } from './commands.js'
import { type EnrollmentDecision, isOrganiserOrSystem, notRunningReason, onPlace } from './decision.js'
import { outcomeOf } from './place-outcome.js'
import { enrollmentRejections } from './rejections.js'
import { isConcluded, type OpenedOffering, placesOf } from './state.js'

const { refuse } = enrollmentRejections

const concludable = (offering: OpenedOffering, command: ConcludePlace): EnrollmentDecision | undefined => {
  const notRunning = notRunningReason(offering)
  if (notRunning !== undefined) return refuse(notRunning)
  if (jakartaDate(command.at) < offering.terms.schedule.end) return refuse('offering-not-ended')
  return undefined
}

/**
 * Concludes one approved place (`nip`) or every approved place without an outcome, from the end date on
 * (local date of `at` ≥ end date, so the last day's attendance can be recorded first); concluded places change nothing.
 */
export const concludePlace = (command: ConcludePlace, offering: OpenedOffering): EnrollmentDecision => {
  if (!isOrganiserOrSystem(command.actor)) return refuse('not-authorised')
  const { nip } = command.data
  if (nip === undefined) {
    if (offering.status === 'closed') return nothing
    const refused = concludable(offering, command)
    if (refused !== undefined) return refused
    const approved = placesOf(offering).filter(place => place.status === 'approved')
    return accept(...approved.map(place => outcomeOf(offering.terms, place, command.at)))
  }
  return onPlace(offering, nip, place => {
    if (isConcluded(place)) return nothing
    const refused = concludable(offering, command)
    if (refused !== undefined) return refused
    if (place.status !== 'approved') return refuse('place-not-approved')
    return accept(outcomeOf(offering.terms, place, command.at))
  })
}
