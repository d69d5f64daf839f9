/**
 * What a subscription to `$all` says besides events: the server's caught-up message (EventStoreDB 23.10 and later)
 * or a checkpoint of a filtered subscription (every version) at a commit position.
 */
export type ServerSignal = { readonly kind: 'caught-up' } | { readonly kind: 'checkpoint'; readonly position: bigint }

/**
 * Whether an event at `position` was stored after the subscription started, so `caught-up` goes before it.
 * `head` is the position of the last event in `$all` read at the start, or null when `$all` was empty.
 */
export const isPastHead = (head: bigint | null, position: bigint): boolean => head === null || position > head

/**
 * Whether a signal proves that everything stored when the subscription started has been delivered: the server's
 * caught-up message always does; a checkpoint does once it reaches the head, since EventStoreDB sends one after
 * searching a page of `$all`, at the page's start or at the last event it sent from it.
 */
export const signalCoversHead = (head: bigint | null, signal: ServerSignal): boolean =>
  signal.kind === 'caught-up' || head === null || signal.position >= head

/** Whether a subscription starting after `after` has nothing stored to catch up on. */
export const nothingToCatchUp = (head: bigint | null, after: bigint | undefined): boolean =>
  head === null || (after !== undefined && after >= head)
