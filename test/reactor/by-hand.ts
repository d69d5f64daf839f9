// What the reactor should come to, worked out by hand: the standard policies applied to every source event in the
// store's global order, each command for a profile decided by the competency decider on the profile as it stands,
// with nothing but the pure functions. The reactor's result is compared with this. The mentor-capacity commands (to
// mentorships and mentors' rosters) were all sent as the history was written (`acceptMentorship`, `driveReactions`),
// under the ids the reactor derives: the reactor gets their first outcomes back and writes nothing.
import * as E from 'fp-ts/lib/Either.js'
import {
  competency,
  type CompetencyEvent,
  type CompetencyState,
  competencyDecider,
  defaultPolicy,
  type EventStore,
  evolveCompetency,
  type Nip,
  type PembinaEvent,
  reactionCommandIdOf,
  type StoredRecord,
  standardPolicies,
} from '@pembina/core'
import { projectedEventOf } from '@pembina/projections'

/** A competency record's event, decoded by the competency registry. */
const competencyEventOf = (record: StoredRecord, schemaVersion: number): CompetencyEvent => {
  if (record.kind === 'corrupt') throw new Error(`a corrupt record in ${record.streamName}`)
  const event = competency.events.decodeInPlace({ type: record.type, data: record.data, schemaVersion })
  if (E.isLeft(event)) throw new Error(`an undecodable record in ${record.streamName}`)
  return event.right
}

/** The competency streams and parked commands the reactor should leave, and the commands it should send. */
export interface ByHand {
  /** Every competency stream's events (type and data), the reactions' included. */
  readonly streams: ReadonlyMap<string, readonly CompetencyEvent[]>
  /** The command id of every command refused, and the code it is refused with. */
  readonly parked: ReadonlyMap<string, string>
  /** The id of every command a policy asks for, and the id of the event it reacts to. */
  readonly commands: ReadonlyMap<string, string>
  /** The ids of the mentor-capacity commands among them, each already handled as the history was written. */
  readonly capacity: ReadonlySet<string>
  /** Every NIP a command is for. */
  readonly targets: readonly Nip[]
}

/** Works out by hand what reacting to every event in the store comes to. */
export const reactByHand = async (store: EventStore): Promise<ByHand> => {
  const decider = competencyDecider(defaultPolicy)
  const streams = new Map<string, CompetencyEvent[]>()
  const states = new Map<string, CompetencyState>()
  const parked = new Map<string, string>()
  const commands = new Map<string, string>()
  const capacity = new Set<string>()
  const handled = new Set<string>()
  const targets = new Set<Nip>()
  const stateOf = (stream: string): CompetencyState => states.get(stream) ?? decider.initialState
  const append = (stream: string, events: readonly CompetencyEvent[]): void => {
    const kept = streams.get(stream) ?? []
    kept.push(...events)
    streams.set(stream, kept)
    states.set(stream, events.reduce(evolveCompetency, stateOf(stream)))
  }
  // The reactor runs after the history is stored, so each profile stands as the history left it when the first
  // reaction reaches it: its own events first, then the reactions, in the order of their source events.
  const sources: PembinaEvent[] = []
  const ids: string[] = []
  for await (const record of store.readAll()) {
    const projected = projectedEventOf(record)
    if (E.isLeft(projected)) throw new Error(`an unreadable record in a generated history: ${projected.left}`)
    const { event, metadata } = projected.right
    handled.add(metadata.commandId)
    if (record.streamName.startsWith('competency-'))
      append(record.streamName, [competencyEventOf(record, metadata.schemaVersion)])
    else {
      sources.push(event)
      ids.push(metadata.eventId)
    }
  }
  for (const [at, event] of sources.entries())
    for (const policy of standardPolicies)
      for (const [index, asked] of policy.react(event, defaultPolicy).entries()) {
        const commandId = reactionCommandIdOf(ids[at] ?? '', policy.name, index)
        commands.set(commandId, ids[at] ?? '')
        if (asked.category !== 'competency') {
          if (!handled.has(commandId)) throw new Error(`the history's ${asked.command.type} ${commandId} was not sent`)
          capacity.add(commandId)
          continue
        }
        targets.add(asked.command.data.nip)
        const decided = decider.decide(asked.command, stateOf(asked.stream))
        if (E.isLeft(decided)) parked.set(commandId, decided.left.code)
        else append(asked.stream, decided.right)
      }
  return { streams, parked, commands, capacity, targets: [...targets].sort() }
}

/** Every competency stream's events (type and data) as the store holds them, and each event's command and causation. */
export const competencyStreams = async (
  store: EventStore,
): Promise<{
  readonly streams: ReadonlyMap<string, readonly CompetencyEvent[]>
  readonly written: readonly { readonly commandId: string; readonly causationId: string; readonly actor: string }[]
}> => {
  const streams = new Map<string, CompetencyEvent[]>()
  const written: { commandId: string; causationId: string; actor: string }[] = []
  for await (const record of store.readAll({ filter: { category: 'competency' } })) {
    const projected = projectedEventOf(record)
    if (E.isLeft(projected)) throw new Error(`an unreadable competency record: ${projected.left}`)
    const kept = streams.get(record.streamName) ?? []
    kept.push(competencyEventOf(record, projected.right.metadata.schemaVersion))
    streams.set(record.streamName, kept)
    const { commandId, causationId, actor } = projected.right.metadata
    written.push({ commandId, causationId, actor: actor.kind === 'system' ? actor.process : actor.kind })
  }
  return { streams, written }
}
