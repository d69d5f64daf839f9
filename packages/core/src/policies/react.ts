import type { PembinaEvent } from '../aggregates.js'
import type { PolicyConfig } from '../shared/index.js'
import { creditMentoringSession } from './credit-mentoring.js'
import { creditCompletedTraining } from './credit-training.js'
import type { PolicyCommand } from './policy-command.js'
import { recommendAfterLowSatisfaction, recommendAfterMissedDeadline } from './recommend-development.js'

/**
 * A policy: a pure function from one event to the commands it asks for. Its `name` is part of the id of every command
 * a reactor sends for it (with the source event's id), so it must stay the same for as long as its commands are kept:
 * renaming a policy makes a reactor that re-reads old events send their commands again under new ids.
 */
export interface Policy {
  readonly name: string
  /** The event types it reacts to: a reactor decodes only events of a type some policy names. */
  readonly eventTypes: readonly PembinaEvent['type'][]
  readonly react: (event: PembinaEvent, config: PolicyConfig) => readonly PolicyCommand[]
}

/** A completed training place credits the participant (`creditCompletedTraining`). */
export const creditTrainingPolicy: Policy = {
  name: 'credit-training',
  eventTypes: ['PlaceCompleted'],
  react: event => (event.type === 'PlaceCompleted' ? [creditCompletedTraining(event)] : []),
}

/** A logged session credits the mentee, and the mentor with an activity (`creditMentoringSession`). */
export const creditMentoringPolicy: Policy = {
  name: 'credit-mentoring',
  eventTypes: ['SessionLogged'],
  react: (event, config) => (event.type === 'SessionLogged' ? creditMentoringSession(event, config) : []),
}

/** A missed complaint deadline recommends M.05 to the officer responsible (`recommendAfterMissedDeadline`). */
export const missedDeadlinePolicy: Policy = {
  name: 'recommend-after-missed-deadline',
  eventTypes: ['DeadlineMissed'],
  react: event => (event.type === 'DeadlineMissed' ? recommendAfterMissedDeadline(event) : []),
}

/** A low satisfaction rating recommends M.03 to the officer who handled it (`recommendAfterLowSatisfaction`). */
export const lowSatisfactionPolicy: Policy = {
  name: 'recommend-after-low-satisfaction',
  eventTypes: ['SatisfactionRated'],
  react: event => (event.type === 'SatisfactionRated' ? recommendAfterLowSatisfaction(event) : []),
}

/** Pembina's standard policies between aggregates, in the order their commands are sent for one event. */
export const standardPolicies: readonly Policy[] = [
  creditTrainingPolicy,
  creditMentoringPolicy,
  missedDeadlinePolicy,
  lowSatisfactionPolicy,
]

/**
 * Every command the standard policies ask for in reaction to one event. Pure: the same event always yields the
 * same commands, and each targets a source or recommendation id, so running a policy twice credits nothing twice.
 */
export const reactTo = (event: PembinaEvent, config: PolicyConfig): readonly PolicyCommand[] =>
  standardPolicies.flatMap(policy => policy.react(event, config))
