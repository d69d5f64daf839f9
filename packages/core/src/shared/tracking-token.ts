import * as t from 'io-ts'
import { refine } from '../kernel/decode.js'

const sha256Hex = /^[0-9a-f]{64}$/

/**
 * Codec for the digest of an anonymous complainant's tracking token: SHA-256 in lower-case hex. The token itself is a
 * secret handed to the complainant at filing (`issueTrackingToken`); only its digest is ever stored.
 */
export const TrackingTokenDigest = refine(
  t.string,
  (s): s is string => sha256Hex.test(s),
  'TrackingTokenDigest',
  'must be a SHA-256 digest in lower-case hex (64 characters)',
)
/** The digest of a tracking token. */
export type TrackingTokenDigest = t.TypeOf<typeof TrackingTokenDigest>
