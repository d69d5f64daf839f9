// Mints a bearer token for the service, signed with PEMBINA_JWT_SECRET or the development key:
//   pnpm --filter @pembina-examples/http-service mint-token --kind asn --sub 196608011988031001 --roles asn,pyb
//   pnpm --filter @pembina-examples/http-service mint-token --kind citizen --sub warga-0042
//   pnpm --filter @pembina-examples/http-service mint-token --kind system --sub deadline-timer
import { parseArgs } from 'node:util'
import { decodeWith, formatDecodeFailure } from '@pembina/core'
import * as E from 'fp-ts/lib/Either.js'
import { Claims, devJwtSecret, mintToken } from './auth.js'

// `pnpm run x -- --flag` passes the `--` on: it is not an argument.
const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg, i) => i > 0 || arg !== '--'),
  options: {
    kind: { type: 'string', default: 'asn' },
    sub: { type: 'string' },
    roles: { type: 'string', default: 'asn' },
    expires: { type: 'string', default: '8h' },
  },
})
const claims = decodeWith(
  Claims,
  'claims',
)({
  kind: values.kind,
  ...(values.sub === undefined ? {} : { sub: values.sub }),
  ...(values.kind === 'asn' ? { roles: values.roles.split(',').filter(role => role !== '') } : {}),
})
if (E.isLeft(claims)) {
  console.error(formatDecodeFailure(claims.left))
  process.exit(2)
}
console.log(
  await mintToken(claims.right, { secret: process.env.PEMBINA_JWT_SECRET ?? devJwtSecret, expiresIn: values.expires }),
)
