// A small HTTP client of the service (Node's fetch): commands with their Idempotency-Key, reads, tokens minted once.
import { type Claims, mintToken } from '../src/auth.js'
import type { ScenarioCommand } from './scenario.js'

/** An answer as a client sees it. */
export interface Reply {
  readonly status: number
  readonly headers: Headers
  readonly body: unknown
}

/** A client of one service, signing its tokens with the service's key. */
export interface Client {
  readonly tokenOf: (claims: Claims) => Promise<string>
  readonly send: (command: ScenarioCommand, headers?: Readonly<Record<string, string>>) => Promise<Reply>
  readonly get: (path: string, as: Claims) => Promise<Reply>
}

const replyOf = async (response: Response): Promise<Reply> => {
  const text = await response.text()
  const body: unknown = text === '' ? null : JSON.parse(text)
  return { status: response.status, headers: response.headers, body }
}

/** A client of the service at `url`, whose tokens are signed with `secret`. */
export const client = (url: string, secret: string): Client => {
  const tokens = new Map<string, Promise<string>>()
  const tokenOf = (claims: Claims): Promise<string> => {
    const id = JSON.stringify(claims)
    let token = tokens.get(id)
    if (token === undefined) {
      token = mintToken(claims, { secret })
      tokens.set(id, token)
    }
    return token
  }
  return {
    tokenOf,
    send: async (command, headers = {}) =>
      replyOf(
        await fetch(`${url}/commands/${command.category}`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${await tokenOf(command.as)}`,
            'content-type': 'application/json',
            'idempotency-key': command.key,
            ...headers,
          },
          body: JSON.stringify(command.body),
        }),
      ),
    get: async (path, as) =>
      replyOf(await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${await tokenOf(as)}` } })),
  }
}
