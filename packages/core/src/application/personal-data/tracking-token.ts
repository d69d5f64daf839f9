import { createHash, randomBytes } from 'node:crypto'
import type { TrackingTokenDigest } from '../../shared/tracking-token.js'

/** The digest of a tracking token: SHA-256, lower-case hex. What a complaint stores, and what an actor states. */
export const trackingTokenDigestOf = (token: string): TrackingTokenDigest =>
  createHash('sha256').update(token, 'utf8').digest('hex')

/**
 * A new tracking token for an anonymous complainant: 32 random bytes (base64url), handed to them once with the receipt,
 * and its digest, which goes into FileComplaint (`trackingTokenDigest`). Whoever later shows the token (the service
 * states its digest in the citizen actor) acts as the complainant: rates, supplies what was asked, escalates.
 */
export const issueTrackingToken = (): { readonly token: string; readonly digest: TrackingTokenDigest } => {
  const token = randomBytes(32).toString('base64url')
  return { token, digest: trackingTokenDigestOf(token) }
}
