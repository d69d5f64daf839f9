import { rmSync } from 'node:fs'
import * as E from 'fp-ts/lib/Either.js'
import type * as t from 'io-ts'
import {
  acceptMentorship,
  type ChainKeyring,
  commandHandler,
  competency,
  complaint,
  ComplaintInput,
  complaintSealer,
  complaintSubjectFromStore,
  decodeWith,
  type DomainEvent,
  enrollment,
  type EventStore,
  formatDecodeFailure,
  formatHandleFailure,
  type HandledCommand,
  type KeyStore,
  type MentorCapacityHandlers,
  incentiveEligibility,
  mentorRoster,
  mentorship,
  type MentorshipCommand,
  organisation,
  personnel,
  type PolicyConfig,
  type Rejection,
  rememberedSubjects,
  replay,
  type SealingFailure,
  type SealingHandler,
  sealingHandler,
  storeDirectory,
} from '@pembina/core'
import {
  complaintBoardProjection,
  competencyGapsProjection,
  type JsonValue,
  learningHoursProjection,
  mentorLoadProjection,
  offeringRosterProjection,
  personnelDirectoryProjection,
  type Projection,
  type ReadModelStore,
  startProjector,
  startReactor,
} from '@pembina/projections'
import cliProgress from 'cli-progress'
import { CliError, exitCodes } from '../cli-error.js'
import { demoPeople, demoUnits } from './people.js'
import { seededRandom } from './random.js'
import { type DemoCommand, demoYear } from './year.js'

/** What `pembina demo` is asked. */
export interface DemoOptions {
  readonly config: PolicyConfig
  /** Where the keys of the complainants' personal data go: their names, contacts and texts are sealed with them. */
  readonly keys: KeyStore
  readonly seed: number
  readonly progress: boolean
  readonly json: boolean
  /** The keyring of a keyed chain: every event the demo writes carries a MAC under its current key. */
  readonly chainKeys?: ChainKeyring
}

/** What sending one demo command came to: written, already there, or refused (with the rejection). */
type Sent = 'written' | 'unchanged' | Rejection

const failed = (demo: DemoCommand, failure: SealingFailure<Rejection>): Sent => {
  if (failure.kind === 'rejected') return failure.rejection
  const why = failure.kind === 'not-sealed' ? `${failure.streamName}: ${failure.message}` : formatHandleFailure(failure)
  throw new CliError(`the demo could not write ${demo.commandId}: ${why}`, exitCodes.storeFailed)
}

/** Sends one decoded command to its handler, under the demo's id for it. */
const sender =
  <Command extends HandledCommand>(
    codec: t.Type<Command, unknown>,
    handler: Pick<SealingHandler<Command, DomainEvent, Rejection>, 'handle'>,
  ) =>
  async (demo: DemoCommand): Promise<Sent> => {
    const command = decoded(codec, demo)
    const result = await handler.handle(command, { commandId: demo.commandId })()
    if (E.isRight(result)) return result.right.written ? 'written' : 'unchanged'
    return failed(demo, result.left)
  }

const decoded = <Command>(codec: t.Type<Command, unknown>, demo: DemoCommand): Command => {
  const command = decodeWith(codec, `demo command ${demo.commandId}`)(demo.input)
  if (E.isLeft(command))
    throw new Error(`the demo built a command its codec refuses: ${formatDecodeFailure(command.left)}`)
  return command.right
}

/**
 * Sends one mentorship command; a mentor's acceptance goes through `acceptMentorship`, so the mentor-capacity
 * policies answer it at once (the sessions logged after it need the mentorship active) under the ids the reactor
 * uses later. An acceptance refused for capacity counts as refused, `mentor-at-capacity`.
 */
