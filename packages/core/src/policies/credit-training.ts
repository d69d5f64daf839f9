import type { EnrollmentEvent } from '../enrollment/index.js'
import { systemActor } from '../shared/index.js'
import { type PolicyCommand, toProfile } from './policy-command.js'

type PlaceCompleted = Extract<EnrollmentEvent, { readonly type: 'PlaceCompleted' }>

/** A completed training place credits the participant's competency profile with the offering's JP, once per offering. */
export const creditCompletedTraining = (event: PlaceCompleted): PolicyCommand =>
  toProfile(event.data.nip, {
    type: 'CreditLearning',
    at: event.data.at,
    actor: systemActor('policy:credit-training'),
    data: {
      nip: event.data.nip,
      source: { kind: 'training', offeringId: event.data.offeringId },
      minutes: event.data.minutes,
      form: event.data.form,
      competency: event.data.competency,
      completedOn: event.data.completedOn,
      title: event.data.title,
    },
  })
