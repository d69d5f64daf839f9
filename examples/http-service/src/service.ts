import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api'
import type { SpanExporter } from '@opentelemetry/sdk-trace-node'
import { type ChainKeyring, defaultPolicy, type EventStore, type PolicyConfig, type RetryPolicy } from '@pembina/core'
import {
  complaintBoardProjection,
  competencyGapsProjection,
  type JsonValue,
  learningHoursProjection,
  mentorLoadProjection,
  offeringRosterProjection,
  personnelDirectoryProjection,
  type Projection,
  type Projector,
  type ProjectorStatus,
  type Reactor,
  type ReactorStatus,
  startProjector,
  startReactor,
} from '@pembina/projections'
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify'
import { type Answer, errorAnswer } from './answers.js'
import { actorOfRequest, type TokenOptions } from './auth.js'
import { type Clock, systemClock } from './clock.js'
import { commandEndpoints } from './command-endpoints.js'
import { answerCommand, type CommandRequests } from './command-requests.js'
import { mayRead } from './permissions.js'
import { type ReadModels, readRoutes } from './read-model-requests.js'
import { openStores, type StoreFiles } from './stores.js'
import { startTracing, type Tracing } from './tracing.js'

/** How the service is run; everything but the token key has a default. */
export interface ServiceOptions {
  /** Where the events are: `sqlite:FILE` (default `sqlite:pembina.db`) or an EventStoreDB / KurrentDB connection string. */
  readonly store?: string
  /** An event store already open, used instead of opening `store` (tests wrap one); closed with the service. */
  readonly events?: EventStore
  /** Where the read models, the keys and the request ledger go (default: beside an SQLite store). */
  readonly files?: Partial<StoreFiles>
  /** The address to listen on: loopback by default; put a reverse proxy (TLS) in front for anything else. */
  readonly host?: string
  /** The port (default 3000; 0 for any free one). */
  readonly port?: number
  /** How bearer tokens are verified: the HS256 key, and the issuer and audience when checked. */
  readonly token: TokenOptions
  /** The policy the deciders, the reactor and the queries apply (default `defaultPolicy`). */
  readonly config?: PolicyConfig
  /** The instant commands are issued at and reads are as of (default: the system clock). */
  readonly clock?: Clock
  /** How the command handlers retry a conflict (default: 5 attempts, 10 ms doubling). */
  readonly retry?: Partial<RetryPolicy>
  /**
   * The keyring of a keyed chain (`chainKeyringOf` of a key file kept outside the store): every event is written with
   * its MAC, and every stream verified on load, MACs included. None by default.
   */
  readonly chainKeys?: ChainKeyring
  /** Records the spans (the core's among them) with the OpenTelemetry SDK to this exporter; none by default. */
  readonly tracing?: SpanExporter
  /** Fastify's request log (pino, JSON lines on stdout); off by default. */
  readonly log?: boolean
}

/** A running service. */
export interface Service {
  /** Where it listens, e.g. `http://127.0.0.1:3000`. */
  readonly url: string
  /** The projectors and the reactor, as `/health` reports them. */
  readonly status: () => { readonly projectors: readonly ProjectorStatus[]; readonly reactor: ReactorStatus }
  /**
   * Stops gracefully: no new request is accepted (those arriving on an open connection get 503), every request in
   * flight is answered, then the reactor and the projectors stop at a batch boundary (what they applied is committed
   * with its checkpoint), and the stores close. Safe to call more than once.
   */
  readonly close: () => Promise<void>
}

const send = (reply: FastifyReply, answer: Answer | { readonly status: number; readonly body: unknown }) =>
  reply
    .code(answer.status)
    .headers('headers' in answer ? (answer.headers ?? {}) : {})
    .send(answer.body)

const header = (request: FastifyRequest, name: string): string | undefined => {
  const value = request.headers[name]
  return typeof value === 'string' ? value : undefined
}

/**
 * Starts the service: opens the stores, starts the standard projectors and the reactor (the policies between
 * aggregates) in this process, and listens. Commands are `POST /commands/{category}`, reads `GET` on the read models,
 * `GET /health` says how the projectors and the reactor are doing.
 */
