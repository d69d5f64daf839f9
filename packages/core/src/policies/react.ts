import type { PembinaEvent } from '../aggregates.js'
import type { PolicyConfig } from '../shared/index.js'
import { creditMentoringSession } from './credit-mentoring.js'
import { creditCompletedTraining } from './credit-training.js'
import {
  confirmAfterReservation,
  refuseAfterFullRoster,
  releasePlaceOnClosing,
  reservePlaceForAcceptance,
} from './mentor-capacity.js'
import type { PolicyCommand, PolicyTarget } from './policy-command.js'
import { recordContractOnProfile } from './record-contract.js'
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
  /** The aggregates its commands go to: a reactor needs a command handler for each. */
  readonly targets: readonly PolicyTarget[]
  readonly react: (event: PembinaEvent, config: PolicyConfig) => readonly PolicyCommand[]
}

/** A completed training place credits the participant (`creditCompletedTraining`). */
export const creditTrainingPolicy: Policy = {
  name: 'credit-training',
  targets: ['competency'],
  eventTypes: ['PlaceCompleted'],
  react: event => (event.type === 'PlaceCompleted' ? [creditCompletedTraining(event)] : []),
}

/** A logged session credits the mentee, and the mentor with an activity (`creditMentoringSession`). */
export const creditMentoringPolicy: Policy = {
  name: 'credit-mentoring',
  targets: ['competency'],
  eventTypes: ['SessionLogged'],
  react: (event, config) => (event.type === 'SessionLogged' ? creditMentoringSession(event, config) : []),
}

/** A missed complaint deadline recommends M.05 to the officer responsible (`recommendAfterMissedDeadline`). */
export const missedDeadlinePolicy: Policy = {
  name: 'recommend-after-missed-deadline',
  targets: ['competency'],
  eventTypes: ['DeadlineMissed'],
  react: event => (event.type === 'DeadlineMissed' ? recommendAfterMissedDeadline(event) : []),
}

/** A low satisfaction rating recommends M.03 to the officer who handled it (`recommendAfterLowSatisfaction`). */
export const lowSatisfactionPolicy: Policy = {
  name: 'recommend-after-low-satisfaction',
  targets: ['competency'],
  eventTypes: ['SatisfactionRated'],
  react: event => (event.type === 'SatisfactionRated' ? recommendAfterLowSatisfaction(event) : []),
}

/** The mentor's acceptance asks for a place in the mentor's roster (`reservePlaceForAcceptance`). */
export const reserveMentorPlacePolicy: Policy = {
  name: 'reserve-mentor-place',
  eventTypes: ['MentorshipAcceptanceRequested'],
  targets: ['mentor'],
  react: event => (event.type === 'MentorshipAcceptanceRequested' ? [reservePlaceForAcceptance(event)] : []),
}

/** A place reserved makes the mentorship active (`confirmAfterReservation`). */
export const confirmMentorshipPolicy: Policy = {
  name: 'confirm-mentorship',
  eventTypes: ['MentorPlaceReserved'],
  targets: ['mentorship'],
  react: event => (event.type === 'MentorPlaceReserved' ? [confirmAfterReservation(event)] : []),
}

/** No place left refuses the acceptance for capacity (`refuseAfterFullRoster`). */
export const refuseMentorshipPolicy: Policy = {
  name: 'refuse-mentorship-at-capacity',
  eventTypes: ['MentorPlaceRefused'],
  targets: ['mentorship'],
  react: event => (event.type === 'MentorPlaceRefused' ? [refuseAfterFullRoster(event)] : []),
}

/** A mentorship that completed, ended or was declined releases its place (`releasePlaceOnClosing`). */
export const releaseMentorPlacePolicy: Policy = {
  name: 'release-mentor-place',
  eventTypes: ['MentorshipCompleted', 'MentorshipEnded', 'MentorshipDeclined'],
  targets: ['mentor'],
  react: event =>
    event.type === 'MentorshipCompleted' || event.type === 'MentorshipEnded' || event.type === 'MentorshipDeclined'
      ? [releasePlaceOnClosing(event)]
      : [],
}

/**
 * The policies that keep a mentor within `maxActiveMentees`, across the mentorship and the mentor's roster: reserve a
 * place on acceptance, confirm or refuse the acceptance on the roster's answer, release the place on closing.
 */
export const mentorCapacityPolicies: readonly Policy[] = [
  reserveMentorPlacePolicy,
  confirmMentorshipPolicy,
  refuseMentorshipPolicy,
  releaseMentorPlacePolicy,
]

/** A PPPK's contract in the personnel record reaches their competency profile (`recordContractOnProfile`). */
export const recordContractPolicy: Policy = {
  name: 'record-contract',
  targets: ['competency'],
  eventTypes: ['AsnAppointed', 'ContractRenewed'],
  react: event =>
    event.type === 'AsnAppointed' || event.type === 'ContractRenewed' ? recordContractOnProfile(event) : [],
}

/** Pembina's standard policies between aggregates, in the order their commands are sent for one event. */
export const standardPolicies: readonly Policy[] = [
  creditTrainingPolicy,
  creditMentoringPolicy,
  missedDeadlinePolicy,
  lowSatisfactionPolicy,
  recordContractPolicy,
  ...mentorCapacityPolicies,
]

/**
 * Every command the standard policies ask for in reaction to one event. Pure: the same event always yields the
 * same commands, and each targets a source, recommendation, request or mentorship id, so running a policy twice
 * changes nothing twice.
 */
export const reactTo = (event: PembinaEvent, config: PolicyConfig): readonly PolicyCommand[] =>
  standardPolicies.flatMap(policy => policy.react(event, config))
