// What the reactor tests write and read: completed training places through the real enrollment handler, profiles
// registered through the competency handler, and the credits a profile holds, each with the metadata it was written
// with.
import * as E from 'fp-ts/lib/Either.js'
import {
  type Actor,
  type ChainKeyring,
  competency,
  type CompetencyEvent,
  commandHandler,
  defaultPolicy,
  enrollment,
  type EnrollmentCommand,
  type EventMetadata,
  EventMetadata as EventMetadataCodec,
  type EventStore,
  formatHandleFailure,
  instant,
  localDate,
  mentorRoster,
  mentorship,
  type Nip,
  nip,
  type PolicyConfig,
  StreamNotFoundError,
} from '@pembina/core'
import { inMemoryReadModelStore, type ReactorHandlers, startReactor } from '@pembina/projections'
import { sqliteEventStore } from '@pembina/sqlite'

const admin: Actor = { kind: 'asn', nip: nip('197505052000031004'), roles: ['asn', 'admin-pelatihan'] }
const atasanNip = nip('196608011988031001')
const atasan: Actor = { kind: 'asn', nip: atasanNip, roles: ['asn', 'atasan'] }
const pyb: Actor = { kind: 'asn', nip: atasanNip, roles: ['asn', 'pyb'] }

/** The i-th of a pool of distinct, valid NIPs (born 1980–1999, appointed 2005–2024, PNS, sequence from 001). */
export const staffNip = (i: number): Nip => {
  const born = `${1980 + (i % 20)}0${1 + (i % 9)}1${i % 10}`
  const appointed = `${2005 + (i % 20)}0${1 + (i % 9)}`
  return nip(`${born}${appointed}${1 + (i % 2)}${String(1 + Math.floor(i / 20)).padStart(3, '0')}`)
}

/** The handlers a reactor sends its commands to, over one store: every aggregate a standard policy writes to. */
export const reactorHandlers = (store: EventStore, config: PolicyConfig = defaultPolicy, chainKeys?: ChainKeyring) => {
  const keyed = chainKeys === undefined ? {} : { chainKeys }
  return {
    competency: commandHandler({ store, aggregate: competency, config, ...keyed }),
    mentorship: commandHandler({ store, aggregate: mentorship, config, ...keyed }),
    mentor: commandHandler({ store, aggregate: mentorRoster, config, ...keyed }),
  } satisfies ReactorHandlers
}

/** Registers a profile for each NIP; with `exceptRegistered`, a profile already registered is left as it is. */
export const registerProfiles = async (
  store: EventStore,
  nips: readonly Nip[],
  exceptRegistered = false,
  chainKeys?: ChainKeyring,
): Promise<void> => {
  const keyed = chainKeys === undefined ? {} : { chainKeys }
  const profiles = commandHandler({ store, aggregate: competency, config: defaultPolicy, ...keyed })
  for (const who of nips) {
    const result = await profiles.handle(
      {
        type: 'RegisterProfile',
        at: instant('2025-01-02T08:00:00+07:00'),
        actor: pyb,
        data: {
          nip: who,
          employeeType: 'PNS',
          unit: 'Puskesmas Belawan',
          position: { kind: 'pelaksana' },
          positionTitle: 'Pengadministrasi Umum',
        },
      },
      { commandId: `register-${who}` },
    )()
    if (E.isLeft(result) && !(exceptRegistered && result.left.kind === 'rejected'))
      throw new Error(`registering ${who}: ${formatHandleFailure(result.left)}`)
  }
}

/**
 * Runs a one-day offering to the end with every NIP attending: its conclusion writes one PlaceCompleted per
 * participant (each a credit of 8 JP to come). At most 30 participants (the offering's capacity).
 */
