// What the adapter's subscription tests share: appending that must succeed, taking deliveries within a time, and
// labels a failure can show.
import * as E from 'fp-ts/lib/Either.js'
import type { AppendResult, CaughtUp, EventStore, EventToAppend, StoredRecord } from '@pembina/core'

/** Appends, or throws naming the failure: for a test's own setup, which must not fail. */
export const appended = async (
  store: EventStore,
  stream: string,
  events: readonly EventToAppend[],
  expected: number | 'no-stream',
): Promise<AppendResult> => {
  const result = await store.append(stream, events, expected)()
  if (E.isLeft(result)) throw new Error(`append failed: ${result.left._tag}`)
  return result.right
}

/** The next `count` deliveries of a subscription, each within `withinMs`, or a failure saying how many came. */
export const take = async (
  iterator: AsyncIterator<StoredRecord | CaughtUp>,
  count: number,
  withinMs: number,
): Promise<readonly (StoredRecord | CaughtUp)[]> => {
  const taken: (StoredRecord | CaughtUp)[] = []
  while (taken.length < count) {
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reject(new Error(`nothing after ${taken.length.toString()} of ${count.toString()} deliveries`))
      }, withinMs)
    })
    const next = await Promise.race([iterator.next(), timeout]).finally(() => {
      clearTimeout(timer)
    })
    if (next.done === true) throw new Error('the subscription ended')
    taken.push(next.value)
  }
  return taken
}