const mentorshipSender =
  (handlers: MentorCapacityHandlers, config: PolicyConfig) =>
  async (demo: DemoCommand): Promise<Sent> => {
    const command: MentorshipCommand = decoded(mentorship.commands, demo)
    const context = { commandId: demo.commandId }
    if (command.type !== 'AcceptMentorship') {
      const result = await handlers.mentorship.handle(command, context)()
      if (E.isRight(result)) return result.right.written ? 'written' : 'unchanged'
      return failed(demo, result.left)
    }
    const result = await acceptMentorship(handlers, command, context, config)()
    if (E.isLeft(result)) return failed(demo, result.left)
    const { kind, acceptance } = result.right
    if (kind === 'refused') return result.right.rejection
    if (kind === 'pending' && result.right.failure !== undefined) return failed(demo, result.right.failure)
    return acceptance.written ? 'written' : 'unchanged'
  }

const progressBar = (total: number, enabled: boolean) => {
  if (!enabled || !process.stderr.isTTY) return { update: (_done: number) => undefined, stop: () => undefined }
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: 'seeding Belawan 2026 [{bar}] {value}/{total} commands', clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  )
  bar.start(total, 0)
  return {
    update: (done: number) => {
      bar.update(done)
    },
    stop: () => {
      bar.stop()
    },
  }
}

/** Deletes an SQLite file and the WAL files beside it (`--fresh`). */
export const removeSqliteFiles = (path: string): void => {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true })
}

/**
 * Seeds a Belawan year into the store through the command handlers and the reactor (never by writing raw events),
 * brings the standard read models up to date, and prints a summary: learning against the annual minimum by unit,
 * incentive-eligible ASN, complaint deadlines met and missed. Every command has a fixed id, so running it again on
 * the same store adds nothing.
 */
