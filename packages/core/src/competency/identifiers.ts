import * as t from 'io-ts'
import { isStreamId, refine } from '../kernel/index.js'

const idRule = 'must be 1-128 letters, digits, ".", "_", ":" or "-", starting with a letter or digit'

/** A codec for an identifier that can also serve inside a stream name or a credit source key. */
const identifier = (name: string): t.Type<string, string> =>
  refine(t.string, (s): s is string => isStreamId(s), name, idRule)

/** Codec for the id of a training offering (the `<id>` of `enrollment-<id>`). */
export const CreditOfferingId = identifier('OfferingId')
/** Codec for the id of a mentorship (the `<id>` of `mentorship-<id>`). */
export const CreditMentorshipId = identifier('MentorshipId')
/** Codec for the id of a mentoring session within its mentorship. */
export const CreditSessionId = identifier('SessionId')
/** Codec for the id of a self-reported learning activity. */
export const SelfReportId = identifier('ReportId')
/** Codec for the id of one competency assessment. */
export const AssessmentId = identifier('AssessmentId')
/** Codec for the id of a policy consultation an ASN took part in. */
export const ConsultationId = identifier('ConsultationId')
const recommendationIdPattern = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$/

/**
 * Codec for the id of a development recommendation: 1-200 characters, so that a policy's id (a complaint id of up to
 * 128 characters and a suffix such as `.deadline.notification`) always fits.
 */
export const RecommendationId = refine(
  t.string,
  (s): s is string => recommendationIdPattern.test(s),
  'RecommendationId',
  'must be 1-200 letters, digits, ".", "_", ":" or "-", starting with a letter or digit',
)
/** Codec for the id of the complaint behind a recommendation (the `<id>` of `complaint-<id>`). */
export const RecommendationComplaintId = identifier('ComplaintId')
