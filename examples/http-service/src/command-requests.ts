import { createHmac } from 'node:crypto'
import { type Actor, canonicalJson } from '@pembina/core'
import * as E from 'fp-ts/lib/Either.js'
import { type Answer, errorAnswer, failureAnswer, invalidCommandAnswer, resultAnswer } from './answers.js'
import type { AuthFailure } from './auth.js'
import type { Clock } from './clock.js'
import type { CommandEndpoint } from './command-endpoints.js'
import { permits } from './permissions.js'
import type { RequestLedger } from './request-ledger.js'

/** What a command request needs: the endpoints, the ledger of idempotency keys, the clock, and who the caller is. */
export interface CommandRequests {
  readonly endpoints: Readonly<Record<string, CommandEndpoint>>
  readonly ledger: RequestLedger
  readonly clock: Clock
  readonly actorOf: (
    authorization: string | undefined,
    trackingToken: string | undefined,
  ) => Promise<E.Either<AuthFailure, Actor>>
  /** The key of the requests' fingerprints (an HMAC): the ledger keeps no request's content, only this hash of it. */
  readonly fingerprintKey: string
}

/** One command request as it arrived: the category in its URL, its headers and its parsed JSON body. */
export interface CommandRequest {
  readonly category: string
  readonly authorization: string | undefined
  readonly trackingToken: string | undefined
  readonly idempotencyKey: string | undefined
  readonly body: unknown
}

// Printable ASCII without spaces, as a UUID or a ULID is; it becomes the command id every event carries.
const keyPattern = /^[\x21-\x7e]{1,200}$/

const issue = (path: string, rule: string): Answer =>
  errorAnswer(400, 'invalid-command', 'the request body is not a command', { issues: [{ path, rule }] })

const isObject = (u: unknown): u is Readonly<Record<string, unknown>> =>
  typeof u === 'object' && u !== null && !Array.isArray(u)

const unauthorized = (failure: AuthFailure): Answer => ({
  ...errorAnswer(401, 'unauthorized', failure.message),
  headers: { 'www-authenticate': failure.reason === 'missing' ? 'Bearer' : 'Bearer error="invalid_token"' },
})

const replayed = (answer: Answer): Answer => ({
  ...answer,
  headers: { ...answer.headers, 'idempotent-replayed': 'true' },
})

/**
 * Answers a command request: 401 without a verified actor, 404 for an aggregate not served, 400 without an
 * `Idempotency-Key` or for a body that does not decode (each field's path and rule), 403 when the actor may not send the
 * command, 422 for a key already used for another request; otherwise the command is handled under the key as its
 * command id, so a retry writes nothing and gets the first answer back: from the stream when the command wrote events,
 * from the ledger when it was refused or changed nothing.
 */
export const answerCommand = async (requests: CommandRequests, request: CommandRequest): Promise<Answer> => {
  const actor = await requests.actorOf(request.authorization, request.trackingToken)
  if (E.isLeft(actor)) return unauthorized(actor.left)
  const endpoint = Object.hasOwn(requests.endpoints, request.category)
    ? requests.endpoints[request.category]
    : undefined
  if (endpoint === undefined)
    return errorAnswer(
      404,
      'not-found',
      `no aggregate ${request.category}: POST /commands/{${Object.keys(requests.endpoints).join(',')}}`,
    )
  const key = request.idempotencyKey
  if (key === undefined || !keyPattern.test(key))
    return errorAnswer(
      400,
      'idempotency-key-required',
      'an Idempotency-Key header of 1 to 200 printable characters (a UUID, say) is required: it is the command id, so a retry under it writes once',
    )

  const { body } = request
  if (!isObject(body)) return issue('', 'must be a JSON object { "type": …, "data": … }')
  for (const field of ['actor', 'at'] as const)
    if (body[field] !== undefined)
      return issue(
        field,
        field === 'actor' ? 'is set by the service, from the bearer token' : 'is set by the service, from its clock',
      )
  const type = body.type
  const types = Object.keys(endpoint.permissions)
  const permission =
    typeof type === 'string' && Object.hasOwn(endpoint.permissions, type) ? endpoint.permissions[type] : undefined
  if (typeof type !== 'string' || permission === undefined)
    return issue('type', `must be one of the ${request.category} commands: ${types.join(', ')}`)
  if (!permits(permission, actor.right))
    return errorAnswer(
      403,
      'forbidden',
      `${actor.right.kind === 'asn' ? `an ASN with roles [${actor.right.roles.join(', ')}]` : `a ${actor.right.kind}`} cannot send ${type}`,
    )

  const decoded = endpoint.decode({ type, at: requests.clock(), actor: actor.right, data: body.data })
  if (E.isLeft(decoded)) return invalidCommandAnswer(decoded.left)

  const request_ = canonicalJson({ category: request.category, type, data: decoded.right.data, actor: actor.right })
  if (E.isLeft(request_)) return issue('data', 'must be plain JSON')
  const fingerprint = createHmac('sha256', requests.fingerprintKey).update(request_.right).digest('hex')
  const claim = requests.ledger.claim(key, fingerprint, requests.clock())
  if (claim.kind === 'reused')
    return errorAnswer(
      422,
      'idempotency-key-reused',
      `the Idempotency-Key ${key} was first used at ${claim.firstAt} for another request: use a new key for a new request`,
    )
  if (claim.kind === 'same' && claim.answer !== undefined) return replayed(claim.answer)

  const outcome = await decoded.right.send({ commandId: key })
  if (E.isRight(outcome)) {
    const answer = resultAnswer(key, outcome.right)
    // A command that changed nothing left no trace in its stream: its answer is kept, so a retry gets the same.
    return outcome.right.events.length === 0 ? keptOnce(requests.ledger, key, answer) : answer
  }
  const answer = failureAnswer(outcome.left)
  // A refusal is kept too; a conflict, an unavailable store or a missing complaint may go through on a retry.
  return answer.status === 422 ? keptOnce(requests.ledger, key, answer) : answer
}

/** Keeps the answer unless an earlier request under the key kept one first, and answers with the kept one. */
const keptOnce = (ledger: RequestLedger, key: string, answer: Answer): Answer => {
  const { kept, first } = ledger.keep(key, answer)
  return first ? kept : replayed(kept)
}
