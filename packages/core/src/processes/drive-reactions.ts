import * as E from 'fp-ts/lib/Either.js'
import type { PembinaEvent } from '../aggregates.js'
import { type HandleFailure, type HandleResult, reactionCommandIdOf } from '../application/index.js'
import type { Rejection } from '../kernel/index.js'
import type { Policy, PolicyCommand } from '../policies/index.js'
import type { PolicyConfig } from '../shared/index.js'
import { type PolicyHandlers, runnablePolicies, sendPolicyCommand } from './policy-handlers.js'

/** One command a policy asked for, sent under the id a reactor gives it, and what it came to. */
export interface DrivenCommand {
  readonly policy: string
  /** Which of the policy's commands for the event (zero-based). */
  readonly index: number
  /** `reactionCommandIdOf(source event id, policy, index)`: the id a reactor sends it under. */
  readonly commandId: string
  /** The id of the event it reacts to. */
  readonly causationId: string
  readonly asked: PolicyCommand
  readonly outcome: E.Either<HandleFailure<Rejection>, HandleResult<PembinaEvent>>
}

/** What `driveReactions` runs and under which configuration. */
export interface DriveOptions {
  readonly handlers: PolicyHandlers
  /** The policies run: those whose targets all have a handler. */
  readonly policies: readonly Policy[]
  readonly config: PolicyConfig
}

/**
 * Does at once, in this process, what a reactor does later: runs the policies on events just written, sends each
 * command to its handler under the id, correlation and causation a reactor derives (from the source event's id, the
 * policy's name and the command's index), then runs them on the events those commands wrote, until none asks for
 * more. A reactor that reaches the same events later sends the same ids and gets these first outcomes back, so
 * nothing is written twice. A command that fails ends its branch (a reactor sends it again); the others go on.
 */
export const driveReactions = async (
  written: HandleResult<PembinaEvent>,
  options: DriveOptions,
): Promise<readonly DrivenCommand[]> => {
  const { handlers, config } = options
  const policies = runnablePolicies(options.policies, handlers)
  const driven: DrivenCommand[] = []
  const reactTo = async (result: HandleResult<PembinaEvent>): Promise<void> => {
    for (const { event, metadata } of result.events)
      for (const policy of policies) {
        const commands = policy.react(event, config)
        for (const [index, asked] of commands.entries()) {
          const commandId = reactionCommandIdOf(metadata.eventId, policy.name, index)
          const context = { commandId, correlationId: metadata.correlationId, causationId: metadata.eventId }
          const send = sendPolicyCommand(handlers, asked, context)
          // A policy's targets name the handlers it needs; one sending elsewhere is a bug in the policy.
          if (send === undefined)
            throw new TypeError(`policy ${policy.name} asked for a ${asked.category} command, not one of its targets`)
          const outcome = await send()
          driven.push({ policy: policy.name, index, commandId, causationId: metadata.eventId, asked, outcome })
          if (E.isRight(outcome)) await reactTo(outcome.right)
        }
      }
  }
  await reactTo(written)
  return driven
}
