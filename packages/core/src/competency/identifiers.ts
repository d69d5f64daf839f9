import * as t from 'io-ts'
import { refine, streamId } from '../kernel/index.js'

/** Codec for the id of a training offering (the `<id>` of `enrollment-<id>`). */
export const CreditOfferingId = streamId('OfferingId')
/** Codec for the id of a mentorship (the `<id>` of `mentorship-<id>`). */
export const CreditMentorshipId = streamId('MentorshipId')
/** Codec for the id of a mentoring session within its mentorship (it also serves inside a credit's source key). */
export const CreditSessionId = streamId('SessionId')
/** Codec for the id of a self-reported learning activity (it also serves inside a credit's source key). */
export const SelfReportId = streamId('ReportId')
/** Codec for the id of one competency assessment. */
export const AssessmentId = streamId('AssessmentId')
/** Codec for the id of a policy consultation an ASN took part in. */
export const ConsultationId = streamId('ConsultationId')
/** Codec for the id of the complaint behind a recommendation (the `<id>` of `complaint-<id>`). */
export const RecommendationComplaintId = streamId('ComplaintId')

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
