import * as E from 'fp-ts/lib/Either.js'
import {
  encodePolicyCommand,
  type Policy,
  type PolicyCommand,
  type PolicyConfig,
  reactionCommandIdOf,
  type StoredRecord,
} from '@pembina/core'
import type { ProjectedEvent } from '../projection.js'
import { pembinaCategoryOf, projectedEventOf } from '../projected-event.js'
import type { ParkedEvent, ParkedSource } from './parked.js'

/** One command a policy asked for in reaction to one event, with everything needed to send it, and to park it. */
export interface Reaction {
  readonly source: ParkedSource
  readonly policy: string
  readonly index: number
  readonly commandId: string
  /** The source event's correlation id, carried on to the command's events. */
  readonly correlationId: string
  /** The source event's id: the command's causation id. */
  readonly causationId: string
  readonly target: string
  /** The command, with the aggregate it goes to. */
  readonly command: PolicyCommand
}

/** What a reactor does with one record: nothing, send some commands, or park the event it could not read. */
export type RecordWork =
  | { readonly kind: 'none' }
  | { readonly kind: 'commands'; readonly reactions: readonly Reaction[] }
  | { readonly kind: 'park'; readonly entry: ParkedEvent }

const none: RecordWork = { kind: 'none' }

const sourceOf = (record: StoredRecord): ParkedSource => ({
  streamName: record.streamName,
  revision: record.revision,
  position: record.position.toString(),
  ...(record.kind === 'event' ? { eventType: record.type } : {}),
})

const parked = (record: StoredRecord, message: string): RecordWork => ({
  kind: 'park',
  entry: { kind: 'event', source: sourceOf(record), reason: { kind: 'undecodable', message }, attempts: 1 },
})

/** A policy threw: a bug in the policy, not in the event; the reactor stops rather than pass the event by. */
export class PolicyError extends Error {
  override readonly name = 'PolicyError'
  constructor(
    readonly policy: string,
    readonly source: ParkedSource,
    options?: ErrorOptions,
  ) {
    super(
      `policy ${policy} threw on ${source.streamName} revision ${source.revision} (global position ${source.position})`,
      options,
    )
  }
}

/** The commands every policy asks for in reaction to a decoded event, in policy order, each with its derived id. */
export const reactionsTo = (
  event: ProjectedEvent,
  source: ParkedSource,
  ids: { readonly eventId: string; readonly correlationId: string },
  policies: readonly Policy[],
  config: PolicyConfig,
): readonly Reaction[] =>
  policies.flatMap(policy => {
    let commands
    try {
      commands = policy.react(event.event, config)
    } catch (error) {
      throw new PolicyError(policy.name, source, { cause: error })
    }
    return commands.map((asked, index): Reaction => ({
      source: { ...source, eventId: ids.eventId, correlationId: ids.correlationId },
      policy: policy.name,
      index,
      commandId: reactionCommandIdOf(ids.eventId, policy.name, index),
      correlationId: ids.correlationId,
      causationId: ids.eventId,
      target: asked.stream,
      command: asked,
    }))
  })

/** The event types any of the policies reacts to: a record of another type is passed by without being decoded. */
export const reactedTypes = (policies: readonly Policy[]): ReadonlySet<string> =>
  new Set(policies.flatMap(policy => policy.eventTypes))

/**
 * What to do with one record the store delivered. A record of a stream outside Pembina's categories, or of a type no
 * policy reacts to, is passed by; a corrupt record, or one whose data or metadata does not decode, is parked.
 */
export const workFor = (
  record: StoredRecord,
  types: ReadonlySet<string>,
  policies: readonly Policy[],
  config: PolicyConfig,
): RecordWork => {
  if (pembinaCategoryOf(record.streamName) === undefined) return none
  if (record.kind === 'corrupt') return parked(record, `the stored record is corrupt: ${record.reason}`)
  if (!types.has(record.type)) return none
  const decoded = projectedEventOf(record)
  if (E.isLeft(decoded)) return parked(record, decoded.left)
  let ids: { readonly eventId: string; readonly correlationId: string }
  try {
    ids = { eventId: decoded.right.metadata.eventId, correlationId: decoded.right.metadata.correlationId }
  } catch (error) {
    return parked(record, error instanceof Error ? error.message : String(error))
  }
  const reactions = reactionsTo(decoded.right, sourceOf(record), ids, policies, config)
  return reactions.length === 0 ? none : { kind: 'commands', reactions }
}

/** The command as its codec writes it, for the parked list. */
export const encodedCommand = (command: PolicyCommand): unknown => encodePolicyCommand(command)
