import type * as TE from 'fp-ts/lib/TaskEither.js'
import type { PembinaEvent } from '../aggregates.js'
import type { CommandContext, CommandHandler, HandleFailure, HandleResult } from '../application/index.js'
import type { CompetencyCommand, CompetencyEvent } from '../competency/index.js'
import { absurd, type Rejection } from '../kernel/index.js'
import type { MentorRosterCommand, MentorRosterEvent } from '../mentor-roster/index.js'
import type { MentorshipCommand, MentorshipEvent } from '../mentorship/index.js'
import type { Policy, PolicyCommand, PolicyTarget } from '../policies/index.js'

/**
 * The command handlers policies send their commands to, one per aggregate they write to; each is built with
 * `commandHandler({ store, aggregate, config })`. One that is missing leaves the policies writing to it unrun.
 */
export interface PolicyHandlers {
  readonly competency?: CommandHandler<CompetencyCommand, CompetencyEvent, Rejection>
  readonly mentorship?: CommandHandler<MentorshipCommand, MentorshipEvent, Rejection>
  readonly mentor?: CommandHandler<MentorRosterCommand, MentorRosterEvent, Rejection>
}

/** Sending a policy's command to its handler: a task whose outcome is the handler's (events written, or why not). */
export type PolicySending = TE.TaskEither<HandleFailure<Rejection>, HandleResult<PembinaEvent>>

/** Whether the handlers hold one for the aggregate of `target`. */
export const hasHandler = (handlers: PolicyHandlers, target: PolicyTarget): boolean => handlers[target] !== undefined

/** The policies whose every target has a handler: those that can run. */
export const runnablePolicies = (policies: readonly Policy[], handlers: PolicyHandlers): readonly Policy[] =>
  policies.filter(policy => policy.targets.every(target => hasHandler(handlers, target)))

/** Each policy writing to an aggregate the handlers lack, with that aggregate's category. */
export const missingHandlers = (
  policies: readonly Policy[],
  handlers: PolicyHandlers,
): readonly { readonly policy: string; readonly target: PolicyTarget }[] =>
  policies.flatMap(policy =>
    policy.targets.filter(target => !hasHandler(handlers, target)).map(target => ({ policy: policy.name, target })),
  )

/**
 * Sends a policy's command to the handler of its aggregate under the context given; undefined when the handlers
 * hold none for it (the caller checked the policy's targets, so that is a policy sending where it said it would not).
 */
export const sendPolicyCommand = (
  handlers: PolicyHandlers,
  asked: PolicyCommand,
  context: CommandContext,
): PolicySending | undefined => {
  switch (asked.category) {
    case 'competency':
      return handlers.competency?.handle(asked.command, context)
    case 'mentorship':
      return handlers.mentorship?.handle(asked.command, context)
    case 'mentor':
      return handlers.mentor?.handle(asked.command, context)
    default:
      return absurd(asked)
  }
}
