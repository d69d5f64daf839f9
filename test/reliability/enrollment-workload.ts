// The crash test's workload: offering after offering, each run from opening to closing through the enrollment
// handler, with commands of one event and commands of several (starting declines pending places, concluding ends
// every approved place), so a kill can land inside a multi-event append.
import * as t from 'io-ts'
import {
  type Actor,
  type CommandHandler,
  commandHandler,
  defaultPolicy,
  enrollment,
  type EnrollmentCommand,
  type EnrollmentEvent,
  type EnrollmentRejection,
  type EventStore,
  instant,
  localDate,
  type Nip,
  nip,
} from '@pembina/core'

/** A command of the workload, the id it is sent under and how many events it appends. */
export interface EnrollmentStep {
  readonly commandId: string
  readonly command: EnrollmentCommand
  readonly events: number
}

const admin: Actor = { kind: 'asn', nip: nip('197505052000031004'), roles: ['asn', 'admin-pelatihan'] }
const atasanNip = nip('196608011988031001')
const atasan: Actor = { kind: 'asn', nip: atasanNip, roles: ['asn', 'atasan'] }
const capacity = 5
/** Ten ASN of Kecamatan Medan Belawan who request a place in every offering; the first five are approved. */
export const participants: readonly Nip[] = Array.from({ length: 10 }, (_, i) =>
  nip(`199001${String(i + 10)}2015031${String(i + 1).padStart(3, '0')}`),
)

/** The stream of an offering. */
export const offeringStream = (offeringId: string): string => enrollment.streamName(offeringId)

/** The id of the `k`-th offering the crash writer runs. */
export const crashOfferingId = (k: number): string => `crash-${k}`

/** Opening an offering of two session days, 2 and 3 March 2026, with five places. */
export const openOffering = (offeringId: string): EnrollmentCommand => ({
  type: 'OpenOffering',
  at: instant('2026-02-02T09:00:00+07:00'),
  actor: admin,
  data: {
    ...{ offeringId, title: 'Pelayanan Publik Prima', provider: 'BKPSDM Kota Medan', venue: 'Aula Kantor Camat' },
    ...{ form: 'pelatihan-teknis', competency: { type: 'manajerial', code: 'M.01' }, jp: 16, capacity },
    schedule: { start: localDate('2026-03-02'), end: localDate('2026-03-03') },
  },
})

/** A participant asks for a place in an offering. */
export const requestPlace = (offeringId: string, participant: Nip): EnrollmentCommand => ({
  type: 'RequestPlace',
  at: instant('2026-02-10T10:00:00+07:00'),
  actor: { kind: 'asn', nip: participant, roles: ['asn'] },
  data: { offeringId, nip: participant, atasanNip },
})

/** Every command of one offering's life, in order: 24 commands, 33 events. */
export const offeringSteps = (k: number): readonly EnrollmentStep[] => {
  const offeringId = crashOfferingId(k)
  const id = (name: string): string => `${offeringId}-${name}`
  const approved = participants.slice(0, capacity)
  return [
    { commandId: id('open'), command: openOffering(offeringId), events: 1 },
    ...participants.map((p, i) => ({ commandId: id(`request-${i}`), command: requestPlace(offeringId, p), events: 1 })),
    ...approved.map((p, i) => ({
      commandId: id(`approve-${i}`),
      command: {
        type: 'ApprovePlace',
        at: instant('2026-02-12T10:00:00+07:00'),
        actor: atasan,
        data: { offeringId, nip: p },
      } satisfies EnrollmentCommand,
      events: 1,
    })),
    {
      commandId: id('start'),
      command: { type: 'StartOffering', at: instant('2026-03-02T08:00:00+07:00'), actor: admin, data: { offeringId } },
      events: 1 + participants.length - capacity,
    },
    ...approved.map((p, i) => ({
      commandId: id(`attend-${i}`),
      command: {
        type: 'RecordAttendance',
        at: instant('2026-03-02T16:00:00+07:00'),
        actor: admin,
        data: { offeringId, nip: p, date: localDate('2026-03-02'), present: true },
      } satisfies EnrollmentCommand,
      events: 1,
    })),
    {
      commandId: id('conclude'),
      command: { type: 'ConcludePlace', at: instant('2026-03-03T16:00:00+07:00'), actor: admin, data: { offeringId } },
      events: capacity,
    },
    {
      commandId: id('close'),
      command: { type: 'CloseOffering', at: instant('2026-03-03T17:00:00+07:00'), actor: admin, data: { offeringId } },
      events: 1,
    },
  ]
}

/** The step a crash-writer command id names, or undefined for an id the workload never sends. */
export const stepOf = (commandId: string): EnrollmentStep | undefined => {
  const k = /^crash-(\d+)-/.exec(commandId)?.[1]
  return k === undefined ? undefined : offeringSteps(Number(k)).find(step => step.commandId === commandId)
}

/** A command handler for offerings on `store`. */
export const enrollmentHandler = (
  store: EventStore,
): CommandHandler<EnrollmentCommand, EnrollmentEvent, EnrollmentRejection> =>
  commandHandler({ store, aggregate: enrollment, config: defaultPolicy })

/** The line the crash writer prints once a command is handled: what the caller was told. */
export const Acknowledgement = t.type({ commandId: t.string, written: t.boolean, eventIds: t.array(t.string) })
/** What the crash writer was told about a handled command. */
export type Acknowledgement = t.TypeOf<typeof Acknowledgement>
