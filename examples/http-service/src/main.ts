// The service as a program: `pnpm --filter @pembina-examples/http-service start --store sqlite:pembina.db`.
// The one place that reads the environment and the command line; SIGTERM and SIGINT stop it gracefully.
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { chainKeyringOf } from '@pembina/core'
import * as E from 'fp-ts/lib/Either.js'
import { devJwtSecret } from './auth.js'
import { startService } from './service.js'
import { ConsoleSpanExporter } from './tracing.js'

// `pnpm run x -- --flag` passes the `--` on: it is not an argument.
const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg, i) => i > 0 || arg !== '--'),
  options: {
    store: { type: 'string' },
    host: { type: 'string' },
    port: { type: 'string' },
    'read-models': { type: 'string' },
    keys: { type: 'string' },
    'chain-keys': { type: 'string' },
    requests: { type: 'string' },
    trace: { type: 'boolean', default: false },
    log: { type: 'boolean', default: false },
  },
})

const env = process.env
const port = Number(values.port ?? env.PORT ?? '3000')
if (!Number.isSafeInteger(port) || port < 0 || port > 65535) {
  console.error(`--port ${values.port ?? env.PORT ?? ''} is not a port number`)
  process.exit(2)
}
const secret = env.PEMBINA_JWT_SECRET ?? devJwtSecret
if (env.PEMBINA_JWT_SECRET === undefined)
  console.error('warning: PEMBINA_JWT_SECRET is not set: accepting tokens signed with the development key (README)')
const files = {
  ...(values['read-models'] === undefined ? {} : { readModels: values['read-models'] }),
  ...(values.keys === undefined ? {} : { keys: values.keys }),
  ...(values.requests === undefined ? {} : { requests: values.requests }),
}
// The chain key file, kept apart from the store: every event gets its MAC, every load verifies the chain.
const chainKeysFile = values['chain-keys'] ?? env.PEMBINA_CHAIN_KEYS
const chainKeys =
  chainKeysFile === undefined ? undefined : chainKeyringOf(JSON.parse(readFileSync(chainKeysFile, 'utf8')))
if (chainKeys !== undefined && E.isLeft(chainKeys)) {
  console.error(`--chain-keys ${chainKeysFile ?? ''}: ${chainKeys.left}`)
  process.exit(2)
}
const store = values.store ?? env.PEMBINA_STORE ?? 'sqlite:pembina.db'
const tracing = values.trace || env.PEMBINA_TRACE === 'console'

const service = await startService({
  store,
  files,
  host: values.host ?? env.HOST ?? '127.0.0.1',
  port,
  token: {
    secret,
    ...(env.PEMBINA_JWT_ISSUER === undefined ? {} : { issuer: env.PEMBINA_JWT_ISSUER }),
    ...(env.PEMBINA_JWT_AUDIENCE === undefined ? {} : { audience: env.PEMBINA_JWT_AUDIENCE }),
  },
  log: values.log,
  ...(chainKeys === undefined ? {} : { chainKeys: chainKeys.right }),
  ...(tracing ? { tracing: new ConsoleSpanExporter() } : {}),
})
console.log(
  `pembina http-service listening on ${service.url} (store ${store}${tracing ? ', spans to the console' : ''})`,
)

const stop = (signal: string): void => {
  console.log(`${signal}: closing (answering the requests in flight, then stopping the projectors and the reactor)`)
  service.close().then(
    () => {
      console.log('closed')
      process.exit(0)
    },
    (error: unknown) => {
      console.error(error)
      process.exit(1)
    },
  )
}
process.once('SIGTERM', () => {
  stop('SIGTERM')
})
process.once('SIGINT', () => {
  stop('SIGINT')
})
