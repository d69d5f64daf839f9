import * as t from 'io-ts'
import { Actor } from './actor.js'
import { Instant } from './time.js'

/** A command codec: `{ type, at, actor, data }`, where `at` is the instant the command was issued. */
export const command = <Type extends string, Data extends t.Mixed>(type: Type, data: Data) =>
  t.strict({ type: t.literal(type), at: Instant, actor: Actor, data }, type)