export const demoCommand = async (
  store: EventStore,
  readModels: ReadModelStore,
  options: DemoOptions,
  out: (line: string) => void,
): Promise<number> => {
  const { config } = options
  const random = seededRandom(options.seed)
  const people = demoPeople(random)
  const year = demoYear(random, people)
  // Every rule that depends on who someone is (the direct atasan, a mentor's rank) reads the demo's personnel registry.
  const directory = storeDirectory(store)
  const keyed = options.chainKeys === undefined ? {} : { chainKeys: options.chainKeys }
  const handlers = {
    mentorship: commandHandler({ ...keyed, store, aggregate: mentorship, config, directory }),
    mentor: commandHandler({ ...keyed, store, aggregate: mentorRoster, config }),
    competency: commandHandler({ ...keyed, store, aggregate: competency, config, directory }),
  }
  const send = {
    unit: sender(
      organisation.commands,
      commandHandler({ ...keyed, store, aggregate: organisation, config, directory }),
    ),
    asn: sender(personnel.commands, commandHandler({ ...keyed, store, aggregate: personnel, config, directory })),
    enrollment: sender(
      enrollment.commands,
      commandHandler({ ...keyed, store, aggregate: enrollment, config, directory }),
    ),
    mentorship: mentorshipSender(handlers, config),
    competency: sender(competency.commands, handlers.competency),
    // Complaints arrive with the complainant's name, contact and texts in clear, and are sealed on the way in.
    complaint: sender(
      ComplaintInput,
      sealingHandler(
        commandHandler({ ...keyed, store, aggregate: complaint, config }),
        complaintSealer(options.keys, rememberedSubjects(complaintSubjectFromStore(store))),
        input => complaint.streamName(input.data.complaintId),
      ),
    ),
  }
  const progress = progressBar(year.length, options.progress && !options.json)
  let written = 0
  let unchanged = 0
  const refused = new Map<string, number>()
  try {
    for (const [i, command] of year.entries()) {
      const outcome = await send[command.category](command)
      if (outcome === 'written') written++
      else if (outcome === 'unchanged') unchanged++
      else refused.set(outcome.code, (refused.get(outcome.code) ?? 0) + 1)
      if (i % 100 === 0) progress.update(i)
    }
  } finally {
    progress.stop()
  }
  const reacted = await startReactor({
    store,
    checkpoints: readModels,
    handlers,
    config,
    live: false,
  }).done
  const project = async <Doc extends JsonValue>(projection: Projection<Doc>): Promise<void> => {
    await startProjector({ events: store, readModels, projection, live: false }).done
  }
  // The standard read models (`standardReadModels`), each caught up.
  await project(offeringRosterProjection)
  await project(learningHoursProjection)
  await project(mentorLoadProjection)
  await project(competencyGapsProjection)
  await project(complaintBoardProjection)
  await project(personnelDirectoryProjection)

  // The summary, from the profiles and complaints as they stand.
  const units = new Map(demoUnits.map(([unit]) => [unit, { asn: 0, meetingMinimum: 0, eligible: 0 }]))
  let complaints = 0
  let missed = 0
  const missedComplaints = new Set<string>()
  let escalated = 0
  for await (const stream of replay(store, { config, categories: ['competency', 'complaint'] })) {
    if (stream.category === 'competency' && stream.state.status === 'registered') {
      const line = units.get(stream.state.employment.unit)
      if (line === undefined) continue
      const standing = incentiveEligibility(stream.state, 2026, config)
      line.asn++
      if (standing.creditedMinutes >= standing.minimumMinutes) line.meetingMinimum++
      if (standing.eligible) line.eligible++
    }
    if (stream.category === 'complaint' && stream.state.status !== 'not-filed') {
      complaints++
      const stages = Object.keys(stream.state.missed).length
      missed += stages
      if (stages > 0) missedComplaints.add(stream.streamName)
      if (stream.state.status === 'escalated') escalated++
    }
  }
  const registry = {
    units: year.filter(command => command.input.type === 'EstablishUnit').length,
    records: year.filter(command => command.input.type === 'AppointAsn').length,
  }
  const summary = {
    commands: { total: year.length, written, unchanged, refused: Object.fromEntries(refused) },
    registry,
    reactor: { sent: reacted.sent, parked: reacted.parked },
    chainKey: options.chainKeys?.current.id ?? null,
    units: Object.fromEntries(units),
    complaints: {
      total: complaints,
      deadlinesMet: complaints - missedComplaints.size,
      deadlinesMissed: missed,
      escalated,
    },
  }
  if (options.json) out(JSON.stringify(summary, null, 2))
  else {
    out(
      `Belawan 2026 (seed ${options.seed}): ${people.length} ASN, ${year.length} commands through the command handlers`,
    )
    out(
      `  ${written} written now, ${unchanged} already there${refused.size === 0 ? '' : `, refused by the deciders: ${[...refused].map(([code, n]) => `${n} ${code}`).join(', ')}`}`,
    )
    out(
      `  the personnel registry holds ${registry.units} units and ${registry.records} ASN records: every direct atasan a rule needs is read from it`,
    )
    out(
      `  the reactor sent ${reacted.sent} policy commands (credits, recommendations, mentor places)${reacted.parked === 0 ? '' : `, parked ${reacted.parked}`}`,
    )
    if (options.chainKeys !== undefined)
      out(
        `  every event written now carries a MAC under chain key ${options.chainKeys.current.id}: audit with --chain-keys`,
      )
    out('')
    out('Learning in 2026 against the annual minimum (20 JP PNS, 24 JP PPPK) and the development incentive, by unit')
    for (const [unit, line] of units)
      out(
        `  ${unit.padEnd(36)} ${String(line.meetingMinimum).padStart(3)} of ${String(line.asn).padStart(3)} ASN at the minimum, ${String(line.eligible).padStart(3)} eligible for the incentive`,
      )
    out('')
    out(
      `Complaints: ${complaints} filed; ${complaints - missedComplaints.size} handled within every deadline, ${missedComplaints.size} with a missed deadline (${missed} stages), ${escalated} escalated to the Ombudsman`,
    )
    out('')
    out('Next:')
    out('  pnpm pembina audit                                        # verify every chain and the rules across streams')
    out('  pnpm pembina replay --as-of 2026-06-30T23:59:59+07:00     # every stream as it stood at mid-year')
    out('  pnpm pembina export --to belawan-2026.jsonl               # every event, ids and hashes kept')
  }
  return exitCodes.ok
}
