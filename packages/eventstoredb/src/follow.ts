import { wakeSignal } from '@pembina/core'
import type { ServerSignal } from './catch-up.js'
import type { ClientFilter, ClientPosition, EsdbClient } from './client.js'

/** What one subscription to `$all` hands over next, in the order the server sent it. */
export type FollowStep =
  | { readonly kind: 'item'; readonly value: unknown }
  | { readonly kind: 'signal'; readonly signal: ServerSignal }
  /** The server ended the call without an error, or the attempt was stopped. */
  | { readonly kind: 'end' }

/** One subscription to `$all`, read step by step until it ends, fails (the promise rejects) or is stopped. */
export interface FollowAttempt {
  readonly next: () => Promise<FollowStep>
  /** Cancels the call; a pending `next()` answers `end`. */
  readonly stop: () => Promise<void>
}

interface PlacedSignal {
  /** How many items come before the signal. */
  readonly after: number
  readonly signal: ServerSignal
}

/**
 * Subscribes to `$all` after `from` (the start when undefined), keeping only streams whose name starts with
 * `prefix` on the server (every stream but EventStoreDB's own event types when undefined).
 *
 * The client hands events over as a readable stream but the caught-up message and checkpoints as callbacks, which
 * can run while events the server sent before them still sit in the stream's buffer. Each signal is therefore
 * placed after the items received so far plus those still buffered, so it comes out exactly where the server put it.
 */
export const followAll = (
  client: Pick<EsdbClient, 'subscribeToAll'>,
  from: bigint | undefined,
  prefix: string | undefined,
): FollowAttempt => {
  let received = 0
  let stopped = false
  const placed: PlacedSignal[] = []
  const arrived = wakeSignal()
  const place = (buffered: number, signal: ServerSignal): void => {
    placed.push({ after: received + buffered, signal })
    arrived.wake()
  }
  // A checkpoint for every search window the server looks through, so catch-up is seen even on servers before 23.10.
  const checkpoints = {
    checkpointInterval: 1,
    checkpointReached: (at: { readonly readableLength: number }, position: ClientPosition): void => {
      place(at.readableLength, { kind: 'checkpoint', position: position.commit })
    },
  }
  // As the clients' excludeSystemEvents and streamNameFilter build them.
  const filter: ClientFilter =
    prefix === undefined
      ? { filterOn: 'eventType', regex: '^[^$].*', ...checkpoints }
      : { filterOn: 'streamName', prefixes: [prefix], ...checkpoints }
  const subscription = client.subscribeToAll({
    fromPosition: from === undefined ? 'start' : { commit: from, prepare: from },
    filter,
  })
  subscription.on('caughtUp', () => {
    place(subscription.readableLength, { kind: 'caught-up' })
  })
  const items = subscription[Symbol.asyncIterator]()
  let pendingItem: Promise<IteratorResult<unknown>> | undefined
  let pendingSignal: Promise<'signal'> | undefined

  const next = async (): Promise<FollowStep> => {
    for (;;) {
      if (stopped) return { kind: 'end' }
      const due = placed[0]
      if (due !== undefined && due.after <= received) {
        placed.shift()
        return { kind: 'signal', signal: due.signal }
      }
      pendingItem ??= items.next()
      pendingSignal ??= arrived.wait().then(() => {
        pendingSignal = undefined
        return 'signal' as const
      })
      const first = await Promise.race([pendingItem, pendingSignal])
      if (first === 'signal') continue
      pendingItem = undefined
      if (first.done === true) return { kind: 'end' }
      received += 1
      return { kind: 'item', value: first.value }
    }
  }

  const stop = async (): Promise<void> => {
    if (stopped) return
    stopped = true
    arrived.wake()
    // The call's end or cancellation error reaches an item nobody waits for any more.
    pendingItem?.catch(() => undefined)
    await subscription.unsubscribe().catch(() => undefined)
    subscription.destroy()
  }

  return { next, stop }
}
