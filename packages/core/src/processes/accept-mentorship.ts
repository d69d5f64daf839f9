import * as E from 'fp-ts/lib/Either.js'
import type * as TE from 'fp-ts/lib/TaskEither.js'
import type { CommandContext, CommandHandler, HandleFailure, HandleResult } from '../application/index.js'
import type { Rejection } from '../kernel/index.js'
import type { MentorRosterCommand, MentorRosterEvent } from '../mentor-roster/index.js'
import {
  type AcceptMentorship,
  type MentorshipCommand,
  type MentorshipEvent,
  mentorshipRejections,
} from '../mentorship/index.js'
import { mentorCapacityPolicies } from '../policies/index.js'
import type { PolicyConfig } from '../shared/index.js'
import { type DrivenCommand, driveReactions } from './drive-reactions.js'

/** The handlers an acceptance goes through: the mentorship's and the mentor roster's. */
export interface MentorCapacityHandlers {
  readonly mentorship: CommandHandler<MentorshipCommand, MentorshipEvent, Rejection>
  readonly mentor: CommandHandler<MentorRosterCommand, MentorRosterEvent, Rejection>
}

/**
 * What a mentor's acceptance came to: accepted (a place was reserved and the mentorship is active); refused for
 * capacity (the mentor's places were all held: `mentor-at-capacity`, kuota mentor penuh, and the mentorship is
 * proposed again); or pending, when this call decided neither: the acceptance was asked for or answered before under
 * another command id, the mentorship closed meanwhile, or a step failed (`failure`, which a reactor running the
 * standard policies retries under the same ids).
 */
export type MentorshipAcceptance =
  | {
      readonly kind: 'accepted'
      readonly acceptance: HandleResult<MentorshipEvent>
      readonly steps: readonly DrivenCommand[]
    }
  | {
      readonly kind: 'refused'
      readonly acceptance: HandleResult<MentorshipEvent>
      readonly steps: readonly DrivenCommand[]
      readonly rejection: Rejection
      readonly activeMentorships: number
      readonly maxActiveMentees: number
    }
  | {
      readonly kind: 'pending'
      readonly acceptance: HandleResult<MentorshipEvent>
      readonly steps: readonly DrivenCommand[]
      readonly failure?: HandleFailure<Rejection>
    }

/** The answer to the acceptance among the events of the steps: the mentorship made active, or refused for capacity. */
const answerOf = (
  steps: readonly DrivenCommand[],
): Extract<MentorshipEvent, { readonly type: 'MentorshipAccepted' | 'MentorshipAcceptanceRefused' }> | undefined => {
  for (const step of steps)
    if (E.isRight(step.outcome))
      for (const { event } of step.outcome.right.events)
        if (event.type === 'MentorshipAccepted' || event.type === 'MentorshipAcceptanceRefused') return event
  return undefined
}

/**
 * The mentor accepts a mentorship and gets the outcome at once: handles AcceptMentorship, then sends what the
 * mentor-capacity policies ask for (reserve a place in the mentor's roster, then confirm or refuse the acceptance),
 * each under the command id a reactor derives for it (`reactionCommandIdOf`), with the same correlation and causation.
 * A reactor that reaches these events later finds its commands handled and writes nothing again; the limit itself is
 * kept by the mentor's roster stream, so two acceptances at once cannot both take the last place. Calling it again
 * with the same command id gives the same outcome. A failure of AcceptMentorship itself wrote nothing.
 */
export const acceptMentorship =
  (
    handlers: MentorCapacityHandlers,
    command: AcceptMentorship,
    context: CommandContext,
    config: PolicyConfig,
  ): TE.TaskEither<HandleFailure<Rejection>, MentorshipAcceptance> =>
  async () => {
    const accepted = await handlers.mentorship.handle(command, context)()
    if (E.isLeft(accepted)) return accepted
    const acceptance = accepted.right
    const steps = await driveReactions(acceptance, { handlers, policies: mentorCapacityPolicies, config })
    const answer = answerOf(steps)
    if (answer?.type === 'MentorshipAccepted') return E.right({ kind: 'accepted', acceptance, steps })
    if (answer?.type === 'MentorshipAcceptanceRefused') {
      const { activeMentorships, maxActiveMentees } = answer.data
      const rejection = mentorshipRejections.rejection('mentor-at-capacity', maxActiveMentees)
      return E.right({ kind: 'refused', acceptance, steps, rejection, activeMentorships, maxActiveMentees })
    }
    const failed = steps.find(step => E.isLeft(step.outcome))?.outcome
    return E.right({
      kind: 'pending',
      acceptance,
      steps,
      ...(failed !== undefined && E.isLeft(failed) ? { failure: failed.left } : {}),
    })
  }
