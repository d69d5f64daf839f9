// The concurrency workload: five competency profiles (streams), and assessments that each append one event.
import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import {
  type Actor,
  type CommandHandler,
  type CompetencyCommand,
  type CompetencyEvent,
  type CompetencyRejection,
  type EventStore,
  commandHandler,
  competency,
  defaultPolicy,
  formatHandleFailure,
  type HandleFailure,
  type HandleResult,
  instant,
  type Nip,
  nip,
} from '@pembina/core'

/** The five ASN whose profiles every worker writes to. */
export const profileNips: readonly Nip[] = [
  nip('199001152015031002'),
  nip('199203202016032001'),
  nip('198805102012031003'),
  nip('199107072017032002'),
  nip('198512252010011004'),
]

/** The stream of a competency profile. */
export const profileStream = (subject: Nip): string => competency.streamName(subject)

const pyb: Actor = { kind: 'asn', nip: nip('196608011988031001'), roles: ['asn', 'pyb'] }
const assessor: Actor = { kind: 'asn', nip: nip('198001012005011003'), roles: ['asn', 'assessor'] }
const at = instant('2026-03-02T09:00:00+07:00')

/** The registration a profile starts with (one event). */
export const registerProfile = (subject: Nip): CompetencyCommand => ({
  type: 'RegisterProfile',
  at,
  actor: pyb,
  data: {
    nip: subject,
    employeeType: 'PNS',
    unit: 'Kecamatan Medan Belawan',
    position: { kind: 'pelaksana' },
    positionTitle: 'Pengadministrasi Umum',
    rank: 'II/c',
  },
})

/** An assessment of a registered profile: a new assessment id always appends exactly one event. */
export const assessCompetency = (subject: Nip, assessmentId: string, level: number): CompetencyCommand => ({
  type: 'AssessCompetency',
  at,
  actor: assessor,
  data: { nip: subject, assessmentId, competency: { type: 'manajerial', code: 'M.01' }, level },
})

/** A command to send and the id it is sent under. */
export interface WorkloadCommand {
  readonly commandId: string
  readonly command: CompetencyCommand
}

const pick = (index: number): Nip => profileNips[index % profileNips.length] ?? nip('199001152015031002')

/** The `index`-th command of a worker, its own: each worker starts on a different stream. */
export const workerCommand = (worker: number, index: number): WorkloadCommand => {
  const commandId = `w${worker}-c${index}`
  return { commandId, command: assessCompetency(pick(index + worker), commandId, (index % 5) + 1) }
}

/** A command every worker sends under the same id, at about the same moment. */
export const sharedCommand = (index: number): WorkloadCommand => {
  const commandId = `shared-${index}`
  return { commandId, command: assessCompetency(pick(index), commandId, (index % 5) + 1) }
}

/** A command handler for competency profiles on `store`. */
export const competencyHandler = (
  store: EventStore,
): CommandHandler<CompetencyCommand, CompetencyEvent, CompetencyRejection> =>
  commandHandler({ store, aggregate: competency, config: defaultPolicy })

/** What a handled command came to, as a worker reports it. */
export const Outcome = t.keyof({
  written: null,
  already: null,
  unchanged: null,
  rejected: null,
  conflict: null,
  unavailable: null,
  'corrupt-stream': null,
  'invalid-event': null,
})
/** What a handled command came to. */
export type Outcome = t.TypeOf<typeof Outcome>

/** One line a worker writes per command it sent. */
export const CommandReport = t.type({
  commandId: t.string,
  kind: t.keyof({ own: null, shared: null, resend: null }),
  outcome: Outcome,
  eventIds: t.array(t.string),
  attempts: t.number,
  detail: t.string,
})
/** One line a worker writes per command it sent. */
export type CommandReport = t.TypeOf<typeof CommandReport>

/** The report of a handled command. */
export const reportOf = (
  commandId: string,
  kind: CommandReport['kind'],
  result: E.Either<HandleFailure<CompetencyRejection>, HandleResult<CompetencyEvent>>,
): CommandReport => {
  if (E.isLeft(result)) {
    const detail = formatHandleFailure(result.left)
    const attempts = result.left.kind === 'conflict' ? result.left.attempts : 0
    return { commandId, kind, outcome: result.left.kind, eventIds: [], attempts, detail }
  }
  const { written, events, attempts } = result.right
  const outcome: Outcome = written ? 'written' : events.length > 0 ? 'already' : 'unchanged'
  return { commandId, kind, outcome, eventIds: events.map(e => e.metadata.eventId), attempts, detail: '' }
}