export const completePlaces = async (
  store: EventStore,
  offeringId: string,
  nips: readonly Nip[],
  chainKeys?: ChainKeyring,
): Promise<void> => {
  const keyed = chainKeys === undefined ? {} : { chainKeys }
  const offerings = commandHandler({ store, aggregate: enrollment, config: defaultPolicy, ...keyed })
  const day = localDate('2026-03-02')
  const commands: EnrollmentCommand[] = [
    {
      type: 'OpenOffering',
      at: instant('2026-02-02T09:00:00+07:00'),
      actor: admin,
      data: {
        offeringId,
        title: `Pelatihan Pelayanan Prima ${offeringId}`,
        provider: 'BKPSDM Kota Medan',
        venue: 'Aula Kantor Camat Medan Belawan',
        form: 'pelatihan-teknis',
        competency: { type: 'teknis', code: 'T.KES.07' },
        jp: 8,
        capacity: 30,
        schedule: { start: day, end: day },
      },
    },
    ...nips.map((who): EnrollmentCommand => ({
      type: 'RequestPlace',
      at: instant('2026-02-10T10:00:00+07:00'),
      actor: { kind: 'asn', nip: who, roles: ['asn'] },
      data: { offeringId, nip: who, atasanNip },
    })),
    ...nips.map((who): EnrollmentCommand => ({
      type: 'ApprovePlace',
      at: instant('2026-02-12T14:00:00+07:00'),
      actor: atasan,
      data: { offeringId, nip: who },
    })),
    { type: 'StartOffering', at: instant('2026-03-02T08:00:00+07:00'), actor: admin, data: { offeringId } },
    ...nips.map((who): EnrollmentCommand => ({
      type: 'RecordAttendance',
      at: instant('2026-03-02T16:00:00+07:00'),
      actor: admin,
      data: { offeringId, nip: who, date: day, present: true },
    })),
    { type: 'ConcludePlace', at: instant('2026-03-02T17:00:00+07:00'), actor: admin, data: { offeringId } },
  ]
  let index = 0
  for (const command of commands) {
    const result = await offerings.handle(command, { commandId: `${offeringId}/${index++}` })()
    if (E.isLeft(result)) throw new Error(`${offeringId} ${command.type}: ${formatHandleFailure(result.left)}`)
  }
}

/** A profile's events with their metadata; none when it has no stream. */
export const profileEvents = async (
  store: EventStore,
  who: Nip,
): Promise<readonly { readonly event: CompetencyEvent; readonly metadata: EventMetadata }[]> => {
  const found: { event: CompetencyEvent; metadata: EventMetadata }[] = []
  try {
    for await (const record of store.readStream(competency.streamName(who))) {
      if (record.kind === 'corrupt') throw new Error(`corrupt record in ${record.streamName}`)
      const event = competency.events.decode({ type: record.type, data: record.data, schemaVersion: 1 })
      const metadata = EventMetadataCodec.decode(record.metadata)
      if (E.isLeft(event) || E.isLeft(metadata)) throw new Error(`undecodable record in ${record.streamName}`)
      found.push({ event: event.right, metadata: metadata.right })
    }
  } catch (error) {
    if (error instanceof StreamNotFoundError) return []
    throw error
  }
  return found
}

/** The training credits of a profile, by offering id. */
export const trainingCredits = async (store: EventStore, who: Nip): Promise<readonly string[]> =>
  (await profileEvents(store, who)).flatMap(({ event }) =>
    event.type === 'LearningCredited' && event.data.source.kind === 'training' ? [event.data.source.offeringId] : [],
  )

/**
 * An SQLite file holding the profiles of `staff`, one completed one-day offering per id with all of them taking part,
 * and the reactor's credits for every place (its checkpoint kept in memory, so nothing else is in the file).
 */
export const writeCreditedHistory = async (
  file: string,
  staff: readonly Nip[],
  offeringIds: readonly string[],
  chainKeys?: ChainKeyring,
): Promise<void> => {
  const store = sqliteEventStore({ path: file })
  await registerProfiles(store, staff, false, chainKeys)
  for (const offeringId of offeringIds) await completePlaces(store, offeringId, staff, chainKeys)
  await startReactor({
    store,
    checkpoints: inMemoryReadModelStore(),
    handlers: reactorHandlers(store, defaultPolicy, chainKeys),
    config: defaultPolicy,
    live: false,
  }).done
  await store.close()
}
