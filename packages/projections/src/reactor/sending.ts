import * as E from 'fp-ts/lib/Either.js'
import { formatHandleFailure, type HandleFailure, type Rejection, sendPolicyCommand } from '@pembina/core'
import { JsonCommand, type ParkedCommand, type ParkedReason } from './parked.js'
import { encodedCommand, type Reaction } from './reactions.js'
import type { ReactorHandlers } from './reactor-types.js'

/** What sending one command came to: accepted (now or before), or refused for good and to be parked. */
export type Sent = { readonly kind: 'accepted' } | { readonly kind: 'parked'; readonly entry: ParkedCommand }

/** Raised to abandon a batch when the reactor is stopped while it waits for a store to come back. */
export class ReactorStopped extends Error {
  override readonly name = 'ReactorStopped'
}

/** How a sender waits for a store that is down, and tells its reactor that it is waiting. */
export interface Waiting {
  readonly initialMs: number
  readonly maxMs: number
  /** Waits `ms`, or less when the reactor is stopped meanwhile. */
  readonly sleep: (ms: number) => Promise<void>
  readonly stopping: () => boolean
  readonly paused: (because: string | undefined) => void
}

/** The reason a refusal is parked for; undefined for a failure that may pass (a conflict, a store unavailable). */
export const parkedReasonOf = (failure: HandleFailure<Rejection>): ParkedReason | undefined => {
  switch (failure.kind) {
    case 'rejected':
      return { kind: 'rejected', code: failure.rejection.code, message: failure.rejection.message }
    case 'corrupt-stream':
    case 'invalid-event':
      return { kind: failure.kind, message: formatHandleFailure(failure) }
    default:
      return undefined
  }
}

/** A refused reaction as a parked entry. */
export const parkedCommand = (reaction: Reaction, reason: ParkedReason, attempts: number): ParkedCommand => {
  const command = JsonCommand.decode(encodedCommand(reaction.command))
  if (E.isLeft(command))
    throw new Error(`the ${reaction.command.command.type} command of ${reaction.policy} is not JSON`)
  return {
    kind: 'command',
    source: reaction.source,
    policy: reaction.policy,
    index: reaction.index,
    commandId: reaction.commandId,
    target: reaction.target,
    command: command.right,
    reason,
    attempts,
  }
}

/**
 * Sends one reaction's command to the handler of its aggregate under the reaction's id, correlation and causation,
 * and waits out a store that is down or a stream others keep changing (doubling its wait), until the command has an
 * outcome. The reactor checked at its start that every policy's aggregates have a handler.
 */
export const send = async (
  handlers: ReactorHandlers,
  reaction: Reaction,
  waiting: Waiting,
  attempts = 1,
): Promise<Sent> => {
  let wait = waiting.initialMs
  for (;;) {
    const handle = sendPolicyCommand(handlers, reaction.command, {
      commandId: reaction.commandId,
      correlationId: reaction.correlationId,
      causationId: reaction.causationId,
    })
    if (handle === undefined)
      throw new Error(`policy ${reaction.policy} sent a ${reaction.command.category} command, and no handler takes it`)
    const result = await handle()
    if (E.isRight(result)) {
      waiting.paused(undefined)
      return { kind: 'accepted' }
    }
    const reason = parkedReasonOf(result.left)
    if (reason !== undefined) {
      waiting.paused(undefined)
      return { kind: 'parked', entry: parkedCommand(reaction, reason, attempts) }
    }
    if (waiting.stopping()) throw new ReactorStopped('stopped while waiting for the store')
    waiting.paused(formatHandleFailure(result.left))
    await waiting.sleep(wait)
    if (waiting.stopping()) throw new ReactorStopped('stopped while waiting for the store')
    wait = Math.min(waiting.maxMs, wait * 2)
  }
}

/**
 * Sends every reaction of a batch: one target stream's in source order, up to `concurrency` streams at once. Resolves
 * with what each came to, in the order given.
 */
export const sendAll = async (
  handlers: ReactorHandlers,
  reactions: readonly Reaction[],
  concurrency: number,
  waiting: Waiting,
): Promise<readonly Sent[]> => {
  const results: Sent[] = new Array<Sent>(reactions.length)
  const byTarget = new Map<string, number[]>()
  reactions.forEach((reaction, at) => {
    const queue = byTarget.get(reaction.target)
    if (queue === undefined) byTarget.set(reaction.target, [at])
    else queue.push(at)
  })
  const queues = [...byTarget.values()]
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < queues.length) {
      const queue = queues[next++] ?? []
      for (const at of queue) {
        const reaction = reactions[at]
        if (reaction !== undefined) results[at] = await send(handlers, reaction, waiting)
      }
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, queues.length)) }, worker))
  return results
}