export const startService = async (options: ServiceOptions): Promise<Service> => {
  const tracing: Tracing | undefined = options.tracing === undefined ? undefined : startTracing(options.tracing)
  const config = options.config ?? defaultPolicy
  const clock = options.clock ?? systemClock
  const stores = await openStores({
    url: options.store ?? 'sqlite:pembina.db',
    ...(options.events === undefined ? {} : { events: options.events }),
    ...(options.files === undefined ? {} : { files: options.files }),
  }).catch(async (error: unknown) => {
    await tracing?.shutdown()
    throw error
  })
  const { endpoints, reactor: policyHandlers } = commandEndpoints({
    store: stores.events,
    keys: stores.keys,
    config,
    ...(options.retry === undefined ? {} : { retry: options.retry }),
    ...(options.chainKeys === undefined ? {} : { chainKeys: options.chainKeys }),
  })
  const project = <Doc extends JsonValue>(projection: Projection<Doc>): Projector =>
    startProjector({ events: stores.events, readModels: stores.readModels, projection })
  // The standard read models (`standardReadModels`), each with its projector.
  const projectors = [
    project(offeringRosterProjection),
    project(learningHoursProjection),
    project(mentorLoadProjection),
    project(competencyGapsProjection),
    project(complaintBoardProjection),
    project(personnelDirectoryProjection),
  ]
  const reactor: Reactor = startReactor({
    store: stores.events,
    checkpoints: stores.readModels,
    handlers: policyHandlers,
    config,
  })
  // A projector or the reactor that fails stays failed: /health answers 503 with its error, and stderr says so.
  for (const [name, running] of [
    ...projectors.map(projector => [`projector ${projector.projection.name}`, projector] as const),
    ['reactor', reactor] as const,
  ])
    running.done.catch((error: unknown) => {
      console.error(
        `pembina http-service: the ${name} failed: ${error instanceof Error ? error.message : String(error)}`,
      )
    })
  const status = () => ({ projectors: projectors.map(projector => projector.status()), reactor: reactor.status() })

  const actorOf = actorOfRequest(options.token)
  const requests: CommandRequests = {
    endpoints,
    ledger: stores.ledger,
    clock,
    actorOf,
    fingerprintKey: `pembina-request-fingerprint:${options.token.secret}`,
  }
  const readModels: ReadModels = { readModels: stores.readModels, config, clock, keys: stores.keys }
  const tracer = trace.getTracer('@pembina-examples/http-service')

  const app = Fastify({ logger: options.log ?? false, bodyLimit: 256 * 1024 })
  app.setErrorHandler((error, request, reply) => {
    const code = typeof error === 'object' && error !== null && 'statusCode' in error ? error.statusCode : undefined
    const statusCode = typeof code === 'number' && code >= 400 && code < 500 ? code : 500
    if (statusCode === 500) request.log.error(error)
    const message = statusCode === 500 ? 'internal error' : error instanceof Error ? error.message : String(error)
    return send(reply, errorAnswer(statusCode, statusCode === 500 ? 'internal' : 'bad-request', message))
  })
  // While closing, every answer closes its connection, so a client's idle keep-alive connection cannot hold it open.
  let draining = false
  app.addHook('onSend', async (_request, reply, payload) => {
    if (draining) reply.header('connection', 'close')
    return payload
  })
  app.setNotFoundHandler((request, reply) =>
    send(reply, errorAnswer(404, 'not-found', `no route ${request.method} ${request.url}`)),
  )

  app.post('/commands/:category', async (request, reply) => {
    const params = request.params
    const category =
      typeof params === 'object' && params !== null && 'category' in params ? String(params.category) : ''
    const answer = await tracer.startActiveSpan(
      `POST /commands/${category}`,
      { kind: SpanKind.SERVER, attributes: { 'http.request.method': 'POST', 'http.route': '/commands/:category' } },
      async span => {
        try {
          const answered = await answerCommand(requests, {
            category,
            authorization: header(request, 'authorization'),
            trackingToken: header(request, 'tracking-token'),
            idempotencyKey: header(request, 'idempotency-key'),
            body: request.body,
          })
          span.setAttribute('http.response.status_code', answered.status)
          if (answered.status >= 500) span.setStatus({ code: SpanStatusCode.ERROR })
          return answered
        } finally {
          span.end()
        }
      },
    )
    return send(reply, answer)
  })

  for (const route of readRoutes)
    app.get(route.path, async (request, reply) => {
      const actor = await actorOf(header(request, 'authorization'), undefined)
      if (actor._tag === 'Left')
        return send(reply, {
          ...errorAnswer(401, 'unauthorized', actor.left.message),
          headers: { 'www-authenticate': actor.left.reason === 'missing' ? 'Bearer' : 'Bearer error="invalid_token"' },
        })
      if (!mayRead(actor.right)) return send(reply, errorAnswer(403, 'forbidden', 'the read models are for ASN only'))
      return send(reply, await route.answer(readModels, request.params, request.query))
    })

  app.get('/health', async (_request, reply) => {
    const now = status()
    const failed = [...now.projectors.map(p => p.phase), now.reactor.phase].includes('failed')
    return reply.code(failed ? 503 : 200).send({
      status: failed ? 'failed' : 'ok',
      projectors: now.projectors.map(p => ({
        name: p.projection.name,
        version: p.projection.version,
        phase: p.phase,
        position: p.position === null ? null : String(p.position),
        lag: p.lag,
        ...(p.error === undefined ? {} : { error: p.error.message }),
      })),
      reactor: {
        phase: now.reactor.phase,
        position: now.reactor.position === null ? null : String(now.reactor.position),
        sent: now.reactor.sent,
        parked: now.reactor.parked,
        ...(now.reactor.error === undefined ? {} : { error: now.reactor.error.message }),
      },
    })
  })

  let closing: Promise<void> | undefined
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      // In order: no new request, every one in flight answered; then nothing more is written, and the stores close.
      draining = true
      await app.close()
      await reactor.stop()
      await Promise.all(projectors.map(projector => projector.stop()))
      await stores.close()
      await tracing?.shutdown()
    })())

  try {
    await app.listen({ host: options.host ?? '127.0.0.1', port: options.port ?? 3000 })
  } catch (error) {
    await close()
    throw error
  }
  const address = app.server.address()
  const port = typeof address === 'object' && address !== null ? address.port : (options.port ?? 3000)
  const host = options.host ?? '127.0.0.1'
  return { url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`, status, close }
}
