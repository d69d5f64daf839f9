import { missingHandlers, type Policy, runnablePolicies, standardPolicies } from '@pembina/core'
import type { ReactorHandlers } from './reactor-types.js'

/**
 * The policies a reactor (or a retry of its parked list) runs: those given, each of which must have a handler for
 * every aggregate it writes to, else a RangeError names the policy and the handler; by default, the standard
 * policies whose targets all have a handler. A reactor left with no policy at all is refused too.
 */
export const policiesToRun = (
  name: string,
  handlers: ReactorHandlers,
  policies: readonly Policy[] | undefined,
): readonly Policy[] => {
  if (policies !== undefined) {
    const [missing] = missingHandlers(policies, handlers)
    if (missing !== undefined)
      throw new RangeError(
        `reactor ${name}: policy ${missing.policy} sends commands to the ${missing.target} aggregate, and no ${missing.target} handler was given (handlers.${missing.target})`,
      )
    return policies
  }
  const runnable = runnablePolicies(standardPolicies, handlers)
  if (runnable.length === 0)
    throw new RangeError(
      `reactor ${name}: no handler was given, so no standard policy can run (handlers.competency, …)`,
    )
  return runnable
}
