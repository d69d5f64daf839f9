import type { ComplaintEvent } from '../complaint/index.js'
import { type Competency, systemActor } from '../shared/index.js'
import { type PolicyCommand, toProfile } from './policy-command.js'

type DeadlineMissed = Extract<ComplaintEvent, { readonly type: 'DeadlineMissed' }>
type SatisfactionRated = Extract<ComplaintEvent, { readonly type: 'SatisfactionRated' }>

const pelayananPublik: Competency = { type: 'manajerial', code: 'M.05' }
const komunikasi: Competency = { type: 'manajerial', code: 'M.03' }

/** Ratings at or below this recommend development in communication. */
export const lowSatisfactionRating = 2

/**
 * A missed complaint deadline recommends M.05 Pelayanan Publik to the officer then responsible; none when the
 * responsible officer is unknown. One recommendation per complaint and stage.
 */
export const recommendAfterMissedDeadline = (event: DeadlineMissed): readonly PolicyCommand[] => {
  const { at, complaintId, stage, dueAt, unit, responsibleNip } = event.data
  if (responsibleNip === undefined) return []
  return [
    toProfile(responsibleNip, {
      type: 'RecommendDevelopment',
      at,
      actor: systemActor('policy:recommend-development'),
      data: {
        nip: responsibleNip,
        recommendationId: `${complaintId}.deadline.${stage}`,
        competency: pelayananPublik,
        reason: {
          kind: 'deadline-missed',
          complaintId,
          detail: `The ${stage} deadline (${dueAt}) of a complaint to ${unit} was missed.`,
        },
      },
    }),
  ]
}

/** A satisfaction rating of 1–2 recommends M.03 Komunikasi to the handling officer, once per complaint. */
export const recommendAfterLowSatisfaction = (event: SatisfactionRated): readonly PolicyCommand[] => {
  const { at, complaintId, officerNip, rating } = event.data
  if (rating > lowSatisfactionRating) return []
  return [
    toProfile(officerNip, {
      type: 'RecommendDevelopment',
      at,
      actor: systemActor('policy:recommend-development'),
      data: {
        nip: officerNip,
        recommendationId: `${complaintId}.satisfaction`,
        competency: komunikasi,
        reason: {
          kind: 'low-satisfaction',
          complaintId,
          detail: `The complainant rated the handling ${rating} of 5.`,
        },
      },
    }),
  ]
}
