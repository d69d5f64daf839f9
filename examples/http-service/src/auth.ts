import {
  type Actor,
  decodeWith,
  formatDecodeFailure,
  Nip,
  Role,
  taggedUnion,
  text,
  trackingTokenDigestOf,
} from '@pembina/core'
import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import { errors, jwtVerify, SignJWT } from 'jose'

/**
 * The development key the README documents: tokens signed with it are accepted only by a service started without
 * `PEMBINA_JWT_SECRET`, which prints a warning. Never use it for real data.
 */
export const devJwtSecret = 'pembina-http-service-dev-key-belawan-2026-not-for-production'

/** What a token says about its bearer: an ASN (NIP and roles), a citizen (a pseudonym, or none), or a system process. */
export const Claims = taggedUnion(
  'kind',
  {
    asn: t.type({ kind: t.literal('asn'), sub: Nip, roles: t.readonlyArray(Role) }, 'AsnClaims'),
    citizen: t.intersection([t.type({ kind: t.literal('citizen') }), t.partial({ sub: text(128) })], 'CitizenClaims'),
    system: t.type({ kind: t.literal('system'), sub: text(64) }, 'SystemClaims'),
  },
  'Claims',
)
/** The claims of a token: `kind` and `sub` (the NIP, the pseudonym, the process), and an ASN's `roles`. */
export type Claims = t.TypeOf<typeof Claims>

/** Why a request has no actor: no bearer token, or one that does not verify or does not hold valid claims. */
export interface AuthFailure {
  readonly reason: 'missing' | 'invalid'
  readonly message: string
}

/** How tokens are checked: HS256 with the key, an expiry required, and the issuer and audience when given. */
export interface TokenOptions {
  readonly secret: string
  readonly issuer?: string
  readonly audience?: string
}

const keyOf = (secret: string): Uint8Array => new TextEncoder().encode(secret)

/** The actor a verified token stands for; a citizen's tracking token (shown in its header) is stated as its digest. */
export const actorOfClaims = (claims: Claims, trackingToken: string | undefined): Actor => {
  switch (claims.kind) {
    case 'asn':
      return { kind: 'asn', nip: claims.sub, roles: claims.roles }
    case 'citizen':
      return {
        kind: 'citizen',
        ...(claims.sub === undefined ? {} : { subjectId: claims.sub }),
        ...(trackingToken === undefined ? {} : { trackingTokenDigest: trackingTokenDigestOf(trackingToken) }),
      }
    case 'system':
      return { kind: 'system', process: claims.sub }
  }
}

const bearerPattern = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/

/**
 * Verifies the bearer token of an `Authorization` header and decodes its claims into the actor of the request.
 * Never throws: a missing, malformed, expired or wrongly signed token, or claims the codec refuses, is an `AuthFailure`.
 */
export const actorOfRequest =
  (options: TokenOptions) =>
  async (
    authorization: string | undefined,
    trackingToken: string | undefined,
  ): Promise<E.Either<AuthFailure, Actor>> => {
    if (authorization === undefined || authorization === '')
      return E.left({ reason: 'missing', message: 'a bearer token is required (Authorization: Bearer <JWT>)' })
    const token = bearerPattern.exec(authorization)?.[1]
    if (token === undefined)
      return E.left({ reason: 'invalid', message: 'the Authorization header is not Bearer <JWT>' })
    try {
      const { payload } = await jwtVerify(token, keyOf(options.secret), {
        algorithms: ['HS256'],
        requiredClaims: ['exp'],
        ...(options.issuer === undefined ? {} : { issuer: options.issuer }),
        ...(options.audience === undefined ? {} : { audience: options.audience }),
      })
      const claims = decodeWith(Claims, 'token claims')(payload)
      if (E.isLeft(claims)) return E.left({ reason: 'invalid', message: formatDecodeFailure(claims.left) })
      return E.right(actorOfClaims(claims.right, trackingToken))
    } catch (error) {
      if (error instanceof errors.JOSEError)
        return E.left({ reason: 'invalid', message: `the token is refused: ${error.code}` })
      throw error
    }
  }

/** What a token is minted with besides its claims: how long it lasts (`8h`, `15m`), its issuer and audience. */
export interface MintOptions {
  readonly secret: string
  readonly expiresIn?: string
  readonly issuer?: string
  readonly audience?: string
}

/** Signs a token for the claims (HS256), as a login service would: for development, tests and the load run. */
export const mintToken = async (claims: Claims, options: MintOptions): Promise<string> => {
  let jwt = new SignJWT({ ...claims })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '8h')
  if (options.issuer !== undefined) jwt = jwt.setIssuer(options.issuer)
  if (options.audience !== undefined) jwt = jwt.setAudience(options.audience)
  return jwt.sign(keyOf(options.secret))
}
