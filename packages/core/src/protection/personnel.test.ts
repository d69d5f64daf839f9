import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { commandHandler } from '../application/handling/command-handler.js'
import { inMemoryEventStore } from '../application/in-memory/index.js'
import { inMemoryKeyStore } from '../application/personal-data/in-memory-key-store.js'
import { sealingHandler } from '../application/personal-data/sealing-handler.js'
import { replayedEventOf } from '../audit/replayed-event.js'
import { eraseSubject } from '../application/personal-data/sealing.js'
import { decodeWith, formatDecodeFailure } from '../kernel/decode.js'
import type { EventStore, StoredEvent } from '../kernel/event-store.js'
import { asnSubjectId, initialPersonnelState, personnel, type PersonnelState } from '../personnel/index.js'
import type { Actor } from '../shared/actor.js'
import { nip } from '../shared/nip.js'
import { defaultPolicy } from '../shared/policy-config.js'
import { type Instant, instant, localDate } from '../shared/time.js'
import { openPersonalDetails, PersonnelInput, personnelSealer } from './personnel.js'

// A nurse at Puskesmas Belawan, registered by BKPSDM's pyb with her NIK and phone.
const sari = nip('199203152019032004')
const pyb: Actor = { kind: 'asn', nip: nip('197001011995031001'), roles: ['asn', 'pyb'] }
const nik = '1271055503920002'
const phone = '081265554321'
const newPhone = '+6281377788899'
const on = (text: string): Instant => instant(`${text}+07:00`)
const access = { who: '196608011988031001', purpose: 'verifikasi data kepegawaian', at: '2026-03-02T09:00:00+07:00' }

const appoint = (details: { readonly nik?: string; readonly phone?: string }): PersonnelInput => ({
  type: 'AppointAsn',
  at: on('2026-01-05T09:00:00'),
  actor: pyb,
  data: {
    nip: sari,
    employeeType: 'PNS',
    rank: 'III/a',
    unitId: 'puskesmas-belawan',
    positionId: 'perawat',
    effectiveOn: localDate('2019-03-01'),
    ...details,
  },
})

const stream = personnel.streamName(sari)

const setUp = () => {
  const store = inMemoryEventStore()
  const keys = inMemoryKeyStore()
  const handler = sealingHandler(
    commandHandler({ store, aggregate: personnel, config: defaultPolicy }),
    personnelSealer(keys),
    input => personnel.streamName(input.data.nip),
  )
  let n = 0
  const send = (input: PersonnelInput) => handler.handle(input, { commandId: `command-${++n}` })()
  return { store, keys, send }
}

const eventsOf = async (store: EventStore): Promise<readonly StoredEvent[]> => {
  const events: StoredEvent[] = []
  for await (const record of store.readStream(stream)) if (record.kind === 'event') events.push(record)
  return events
}

const recordOf = async (store: EventStore): Promise<PersonnelState> => {
  const decider = personnel.decider(defaultPolicy)
  let state = initialPersonnelState
  for (const stored of await eventsOf(store)) {
    const replayed = replayedEventOf(stored, personnel.events)
    if (E.isLeft(replayed)) throw new Error(`an event of ${stream} does not replay: ${replayed.left}`)
    state = decider.evolve(state, replayed.right.event)
  }
  return state
}

/** The stream as text, as a store would keep it: each event's type, data and metadata. */
const storedText = async (store: EventStore): Promise<string> =>
  JSON.stringify((await eventsOf(store)).map(({ type, data, metadata }) => ({ type, data, metadata })))

/** Every way a clear value could show in a stored text: as it is, in base64, in hex. */
const traces = (clear: string): readonly string[] => [
  clear,
  Buffer.from(clear).toString('base64'),
  Buffer.from(clear).toString('hex'),
]

