import { Instant } from '@pembina/core'

/** The instant a command is issued: the service stamps each command with it, so no client can backdate one. */
export type Clock = () => Instant

/** An instant from a date, in UTC (`2026-12-07T01:21:47.123Z`), which the core's `Instant` codec accepts. */
export const instantOf = (date: Date): Instant => {
  const text = date.toISOString()
  if (!Instant.is(text)) throw new RangeError(`${text} is not an instant`)
  return text
}

/** The system clock: the one place the service reads the time. */
// eslint-disable-next-line no-restricted-syntax -- the composition root's clock, as the CLI's is
export const systemClock: Clock = () => instantOf(new Date())
