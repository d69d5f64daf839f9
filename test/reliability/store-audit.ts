// Reads a whole store back and states what the reliability tests assert: nothing corrupt, revisions contiguous,
// every chain intact, no event id twice, and which events each command id wrote.
import * as E from 'fp-ts/lib/Either.js'
import { type ChainBroken, type EventStore, EventMetadata, eventIdOf, verifyChain } from '@pembina/core'

/** The events one command id wrote: their stream, ids and revisions, in the order they were stored. */
export interface CommandFootprint {
  readonly streamName: string
  readonly eventIds: readonly string[]
  readonly revisions: readonly number[]
}

/** What a full read of a store found. Every list is empty for a sound store. */
export interface StoreAudit {
  /** Event counts per stream. */
  readonly streams: ReadonlyMap<string, number>
  readonly events: number
  /** Corrupt records and events whose metadata does not decode, as `stream@revision: reason`. */
  readonly unreadable: readonly string[]
  /** Streams whose revisions are not 0, 1, 2, ... in global order. */
  readonly gaps: readonly string[]
  readonly brokenChains: readonly ChainBroken[]
  readonly duplicateEventIds: readonly string[]
  readonly commands: ReadonlyMap<string, CommandFootprint>
}

interface CommandDraft {
  readonly streamName: string
  readonly eventIds: string[]
  readonly revisions: number[]
}

/** Reads every record of `store` in global order, then verifies each stream's hash chain. */
export const auditStore = async (store: EventStore): Promise<StoreAudit> => {
  const streams = new Map<string, number>()
  const unreadable: string[] = []
  const gaps = new Set<string>()
  const seen = new Set<string>()
  const duplicateEventIds: string[] = []
  const commands = new Map<string, CommandDraft>()
  let events = 0
  for await (const record of store.readAll()) {
    const next = streams.get(record.streamName) ?? 0
    if (record.revision !== next) gaps.add(record.streamName)
    streams.set(record.streamName, next + 1)
    const at = `${record.streamName}@${record.revision}`
    if (record.kind === 'corrupt') {
      unreadable.push(`${at}: ${record.reason}`)
      continue
    }
    events++
    if (seen.has(record.eventId)) duplicateEventIds.push(record.eventId)
    seen.add(record.eventId)
    const metadata = EventMetadata.decode(record.metadata)
    if (E.isLeft(metadata)) {
      unreadable.push(`${at}: metadata does not decode`)
      continue
    }
    const { commandId } = metadata.right
    const draft = commands.get(commandId) ?? { streamName: record.streamName, eventIds: [], revisions: [] }
    draft.eventIds.push(record.eventId)
    draft.revisions.push(record.revision)
    commands.set(commandId, draft)
  }
  const brokenChains: ChainBroken[] = []
  for (const streamName of streams.keys()) {
    const verdict = await verifyChain(store.readStream(streamName))
    if (!verdict.valid) brokenChains.push(verdict)
  }
  return { streams, events, unreadable, gaps: [...gaps], brokenChains, duplicateEventIds, commands }
}

/** The event ids a command of `count` events is written with: uuid v5 of its id and each index. */
export const expectedEventIds = (commandId: string, count: number): readonly string[] =>
  Array.from({ length: count }, (_, index) => eventIdOf(commandId, index))

/**
 * Why a command's footprint is not whole — `count` events with its derived ids at consecutive revisions of one
 * stream — or undefined when it is.
 */
export const incompleteCommand = (
  commandId: string,
  footprint: CommandFootprint,
  count: number,
): string | undefined => {
  const ids = expectedEventIds(commandId, count)
  if (footprint.eventIds.length !== count || footprint.eventIds.some((id, index) => id !== ids[index]))
    return `${commandId}: ${footprint.eventIds.length} of ${count} events, or not its own ids in order`
  const first = footprint.revisions[0] ?? 0
  if (footprint.revisions.some((revision, index) => revision !== first + index))
    return `${commandId}: revisions ${footprint.revisions.join(', ')} are not consecutive`
  return undefined
}
