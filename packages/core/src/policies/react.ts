import type { PembinaEvent } from '../aggregates.js'
import type { PolicyConfig } from '../shared/index.js'
import { creditMentoringSession } from './credit-mentoring.js'
import { creditCompletedTraining } from './credit-training.js'
import type { PolicyCommand } from './policy-command.js'
import { recommendAfterLowSatisfaction, recommendAfterMissedDeadline } from './recommend-development.js'

/**
 * Every command the standard policies ask for in reaction to one event. Pure: the same event always yields the
 * same commands, and each targets a source or recommendation id, so running a policy twice credits nothing twice.
 */
export const reactTo = (event: PembinaEvent, config: PolicyConfig): readonly PolicyCommand[] => {
  switch (event.type) {
    case 'PlaceCompleted':
      return [creditCompletedTraining(event)]
    case 'SessionLogged':
      return creditMentoringSession(event, config)
    case 'DeadlineMissed':
      return recommendAfterMissedDeadline(event)
    case 'SatisfactionRated':
      return recommendAfterLowSatisfaction(event)
    default:
      return []
  }
}
