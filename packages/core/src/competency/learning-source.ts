import * as t from 'io-ts'
import { taggedUnion } from '../kernel/index.js'
import { CreditMentorshipId, CreditOfferingId, CreditSessionId, SelfReportId } from './identifiers.js'

/**
 * Codec for where credited learning comes from: a completed training place, a mentoring session (as mentee),
 * a session given as mentor, or a self-reported activity verified by the atasan.
 */
export const LearningSource = taggedUnion(
  'kind',
  {
    training: t.strict({ kind: t.literal('training'), offeringId: CreditOfferingId }, 'TrainingSource'),
    'mentoring-session': t.strict(
      { kind: t.literal('mentoring-session'), mentorshipId: CreditMentorshipId, sessionId: CreditSessionId },
      'MentoringSessionSource',
    ),
    'mentoring-given': t.strict(
      { kind: t.literal('mentoring-given'), mentorshipId: CreditMentorshipId, sessionId: CreditSessionId },
      'MentoringGivenSource',
    ),
    'self-reported': t.strict({ kind: t.literal('self-reported'), reportId: SelfReportId }, 'SelfReportedSource'),
  },
  'LearningSource',
)
/** Where credited learning comes from; a source is credited at most once. */
export type LearningSource = t.TypeOf<typeof LearningSource>

// Ids never contain "/", so it separates a mentorship id from a session id without ambiguity.

/** The key that makes a source unique: crediting the same key twice has no effect. */
export const learningSourceKey = (source: LearningSource): string => {
  switch (source.kind) {
    case 'training':
      return `training:${source.offeringId}`
    case 'mentoring-session':
      return `mentoring-session:${source.mentorshipId}/${source.sessionId}`
    case 'mentoring-given':
      return `mentoring-given:${source.mentorshipId}/${source.sessionId}`
    case 'self-reported':
      return `self-reported:${source.reportId}`
  }
}

/** What counts as one distinct activity: a training offering, a mentorship as mentee or as mentor, a self-report. */
export const learningActivityKey = (source: LearningSource): string => {
  switch (source.kind) {
    case 'training':
      return `training:${source.offeringId}`
    case 'mentoring-session':
      return `mentee:${source.mentorshipId}`
    case 'mentoring-given':
      return `mentor:${source.mentorshipId}`
    case 'self-reported':
      return `self-reported:${source.reportId}`
  }
}

/** The activity key of a policy consultation an ASN took part in. */
export const policyActivityKey = (consultationId: string): string => `policy:${consultationId}`
