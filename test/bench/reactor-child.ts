// One side of the reactor benchmark, in a process of its own so its peak RSS is its own:
// `reactor-child.ts ours|baseline FILE` reacts to the completed places of FILE and sends what it did to the parent.
//   ours:     startReactor on the file (checkpoints and parked list in the same file) until it has caught up;
//   baseline: the same credit commands, with the same ids, correlation and causation, worked out from the events
//             before the clock starts, handed to the competency handler one after another in a loop.
import * as E from 'fp-ts/lib/Either.js'
import {
  type CompetencyCommand,
  type CommandContext,
  defaultPolicy,
  formatHandleFailure,
  reactionCommandIdOf,
  standardPolicies,
} from '@pembina/core'
import { projectedEventOf, startReactor } from '@pembina/projections'
import { sqliteReadModelStore } from '@pembina/sqlite'
import { reactorHandlers } from '../reactor/fixtures.js'
import { secondsSince } from './measure.js'
import type { ReactorSideReport } from './reactor-report.js'
import { sqliteEventStore } from './sqlite-store.js'

type Report = Omit<ReactorSideReport, 'maxRssBytes'>

const reactOurs = async (file: string): Promise<Report> => {
  const store = sqliteEventStore({ path: file, durability: 'normal' })
  const checkpoints = sqliteReadModelStore({ path: file, durability: 'normal' })
  const start = performance.now()
  const status = await startReactor({
    store,
    checkpoints,
    handlers: reactorHandlers(store),
    config: defaultPolicy,
    live: false,
  }).done
  const seconds = secondsSince(start)
  await checkpoints.close()
  await store.close()
  return { commands: status.sent, parked: status.parked, seconds }
}

const loopBaseline = async (file: string): Promise<Report> => {
  const store = sqliteEventStore({ path: file, durability: 'normal' })
  const commands: { readonly command: CompetencyCommand; readonly context: CommandContext }[] = []
  for await (const record of store.readAll({ filter: { category: 'enrollment' } })) {
    if (record.kind !== 'event' || record.type !== 'PlaceCompleted') continue
    const projected = projectedEventOf(record)
    if (E.isLeft(projected)) throw new Error(projected.left)
    const { event, metadata } = projected.right
    for (const policy of standardPolicies)
      for (const [index, asked] of policy.react(event, defaultPolicy).entries())
        if (asked.category === 'competency')
          commands.push({
            command: asked.command,
            context: {
              commandId: reactionCommandIdOf(metadata.eventId, policy.name, index),
              correlationId: metadata.correlationId,
              causationId: metadata.eventId,
            },
          })
  }
  const { competency } = reactorHandlers(store)
  let parked = 0
  const start = performance.now()
  for (const { command, context } of commands) {
    const result = await competency.handle(command, context)()
    if (E.isLeft(result)) {
      if (result.left.kind !== 'rejected') throw new Error(formatHandleFailure(result.left))
      parked++
    }
  }
  const seconds = secondsSince(start)
  await store.close()
  return { commands: commands.length - parked, parked, seconds }
}

const [side, file] = process.argv.slice(2)
if (file === undefined || (side !== 'ours' && side !== 'baseline'))
  throw new Error('usage: reactor-child.ts ours|baseline FILE')
const done = side === 'ours' ? await reactOurs(file) : await loopBaseline(file)
// ru_maxrss: the kernel's record of this process's peak resident set, in kilobytes.
const report: ReactorSideReport = { ...done, maxRssBytes: process.resourceUsage().maxRSS * 1024 }
if (process.send === undefined) console.log(JSON.stringify(report))
else
  process.send(report, () => {
    process.disconnect()
  })