describe("the personnel sealer: an ASN's NIK and phone, sealed for the ASN", () => {
  it('writes events that hold only envelopes for asn-<nip>, never the clear NIK or phone', async () => {
    const { store, send } = setUp()
    expect(E.isRight(await send(appoint({ nik, phone })))).toBe(true)
    const [appointed] = await eventsOf(store)
    expect(appointed?.data).toMatchObject({
      nik: { subjectId: asnSubjectId(sari), algorithm: 'AES-256-GCM' },
      phone: { subjectId: asnSubjectId(sari), algorithm: 'AES-256-GCM' },
    })
    const written = await storedText(store)
    for (const trace of [...traces(nik), ...traces(phone), ...traces(phone.slice(1))])
      expect(written).not.toContain(trace)
  })

  it('opens the latest NIK and phone of the record, logging each opening, and after erasure says erased', async () => {
    const { store, keys, send } = setUp()
    await send(appoint({ nik, phone }))
    const update: PersonnelInput = {
      type: 'UpdatePersonalDetails',
      at: on('2026-02-01T10:00:00'),
      actor: pyb,
      data: { nip: sari, phone: newPhone },
    }
    expect(E.isRight(await send(update))).toBe(true)
    expect(await storedText(store)).not.toContain(newPhone.slice(3))
    const record = await recordOf(store)
    if (record.status === 'none') throw new Error('Sari is registered')

    expect(await openPersonalDetails(keys, record, access)()).toEqual(
      E.right({ nik: { kind: 'clear', text: nik }, phone: { kind: 'clear', text: newPhone } }),
    )
    const opened = await keys.openings({ subjectId: asnSubjectId(sari) })()
    expect(opened).toEqual(
      E.right([
        expect.objectContaining({ field: 'nik', who: access.who, purpose: access.purpose, outcome: 'opened' }),
        expect.objectContaining({ field: 'phone', who: access.who, purpose: access.purpose, outcome: 'opened' }),
      ]),
    )
    // The log names the field, never its value.
    expect(JSON.stringify(opened)).not.toContain(nik)

    await eraseSubject(keys, asnSubjectId(sari), '2026-03-03T09:00:00+07:00')()
    expect(await openPersonalDetails(keys, record, { ...access, at: '2026-03-04T09:00:00+07:00' })()).toEqual(
      E.right({
        nik: { kind: 'erased', subjectId: asnSubjectId(sari), erasedAt: '2026-03-03T09:00:00+07:00' },
        phone: { kind: 'erased', subjectId: asnSubjectId(sari), erasedAt: '2026-03-03T09:00:00+07:00' },
      }),
    )
    const afterErasure = await keys.openings({ subjectId: asnSubjectId(sari) })()
    expect(E.map((all: readonly { readonly outcome: string }[]) => all.map(o => o.outcome))(afterErasure)).toEqual(
      E.right(['opened', 'opened', 'erased', 'erased']),
    )
    // Nothing new is sealed for an erased ASN: the command is not handled, and nothing is written.
    expect(await send({ ...update, at: on('2026-03-05T10:00:00') })).toEqual(
      E.left(expect.objectContaining({ kind: 'not-sealed', reason: 'subject-erased', streamName: stream })),
    )
    expect(await eventsOf(store)).toHaveLength(2)
  })

  it('answers absent for a detail never recorded, and logs no opening of it', async () => {
    const { store, keys, send } = setUp()
    await send(appoint({ nik }))
    const record = await recordOf(store)
    if (record.status === 'none') throw new Error('Sari is registered')
    expect(await openPersonalDetails(keys, record, access)()).toEqual(
      E.right({ nik: { kind: 'clear', text: nik }, phone: { kind: 'absent' } }),
    )
    expect(E.map((all: readonly unknown[]) => all.length)(await keys.openings()())).toEqual(E.right(1))
  })

  it('passes the commands without personal data unchanged, and seals nothing for them', async () => {
    const keys = inMemoryKeyStore()
    const promote: PersonnelInput = {
      type: 'PromoteAsn',
      at: on('2026-04-01T09:00:00'),
      actor: pyb,
      data: { nip: sari, rank: 'III/b', effectiveOn: localDate('2026-04-01') },
    }
    expect(await personnelSealer(keys)(promote)()).toEqual(E.right(promote))
    const appointment = await personnelSealer(keys)(appoint({}))()
    expect(appointment).toEqual(E.right(appoint({})))
  })

  it('refuses a NIK that is not 16 digits, or a phone that is not an Indonesian number, naming the field', () => {
    const decode = (details: { readonly nik?: string; readonly phone?: string }) =>
      E.mapLeft(formatDecodeFailure)(decodeWith(PersonnelInput)(appoint(details)))
    expect(decode({ nik: '127105550392000' })).toEqual(
      E.left(expect.stringContaining('data.nik must be a NIK of exactly 16 digits')),
    )
    expect(decode({ nik: '12710555O392000A' })).toEqual(
      E.left(expect.stringContaining('data.nik must be a NIK of exactly 16 digits')),
    )
    expect(decode({ phone: 'O81265554321' })).toEqual(
      E.left(expect.stringContaining('data.phone must be an Indonesian phone number')),
    )
    expect(decode({ phone: '0812' })).toEqual(E.left(expect.stringContaining('data.phone')))
    expect(E.isRight(decodeWith(PersonnelInput)(appoint({ nik, phone: newPhone })))).toBe(true)
  })
})
