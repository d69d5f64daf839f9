// The commands both benchmarks are built from: one training offering of Puskesmas Belawan's staff per stream, opened,
// four places requested and approved by their atasan, then started: ten commands, ten events.
import {
  type Actor,
  chainKeyring,
  commandHandler,
  stateCache,
  type EnrollmentState,
  type CommandHandler,
  type EnrollmentCommand,
  type EnrollmentEvent,
  type EnrollmentRejection,
  type EventStore,
  defaultPolicy,
  enrollment,
  instant,
  localDate,
  type Nip,
  nip,
} from '@pembina/core'

/** Commands handled per offering: open, 4 × request, 4 × approve, start. */
export const commandsPerOffering = 10

const kepala = nip('196608011988031001')
const staff: readonly Nip[] = [
  nip('199203152019032004'),
  nip('198507122010011002'),
  nip('199001012015031003'),
  nip('198811222012122001'),
]
const admin: Actor = { kind: 'asn', nip: nip('197505052000031004'), roles: ['asn', 'admin-pelatihan'] }
const atasan: Actor = { kind: 'asn', nip: kepala, roles: ['asn', 'atasan'] }
const opened = instant('2026-02-02T09:00:00+07:00')
const requested = instant('2026-02-10T10:00:00+07:00')
const approved = instant('2026-02-12T14:00:00+07:00')
const started = instant('2026-03-02T08:00:00+07:00')

/** The offering id of the i-th offering: `bench-000042`. */
export const offeringIdOf = (index: number): string => `bench-${String(index).padStart(6, '0')}`

const participant = (step: number): Nip => staff[step % staff.length] ?? kepala

/** One command of the workload and the command id a client would give it. */
export interface WorkloadCommand {
  readonly command: EnrollmentCommand
  readonly commandId: string
}

/** The `step`-th command (0 to 9) of an offering, and the command id a client would give it. */
export const offeringCommand = (index: number, step: number): WorkloadCommand => {
  const offeringId = offeringIdOf(index)
  const commandId = `${offeringId}/${step}`
  if (step === 0)
    return {
      commandId,
      command: {
        type: 'OpenOffering',
        at: opened,
        actor: admin,
        data: {
          offeringId,
          title: 'Pelatihan Pelayanan Prima Puskesmas, Angkatan 2026',
          provider: 'BKPSDM Kota Medan',
          venue: 'Aula Kantor Camat Medan Belawan',
          form: 'pelatihan-teknis',
          competency: { type: 'teknis', code: 'T.KES.07' },
          jp: 24,
          capacity: 30,
          schedule: { start: localDate('2026-03-02'), end: localDate('2026-03-06') },
        },
      },
    }
  if (step <= staff.length) {
    const who = participant(step - 1)
    const actor: Actor = { kind: 'asn', nip: who, roles: ['asn'] }
    return {
      commandId,
      command: { type: 'RequestPlace', at: requested, actor, data: { offeringId, nip: who, atasanNip: kepala } },
    }
  }
  if (step <= 2 * staff.length)
    return {
      commandId,
      command: {
        type: 'ApprovePlace',
        at: approved,
        actor: atasan,
        data: { offeringId, nip: participant(step - 1 - staff.length) },
      },
    }
  return { commandId, command: { type: 'StartOffering', at: started, actor: admin, data: { offeringId } } }
}

/** The enrollment command handler over a store, as an application builds it, with or without a state cache. */
export const enrollmentHandler = (
  store: EventStore,
  cache = false,
  verifyOnLoad = false,
  chainKeyed = false,
): CommandHandler<EnrollmentCommand, EnrollmentEvent, EnrollmentRejection> =>
  commandHandler({
    store,
    aggregate: enrollment,
    config: defaultPolicy,
    verifyOnLoad,
    ...(cache ? { cache: stateCache<EnrollmentState>() } : {}),
    ...(chainKeyed ? { chainKeys: benchChainKeys } : {}),
  })

/** The chain key of the benchmark's keyed runs: 32 fixed bytes, as a deployment would read 32 random ones. */
export const benchChainKeys = chainKeyring({ current: { id: 'bench-1', secret: Buffer.alloc(32, 0x5a) } })

/**
 * The workload's commands in the order every side handles them: command k of every offering, then k + 1. Built
 * before a side's clock starts, so every side is handed the same command objects.
 */
export const workloadCommands = (offerings: number): readonly WorkloadCommand[] =>
  Array.from({ length: commandsPerOffering * offerings }, (_, i) =>
    offeringCommand(i % offerings, Math.floor(i / offerings)),
  )

/** The stream of the i-th offering: `enrollment-bench-000042`. */
export const offeringStream = (index: number): string => enrollment.streamOf(offeringCommand(index, 0).command)

/** Handles one command and throws unless it wrote events: a benchmark must not time failures. */
export const handleOrThrow = async (
  handler: CommandHandler<EnrollmentCommand, EnrollmentEvent, EnrollmentRejection>,
  { command, commandId }: WorkloadCommand,
): Promise<void> => {
  const outcome = await handler.handle(command, { commandId })()
  if (outcome._tag === 'Left') throw new Error(`${commandId} failed: ${JSON.stringify(outcome.left)}`)
  if (!outcome.right.written) throw new Error(`${commandId} wrote nothing`)
}
